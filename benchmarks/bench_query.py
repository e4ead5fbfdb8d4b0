"""Benchmark: SPARQL over the exported graph with pyoxigraph and rdflib, side by side.

Generates a synthetic corpus shaped like the real one (typed concepts with a Zipf-like
popularity, roles, proposed methods, numeric results, paper-paper links), maps it to RDF with
the real exporter (``kg.export.rdf.iter_triples``), loads it into a persisted pyoxigraph store
(``kg.store.write_store``) and times the example queries of ``ontology/queries/``. rdflib's
in-memory SPARQL engine is timed on the same queries on a smaller graph (``--rdflib-papers``),
because on 100,000 papers loading alone takes many minutes and some joins take minutes
even on 2,000 papers. The bundled corpus build
(``exports/kg.ttl``) is timed too when present.

Run:  python benchmarks/bench_query.py [--papers 100000] [--rdflib-papers 2000]
          [--bundled exports/kg.ttl] [--skip-synthetic] [--store-dir DIR]
Writes benchmarks/results/query.json and prints a table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export.rdf import iter_triples
from kg.export.rdf_syntax import nt_line
from kg.graph.model import ConceptNode, KnowledgeGraph
from kg.model import Concept, Extraction, Mention, Paper, Result
from kg.namespace import PREFIXES
from kg.store import is_store, open_store, write_store

__all__ = ["synthetic_kg", "main"]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
RESULTS = ROOT / "benchmarks" / "results" / "query.json"
TIMED = [
    "datasets_with_metric",
    "proposed_methods_evaluation",
    "best_results",
    "shared_concepts",
    "paper_shares_concepts",
    "top_concepts_per_type",
    "papers_per_task_by_month",
    "most_compared_methods",
    "uses_proposed_methods",
    "task_datasets",
    "method_results",
    "low_confidence",
    "concept_aliases",
]
LOOKUP = (
    'SELECT ?rel ?label WHERE { ?p dcterms:identifier "synth:{pid}" ; ?rel ?c . '
    "?c skos:prefLabel ?label }"
)
SIZES = {"Method": 0.4, "Dataset": 0.2, "Metric": 0.1, "Task": 0.3}
ROLE = {"Method": "uses", "Dataset": "evaluates_on", "Metric": "measures", "Task": "addresses"}


def synthetic_kg(n_papers: int, seed: int = 7) -> KnowledgeGraph:
    """A KnowledgeGraph of ``n_papers`` synthetic papers (about 7 concepts and 0.6 results each)."""
    rng = random.Random(seed)
    n_concepts = max(200, n_papers // 5)
    concepts: dict[str, ConceptNode] = {}
    pools: dict[str, list[str]] = {}
    for ctype, share in SIZES.items():
        ids = []
        for i in range(int(n_concepts * share)):
            cid = f"concept:{ctype.lower()}-{i}"
            concepts[cid] = ConceptNode(cid, ctype, f"{ctype} {i}", aliases=[f"{ctype[0]}{i}"])
            ids.append(cid)
        pools[ctype] = ids
    # Zipf-like popularity; cumulative weights computed once (choices() would redo it per call)
    cum = {
        t: list(itertools.accumulate(1 / (r + 1) for r in range(len(ids))))
        for t, ids in pools.items()
    }
    g = nx.DiGraph()
    papers: dict[str, Paper] = {}
    extractions: dict[str, Extraction] = {}
    concept_of: dict[tuple[str, int], str] = {}
    by_concept: dict[str, list[str]] = {}
    new_methods: list[str] = []
    for k in range(n_papers):
        pid = f"synth:{k}"
        month = 1 + k % 12
        title = "Bellman Optimal Step-size Straightening" if k == 0 else f"Paper {k}"
        p = Paper(
            id=pid,
            title=title,
            abstract="x" * 200,
            date=f"2024-{month:02d}-15",
            authors=[f"Author {rng.randrange(n_papers)}"],
        )
        papers[pid] = p
        g.add_node(pid, kind="paper", label=title, title=title, date=p.date, url="")
        picks = []
        for ctype, count in (("Method", 2), ("Dataset", 2), ("Metric", 1), ("Task", 1)):
            chosen = set(rng.choices(pools[ctype], cum_weights=cum[ctype], k=count))
            picks += [(ctype, c) for c in sorted(chosen)]
        if new_methods and rng.random() < 0.2:  # uses a method another paper proposed
            picks.append(("Method", rng.choice(new_methods)))
        proposes = rng.random() < 0.3
        if proposes:  # a new method of its own
            cid = f"concept:new-method-{k}"
            concepts[cid] = ConceptNode(cid, "Method", f"NewMethod{k}", aliases=[f"NM{k}"])
            picks.insert(0, ("Method", cid))
        entities = []
        for i, (ctype, cid) in enumerate(picks):
            proposed = proposes and i == 0
            role = "proposes" if proposed else ROLE[ctype]
            if ctype == "Method" and not proposed and rng.random() < 0.3:
                role = "compares"
            conf = round(0.5 + rng.random() / 2, 2)
            start = 10 * i
            entities.append(
                Concept(
                    ctype,
                    concepts[cid].label,
                    proposed=proposed,
                    role=role,
                    confidence=conf,
                    mentions=[Mention("abstract", start, start + 5, "xxxxx")],
                )
            )
            concept_of[(pid, i)] = cid
            by_concept.setdefault(cid, []).append(pid)
            g.add_edge(
                pid,
                cid,
                kind="role",
                role=role,
                proposed=proposed,
                confidence=conf,
                evidence="",
                mentions=1,
            )
        if proposes:
            new_methods.append(picks[0][1])
        results = []
        datasets = [c for t, c in picks if t == "Dataset"]
        metrics = [c for t, c in picks if t == "Metric"]
        if datasets and metrics and rng.random() < 0.6:
            results.append(
                Result(
                    metric=concepts[metrics[0]].label,
                    value=f"{rng.uniform(10, 99):.2f}%",
                    dataset=concepts[datasets[0]].label,
                    method=concepts[picks[0][1]].label,
                    evidence="x" * 80,
                )
            )
        extractions[pid] = Extraction(pid, title, entities, results)
    for cid, node in concepts.items():
        node.papers = by_concept.get(cid, [])
        g.add_node(
            cid,
            kind="concept",
            type=node.type,
            label=node.label,
            aliases=node.aliases,
            papers=len(node.papers),
            vocab_id="",
        )
    for pid in papers:  # three links per paper through a shared dataset
        ex = extractions[pid]
        cid = next(concept_of[(pid, i)] for i, c in enumerate(ex.entities) if c.type == "Dataset")
        members = by_concept[cid]
        for other in rng.sample(members, min(3, len(members))):
            if other != pid:
                a, b = sorted((pid, other))
                g.add_edge(
                    a,
                    b,
                    kind="related",
                    weight=round(rng.uniform(0.5, 5), 6),
                    shared=[cid],
                    link_types=["shared Dataset"],
                    reasons=[],
                )
    return KnowledgeGraph(g, papers, extractions, concepts, concept_of)


def _queries() -> dict[str, str]:
    out = {name: (QUERIES / f"{name}.rq").read_text(encoding="utf-8") for name in TIMED}
    out["lookup_one_paper"] = LOOKUP.replace("{pid}", "42")
    return out


def _time(fn, repeat: int = 3) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = fn()
        best = min(best, time.perf_counter() - t0)
    return best, rows


def _write_nt(kg: KnowledgeGraph, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for t in iter_triples(kg, extractor_version="bench"):
            fh.write(nt_line(*t))
            n += 1
    return n


def bench_oxigraph(nt: Path | None, store_dir: Path, queries: dict[str, str]) -> dict:
    """Load ``nt`` into a new store at ``store_dir`` (or reuse it when ``nt`` is None), time."""
    t0 = time.perf_counter()
    if nt is not None:
        write_store(nt, store_dir)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = open_store(store_dir)
    opened = time.perf_counter() - t0
    times = {}
    for name, q in queries.items():
        secs, rows = _time(lambda q=q: len(list(store.query(q, prefixes=PREFIXES))))
        times[name] = {"seconds": round(secs, 4), "rows": rows}
        print(f"  oxigraph {name:30s} {secs:8.3f}s {rows:8d} rows", flush=True)
    return {
        "load_seconds": round(load, 2) if nt is not None else None,
        "open_seconds": round(opened, 4),
        "queries": times,
        "triples": len(store),
    }


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _rdflib_query(g, q: str, limit: int) -> tuple[float | None, int | None]:
    """Seconds and rows of one rdflib query; (None, None) past ``limit`` s, (None, -1) on error.

    rdflib's engine is pure Python, so SIGALRM interrupts it between bytecodes.
    """
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    t0 = time.perf_counter()
    try:
        rows = len(list(g.query(q, initNs=PREFIXES)))
    except _Timeout:
        return None, None
    except Exception as exc:  # rdflib fails on some valid queries; record, go on
        print(f"  rdflib error: {type(exc).__name__}: {exc}", flush=True)
        return None, -1
    finally:
        signal.alarm(0)
    return time.perf_counter() - t0, rows


def bench_rdflib(nt: Path, queries: dict[str, str], limit: int) -> dict:
    from rdflib import Graph

    t0 = time.perf_counter()
    g = Graph().parse(nt, format="nt")
    load = time.perf_counter() - t0
    times = {}
    for name, q in queries.items():
        secs, rows = _rdflib_query(g, q, limit)
        if secs is None:
            times[name] = {"seconds": None, "rows": None, "timeout_seconds": limit}
            print(f"  rdflib   {name:30s}  > {limit}s (stopped)", flush=True)
            continue
        times[name] = {"seconds": round(secs, 4), "rows": rows}
        print(f"  rdflib   {name:30s} {secs:8.3f}s {rows:8d} rows", flush=True)
    return {"load_seconds": round(load, 2), "queries": times, "triples": len(g)}


def run_size(
    n: int,
    queries: dict[str, str],
    tmp: Path,
    rdflib_limit: int | None,
    keep: Path | None = None,
) -> dict:
    """Generate ``n`` papers, load, time; with ``keep``, reuse or keep ``keep/store-n``."""
    if keep is not None and rdflib_limit is None and is_store(keep / f"store-{n}"):
        print(f"{n} papers: reusing the store in {keep}", flush=True)
        out: dict = {"papers": n, "store_reused": True}
        out["pyoxigraph"] = bench_oxigraph(None, keep / f"store-{n}", queries)
        return out
    print(f"{n} papers: generating", flush=True)
    t0 = time.perf_counter()
    kg = synthetic_kg(n)
    nt = tmp / f"synth-{n}.nt"
    triples = _write_nt(kg, nt)
    gen = time.perf_counter() - t0
    del kg
    out = {"papers": n, "triples_written": triples, "generate_seconds": round(gen, 1)}
    store_dir = (keep if keep is not None and rdflib_limit is None else tmp) / f"store-{n}"
    out["pyoxigraph"] = bench_oxigraph(nt, store_dir, queries)
    if rdflib_limit is not None:
        out["rdflib"] = bench_rdflib(nt, queries, rdflib_limit)
    nt.unlink()
    return out


def bench_bundled(queries: dict[str, str], ttl: Path, limit: int) -> dict | None:
    """Both engines on the bundled corpus export, loaded in memory from ``ttl``."""
    if not ttl.is_file():
        return None
    from rdflib import Graph

    print(f"bundled corpus ({ttl})", flush=True)
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    g = Graph().parse(ttl, format="turtle")
    papers = store.query("SELECT ?p WHERE { ?p a kg:Paper }", prefixes=PREFIXES)
    out: dict = {"triples": len(store), "papers": len(list(papers))}
    ox_times, rdflib_times = {}, {}
    for name, q in queries.items():
        if name == "lookup_one_paper":
            continue
        secs, rows = _time(lambda q=q: len(list(store.query(q, prefixes=PREFIXES))))
        ox_times[name] = {"seconds": round(secs, 4), "rows": rows}
        rsecs, rrows = _rdflib_query(g, q, limit)
        rdflib_times[name] = {
            "seconds": None if rsecs is None else round(rsecs, 4),
            "rows": rrows,
        }
        shown = "stopped" if rsecs is None else f"{rsecs:8.4f}s"
        print(f"  {name:30s} oxigraph {secs:8.4f}s  rdflib {shown}  {rows:6d} rows", flush=True)
    out["pyoxigraph"], out["rdflib"] = ox_times, rdflib_times
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--rdflib-papers", type=int, default=2_000)
    ap.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query")
    ap.add_argument("--out", default=str(RESULTS))
    ap.add_argument(
        "--bundled", default=str(ROOT / "exports" / "kg.ttl"), help="bundled corpus export"
    )
    ap.add_argument("--skip-synthetic", action="store_true", help="time the bundled corpus only")
    ap.add_argument(
        "--store-dir",
        help="keep the large synthetic store here and reuse it on the next run (skips generating"
        " and loading; its load figures are then not re-measured)",
    )
    args = ap.parse_args(argv)
    queries = _queries()
    out = Path(args.out)
    # A partial run (--skip-synthetic) updates the figures it measured and keeps the others.
    report: dict = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    report["machine"] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    bundled = bench_bundled(queries, Path(args.bundled), args.rdflib_timeout)
    if bundled is not None:
        report["bundled"] = bundled
    if not args.skip_synthetic:
        report["sizes"] = []
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as d:
            tmp = Path(d)
            report["sizes"].append(run_size(args.rdflib_papers, queries, tmp, args.rdflib_timeout))
            if args.papers != args.rdflib_papers:
                keep = Path(args.store_dir) if args.store_dir else None
                report["sizes"].append(run_size(args.papers, queries, tmp, None, keep))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
