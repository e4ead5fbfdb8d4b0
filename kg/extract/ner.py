"""The shipped statistical entity recogniser: load it offline, and a NER-only extractor.

The model at :data:`MODEL_DIR` is a spaCy 3.8 pipeline ``tok2vec`` + ``ner`` on the default
English tokenizer of ``spacy.blank("en")``, trained by :mod:`kg.extract.train` (SciERC train,
TDMSci and SciREX training folds). Its entity labels are exactly ``Method``, ``Dataset``,
``Metric`` and ``Task``. The folder also holds a disabled pipe ``material``, the
data-description recogniser (label ``Material``, SciERC train) that :mod:`kg.extract.materials`
runs where the rules found little; ``nlp(text)`` never runs it.

For the extraction pipeline: call :func:`load_ner` (a fresh :class:`spacy.Language` each call,
safe to extend), add rule components after ``"ner"`` with ``nlp.add_pipe(..., after="ner")``,
and read ``doc.ents`` (``ent.label_`` is one of the four types; ``ent.start_char`` /
``ent.end_char`` are offsets into the text passed in). Its word vectors are the project's own
(floret, trained on the training folds' text and stored in the model); no downloads; load time
is a fraction of a second, size about 16 MB.

:func:`ner_extractions` turns the model's entities directly into :class:`kg.model.Extraction`
records (one concept per normalised name and type, mentions with offsets); the benchmarks use
it to score the recogniser alone.

Examples:
    >>> nlp = load_ner()
    >>> nlp.pipe_names
    ['tok2vec', 'ner']
    >>> sorted(nlp.get_pipe("ner").labels)
    ['Dataset', 'Method', 'Metric', 'Task']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Span

from kg.errors import ModelError
from kg.model import DEFAULT_ROLE, Concept, Extraction, Mention, Paper

__all__ = ["MODEL_DIR", "load_ner", "ner_extractions"]

#: Folder of the shipped model (package data).
MODEL_DIR: Path = Path(__file__).parent / "model" / "ner"


def load_ner(path: str | os.PathLike[str] | None = None) -> Language:
    """Load the trained recogniser from ``path`` (default :data:`MODEL_DIR`), offline.

    Raises :class:`kg.errors.ModelError` naming the folder when the model is missing or broken.

    Examples:
        >>> load_ner("/nonexistent/model")
        Traceback (most recent call last):
        ...
        kg.errors.ModelError: /nonexistent/model: no trained model here (config.cfg missing); ...
    """
    folder = Path(path) if path is not None else MODEL_DIR
    if not (folder / "config.cfg").is_file():
        raise ModelError(
            str(folder),
            "no trained model here (config.cfg missing); train it with "
            "`python -m kg.extract.train --data ../shared/training --out kg/extract/model/ner`",
        )
    try:
        nlp = spacy.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(str(folder), f"cannot load the model: {exc}") from exc
    labels = set(getattr(nlp.get_pipe("ner"), "labels", ())) if "ner" in nlp.pipe_names else set()
    if labels != {"Method", "Dataset", "Metric", "Task"}:
        raise ModelError(str(folder), f"not a kg entity model (labels {sorted(labels)})")
    return nlp


def _key(text: str) -> str:
    from kg.evaluate import normalise_name

    return normalise_name(text)


def _is_short_form(previous: Span | None, ent: Span) -> bool:
    if previous is None or previous.label_ != ent.label_ or len(ent) > 3:
        return False
    between = ent.doc.text[previous.end_char : ent.start_char].strip()
    return between == "(" and any(c.isupper() for c in ent.text) and len(ent.text) <= 12


def ner_extractions(
    papers: Iterable[Paper], nlp: Language | None = None, *, batch_size: int = 32
) -> list[Extraction]:
    """Extract concepts with the recogniser alone: each entity becomes a concept of its label.

    Concepts are merged per paper by type and normalised name (first spelling wins); the role is
    the type's default and ``confidence`` grows with the number of mentions (0.5 for one, up to
    0.9). No results, no proposed flags: those come from the rule components.

    Examples:
        >>> ex = ner_extractions([Paper(id="p", title="", abstract="We fine-tune a "
        ...     "convolutional neural network (CNN) for image classification on ImageNet.")])[0]
        >>> "Method" in {c.type for c in ex.entities}
        True
    """
    nlp = nlp or load_ner()
    papers = list(papers)
    texts = [(p.title or "", p.abstract or "") for p in papers]
    flat = [t for pair in texts for t in pair]
    docs = list(nlp.pipe(flat, batch_size=batch_size))
    out = []
    for i, paper in enumerate(papers):
        concepts: dict[tuple[str, str], Concept] = {}
        for field, doc in (("title", docs[2 * i]), ("abstract", docs[2 * i + 1])):
            previous = None
            for ent in doc.ents:
                key = (ent.label_, _key(ent.text))
                concept = concepts.get(key)
                if concept is None and previous is not None and _is_short_form(previous, ent):
                    # "long form (ACRONYM)": one concept, the acronym an alias
                    concept = concepts[(ent.label_, _key(previous.text))]
                    concepts[key] = concept
                previous = ent
                if concept is None:
                    concept = concepts[key] = Concept(
                        type=ent.label_,
                        name=ent.text,
                        role=DEFAULT_ROLE[ent.label_],
                        sources=["ner"],
                        evidence=ent.sent.text if doc.has_annotation("SENT_START") else None,
                    )
                elif ent.text != concept.name and ent.text not in concept.aliases:
                    concept.aliases.append(ent.text)
                concept.mentions.append(Mention(field, ent.start_char, ent.end_char, ent.text))
        unique = list({id(c): c for c in concepts.values()}.values())
        for concept in unique:
            concept.confidence = round(min(0.9, 0.4 + 0.1 * len(concept.mentions)), 2)
        out.append(Extraction(id=paper.id, title=paper.title, entities=unique))
    return out
