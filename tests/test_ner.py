"""The shipped entity recogniser: loads offline, finds typical concepts, fails clearly; and the
training script trains reproducibly (on the tiny fixture corpora)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.extract.ner import MODEL_DIR, load_ner, ner_extractions
from kg.model import Paper

DATA = Path(__file__).parent / "data" / "corpora"


@pytest.fixture(scope="module")
def nlp():
    return load_ner()


def test_loads_offline_with_exactly_the_four_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model must load without the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    model = load_ner()
    assert model.pipe_names == ["tok2vec", "ner"]
    assert set(model.get_pipe("ner").labels) == {"Method", "Dataset", "Metric", "Task"}
    vectors = model.vocab.vectors  # in-domain floret table: a vector for any word
    assert vectors.mode == "floret" and vectors.shape == (20000, 100)
    assert model("Zymurgical")[0].has_vector


def test_shipped_model_is_small() -> None:
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 30_000_000


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        (
            "We train a convolutional neural network for image classification.",
            "Method",
            "convolutional neural network",
        ),
        (
            "Our parser is trained with reinforcement learning and outperforms the LSTM baseline.",
            "Method",
            "LSTM",
        ),
        (
            "Experiments on ImageNet show that the model improves top-1 accuracy.",
            "Metric",
            "accuracy",
        ),
        (
            "We address machine translation with a new attention mechanism.",
            "Task",
            "machine translation",
        ),
    ],
)
def test_finds_typical_concepts(nlp, text: str, label: str, expected: str) -> None:
    found = [(e.label_, e.text) for e in nlp(text).ents]
    assert any(lab == label and expected in t for lab, t in found), found


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no trained model here") as err:
        load_ner(tmp_path / "absent")
    assert str(tmp_path / "absent") in str(err.value)


def test_broken_model_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "xx-none"\n')
    with pytest.raises(ModelError, match="cannot load the model"):
        load_ner(tmp_path)


def test_ner_extractions_offsets_and_acronyms(nlp) -> None:
    paper = Paper(
        id="p",
        title="Convolutional Neural Networks for Image Classification",
        abstract="We train convolutional neural networks (CNNs) for image "
        "classification. CNNs reach high accuracy on CIFAR-10.",
    )
    (ex,) = ner_extractions([paper], nlp)
    assert ex.id == "p" and ex.entities
    for concept in ex.entities:
        for m in concept.mentions:
            text = paper.title if m.field == "title" else paper.abstract
            assert text[m.start : m.end] == m.text
    methods = [c for c in ex.entities if c.type == "Method"]
    cnn = [c for c in methods if "CNNs" in [c.name, *c.aliases]]
    assert len(cnn) == 1 and cnn[0].name.lower().startswith("convolutional neural network")
    assert len(ex.entities) == len({(c.type, c.name) for c in ex.entities})


@pytest.mark.slow
def test_training_is_reproducible(tmp_path: Path) -> None:
    from kg.extract.train import train

    reports = [train(DATA, tmp_path / f"m{i}", seed=0, epochs=2, log=False) for i in (1, 2)]
    for report in reports:
        for row in report["epochs"]:
            del row["seconds"]  # wall-clock time, the one thing allowed to differ
    assert reports[0] == reports[1]
    files = sorted(
        p.relative_to(tmp_path / "m1") for p in (tmp_path / "m1").rglob("*") if p.is_file()
    )
    assert Path("ner/model") in files
    for rel in files:
        assert (tmp_path / "m1" / rel).read_bytes() == (tmp_path / "m2" / rel).read_bytes(), rel
    trained = load_ner(tmp_path / "m1")
    assert set(trained.get_pipe("ner").labels) == {"Method", "Dataset", "Metric", "Task"}
    assert trained.vocab.vectors.mode == "floret"  # the in-domain vectors went in
    # the data-description recogniser, trained on the SciERC fixture, stored disabled
    assert trained.disabled == ["material"]
    assert trained.get_pipe("material").labels == ("Material",)
    assert [row["epoch"] for row in reports[0]["material_epochs"]] == list(range(1, 21))


@pytest.mark.slow
def test_material_only_retrains_just_the_data_description_recogniser(tmp_path: Path) -> None:
    from kg.extract.train import main, train

    train(DATA, tmp_path / "m", seed=0, epochs=1, log=False)

    def files() -> dict[Path, bytes]:
        return {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def retrain(seed: int) -> dict[Path, bytes]:
        argv = ["--data", str(DATA), "--out", str(tmp_path / "m"), "--material-only"]
        assert main([*argv, "--seed", str(seed)]) == 0
        return files()

    before = files()
    other = retrain(1)
    changed = {rel for rel in before if other.get(rel) != before[rel]}
    # another seed: other weights of the material pipe, the four-label recogniser untouched
    assert Path("m/material/model") in changed
    assert not {rel for rel in changed if rel.parts[1] in ("tok2vec", "ner", "vocab")}
    # the first seed again: the folder as it was, byte for byte
    assert retrain(0) == before
