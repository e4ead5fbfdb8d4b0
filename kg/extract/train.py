"""Train the shipped entity recogniser: spaCy tokenizer + tok2vec + ner, labels Method, Dataset,
Metric, Task, on SciERC train and the training folds of TDMSci and SciREX (abstracts, and the
first :data:`SCIREX_SECTIONS` body sections of each SciREX paper).

Run ``python -m kg.extract.train --data ../shared/training --out kg/extract/model/ner --seed 0``
(needs ``pip install -e '.[train]'`` for floret). SciER (GPL-3.0) is never read here; the
held-out folds (see :mod:`kg.extract.corpora`) are only used to choose the best epoch.

Missing labels. spaCy's NER learns from every token marked ``O``, so a TDMSci sentence (no Method
label) would teach that "BERT" is not a Method. Marking all its unlabelled tokens missing (``-``)
would instead drop every negative example of Dataset, Metric and Task that TDMSci gives. The
middle way used here: tokens of TDMSci sentences that spell a Method name annotated in the
Method-bearing training corpora (SciERC, SciREX; a gazetteer of their lower-cased token
sequences) are set missing, the other unlabelled tokens stay ``O``. Only TDMSci lacks a label
among the training corpora. Overlapping spans (SciREX nests some) keep the longest.

Representation: hashed embeddings of NORM, PREFIX, SUFFIX and SHAPE, plus in-domain floret
vectors (:mod:`kg.extract.vectors`, trained first on the training folds' text and stored in the
model, 8 MB), so words no annotated sentence contains still carry meaning.

Data descriptions (:data:`MATERIAL_PIPE`). SciERC alone labels the data a paper works on
whether or not it has a name ("news articles", "Korean", "parallel corpus", "Switchboard
dialogues"), as Material; TDMSci and SciREX label only named data sets, so the four-label
recogniser, which maps Material to Dataset, learns to leave the descriptions out (span recall
of SciERC dev Material 0.07). A second recogniser with the one label ``Material``, trained on
SciERC train alone with its own tok2vec over the same floret vectors, is stored in the same
model folder as a disabled pipe: the extraction pipeline runs it only on text where the rules
and the vocabulary found little (:mod:`kg.extract.materials`). ``--material-only`` retrains
just this pipe into an existing model folder.

Reproducible: fixed seeds (``spacy.util.fix_random_seed`` and the shuffle), single-threaded
vectors, a fixed number of epochs, the model from the best held-out epoch (for the data
descriptions, the best epoch on SciERC dev, the only held-out data of that label).

Examples:
    >>> nlp = build_pipeline()
    >>> nlp.pipe_names, sorted(nlp.get_pipe("ner").labels)
    (['tok2vec', 'ner'], ['Dataset', 'Method', 'Metric', 'Task'])
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.training.initialize import convert_vectors
from spacy.util import compounding, filter_spans, fix_random_seed, minibatch

from kg.atomic import atomic_dir
from kg.errors import KGError
from kg.extract.corpora import AnnotatedDoc, dev_sets, read_scierc, train_docs
from kg.extract.ner import load_ner
from kg.extract.vectors import train_vectors
from kg.model import CONCEPT_TYPES

__all__ = [
    "MATERIAL_PIPE",
    "build_pipeline",
    "make_examples",
    "material_examples",
    "method_gazetteer",
    "span_f1",
    "train",
    "train_material",
    "main",
]

#: tok2vec width. 64 rather than 96: the default extractor's F1 does not depend on it (the rules
#: lead there), the pipeline runs about a quarter faster, and the recogniser's best mean
#: held-out span F1 is 0.592 against 0.606 (broad mode: SciERC dev 0.561 -> 0.573, TDMSci
#: held-out 0.661 -> 0.632)
WIDTH = 64
#: SciREX body sections per training-fold paper added to the training records
SCIREX_SECTIONS = 6
TOK2VEC: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": WIDTH,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 2500, 2500, 1000],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": WIDTH,
            "depth": 4,
            "window_size": 1,
            "maxout_pieces": 3,
        },
    }
}
NER: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": WIDTH, "upstream": "*"},
    }
}


#: Name of the data-description recogniser's pipe in the model folder (disabled on load)
MATERIAL_PIPE = "material"
#: Its one label: SciERC's Material
MATERIAL_LABEL = "Material"
#: Its training epochs (the best on SciERC dev is kept)
MATERIAL_EPOCHS = 20
#: Version of the shipped model folder
MODEL_VERSION = "0.4.0"


def build_pipeline(width: int = WIDTH, vectors: str | Path | None = None) -> Language:
    """A blank English pipeline with an untrained ``tok2vec`` and ``ner`` over the four labels."""
    tok2vec = copy.deepcopy(TOK2VEC)
    tok2vec["model"]["embed"]["width"] = tok2vec["model"]["encode"]["width"] = width
    ner_config = copy.deepcopy(NER)
    ner_config["model"]["tok2vec"]["width"] = width
    nlp = spacy.blank("en")
    if vectors is not None:
        convert_vectors(nlp, Path(vectors), truncate=0, prune=-1, mode="floret", attr="LOWER")
        tok2vec["model"]["embed"]["include_static_vectors"] = True
    nlp.add_pipe("tok2vec", config=tok2vec)
    ner = cast(EntityRecognizer, nlp.add_pipe("ner", config=ner_config))
    for label in CONCEPT_TYPES:
        ner.add_label(label)
    return nlp


def method_gazetteer(nlp: Language, docs: Sequence[AnnotatedDoc]) -> set[tuple[str, ...]]:
    """Lower-cased token sequences of every Method span in ``docs`` (corpora that label Method)."""
    names: set[tuple[str, ...]] = set()
    for doc in docs:
        if "Method" not in doc.types:
            continue
        for span in doc.spans:
            if span.label == "Method":
                tokens = tuple(t.lower_ for t in nlp.make_doc(doc.text_of(span)))
                if tokens and (len(tokens) > 1 or len(tokens[0]) > 2):
                    names.add(tokens)
    return names


def _reference(
    nlp: Language, doc: AnnotatedDoc, field: str, gazetteer: set[tuple[str, ...]]
) -> Doc:
    text = doc.title if field == "title" else doc.abstract
    ref = nlp.make_doc(text)
    spans = []
    for s in doc.spans:
        if s.field == field:
            span = ref.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
    ents = filter_spans(spans)
    missing = []
    if "Method" not in doc.types and gazetteer:
        taken = {i for e in ents for i in range(e.start, e.end)}
        lowered = [t.lower_ for t in ref]
        longest = max(len(g) for g in gazetteer)
        for i in range(len(ref)):
            for n in range(min(longest, len(ref) - i), 0, -1):
                if tuple(lowered[i : i + n]) in gazetteer and not taken & set(range(i, i + n)):
                    missing.append(ref[i : i + n])
                    taken.update(range(i, i + n))
                    break
    ref.set_ents(ents, missing=missing, default="outside")
    return ref


def make_examples(
    nlp: Language, docs: Sequence[AnnotatedDoc], gazetteer: set[tuple[str, ...]] | None = None
) -> list[Example]:
    """spaCy training examples: one per non-empty title and abstract of each record.

    Examples:
        >>> from kg.extract.corpora import AnnotatedDoc, Span
        >>> nlp = spacy.blank("en")
        >>> d = AnnotatedDoc("x", "t", "", "BERT on SQuAD.", [Span("abstract", 8, 13, "Dataset")],
        ...                  ("Dataset",))
        >>> [t.ent_iob_ or "-" for t in make_examples(nlp, [d], {("bert",)})[0].reference]
        ['-', 'O', 'B', 'O']
    """
    gazetteer = gazetteer or set()
    examples = []
    for doc in docs:
        for field in ("title", "abstract"):
            if (doc.title if field == "title" else doc.abstract).strip():
                ref = _reference(nlp, doc, field, gazetteer)
                examples.append(Example(nlp.make_doc(ref.text), ref))
    return examples


def span_f1(
    nlp: Language,
    examples: Sequence[Example],
    types: Sequence[str],
    pipe: Callable[[Iterable[str]], Iterable[Doc]] | None = None,
) -> float:
    """Micro span-level F1 of ``nlp`` on ``examples``, counting only the labels in ``types``;
    ``pipe`` (texts to docs, default ``nlp.pipe``) runs another recogniser than ``nlp``'s."""
    tp = fp = fn = 0
    predicted = (pipe or nlp.pipe)(ex.reference.text for ex in examples)
    for ex, pred in zip(examples, predicted, strict=True):
        gold = {
            (e.start_char, e.end_char, e.label_) for e in ex.reference.ents if e.label_ in types
        }
        got = {(e.start_char, e.end_char, e.label_) for e in pred.ents if e.label_ in types}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _epochs(
    examples: list[Example],
    rng: random.Random,
    epochs: int,
    *,
    update: Callable[[list[Example], dict[str, float]], object],
    averaged: Callable[[], AbstractContextManager[object]],
    evaluate: Callable[[], tuple[float, dict[str, float]]],
    snapshot: Callable[[], bytes],
    loss_key: str,
    log: bool,
) -> tuple[float, bytes, list[dict[str, object]]]:
    """The training loop of both recognisers: ``epochs`` shuffled passes in growing batches;
    after each, ``evaluate`` with the averaged weights gives the score that selects the epoch
    and the log's fields; return the best score, the ``snapshot`` of its epoch and the log."""
    history: list[dict[str, object]] = []
    best = -1.0
    best_bytes = b""
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            update(batch, losses)
        with averaged():
            score, fields = evaluate()
            if score > best:
                best, best_bytes = score, snapshot()
        row: dict[str, object] = {
            "epoch": epoch,
            "loss": round(float(losses.get(loss_key, 0.0)), 1),
            **fields,
            "seconds": round(time.perf_counter() - start),
        }
        history.append(row)
        if log:
            print(json.dumps(row), file=sys.stderr, flush=True)
    return best, best_bytes, history


def material_examples(nlp: Language, docs: Sequence[AnnotatedDoc]) -> list[Example]:
    """Training examples of the data-description recogniser: each non-empty title and abstract,
    the corpus's Dataset spans (SciERC's Material) labelled :data:`MATERIAL_LABEL`, every other
    token outside.

    Examples:
        >>> from kg.extract.corpora import AnnotatedDoc, Span
        >>> d = AnnotatedDoc("x", "scierc", "", "We parse Korean text.",
        ...                  [Span("abstract", 9, 20, "Dataset")], ("Dataset",))
        >>> ref = material_examples(spacy.blank("en"), [d])[0].reference
        >>> [(e.text, e.label_) for e in ref.ents]
        [('Korean text', 'Material')]
    """
    examples = []
    for doc in docs:
        for field in ("title", "abstract"):
            text = doc.title if field == "title" else doc.abstract
            if not text.strip():
                continue
            ref = nlp.make_doc(text)
            spans = [
                ref.char_span(s.start, s.end, label=MATERIAL_LABEL, alignment_mode="expand")
                for s in doc.spans
                if s.field == field and s.label == "Dataset"
            ]
            ref.set_ents(filter_spans([s for s in spans if s is not None and len(s)]))
            examples.append(Example(nlp.make_doc(text), ref))
    return examples


def train_material(
    data: str | Path,
    nlp: Language,
    *,
    seed: int = 0,
    epochs: int = MATERIAL_EPOCHS,
    dropout: float = 0.2,
    log: bool = True,
) -> dict[str, object]:
    """Train the data-description recogniser on SciERC train into ``nlp`` (the trained
    four-label recogniser, whose vocabulary and vectors it shares) as the disabled pipe
    :data:`MATERIAL_PIPE`, replacing one already there; keep the epoch with the best span F1 on
    SciERC dev; return the log."""
    data = Path(data)
    if MATERIAL_PIPE in nlp.component_names:
        nlp.remove_pipe(MATERIAL_PIPE)
    tok2vec = copy.deepcopy(TOK2VEC["model"])
    tok2vec["embed"]["include_static_vectors"] = bool(nlp.vocab.vectors.shape[0])
    config = copy.deepcopy(NER)
    config["model"]["tok2vec"] = tok2vec
    component = cast(EntityRecognizer, nlp.add_pipe("ner", name=MATERIAL_PIPE, config=config))
    component.add_label(MATERIAL_LABEL)
    examples = material_examples(nlp, read_scierc(data / "scierc" / "train.json"))
    dev = material_examples(nlp, read_scierc(data / "scierc" / "dev.json"))
    fix_random_seed(seed)
    rng = random.Random(seed)
    component.initialize(lambda: examples, nlp=nlp)
    optimizer = component.create_optimizer()

    def recognise(texts: Iterable[str]) -> Iterable[Doc]:
        return component.pipe(nlp.make_doc(t) for t in texts)

    def evaluate() -> tuple[float, dict[str, float]]:
        score = round(span_f1(nlp, dev, [MATERIAL_LABEL], recognise), 4)
        return score, {"scierc_dev_material": score}

    best, best_bytes, history = _epochs(
        examples,
        rng,
        epochs,
        update=lambda batch, losses: component.update(
            batch, drop=dropout, sgd=optimizer, losses=losses
        ),
        averaged=lambda: component.model.use_params(optimizer.averages),
        evaluate=evaluate,
        snapshot=component.to_bytes,
        loss_key=MATERIAL_PIPE,
        log=log,
    )
    component.from_bytes(best_bytes)
    nlp.disable_pipe(MATERIAL_PIPE)
    return {"best_material_span_f1": best, "material_epochs": history}


def _describe(nlp: Language, settings: dict[str, int], vectors: bool) -> None:
    """Name, version and description of the model folder; ``settings``: the training's
    ``seed``, ``material_seed`` and ``scirex_sections``, also kept as ``kg_training``."""
    nlp.meta.update(
        {
            "name": "kg_ner",
            "version": MODEL_VERSION,
            "spacy_version": ">=3.8,<3.9",
            "description": (
                "kg entity recogniser (Method, Dataset, Metric, Task) trained on SciERC train "
                "and the training folds of TDMSci and SciREX (abstracts and "
                f"{settings['scirex_sections']} body sections), "
                f"{'in-domain floret vectors, ' if vectors else ''}seed {settings['seed']}; "
                f"with a disabled data-description recogniser ({MATERIAL_LABEL}, SciERC "
                f"train, seed {settings['material_seed']})"
            ),
            "kg_training": settings,
        }
    )


def train(
    data: str | Path,
    out: str | Path,
    *,
    seed: int = 0,
    epochs: int = 15,
    dropout: float = 0.2,
    width: int = WIDTH,
    vectors: str | Path | None = "train",
    scirex_sections: int = SCIREX_SECTIONS,
    log: bool = True,
) -> dict[str, object]:
    """Train, keep the best epoch by mean held-out span F1, save to ``out``; return the log.

    ``vectors``: ``"train"`` trains the floret vectors first (:mod:`kg.extract.vectors`), a
    path reuses a floret file, ``None`` trains without static vectors.
    """
    fix_random_seed(seed)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        if vectors == "train":
            vectors = Path(tmp) / "vectors.floret"
            train_vectors(data, vectors)
        nlp = build_pipeline(width, vectors)
    docs = train_docs(data, scirex_sections=scirex_sections)
    gazetteer = method_gazetteer(nlp, docs)
    examples = make_examples(nlp, docs, gazetteer)
    dev = {
        name: (make_examples(nlp, ds), ds[0].types)
        for name, ds in dev_sets(data, include_scier=False).items()
        if ds
    }
    optimizer = nlp.initialize(lambda: examples)

    def evaluate() -> tuple[float, dict[str, float]]:
        scores = {name: round(span_f1(nlp, exs, types), 4) for name, (exs, types) in dev.items()}
        mean = sum(scores.values()) / len(scores) if scores else 0.0
        return mean, {**scores, "mean": round(mean, 4)}

    best, best_bytes, history = _epochs(
        examples,
        rng,
        epochs,
        update=lambda batch, losses: nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses),
        averaged=lambda: nlp.use_params(optimizer.averages),
        evaluate=evaluate,
        snapshot=nlp.to_bytes,
        loss_key="ner",
        log=log,
    )
    nlp.from_bytes(best_bytes)
    material = train_material(data, nlp, seed=seed, log=log)
    settings = {"seed": seed, "material_seed": seed, "scirex_sections": scirex_sections}
    _describe(nlp, settings, bool(vectors))
    _save(nlp, out)
    return {
        "best_mean_span_f1": round(best, 4),
        "epochs": history,
        "train_examples": len(examples),
        "gazetteer": len(gazetteer),
        **material,
    }


def _save(nlp: Language, out: str | Path) -> None:
    with atomic_dir(out) as tmp:
        nlp.to_disk(tmp)
        tmp.chmod(0o755)  # package data: readable by all, as a plain folder would be


def retrain_material(data: str | Path, out: str | Path, *, seed: int = 0) -> dict[str, object]:
    """Retrain only the data-description recogniser of the model folder ``out`` (the
    four-label recogniser's files are written back unchanged)."""
    nlp = load_ner(out)
    report = train_material(data, nlp, seed=seed)
    # the four-label recogniser's settings (a folder from before they were recorded: the
    # defaults, which trained it)
    settings = dict(nlp.meta.get("kg_training") or {"seed": 0, "scirex_sections": SCIREX_SECTIONS})
    settings["material_seed"] = seed
    _describe(nlp, settings, bool(nlp.vocab.vectors.shape[0]))
    _save(nlp, out)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.extract.train --data DIR --out DIR --seed N``."""
    parser = argparse.ArgumentParser(prog="python -m kg.extract.train", description=__doc__)
    parser.add_argument("--data", required=True, help="folder of the annotated corpora")
    parser.add_argument("--out", required=True, help="model folder to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--width", type=int, default=WIDTH, help="tok2vec width")
    parser.add_argument(
        "--vectors", default="train", help="floret vectors file to reuse (default: train them)"
    )
    parser.add_argument("--no-vectors", action="store_true", help="no static vectors")
    parser.add_argument(
        "--scirex-sections", type=int, default=SCIREX_SECTIONS, help="SciREX body sections"
    )
    parser.add_argument(
        "--material-only",
        action="store_true",
        help="retrain only the data-description recogniser of the model folder --out",
    )
    args = parser.parse_args(argv)
    try:
        if args.material_only:
            report = retrain_material(args.data, args.out, seed=args.seed)
            print(json.dumps({k: v for k, v in report.items() if k != "material_epochs"}))
            return 0
        report = train(
            args.data,
            args.out,
            seed=args.seed,
            epochs=args.epochs,
            dropout=args.dropout,
            width=args.width,
            vectors=None if args.no_vectors else args.vectors,
            scirex_sections=args.scirex_sections,
        )
    except KGError as exc:
        print(f"kg.extract.train: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps({k: v for k, v in report.items() if k not in ("epochs", "material_epochs")}))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
