"""The data-description recogniser (``material`` pipe of the shipped model) and ``kg_materials``."""

from __future__ import annotations

import importlib

import pytest
from spacy.tokens import Doc, Span
from test_extract_pipeline import DIFFUSION, SPARSE

from kg.extract import extract_paper, load_pipeline
from kg.extract.materials import MATERIAL_PIPE, Materials
from kg.extract.ner import load_ner

OFFICE = "We evaluate the tracker on video sequences of office scenes and on movies."


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_shipped_model_holds_the_material_recogniser_disabled():
    model = load_ner()
    assert model.disabled == [MATERIAL_PIPE]
    assert model.pipe_names == ["tok2vec", "ner"]  # never run by nlp(text)
    assert model.get_pipe(MATERIAL_PIPE).labels == ("Material",)


def test_finds_a_data_description_the_four_label_recogniser_leaves_out(nlp):
    doc = nlp(OFFICE)
    assert [(c.type, c.name, sorted(c.sources)) for c in doc._.kg_materials] == [
        ("Dataset", "video sequences of office scenes", ["ner"])
    ]
    # it runs on a copy of the tokens: the four-label recogniser's entities stay as they were
    assert [e.text for e in doc.ents] == [e.text for e in load_ner()(OFFICE).ents]
    assert all(e.label_ != "Material" for e in doc.ents)


def test_not_run_where_the_rules_found_enough(nlp):
    doc = nlp(DIFFUSION.abstract)
    assert len(doc._.kg_concepts) > 4
    assert doc._.kg_materials == []


def test_rules_only_pipeline_has_no_data_descriptions():
    doc = load_pipeline(ner=False)(OFFICE)
    assert doc._.kg_materials == []


class _Fixed:
    """Stands in for the statistical recogniser: fixed Material spans by token offsets, so the
    filters are tested on exact input."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [Span(doc, s, e, "Material") for s, e in self.spans]
        return doc


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # a name does not end with a preposition: the recogniser's span cut short
        ("Tracking in an image sequence of a moving object .", [(3, 6)], [("image sequence", 1)]),
        # determiners trimmed; two mentions with one normalised name are one concept
        (
            "We parse the news articles and News Articles .",
            [(2, 5), (6, 8)],
            [("news articles", 2)],
        ),
        # a lower-case phrase ending in a plural data noun describes sets, it names none
        ("We learn from pre-collected datasets .", [(3, 7)], []),
        # generic
        ("We use data .", [(2, 3)], []),
    ],
)
def test_filters(text, spans, expected):
    doc = load_pipeline(ner=False).make_doc(text)
    doc._.kg_concepts = []
    out = Materials(_Fixed(spans))(doc)  # type: ignore[arg-type]
    assert [(c.name, len(c.mentions)) for c in out._.kg_materials] == expected


def test_skips_what_a_concept_already_covers():
    nlp = load_pipeline(ner=False)
    doc = nlp("We train PPO on MuJoCo tasks .")
    assert [c.name for c in doc._.kg_concepts] == ["PPO", "MuJoCo tasks"]
    out = Materials(_Fixed([(4, 6)]))(doc)  # type: ignore[arg-type]
    assert out._.kg_materials == []


def test_join_the_paper_only_when_it_backs_off(monkeypatch, nlp):
    data = {"spoken dialogue", "transcribed utterances"}
    names = {c.name for c in extract_paper(SPARSE, nlp).entities if c.type == "Dataset"}
    assert names == data
    # a paper too short to back off keeps the rules' concepts alone, without its data too
    monkeypatch.setattr(importlib.import_module("kg.extract.assemble"), "BACKOFF_MIN_WORDS", 200)
    names = {c.name for c in extract_paper(SPARSE, nlp).entities}
    assert names == {"maximum entropy model", "accuracy"}


def test_not_counted_towards_the_backoff_limit(monkeypatch, nlp):
    """The four-label recogniser adds five concepts to SPARSE: at a limit of exactly five the
    paper still backs off, with the two data descriptions on top."""
    monkeypatch.setattr(importlib.import_module("kg.extract.assemble"), "BACKOFF_MAX_ADDED", 5)
    ex = extract_paper(SPARSE, nlp)
    added = {c.name for c in ex.entities if c.sources == ["ner"]}
    assert len(added) == 7
    assert {"spoken dialogue", "transcribed utterances"} <= added


@pytest.mark.parametrize(("max_found", "expected"), [(1, []), (2, ["video data"])])
def test_runs_only_where_the_paper_can_back_off(monkeypatch, max_found, expected):
    assemble = importlib.import_module("kg.extract.assemble")
    monkeypatch.setattr(assemble, "BACKOFF_SHORT_MAX_FOUND", max_found)
    doc = load_pipeline(ner=False)("We train PPO on MuJoCo and video data .")
    assert [c.name for c in doc._.kg_concepts] == ["PPO", "MuJoCo"]
    out = Materials(_Fixed([(6, 8)]))(doc)  # type: ignore[arg-type]
    assert [c.name for c in out._.kg_materials] == expected


def test_not_run_on_a_title():
    nlp = load_pipeline(ner=False)
    doc = nlp.make_doc("Tracking video data")
    doc.user_data["kg_field"] = "title"
    doc = nlp(doc)
    out = Materials(_Fixed([(1, 3)]))(doc)  # type: ignore[arg-type]
    assert out._.kg_materials == []
