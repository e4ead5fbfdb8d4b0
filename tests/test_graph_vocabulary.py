"""Reading the curated vocabulary for the graph stage (kg.graph.vocabulary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.graph.vocabulary import VocabEntry, as_entries, default_vocabulary, read_vocabulary


def test_reads_every_jsonl_file_of_a_directory_sorted_by_id(tmp_path: Path):
    (tmp_path / "b.jsonl").write_text(
        '{"id": "m:ppo", "label": "PPO", "type": "Method", "aliases": ["PPO-clip"],'
        ' "broader": ["m:pg"], "source": "arXiv:1707.06347"}\n\n',
        encoding="utf-8",
    )
    (tmp_path / "a.jsonl").write_text(
        '{"id": "m:pg", "label": "policy gradient", "type": "Method"}\n', encoding="utf-8"
    )
    assert read_vocabulary(tmp_path) == [
        VocabEntry(id="m:pg", label="policy gradient", type="Method"),
        VocabEntry(
            id="m:ppo",
            label="PPO",
            type="Method",
            aliases=("PPO-clip",),
            broader=("m:pg",),
            source="arXiv:1707.06347",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{not json\n", "not JSON"), ('["a list"]\n', "not a JSON object")],
)
def test_bad_line_names_file_and_line(tmp_path: Path, text: str, reason: str):
    path = tmp_path / "v.jsonl"
    path.write_text('{"id": "x", "label": "X"}\n' + text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_vocabulary(path)
    assert info.value.line == 2 and info.value.file == str(path)
    assert reason in info.value.reason


def test_objects_and_dicts_are_adapted_and_incomplete_entries_left_out():
    class Entry:
        id, label, type, aliases, broader, source = "d:x", "X", "Dataset", ["X1"], [], "s"

    got = as_entries([Entry(), {"id": "d:y"}, {"label": "no id"}])
    assert got == [VocabEntry(id="d:x", label="X", type="Dataset", aliases=("X1",), source="s")]


def test_shipped_vocabulary_has_broader_links():
    vocab = {e.id: e for e in default_vocabulary()}
    assert vocab, "ontology/vocab/*.jsonl is shipped"
    assert all(b in vocab for e in vocab.values() for b in e.broader)
