"""In-domain word vectors for the recogniser: floret (fastText with hashed subwords) trained on
the text of the training folds, so that words the annotated corpora never label ("diffusion",
"RLHF") still get a meaningful representation.

Text: every sentence of the SciREX training-fold papers (full text), and the titles and
abstracts of SciERC train and the TDMSci training fold (:func:`kg.extract.corpora.train_docs`);
held-out folds, dev sets and SciER are never read. Tokenised with spaCy's English tokenizer and
lower-cased, as the recogniser looks vectors up by ``LOWER``.

Vectors: floret mode (``bucket`` rows of hashed word and 3-5 character n-grams, two hashes per
n-gram), so every token, seen or not, gets a vector from a small fixed table (20,000 x 100
floats, 8 MB). Reproducible: one training thread, fixed settings; the same text gives the same
file. Needs the ``floret`` package at training time only (``pip install -e '.[train]'``); the
shipped model holds the table.

Run ``python -m kg.extract.vectors --data ../shared/training --out build/vectors.floret``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import cast

import spacy
from spacy.tokenizer import Tokenizer

from kg.atomic import atomic_write
from kg.errors import KGError
from kg.extract.corpora import detokenize, scirex_errors, scirex_files, split_of, train_docs

__all__ = ["vector_texts", "write_vector_text", "train_vectors", "main"]

DIM = 100
BUCKET = 20000
EPOCHS = 10


def _scirex_sentences(folder: Path) -> Iterator[str]:
    for file, rec in scirex_files(folder):
        if split_of(f"scirex:{rec.get('doc_id')}") != "train":
            continue
        with scirex_errors(file):
            words = rec["words"]
            sentences = [detokenize(words[s:e])[0] for s, e in rec["sentences"]]
        yield from sentences


def vector_texts(data: str | Path) -> Iterator[str]:
    """The raw lines the vectors learn from (training folds only), in a fixed order."""
    data = Path(data)
    yield from _scirex_sentences(data / "scirex" / "train_docs")
    for doc in train_docs(data):
        if doc.corpus != "scirex":
            yield from (t for t in (doc.title, doc.abstract) if t.strip())


def write_vector_text(lines: Iterator[str] | Sequence[str], out: str | Path) -> int:
    """Tokenise and lower-case ``lines`` into ``out``, one line per input line; return tokens.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
        >>> write_vector_text(["We fine-tune BERT."], path)
        6
        >>> path.read_text()
        'we fine - tune bert .\\n'
    """
    tokenizer = cast(Tokenizer, spacy.blank("en").tokenizer)
    count = 0
    with atomic_write(out) as fh:
        for doc in tokenizer.pipe(lines, batch_size=1000):
            words = [t.lower_ for t in doc if not t.is_space]
            if words:
                fh.write(" ".join(words) + "\n")
                count += len(words)
    return count


def train_vectors(
    data: str | Path,
    out: str | Path,
    *,
    dim: int = DIM,
    bucket: int = BUCKET,
    epochs: int = EPOCHS,
    min_count: int = 3,
) -> dict[str, int]:
    """Train floret vectors on :func:`vector_texts` and write them (floret text format) to
    ``out``, atomically; return the token count and settings."""
    try:
        floret = importlib.import_module("floret")
    except ImportError as exc:
        raise KGError(None, "training vectors needs floret: pip install -e '.[train]'") from exc
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "text.txt"
        tokens = write_vector_text(vector_texts(data), text)
        model = floret.train_unsupervised(
            str(text),
            model="skipgram",
            mode="floret",
            hashCount=2,
            bucket=bucket,
            minn=3,
            maxn=5,
            dim=dim,
            epoch=epochs,
            minCount=min_count,
            thread=1,  # one thread: the same text gives the same vectors
            verbose=0,
        )
        raw = Path(tmp) / "vectors.floret"
        model.save_floret_vectors(str(raw))
        with atomic_write(out) as fh:
            fh.write(raw.read_text(encoding="utf-8"))
    return {"tokens": tokens, "dim": dim, "bucket": bucket, "epochs": epochs}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.extract.vectors --data DIR --out FILE``."""
    parser = argparse.ArgumentParser(prog="python -m kg.extract.vectors", description=__doc__)
    parser.add_argument("--data", required=True, help="folder of the annotated corpora")
    parser.add_argument("--out", required=True, help="floret vectors file to write")
    parser.add_argument("--dim", type=int, default=DIM)
    parser.add_argument("--bucket", type=int, default=BUCKET)
    args = parser.parse_args(argv)
    try:
        report = train_vectors(args.data, args.out, dim=args.dim, bucket=args.bucket)
    except KGError as exc:
        print(f"kg.extract.vectors: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(report))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
