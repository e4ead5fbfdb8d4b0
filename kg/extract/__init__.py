"""Extraction stage: a spaCy pipeline of rule components on top of the shipped recogniser.

Pipeline (``load_pipeline``), in order:

=====================  ==================================================================
``kg_sentences``       sentence boundaries for abstracts (:mod:`kg.extract.sentences`)
``tok2vec``, ``ner``   the shipped statistical recogniser, when present (:mod:`kg.extract.ner`)
``kg_abbreviations``   acronym definitions, naming phrases (:mod:`kg.extract.abbreviations`)
``kg_vocab``           curated vocabulary matcher (:mod:`kg.extract.vocabulary`)
``kg_candidates``      named-artefact and proposal rules (:mod:`kg.extract.candidates`)
``kg_generic_filter``  drops "our approach", "baselines", "AI" (:mod:`kg.extract.generic`)
``kg_concepts``        merges the evidence into concepts (:mod:`kg.extract.concepts`)
``kg_materials``       data descriptions where little was found (:mod:`kg.extract.materials`)
``kg_roles``           roles and the proposed flag (:mod:`kg.extract.roles`)
``kg_results``         (metric, value, dataset, method) results (:mod:`kg.extract.results`)
=====================  ==================================================================

A disabled ``kg_concepts_backoff`` (the broad mode's merger) redoes the concepts of a paper that
backs off. Title and abstract are processed as two docs and assembled into one
:class:`kg.model.Extraction` per paper (:mod:`kg.extract.assemble`).
"""

from __future__ import annotations

import functools
import multiprocessing
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from kg.errors import ModelError
from kg.extract import (  # noqa: F401  (importing registers the spaCy factories)
    abbreviations,
    candidates,
    concepts,
    generic,
    materials,
    results,
    roles,
    sentences,
    vocabulary,
)
from kg.extract.assemble import assemble
from kg.model import Extraction, Paper

__all__ = [
    "EXTRACTOR_VERSION",
    "RULE_PIPES",
    "load_pipeline",
    "is_broad",
    "extract_paper",
    "extract_papers",
]

#: Version of the extractor's behaviour; changes whenever its output can change.
EXTRACTOR_VERSION = "1.9.101"
#: The disabled merger that draws the concepts of a paper that backs off (see :func:`_redo`).
BACKOFF_CONCEPTS = "kg_concepts_backoff"
#: The rule components added after the recogniser, in order.
RULE_PIPES: tuple[str, ...] = (
    "kg_abbreviations",
    "kg_vocab",
    "kg_candidates",
    "kg_generic_filter",
    "kg_concepts",
    "kg_materials",
    "kg_roles",
    "kg_results",
)
_warned = False


def _warn_once(reason: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(f"kg extract: rules only, no statistical recogniser ({reason})", stacklevel=3)


def load_pipeline(*, ner: bool = True, broad: bool = False) -> Language:
    """The extraction pipeline: the shipped recogniser (when ``ner`` and present) plus the rules.

    By default the rules and the vocabulary draw the concepts and the recogniser corroborates
    them: its agreement raises a concept's confidence (:func:`kg.extract.assemble.confidence`)
    and is recorded among its ``sources``; on the development sets the default's strict F1
    moves by at most 0.001 without it.
    ``broad`` lets the recogniser lead (``kg_concepts`` with ``ner_alone=True``): its spans
    win the boundaries and the concepts only it found are kept too: higher recall of
    descriptive phrases ("statistical machine translation system"), drawn as corpora such as
    SciERC and TDMSci annotate them, at a lower precision on the project's definitions (see
    ``benchmarks/results/extraction*.md``).

    With ``ner=False``, or when the model is missing, the pipeline is rules only on
    ``spacy.blank("en")``; a missing model gives one warning per process. The tokenizer also
    splits a final period after a digit or small letter and a capital ("LLaMA-2-70B.",
    "ConciseR.") or after a hyphen and a capital ("MultiPL-E.", "GPT-J."), and a period glued
    between two sentences ("availability.Evaluations").

    Examples:
        >>> nlp = load_pipeline(ner=False)
        >>> nlp.pipe_names[:3]
        ['kg_sentences', 'kg_abbreviations', 'kg_vocab']
        >>> [t.text for t in nlp.make_doc("We use LLaMA-2-70B.")][-2:]
        ['70B', '.']
        >>> [t.text for t in nlp.make_doc("on MultiPL-E.")][-2:]
        ['E', '.']
        >>> [t.text for t in nlp.make_doc("high availability.Evaluations show")]
        ['high', 'availability', '.', 'Evaluations', 'show']
    """
    nlp: Language | None = None
    if ner:
        try:
            from kg.extract.ner import load_ner

            nlp = load_ner()
        except (ModelError, ImportError) as exc:
            _warn_once(str(exc))
    if nlp is None:
        nlp = spacy.blank("en")
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[0-9a-z][A-Z])\.", r"(?<=-[A-Z])\."]
    # a sentence end glued to the next sentence: "high availability.Evaluations show"
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[a-z]{2})\.(?=[A-Z])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("kg_sentences", first=True)
    for name in RULE_PIPES:
        nlp.add_pipe(name, config={"ner_alone": True} if broad and name == "kg_concepts" else {})
    if not broad and "ner" in nlp.pipe_names:
        # the concepts as the recogniser draws them, for a paper that backs off (_redo); a
        # method's form without its descriptor is often no name ("adaptive" of "adaptive
        # algorithm"), a task's, data set's or measure's is ("uncertainty quantification")
        config = {"ner_alone": True, "bare_forms": ["Dataset", "Metric", "Task"]}
        nlp.add_pipe("kg_concepts", name=BACKOFF_CONCEPTS, config=config)
        nlp.disable_pipe(BACKOFF_CONCEPTS)
    return nlp


def _redo(nlp: Language) -> Callable[[dict[str, Doc]], None] | None:
    """What :func:`kg.extract.assemble.assemble` calls for a paper that backs off: its docs
    processed again with the concepts as the recogniser draws them (:data:`BACKOFF_CONCEPTS`,
    the broad mode's merger), then roles and results; the data descriptions found before stay,
    less those a new concept covers."""
    if BACKOFF_CONCEPTS not in nlp.component_names:
        return None
    merger = nlp.get_pipe(BACKOFF_CONCEPTS)
    assign_roles, find_results = nlp.get_pipe("kg_roles"), nlp.get_pipe("kg_results")

    def redo(docs: dict[str, Doc]) -> None:
        for doc in docs.values():
            merger(doc)
            doc._.kg_materials = materials.uncovered(doc._.kg_materials or [], doc._.kg_concepts)
            find_results(assign_roles(doc))

    return redo


def is_broad(nlp: Language) -> bool:
    """Whether ``nlp`` keeps the recogniser's concepts alone (:func:`load_pipeline` ``broad``)."""
    return "kg_concepts" in nlp.pipe_names and bool(
        getattr(nlp.get_pipe("kg_concepts"), "ner_alone", False)
    )


@functools.cache
def _default_pipeline(ner: bool = True) -> Language:
    return load_pipeline(ner=ner)


def _docs(nlp: Language, paper: Paper) -> list[Doc]:
    out = []
    for field in ("title", "abstract"):
        doc = nlp.make_doc(getattr(paper, field) or "")
        doc.user_data["kg_field"] = field
        if field == "title":
            # the title's rules ask whether the abstract uses a name the title gives
            doc.user_data["kg_abstract"] = paper.abstract or ""
        out.append(doc)
    return out


def extract_paper(paper: Paper, nlp: Language | None = None) -> Extraction:
    """Extract the concepts and results of one paper (title and abstract).

    ``nlp`` defaults to a cached :func:`load_pipeline` (with the recogniser when present).
    Mention offsets index into ``paper.title`` / ``paper.abstract``.

    Examples:
        >>> p = Paper(id="p1", title="", abstract="We propose Turbo-GS, a new method. "
        ...           "It beats 3D Gaussian Splatting (3DGS) in PSNR on Mip-NeRF 360.")
        >>> ex = extract_paper(p, load_pipeline(ner=False))
        >>> for c in ex.entities:
        ...     print(c.type, c.name, c.role)
        Method Turbo-GS proposes
        Method 3D Gaussian Splatting compares
        Metric PSNR measures
        Dataset Mip-NeRF 360 evaluates_on
        >>> m = ex.entities[1].mentions[0]
        >>> p.abstract[m.start:m.end]
        '3D Gaussian Splatting'
    """
    nlp = nlp or _default_pipeline()
    title, abstract = (nlp(doc) for doc in _docs(nlp, paper))
    return assemble(paper, {"title": title, "abstract": abstract}, _redo(nlp))


_worker_nlp: Language | None = None


def _init_worker(ner: bool, broad: bool = False) -> None:
    global _worker_nlp
    warnings.simplefilter("ignore")
    if _worker_nlp is None:  # forked workers inherit the parent's pipeline
        _worker_nlp = load_pipeline(ner=ner, broad=broad)


def _extract_chunk(papers: list[Paper]) -> list[Extraction]:
    assert _worker_nlp is not None
    return list(_extract_serial(papers, _worker_nlp, batch_size=len(papers) or 1))


def _extract_serial(
    papers: Iterable[Paper], nlp: Language, batch_size: int
) -> Iterator[Extraction]:
    batch: list[Paper] = []
    redo = _redo(nlp)

    def flush() -> Iterator[Extraction]:
        docs = [d for p in batch for d in _docs(nlp, p)]
        processed = list(nlp.pipe(docs, batch_size=batch_size * 2))
        for k, paper in enumerate(batch):
            title, abstract = processed[2 * k], processed[2 * k + 1]
            yield assemble(paper, {"title": title, "abstract": abstract}, redo)

    for paper in papers:
        batch.append(paper)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def extract_papers(
    papers: Iterable[Paper],
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 32,
) -> Iterator[Extraction]:
    """Extract many papers, yielding one :class:`Extraction` per paper in input order.

    ``workers > 1`` runs that many processes (forked with the pipeline where the platform
    allows, else spawned, each loading its own pipeline, with the recogniser when ``nlp`` has an
    ``"ner"`` pipe); output is identical to ``workers=1``.

    Examples:
        >>> ps = [Paper(id=str(i), title="", abstract=t) for i, t in enumerate(
        ...       ["We use PPO on MuJoCo.", "DPO beats RLHF on AlpacaEval."])]
        >>> [[c.name for c in e.entities] for e in extract_papers(ps, nlp=load_pipeline(ner=False))]
        [['PPO', 'MuJoCo'], ['DPO', 'RLHF', 'AlpacaEval']]
    """
    if workers <= 1:
        yield from _extract_serial(papers, nlp or _default_pipeline(), batch_size)
        return
    global _worker_nlp
    nlp = nlp or _default_pipeline()
    ner = "ner" in nlp.pipe_names
    chunks = _chunks(papers, batch_size)
    # fork where the platform has it: workers share the loaded pipeline and the caller's
    # script need not guard its main module; spawn elsewhere
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    _worker_nlp = nlp if method == "fork" else None
    try:
        initargs = (ner, is_broad(nlp))
        with ctx.Pool(workers, initializer=_init_worker, initargs=initargs) as pool:
            for extractions in pool.imap(_extract_chunk, chunks):
                yield from extractions
    finally:
        _worker_nlp = None


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    chunk: list[Paper] = []
    for p in papers:
        chunk.append(p)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
