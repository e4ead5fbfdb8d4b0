"""Extraction speed on the bundled corpus -> benchmarks/results/speed.json.

    python benchmarks/bench_extract_speed.py [--repeat 3] [--workers 1,2]

Figures: abstracts (title + abstract) per second on one core for the default pipeline
(``kg.extract.load_pipeline()``: recogniser + rules) and for the recogniser alone; the ratio of
the pipeline's time to spaCy's bare English tokenizer (``spacy.blank("en")``) on the same texts;
throughput with ``workers`` processes (pool start-up included, corpus repeated so that each
worker has work); load time of the pipeline and of the recogniser; size of the shipped model
on disk; and the time share of each pipeline component (``components_s``, ``components_share``:
the corpus run through one component after the other, the recogniser's ``tok2vec`` and ``ner``
in batches of 64 docs, the rule components doc by doc, then ``assemble``; ``make_doc`` is the
tokenizer). Each timing is the best of ``--repeat`` runs. The machine is shared: read the
figures as orders of magnitude, and compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from kg.atomic import atomic_write
from kg.model import Paper

__all__ = ["corpus_papers", "best_time", "model_size", "component_times", "measure", "main"]

HERE = Path(__file__).resolve().parent


def corpus_papers() -> list[Paper]:
    """The bundled corpus, read by the ingest stage."""
    from kg.ingest import default_corpus, read_papers

    return list(read_papers(default_corpus()))


def best_time(func: Callable[[], object], repeat: int) -> float:
    """The shortest wall-clock time of ``repeat`` calls of ``func``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def model_size(folder: Path) -> int:
    """Bytes of all files under ``folder``."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def component_times(nlp: Any, papers: list[Paper], repeat: int) -> dict[str, float]:
    """Seconds per pipeline component over ``papers`` (best of ``repeat``), in pipeline order.

    Runs what :func:`kg.extract.extract_papers` runs, one component at a time over all docs.
    """
    from kg.extract.assemble import assemble

    best: dict[str, float] = {}

    def clock(name: str, start: float) -> None:
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)

    for _ in range(repeat):
        start = time.perf_counter()
        docs = []
        for paper in papers:
            for field in ("title", "abstract"):
                doc = nlp.make_doc(getattr(paper, field) or "")
                doc.user_data["kg_field"] = field
                docs.append(doc)
        clock("make_doc", start)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            if name in {"tok2vec", "ner"}:
                docs = list(proc.pipe(docs, batch_size=64))
            else:
                docs = [proc(d) for d in docs]
            clock(name, start)
        start = time.perf_counter()
        for k, paper in enumerate(papers):
            assemble(paper, {"title": docs[2 * k], "abstract": docs[2 * k + 1]})
        clock("assemble", start)
    return best


def measure(repeat: int, workers: list[int]) -> dict[str, Any]:
    """Run every measurement; return the figures."""
    from kg.extract import extract_papers, load_pipeline
    from kg.extract.ner import MODEL_DIR, load_ner

    papers = corpus_papers()
    texts = [t for p in papers for t in (p.title or "", p.abstract or "")]
    n = len(papers)

    load_pipeline_s = best_time(load_pipeline, repeat)
    load_ner_s = best_time(load_ner, repeat)
    nlp = load_pipeline()
    ner = load_ner()
    tokenizer = spacy.blank("en").tokenizer

    pipeline_s = best_time(lambda: list(extract_papers(papers, nlp=nlp)), repeat)
    ner_s = best_time(lambda: list(ner.pipe(texts, batch_size=64)), repeat)
    tok_s = best_time(lambda: [tokenizer(t) for t in texts], repeat)
    components = component_times(nlp, papers, repeat)
    components_total = sum(components.values())

    scale_papers = papers * 4
    scaling = {}
    for w in workers:
        secs = best_time(lambda w=w: list(extract_papers(scale_papers, workers=w)), repeat)
        scaling[str(w)] = round(len(scale_papers) / secs, 1)

    return {
        "papers": n,
        "characters": sum(len(t) for t in texts),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "pipeline_abstracts_per_s_one_core": round(n / pipeline_s, 1),
        "ner_only_abstracts_per_s_one_core": round(n / ner_s, 1),
        "tokenizer_abstracts_per_s": round(n / tok_s, 1),
        "pipeline_time_ratio_to_tokenizer": round(pipeline_s / tok_s, 1),
        "workers_abstracts_per_s": scaling,
        "components_s": {k: round(v, 3) for k, v in components.items()},
        "components_share": {k: round(v / components_total, 3) for k, v in components.items()},
        "workers_papers": len(scale_papers),
        "load_pipeline_s": round(load_pipeline_s, 3),
        "load_ner_s": round(load_ner_s, 3),
        "model_dir_bytes": model_size(MODEL_DIR),
        "model_dir_mb": round(model_size(MODEL_DIR) / 1e6, 2),
        "repeat": repeat,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line; prints the figures and writes ``<out>``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    figures = measure(args.repeat, [int(w) for w in args.workers.split(",") if w.strip()])
    with atomic_write(args.out) as fh:
        fh.write(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    print(json.dumps(figures, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
