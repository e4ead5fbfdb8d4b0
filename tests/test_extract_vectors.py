"""In-domain floret vectors for the recogniser: the text they learn from (training folds only),
reproducible training, and a table spaCy loads with a vector for any word."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.training.initialize import convert_vectors

from kg.extract.vectors import train_vectors, vector_texts, write_vector_text

DATA = Path(__file__).parent / "data" / "corpora"


def test_vector_texts_read_training_folds_only() -> None:
    lines = list(vector_texts(DATA))
    joined = "\n".join(lines)
    assert "CIFAR-10" in joined  # SciREX body text of a training paper
    assert "We study dependency parsing." not in lines  # TDMSci held-out sentence
    held_out = (DATA / "scirex" / "train_docs" / "ddd0.json").read_text()
    assert not any(line and line in held_out for line in lines if len(line) > 30)
    assert not any("scier" in line.lower() for line in lines)
    assert lines == list(vector_texts(DATA))  # a fixed order


def test_write_vector_text_tokenises_and_lowercases(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    assert write_vector_text(["We use GPT-4o.", "  ", "Top-1 accuracy"], out) == 6
    assert out.read_text().splitlines() == ["we use gpt-4o .", "top-1 accuracy"]


def test_trained_vectors_are_reproducible_and_cover_unseen_words(tmp_path: Path) -> None:
    pytest.importorskip("floret")
    paths = [tmp_path / f"v{i}.floret" for i in (1, 2)]
    for path in paths:
        report = train_vectors(DATA, path, dim=16, bucket=2000, epochs=5, min_count=1)
        assert report["tokens"] > 50
    assert paths[0].read_bytes() == paths[1].read_bytes()
    nlp = spacy.blank("en")
    convert_vectors(nlp, paths[0], truncate=0, prune=-1, mode="floret", attr="LOWER")
    assert nlp.vocab.vectors.shape == (2000, 16)
    assert nlp.vocab.vectors.mode == "floret"
    unseen = nlp("Zymurgical")[0]
    assert unseen.has_vector and float(abs(unseen.vector).sum()) > 0
