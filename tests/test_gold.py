"""The hand-annotated seed development sets: well-formed, tied to the bundled corpus, grounded.

``benchmarks/gold/seed_dev.jsonl``, ``seed_dev2.jsonl`` and ``seed_dev3.jsonl`` are gold
standards the extractor is scored against, so a broken record (a name that is not in the
abstract, an id the ingest stage never assigns, a fifth type) would silently distort every
reported F1. These tests read the files back as ``kg evaluate`` does and check each record
against the papers the ingest stage reads from the bundled corpus.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import kg.ingest
from kg.model import CONCEPT_TYPES, Paper

GOLD_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
#: each gold file and the corpus position of its first paper (every 6th paper from there)
GOLDS: dict[str, int | None] = {
    "seed_dev.jsonl": 0,
    "seed_dev2.jsonl": 3,
    "seed_dev3.jsonl": 1,
    "bundled_rest.jsonl": None,  # the papers of no seed set
}
RESULT_KEYS = {"metric", "value", "dataset", "method"}


def _load_records(name: str) -> list[dict[str, Any]]:
    records = []
    text = (GOLD_DIR / name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        assert line.strip(), f"{name}:{number}: blank line"
        record = json.loads(line)
        assert isinstance(record, dict), f"{name}:{number}: not an object"
        records.append(record)
    return records


BY_FILE = {name: _load_records(name) for name in GOLDS}
RECORDS = [r for records in BY_FILE.values() for r in records]


def _make_ids() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_ids", GOLD_DIR / "make_ids.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> dict[str, Paper]:
    """The bundled corpus as the ingest stage reads it, by paper id."""
    if not hasattr(kg.ingest, "read_papers") or not hasattr(kg.ingest, "default_corpus"):
        pytest.skip("kg.ingest.read_papers / default_corpus not available yet")
    return {p.id: p for p in kg.ingest.read_papers(kg.ingest.default_corpus())}


def _record_ids() -> list[str]:
    return [r.get("id", f"<record {i}>") for i, r in enumerate(RECORDS, start=1)]


def _alternatives(name: str) -> list[str]:
    return [alt.strip() for alt in name.split("|")]


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


@pytest.mark.parametrize("name", GOLDS)
def test_enough_records_with_unique_ids(name: str) -> None:
    ids = [r["id"] for r in BY_FILE[name]]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("title:") and len(i) == len("title:") + 16 for i in ids)


@pytest.mark.parametrize("record", RECORDS, ids=_record_ids())
def test_record_shape(record: dict[str, Any]) -> None:
    assert set(record) == {"id", "title", "entities", "results"}
    assert isinstance(record["title"], str) and record["title"].strip()
    assert set(record["entities"]) == set(CONCEPT_TYPES)
    seen: set[str] = set()
    for ctype, concepts in record["entities"].items():
        assert isinstance(concepts, list)
        for concept in concepts:
            assert set(concept) == {"name", "proposed"}, (ctype, concept)
            assert isinstance(concept["proposed"], bool), (ctype, concept)
            alternatives = _alternatives(concept["name"])
            assert all(alternatives), (ctype, concept["name"])
            # Each concept once per paper: no alternative may name a second concept.
            for alt in alternatives:
                key = _norm(alt)
                assert key not in seen, f"{record['id']}: {alt!r} annotated twice"
            seen.update(_norm(alt) for alt in set(alternatives))
    for result in record["results"]:
        assert set(result) == RESULT_KEYS, result
        assert isinstance(result["metric"], str) and result["metric"]
        assert isinstance(result["value"], str) and any(ch.isdigit() for ch in result["value"])
        for key in ("dataset", "method"):
            assert result[key] is None or (isinstance(result[key], str) and result[key])


def test_sets_are_disjoint() -> None:
    """The seed sets share no paper: one can check what was tuned on another."""
    seen: set[str] = set()
    for records in BY_FILE.values():
        ids = {r["id"] for r in records}
        assert not ids & seen
        seen |= ids


@pytest.mark.parametrize("name", GOLDS)
def test_selection_rule_reproduces_the_set(name: str) -> None:
    """The records are exactly every 6th distinct paper of the bundled corpus, in order (the rest:
    all the others)."""
    offset = GOLDS[name]
    selected = _make_ids().select(offset) if offset is not None else _make_ids().rest()
    assert [r["title"] for r in BY_FILE[name]] == [title for _, title, _ in selected]
    assert len({file for file, _, _ in selected}) == 4


@pytest.mark.parametrize("record", RECORDS, ids=_record_ids())
def test_id_and_title_match_ingested_paper(
    record: dict[str, Any], corpus: dict[str, Paper]
) -> None:
    assert record["id"] in corpus, f"{record['id']} ({record['title']!r}) not in ingested corpus"
    assert _norm(corpus[record["id"]].title) == _norm(record["title"])


@pytest.mark.parametrize("record", RECORDS, ids=_record_ids())
def test_names_occur_in_title_or_abstract(record: dict[str, Any], corpus: dict[str, Paper]) -> None:
    paper = corpus[record["id"]]
    text = (paper.title + "\n" + paper.abstract).casefold()
    missing = [
        (ctype, alt)
        for ctype, concepts in record["entities"].items()
        for concept in concepts
        for alt in _alternatives(concept["name"])
        if alt.casefold() not in text
    ]
    for result in record["results"]:
        for key in ("metric", "value", "dataset", "method"):
            if result[key] is not None and result[key].casefold() not in text:
                missing.append((f"result.{key}", result[key]))
    assert not missing, f"{record['id']}: not in the paper's text: {missing}"


def test_result_names_are_annotated_concepts() -> None:
    """A result's metric, dataset and method are concepts of the same paper (any alternative)."""
    where = {"metric": "Metric", "dataset": "Dataset", "method": "Method"}
    for record in RECORDS:
        for result in record["results"]:
            for key, ctype in where.items():
                if result[key] is None:
                    continue
                names = {
                    _norm(alt)
                    for concept in record["entities"][ctype]
                    for alt in _alternatives(concept["name"])
                }
                assert _norm(result[key]) in names, (record["id"], key, result[key])
