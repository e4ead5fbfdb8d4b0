"""The graph stage: normalisation figures on the bundled corpus, and build speed at scale
-> benchmarks/results/graph.json.

    python benchmarks/bench_graph.py [--graph-dir DIR] [--sizes 300,1000,3000] [--repeat 3]

Corpus figures (from a ``kg build`` output directory with ``--graph-dir``, else the bundled
corpus ingested and extracted): concept nodes per type before normalisation (distinct
``(type, slug of the name)`` as a case-and-spacing-only builder would make them, and distinct
raw names) and after (:func:`kg.graph.build_graph`); acronyms kept apart as ambiguous; broader
and related edges; communities; the review of the 100 most connected concepts
(:func:`kg.graph.review.duplicate_candidates`, which should be empty).

Speed figures: :func:`kg.graph.build_graph` on synthetic corpora of ``--sizes`` papers (fixed
seed; Zipf-distributed concepts written in several spellings, some with acronym definitions),
best of ``--repeat`` wall-clock runs, and peak Python memory (tracemalloc, one extra run).
The machine is shared: compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.graph import build_graph, concept_slug, paper_communities
from kg.graph.normalize import normalise_concepts
from kg.graph.review import duplicate_candidates
from kg.graph.vocabulary import default_vocabulary
from kg.model import CONCEPT_TYPES, Concept, Extraction, Paper

RESULTS = Path(__file__).parent / "results" / "graph.json"
_WORDS = (
    "adaptive sparse neural latent graph policy reward diffusion contrastive token vision "
    "language multi scale robust federated causal spectral temporal hierarchical implicit "
    "generative attention memory retrieval preference gradient kernel bayesian quantum"
).split()
_HEADS = {
    "Method": ["network", "model", "optimization", "learning", "transformer", "sampler"],
    "Dataset": ["benchmark", "corpus", "suite"],
    "Metric": ["score", "error", "rate"],
    "Task": ["generation", "classification", "reasoning", "retrieval"],
}


def corpus_figures(graph_dir: str | None) -> dict[str, Any]:
    """Before/after concept counts, links, communities and the review on the real corpus."""
    from kg.build import extract_inputs, ingest_inputs, read_build

    if graph_dir:
        kg = read_build(graph_dir)
        papers, extractions = list(kg.papers.values()), list(kg.extractions.values())
        source = f"build directory {graph_dir}"
    else:
        papers, _ = ingest_inputs([])
        extractions = extract_inputs(papers)
        source = "bundled corpus (ingest + extract)"
    t0 = time.perf_counter()
    kg = build_graph(papers, extractions)
    seconds = time.perf_counter() - t0
    raw = {(c.type, c.name) for e in extractions for c in e.entities}
    slug = {(c.type, concept_slug(c.name)) for e in extractions for c in e.entities}
    after = Counter(node.type for node in kg.concepts.values())
    edges = Counter(d["kind"] for _, _, d in kg.graph.edges(data=True))
    norm = normalise_concepts(extractions, default_vocabulary())
    communities = paper_communities(kg)
    return {
        "source": source,
        "papers": len(papers),
        "concept mentions (one per paper and concept)": sum(len(e.entities) for e in extractions),
        "concept nodes before: distinct raw names": _per_type(Counter(t for t, _ in raw)),
        "concept nodes before: distinct (type, slug)": _per_type(Counter(t for t, _ in slug)),
        "concept nodes after normalisation": _per_type(after),
        "ambiguous acronyms kept apart": sorted(norm.ambiguous),
        "edges": dict(sorted(edges.items())),
        "communities (2+ papers)": len(communities),
        "largest communities": [f"{len(c.papers)} papers: {c.label}" for c in communities[:5]],
        "duplicates among the 100 most connected concepts": [
            list(s) for s in duplicate_candidates(kg, 100)
        ],
        "build_graph seconds": round(seconds, 3),
    }


def _per_type(counts: Counter[str]) -> dict[str, int]:
    out = {t: counts.get(t, 0) for t in CONCEPT_TYPES}
    out["total"] = sum(out.values())
    return out


def _spellings(name: str, rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.2:
        return name.title()
    if choice < 0.35:
        return name.replace(" ", "-")
    if choice < 0.5:
        return name + "s"
    return name


def synthetic_corpus(n: int, seed: int = 7) -> tuple[list[Paper], list[Extraction]]:
    """``n`` papers with 12 concepts each from a Zipf-distributed pool of 5 * n concepts."""
    rng = random.Random(seed)
    pool: list[tuple[str, str]] = []
    for i in range(5 * n):
        ctype = CONCEPT_TYPES[i % 4]
        words = rng.sample(_WORDS, 2)
        pool.append((ctype, f"{words[0]} {words[1]} {rng.choice(_HEADS[ctype])} {i}"))
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    papers, extractions = [], []
    for p in range(n):
        pid = f"syn:{p:06d}"
        papers.append(
            Paper(id=pid, title=f"Paper {p}", abstract="", date=f"202{p % 5}-{p % 12 + 1:02d}-01")
        )
        chosen = {pool[i] for i in rng.choices(range(len(pool)), weights, k=12)}
        entities = []
        for ctype, name in sorted(chosen):
            if rng.random() < 0.1:
                acronym = "".join(w[0] for w in name.split()[:3]).upper()
                aliases = [acronym]
            else:
                aliases = []
            proposed = rng.random() < 0.05
            entities.append(
                Concept(
                    type=ctype,
                    name=_spellings(name, rng),
                    aliases=aliases,
                    proposed=proposed,
                    role="proposes" if proposed else "uses",
                )
            )
        extractions.append(Extraction(id=pid, title=f"Paper {p}", entities=entities))
    return papers, extractions


def speed_figures(sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    rows = []
    vocab = default_vocabulary()
    for n in sizes:
        papers, extractions = synthetic_corpus(n)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            kg = build_graph(papers, extractions, vocabulary=vocab)
            best = min(best, time.perf_counter() - t0)
        tracemalloc.start()
        build_graph(papers, extractions, vocabulary=vocab)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        edges = Counter(d["kind"] for _, _, d in kg.graph.edges(data=True))
        rows.append(
            {
                "papers": n,
                "concept mentions": sum(len(e.entities) for e in extractions),
                "concept nodes": len(kg.concepts),
                "related edges": edges["related"],
                "seconds (best)": round(best, 3),
                "papers per second": round(n / best, 1),
                "peak MiB (tracemalloc)": round(peak / 2**20, 1),
            }
        )
        print(f"  {rows[-1]}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph-dir", help="a `kg build` output directory")
    parser.add_argument("--sizes", default="300,1000,3000", help="synthetic corpus sizes")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (best kept)")
    parser.add_argument("--out", default=str(RESULTS), help=f"result file (default {RESULTS})")
    args = parser.parse_args(argv)
    figures = {
        "command": "python benchmarks/bench_graph.py " + " ".join(argv or sys.argv[1:]),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "corpus": corpus_figures(args.graph_dir),
        "speed": speed_figures([int(s) for s in args.sizes.split(",") if s], args.repeat),
    }
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    with atomic_write(args.out) as fh:
        fh.write(text + "\n")
    print(text)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
