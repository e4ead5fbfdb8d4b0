"""Time until a view is interactive in headless Chromium -> results/view.json.

    python benchmarks/bench_view.py [--graph-dir exports] [--repeat 3] [--nodes 5000]

Cases: the bundled corpus's whole-graph view (from ``--graph-dir`` if it holds a build, else
ingested and extracted here), and a generated graph of about ``--nodes`` nodes (papers and
concepts with a skewed popularity) shown both as the default view (the 400 strongest nodes) and
in full (``max_nodes`` = all). For each: seconds to write the HTML (layout included), file size,
and in Chromium (offline, fresh profile) the time from navigation start to the first frame
drawn after layout (``kgView.readyAt``, where search and filter respond), median of
``--repeat`` page loads. Wall-clock figures depend on the machine and its load; the goal for the
corpus view is under 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.atomic import atomic_write
from kg.export.html import write_html
from kg.graph import KnowledgeGraph, build_graph
from kg.model import CONCEPT_TYPES, Concept, Extraction, Paper

RESULTS = Path(__file__).parent / "results"
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))


def synthetic_graph(nodes: int, seed: int = 0) -> KnowledgeGraph:
    """About ``nodes`` nodes: 40% papers, 60% concepts, each paper citing 4-9 concepts."""
    rng = random.Random(seed)
    n_papers, n_concepts = int(nodes * 0.4), nodes - int(nodes * 0.4)
    names = [f"synthetic {CONCEPT_TYPES[i % 4].lower()} {i:05d}" for i in range(n_concepts)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_concepts)]
    papers, extractions = [], []
    for p in range(n_papers):
        # every concept is used at least once, so the graph has all its nodes
        picks = {c for c in (p, p + n_papers, p + 2 * n_papers) if c < n_concepts}
        picks |= set(rng.choices(range(n_concepts), weights=weights, k=rng.randint(3, 8)))
        pid = f"synth:{p:05d}"
        papers.append(
            Paper(
                id=pid,
                title=f"Synthetic paper {p}",
                abstract="Generated for the benchmark.",
                date=f"2024-{1 + p % 12:02d}-01",
            )
        )
        entities = [Concept(type=CONCEPT_TYPES[c % 4], name=names[c]) for c in sorted(picks)]
        extractions.append(Extraction(id=pid, title="", entities=entities))
    return build_graph(papers, extractions)


def time_in_browser(page: Path, repeat: int) -> dict[str, float | int]:
    from browser import chromium_driver, severe_logs, wait_ready

    loads, drawn = [], 0
    with chromium_driver() as driver:
        for _ in range(repeat):
            driver.get("about:blank")
            driver.get(page.as_uri())
            wait_ready(driver, timeout=600)
            loads.append(driver.execute_script("return kgView.readyAt") / 1000)
            drawn = driver.execute_script("return kgView.network.body.nodeIndices.length")
        errors = len(severe_logs(driver))
    return {
        "interactive_s_median": round(statistics.median(loads), 3),
        "interactive_s_all": [round(x, 3) for x in loads],
        "drawn_nodes": drawn,
        "console_errors": errors,
    }


def measure(name: str, kg: KnowledgeGraph, out: Path, repeat: int, **kwargs: int) -> dict:
    t0 = time.perf_counter()
    page = write_html(kg, out / f"{name}.html", **kwargs)
    write_s = time.perf_counter() - t0
    row = {
        "case": name,
        "graph_nodes": kg.graph.number_of_nodes(),
        "graph_edges": kg.graph.number_of_edges(),
        "write_html_s": round(write_s, 3),
        "file_mb": round(page.stat().st_size / 1e6, 2),
        **time_in_browser(page, repeat),
    }
    print(json.dumps(row), flush=True)
    return row


def _chromium_version() -> str:
    from browser import CHROMIUM

    try:
        done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
        return done.stdout.strip()
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph-dir", help="a `kg build` output to view (default: build here)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=5000)
    args = parser.parse_args()
    from kg.build import load_or_build

    t0 = time.perf_counter()
    corpus = load_or_build([], graph_dir=args.graph_dir)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    synth = synthetic_graph(args.nodes)
    synth_s = time.perf_counter() - t0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows.append(measure("corpus-whole", corpus, out, args.repeat))
        rows.append(measure(f"synthetic-{args.nodes}-default", synth, out, args.repeat))
        rows.append(
            measure(
                f"synthetic-{args.nodes}-full",
                synth,
                out,
                args.repeat,
                max_nodes=synth.graph.number_of_nodes(),
            )
        )
    result = {
        "benchmark": "view",
        "command": "python benchmarks/bench_view.py " + " ".join(sys.argv[1:]),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "chromium": _chromium_version(),
        },
        "corpus_graph_load_s": round(load_s, 3),
        "synthetic_graph_build_s": round(synth_s, 3),
        "goal": "corpus view interactive in under 5 s",
        "cases": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    with atomic_write(RESULTS / "view.json") as fh:
        json.dump(result, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(f"wrote {RESULTS / 'view.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
