"""The flow itself: ingest -> extract -> graph -> exports, nothing else.

``kg build`` calls :func:`build`; ``kg stats``, ``kg similar`` and ``kg view`` call
:func:`load_or_build`, which reuses a previous build's output directory when given one.

Files a build writes into its output directory (besides the exporters' files):

``corpus.jsonl``
    the ingested papers (merged, with every source), one :class:`kg.model.Paper` per line.
``papers.jsonl``
    the extraction, one ``kg extract`` object per paper (the README's contract), same order.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kg.atomic import atomic_write
from kg.errors import InputError
from kg.graph import KnowledgeGraph, build_graph
from kg.jsonl import json_objects
from kg.model import CONCEPT_TYPES, Extraction, Paper

__all__ = [
    "BuildSummary",
    "build",
    "extract_inputs",
    "ingest_inputs",
    "load_or_build",
    "read_build",
    "write_jsonl",
    "read_jsonl",
    "CORPUS_FILE",
    "EXTRACTION_FILE",
]

CORPUS_FILE = "corpus.jsonl"
EXTRACTION_FILE = "papers.jsonl"


@dataclass
class BuildSummary:
    """What a build read, found and wrote; :meth:`lines` is the printed summary."""

    ingest_lines: list[str] = field(default_factory=list)
    papers: int = 0
    concepts_per_type: dict[str, int] = field(default_factory=dict)
    mentions_per_type: dict[str, int] = field(default_factory=dict)
    results: int = 0
    edges: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = list(self.ingest_lines)
        out.append(f"paper nodes: {self.papers}")
        out.append(
            "concept nodes: "
            + ", ".join(f"{t} {self.concepts_per_type.get(t, 0)}" for t in CONCEPT_TYPES)
        )
        out.append(
            "concepts found in papers: "
            + ", ".join(f"{t} {self.mentions_per_type.get(t, 0)}" for t in CONCEPT_TYPES)
            + f"; results {self.results}"
        )
        out.append("edges: " + ", ".join(f"{k} {v}" for k, v in sorted(self.edges.items())))
        out.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items()))
        out.append(f"wrote {len(self.files)} files:")
        out.extend(f"  {p}" for p in self.files)
        return out


def write_jsonl(records: Iterable[dict], path: str | Path | IO[str]) -> None:
    """Write dicts as JSON Lines (UTF-8, one per line) atomically, or to an open file."""
    if hasattr(path, "write"):
        for r in records:
            path.write(json.dumps(r, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
        return
    with atomic_write(path) as fh:  # type: ignore[arg-type]
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Read JSON Lines; a bad line is an error naming the file and line (:mod:`kg.jsonl`)."""
    for _number, record in json_objects(path):
        yield record


def ingest_inputs(inputs: Sequence[str], **ingest_options: object) -> tuple[list[Paper], list[str]]:
    """Read and merge ``inputs`` (default: the bundled corpus); return papers and summary lines."""
    from kg.ingest import IngestReport, default_corpus, read_papers

    report = IngestReport(files=[], records_read=0, papers=0, merged=0, skipped=[])
    paths: Sequence[str | Path] = list(inputs) if inputs else default_corpus()
    papers = read_papers(paths, report=report, **ingest_options)  # type: ignore[arg-type]
    return papers, report.summary_lines()


def extract_inputs(
    papers: Sequence[Paper],
    *,
    workers: int = 1,
    ner: bool = True,
    broad: bool = False,
    progress: bool = False,
) -> list[Extraction]:
    """Run the extractor over ``papers`` in input order (a progress bar on long runs)."""
    from kg.extract import extract_papers, load_pipeline

    nlp = load_pipeline(ner=ner, broad=broad)
    stream: Iterable[Extraction] = extract_papers(papers, nlp=nlp, workers=workers)
    if progress:
        from tqdm import tqdm

        stream = tqdm(
            stream,
            total=len(papers),
            desc="extract",
            unit="paper",
            file=sys.stderr,
            disable=None,
            leave=False,
        )
    return list(stream)


def build(
    inputs: Sequence[str] = (),
    out_dir: str | Path = "exports",
    *,
    workers: int = 1,
    ner: bool = True,
    broad: bool = False,
    top_k: int = 10,
    min_weight: float = 0.0,
    base: str | None = None,
    formats: Sequence[str] | None = None,
    progress: bool = False,
    **ingest_options: object,
) -> BuildSummary:
    """Ingest ``inputs`` (default: the bundled corpus), extract, link and write every export.

    ``ingest_options`` go to :func:`kg.ingest.read_papers` (``format``, ``year``, ``columns``,
    ``on_error``). Every file is written atomically; an error leaves earlier files intact.
    """
    summary = BuildSummary()
    out = Path(out_dir)
    t0 = time.perf_counter()
    papers, summary.ingest_lines = ingest_inputs(inputs, **ingest_options)
    if not papers:
        raise InputError(", ".join(map(str, inputs)) or "bundled corpus", "no papers to build from")
    t1 = time.perf_counter()
    extractions = extract_inputs(papers, workers=workers, ner=ner, broad=broad, progress=progress)
    t2 = time.perf_counter()
    kg = build_graph(papers, extractions, top_k=top_k, min_weight=min_weight)
    t3 = time.perf_counter()
    summary.files = _write_outputs(kg, out, base=base, formats=formats)
    t4 = time.perf_counter()
    summary.seconds = {"ingest": t1 - t0, "extract": t2 - t1, "graph": t3 - t2, "export": t4 - t3}
    _fill_counts(summary, kg)
    return summary


def _write_outputs(
    kg: KnowledgeGraph, out: Path, *, base: str | None, formats: Sequence[str] | None
) -> list[Path]:
    from kg.export import write_all
    from kg.export.html import write_html
    from kg.export.index import write_index
    from kg.store import write_store

    papers = list(kg.papers.values())
    files: list[Path] = []
    corpus = out / CORPUS_FILE
    write_jsonl((p.to_dict() for p in papers), corpus)
    extraction = out / EXTRACTION_FILE
    write_jsonl((kg.extractions[p.id].to_dict() for p in papers), extraction)
    files += [corpus, extraction]
    options = {"base": base} if base else {}
    files += write_all(kg, out, formats=formats, **options)
    files.append(write_html(kg, out / "kg.html"))
    files.append(write_store(kg, out / "store", **options))
    files.append(write_index(kg, out, files))
    return files


def _fill_counts(summary: BuildSummary, kg: KnowledgeGraph) -> None:
    summary.papers = len(kg.papers)
    summary.concepts_per_type = dict(Counter(c.type for c in kg.concepts.values()))
    summary.mentions_per_type = dict(
        Counter(c.type for e in kg.extractions.values() for c in e.entities)
    )
    summary.results = sum(len(e.results) for e in kg.extractions.values())
    summary.edges = dict(Counter(d.get("kind", "") for _, _, d in kg.graph.edges(data=True)))


def read_build(graph_dir: str | Path) -> KnowledgeGraph:
    """Rebuild the graph from a previous build's ``corpus.jsonl`` and ``papers.jsonl``."""
    d = Path(graph_dir)
    for name in (CORPUS_FILE, EXTRACTION_FILE):
        if not (d / name).is_file():
            raise InputError(str(d / name), "missing: run `kg build` first or pass inputs")
    papers = [Paper.from_dict(r) for r in read_jsonl(d / CORPUS_FILE)]
    extractions = [Extraction.from_dict(r) for r in read_jsonl(d / EXTRACTION_FILE)]
    return build_graph(papers, extractions)


def load_or_build(
    inputs: Sequence[str] = (), *, graph_dir: str | Path | None = None, workers: int = 1
) -> KnowledgeGraph:
    """The graph of ``graph_dir`` (a ``kg build`` output) if given, else ingest+extract ``inputs``.

    With neither, the default build directory ``exports/`` is used when it holds a build, else
    the bundled corpus is ingested and extracted.
    """
    if graph_dir is not None:
        return read_build(graph_dir)
    if not inputs and (Path("exports") / EXTRACTION_FILE).is_file():
        return read_build("exports")
    papers, _ = ingest_inputs(inputs)
    return build_graph(papers, extract_inputs(papers, workers=workers))
