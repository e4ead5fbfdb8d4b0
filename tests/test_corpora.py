"""Corpus readers, label harmonisation, fixed splits and converters, on tiny hand-made fixtures
in each corpus's real format (tests/data/corpora mirrors the layout of ../shared/training)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError, RecordError
from kg.evaluate import read_gold
from kg.extract import corpora
from kg.extract.corpora import (
    AnnotatedDoc,
    Span,
    detokenize,
    dev_sets,
    read_nlp_tdms,
    read_scier,
    read_scierc,
    read_scirex,
    read_scirex_sections,
    read_tdmsci,
    split_of,
    to_gold,
    train_docs,
    write_dev_sets,
)

DATA = Path(__file__).parent / "data" / "corpora"


def _named(doc: AnnotatedDoc) -> list[tuple[str, str, str]]:
    return [(s.field, doc.text_of(s), s.label) for s in doc.spans]


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["pre", "-", "trained", "BERT", "(", "base", ")", "."], "pre-trained BERT (base)."),
        (["accuracy", "of", "86.4", "%", ",", "F1", "/", "EM"], "accuracy of 86.4%, F1/EM"),
        (["the", "model", "'s", "loss"], "the model's loss"),
    ],
)
def test_detokenize_text_and_offsets(tokens: list[str], text: str) -> None:
    joined, offsets = detokenize(tokens)
    assert joined == text
    assert [joined[a:b] for a, b in offsets] == tokens


def test_detokenize_reads_penn_treebank_escapes() -> None:
    # SciERC writes brackets and quotes as PTB escapes; abstracts never do
    tokens = [
        "networks",
        "-LRB-",
        "CNNs",
        "-RRB-",
        "and",
        "``",
        "deep",
        "''",
        "-LSB-",
        "3",
        "-RSB-",
    ]
    joined, offsets = detokenize(tokens)
    assert joined == 'networks (CNNs) and "deep" [3]'
    assert [joined[a:b] for a, b in offsets] == [
        "networks",
        "(",
        "CNNs",
        ")",
        "and",
        '"',
        "deep",
        '"',
        "[",
        "3",
        "]",
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("convolutional neural networks (CNNs)", "convolutional neural networks|CNNs"),
        ("KDS (Knowledge Delivery System)", "KDS|Knowledge Delivery System"),
        (
            "Expectation-Maximization (EM) algorithm",
            "Expectation-Maximization algorithm|EM algorithm",
        ),
        ("Penn Chinese Treebank (CTB) 5.0", "Penn Chinese Treebank 5.0|CTB 5.0"),
        # no abbreviation: the letters are not the long form's (Schwartz & Hearst's test)
        (
            "contextually-encoded (ELMo) representations",
            "contextually-encoded (ELMo) representations",
        ),
        ("Statistical Machine Translation (WMT)", "Statistical Machine Translation (WMT)"),
        ("METEOR-ex (exact match)", "METEOR-ex (exact match)"),
        ("Byron's (2002) tuned system", "Byron's (2002) tuned system"),
    ],
)
def test_to_gold_splits_one_span_holding_both_forms(text: str, names: str) -> None:
    doc = AnnotatedDoc("x", "t", "", text + " helps", [Span("abstract", 0, len(text), "Method")])
    assert to_gold(doc)["entities"]["Method"] == [{"name": names}]


def test_to_gold_joins_an_acronym_to_a_split_long_form() -> None:
    # the long form's span was split in two forms; its acronym span after it still joins it
    text = "Expectation-Maximization (EM) algorithm (EMA) then EMA"
    spans = [
        Span("abstract", 0, 39, "Method"),
        Span("abstract", 41, 44, "Method"),
        Span("abstract", 51, 54, "Method"),
    ]
    doc = AnnotatedDoc("x", "t", "", text, spans)
    assert to_gold(doc)["entities"]["Method"] == [
        {"name": "Expectation-Maximization algorithm|EM algorithm|EMA"}
    ]


def test_scierc_spans_and_label_mapping() -> None:
    docs = read_scierc(DATA / "scierc" / "train.json")
    assert [d.id for d in docs] == ["scierc:T1", "scierc:T2"]
    assert _named(docs[0]) == [
        ("abstract", "convolutional neural network", "Method"),
        ("abstract", "CNN", "Method"),
        ("abstract", "image classification", "Task"),
        ("abstract", "accuracy", "Metric"),
        ("abstract", "ImageNet", "Dataset"),  # Material -> Dataset; Generic dropped
    ]
    assert docs[0].types == ("Method", "Dataset", "Metric", "Task")


def test_scierc_bad_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "dev.json"
    good = (DATA / "scierc" / "dev.json").read_text()
    bad.write_text(good + "{not json\n")
    with pytest.raises(RecordError) as err:
        read_scierc(bad)
    assert err.value.line == 2 and str(bad) in str(err.value)


def test_tdmsci_rebuilds_sentences_exactly() -> None:
    docs = read_tdmsci(DATA / "tdmsci" / "train_1500_v2.conll")
    assert len(docs) == 6
    first = docs[0]
    assert first.abstract == "We report BLEU on WMT 2014 for machine translation."
    assert _named(first) == [
        ("abstract", "BLEU", "Metric"),
        ("abstract", "WMT 2014", "Dataset"),
        ("abstract", "machine translation", "Task"),
    ]
    assert "Method" not in first.types  # TDMSci says nothing about methods


def test_tdmsci_bad_tag_is_one_error_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.conll"
    bad.write_text("We\t0\tO\nrun\t3\tB-MODEL\n")
    with pytest.raises(RecordError, match="unknown tag") as err:
        read_tdmsci(bad)
    assert err.value.line == 2


def test_scirex_title_abstract_and_body_excluded() -> None:
    docs = {d.id: d for d in read_scirex(DATA / "scirex" / "train_docs")}
    doc = docs["scirex:aaa1"]
    assert doc.title == "Deep Residual Learning for Image Recognition"
    assert doc.abstract == "We present residual networks and report top-1 error on ImageNet."
    named = _named(doc)
    assert ("title", "Deep Residual Learning", "Method") in named
    assert ("abstract", "top-1 error", "Metric") in named
    assert all(text != "CIFAR-10" for _, text, _ in named)  # body, not abstract
    full = {d.id: d for d in read_scirex(DATA / "scirex" / "train_docs", abstract_only=False)}
    assert "CIFAR-10" in [t for _, t, _ in _named(full["scirex:aaa1"])]


def test_scirex_missing_folder() -> None:
    with pytest.raises(InputError):
        read_scirex(DATA / "nowhere")


def test_scier_groups_sentences_by_document() -> None:
    docs = {d.id: d for d in read_scier(DATA / "scier" / "dev.jsonl")}
    assert set(docs) == {"scier:d1", "scier:d2"}
    d1 = docs["scier:d1"]
    assert d1.abstract.startswith("We train long short-term memory (LSTM) networks")
    assert d1.types == ("Method", "Dataset", "Task")
    assert ("abstract", "TIMIT", "Dataset") in _named(d1)
    assert [t for _, t, lab in _named(d1) if lab == "Method"].count("LSTM") == 2


def test_nlp_tdms_result_tuples() -> None:
    tuples = read_nlp_tdms(DATA / "nlp_tdms")
    assert tuples[1] == {
        "paper": "P18-1063.pdf",
        "task": "summarization",
        "dataset": "CNN / Daily Mail",
        "metric": "ROUGE-L",
        "score": "37.34",
    }
    assert len(tuples) == 3


def test_split_is_fixed_and_train_never_sees_heldout() -> None:
    assert split_of("scirex:ddd0") == "heldout"
    assert split_of("scirex:aaa1") == "train"
    dev = dev_sets(DATA)
    train = train_docs(DATA)
    train_ids = {d.id for d in train}
    train_texts = {d.abstract for d in train}
    assert [d.id for d in dev["scirex_heldout"]] == ["scirex:ddd0"]
    assert [d.abstract for d in dev["tdmsci_heldout"]] == ["We study dependency parsing."]
    assert not train_texts & {d.abstract for d in dev["tdmsci_heldout"]}
    assert "scirex:ddd0" not in train_ids
    assert not any(d.corpus == "scier" for d in train)  # GPL-3.0: measure only
    assert len([d for d in train if d.corpus == "tdmsci"]) == 5


def test_to_gold_merges_long_form_and_acronym() -> None:
    doc = read_scierc(DATA / "scierc" / "train.json")[0]
    gold = to_gold(doc)
    assert gold["entities"]["Method"] == [{"name": "convolutional neural network|CNN"}]
    assert gold["entities"]["Dataset"] == [{"name": "ImageNet"}]
    assert gold["types"] == ["Method", "Dataset", "Metric", "Task"]
    assert "results" not in gold  # corpora annotate no results: not scored


def test_to_gold_counts_each_concept_once() -> None:
    doc = AnnotatedDoc(
        "x",
        "t",
        "BERT",
        "BERT and bert again.",
        [
            Span("title", 0, 4, "Method"),
            Span("abstract", 0, 4, "Method"),
            Span("abstract", 9, 13, "Method"),
        ],
        ("Method",),
    )
    assert to_gold(doc)["entities"] == {"Method": [{"name": "BERT"}]}


def test_write_dev_sets_round_trip(tmp_path: Path) -> None:
    written = write_dev_sets(DATA, tmp_path)
    assert set(written) == {"scierc_dev", "tdmsci_heldout", "scirex_heldout", "scier_dev"}
    gold_path, input_path = written["scierc_dev"]
    gold = read_gold(gold_path)
    assert gold[0]["entities"]["Task"] == [{"name": "question answering"}]
    assert gold[0]["entities"]["Method"] == [{"name": "pre-trained BERT"}]
    rows = [json.loads(line) for line in input_path.read_text().splitlines()]
    assert rows == [
        {
            "id": "scierc:D1",
            "title": "",
            "abstract": "We use pre-trained BERT for question answering on SQuAD.",
        }
    ]
    first = gold_path.read_bytes()
    write_dev_sets(DATA, tmp_path)
    assert gold_path.read_bytes() == first  # deterministic


def test_command_converts_any_split_as_the_dev_sets_are(tmp_path: Path, capsys) -> None:
    dev = write_dev_sets(DATA, tmp_path / "dev")
    rc = corpora.main(["scierc", str(DATA / "scierc" / "dev.json"), "--out", str(tmp_path)])
    assert rc == 0
    assert "1 records" in capsys.readouterr().out
    assert (tmp_path / "dev.gold.jsonl").read_bytes() == dev["scierc_dev"][0].read_bytes()
    assert (tmp_path / "dev.input.jsonl").read_bytes() == dev["scierc_dev"][1].read_bytes()
    # SciREX as released, one paper per line, reads as the folder of its papers does
    lines = [
        json.dumps(json.loads(f.read_text()))
        for f in sorted((DATA / "scirex" / "train_docs").glob("*.json"))
    ]
    (tmp_path / "test.jsonl").write_text("\n".join(lines) + "\n")
    assert corpora.main(["scirex", str(tmp_path / "test.jsonl"), "--out", str(tmp_path)]) == 0
    as_folder = [to_gold(d) for d in read_scirex(DATA / "scirex" / "train_docs")]
    assert read_gold(tmp_path / "test.gold.jsonl") == as_folder


def test_command_bad_record_is_one_error_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "test.json"
    bad.write_text('{"doc_key": "x"}\n')
    assert corpora.main(["scierc", str(bad), "--out", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"kg.extract.corpora: error: {bad}:1: not a SciERC record: KeyError('sentences')"
    ]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_label_map_covers_every_corpus_label() -> None:
    assert set(corpora.LABEL_MAP.values()) == {"Method", "Dataset", "Metric", "Task"}


def test_scirex_sections_are_body_records_in_their_papers_fold() -> None:
    sections = read_scirex_sections(DATA / "scirex" / "train_docs", sections=3)
    aaa1 = [d for d in sections if d.id.startswith("scirex:aaa1#")]
    assert [d.id for d in aaa1] == ["scirex:aaa1#1"]
    assert "CIFAR-10" in [t for _, t, _ in _named(aaa1[0])]  # the body's mention
    assert all(d.title == "" and d.corpus == "scirex" for d in sections)
    train = train_docs(DATA, scirex_sections=3)
    ids = {d.id for d in train}
    assert "scirex:aaa1#1" in ids
    assert not any(i.startswith("scirex:ddd0") for i in ids)  # held-out paper, held-out body
    assert {d.id for d in train_docs(DATA)} < ids
