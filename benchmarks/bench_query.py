"""Benchmark: SPARQL over the exported graph with pyoxigraph and rdflib, side by side.

Generates a synthetic corpus shaped like the real one (typed concepts with a Zipf-like
popularity, roles, proposed methods, numeric results, paper-paper links), maps it to RDF with
the real exporter (``kg.export.rdf.iter_triples``), loads it into a persisted pyoxigraph store
(``kg.store.write_store``), opens it read-only from disk as ``kg query --store`` does, and
times two sets of queries:

* typical (``TYPICAL``): the questions a user types, about one paper, one concept, dataset or
  metric, or a top-20 list, filled in with entities picked from the graph (``pick_params``:
  a random paper, the most mentioned concept of each type, so the worst case over concepts);
* analytics (full result sets): the example queries of ``ontology/queries/``, which walk the
  whole graph and return every row (tens of thousands on 100,000 papers).

Each query runs once to warm up, then ``--repeat`` times; the best time is kept. rdflib's
in-memory engine is timed on the same queries on a smaller graph (``--rdflib-papers``), because
on 100,000 papers loading alone takes many minutes and some joins take minutes even on 2,000
papers. The bundled corpus build (``exports/kg.ttl``, or ``--bundled``) is timed too.

Run:  python benchmarks/bench_query.py [--papers 100000] [--rdflib-papers 2000]
          [--rdflib-timeout 60] [--repeat 3] [--bundled exports/kg.ttl] [--skip-synthetic]
          [--store-dir DIR]
Writes benchmarks/results/query.json and prints a table. Figures: ontology/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import signal
import string
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
ANALYTICS = [
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


def _top20(key: str, count: str, aggregate: str, pattern: str) -> str:
    """``{ SELECT key count ... ORDER BY DESC(count) key LIMIT 20 }`` over ``pattern``, fast.

    Sorting on an IRI decodes it from the store at each comparison, so sorting thousands of
    tied counts by IRI takes seconds. The first subquery finds the 20th largest count
    (ordering by count alone), the second keeps only the groups at or above it and sorts
    those: the same 20 rows, at the cost of counting twice.
    """
    body = pattern.replace("\n", "\n          ")
    group = f"GROUP BY {key}"
    return f"""{{
    SELECT {key} {count} WHERE {{
      {{
        SELECT (MIN(?n) AS ?floor) WHERE {{
          {{ SELECT ({aggregate} AS ?n) WHERE {{
            {body.replace(chr(10) + "          ", chr(10) + "            ")}
          }} {group} ORDER BY DESC(?n) LIMIT 20 }}
        }}
      }}
      {{
        SELECT {key} ({aggregate} AS {count}) WHERE {{
          {body}
        }}
        {group}
      }}
      FILTER({count} >= ?floor)
    }}
    ORDER BY DESC({count}) {key}
    LIMIT 20
  }}"""


# Typical queries: the questions a user types, about one paper, one concept, or a top-N list.
# $paper, $method_paper, $metric, $dataset, $task and $concept are filled with a literal picked
# from the graph by pick_params (a random paper; the most mentioned concept of each type, so the
# figures are the worst case over concepts). name -> (question, SPARQL template).
TYPICAL: dict[str, tuple[str, str]] = {
    "lookup_one_paper": (
        "the concepts of paper P, by relation",
        """SELECT ?rel ?label WHERE {
  ?p dcterms:identifier $paper ; ?rel ?c .
  ?c skos:prefLabel ?label .
}""",
    ),
    "similar_papers": (
        "papers sharing concepts with paper P, top 20 by number shared",
        "SELECT ?other ?title ?shared WHERE {\n  "
        + _top20(
            "?other",
            "?shared",
            "COUNT(?c)",
            "?paper dcterms:identifier $paper ; kg:mentionsConcept ?c .\n"
            "?other kg:mentionsConcept ?c .\nFILTER(?other != ?paper)",
        )
        + """
  ?other dcterms:title ?title .
}
ORDER BY DESC(?shared) ?other""",
    ),
    "datasets_with_metric_m": (
        "datasets used together with metric M, by number of papers",
        """SELECT ?dataset ?papers WHERE {
  {
    SELECT ?d (COUNT(?p) AS ?papers) WHERE {
      ?m skos:prefLabel $metric ; a kg:Metric .
      ?p kg:measures ?m ; kg:evaluatesOn ?d .
    }
    GROUP BY ?d
  }
  ?d skos:prefLabel ?dataset .
}
ORDER BY DESC(?papers) ?dataset""",
    ),
    "best_results_on_dataset_d": (
        "best reported value per metric on dataset D, and who reported it",
        """SELECT ?metric ?best ?unit ?paper ?results WHERE {
  ?d skos:prefLabel $dataset ; a kg:Dataset .
  {
    SELECT ?m (MIN(?v) AS ?low) (MAX(?v) AS ?high) (COUNT(?r) AS ?results) WHERE {
      ?d skos:prefLabel $dataset ; a kg:Dataset .
      ?r kg:onDataset ?d ; kg:ofMetric ?m ; kg:value ?v .
    }
    GROUP BY ?m
  }
  ?best_result kg:onDataset ?d ; kg:ofMetric ?m ; kg:value ?best .
  ?m skos:prefLabel ?metric .
  FILTER(?best = IF(REGEX(?metric, "error|loss|distance|perplexity|fid|wer|latency", "i"),
                    ?low, ?high))
  ?paper kg:reportsResult ?best_result .
  OPTIONAL { ?best_result kg:unit ?unit }
}
ORDER BY ?metric ?paper""",
    ),
    "most_compared_methods_top20": (
        "the 20 methods most often compared against",
        "SELECT ?method ?papers WHERE {\n  "
        + _top20("?m", "?papers", "COUNT(?p)", "?p kg:comparesWith ?m")
        + """
  ?m skos:prefLabel ?method .
}
ORDER BY DESC(?papers) ?method""",
    ),
    "methods_proposed_on_dataset_d": (
        "papers proposing a method evaluated on dataset D",
        """SELECT ?paper ?title ?method WHERE {
  ?d skos:prefLabel $dataset ; a kg:Dataset .
  ?paper kg:evaluatesOn ?d ; kg:proposes ?m .
  ?m a kg:Method ; skos:prefLabel ?method .
  ?paper dcterms:title ?title .
}
ORDER BY ?paper ?method""",
    ),
    "task_papers_by_month": (
        "papers per month addressing task T",
        """SELECT ?month (COUNT(?p) AS ?papers) WHERE {
  ?t skos:prefLabel $task ; a kg:Task .
  ?p kg:addresses ?t ; dcterms:date ?date .
  BIND(SUBSTR(STR(?date), 1, 7) AS ?month)
}
GROUP BY ?month
ORDER BY ?month""",
    ),
    "top20_concepts_per_type": (
        "the 20 most mentioned concepts of each type (precomputed kg:paperCount)",
        "SELECT ?type ?concept ?papers WHERE {\n  {\n  "
        + "\n  } UNION {\n  ".join(
            # the 20th largest count first (sorting counts only), then the IRI tie-break
            # on the few concepts at or above it: see _top20
            "  { SELECT ?c ?papers WHERE {\n"
            "      OPTIONAL { SELECT ?n0 WHERE {\n"
            f"          ?c0 kg:paperCount ?n0 . ?c0 a kg:{t}\n"
            "        } ORDER BY DESC(?n0) OFFSET 19 LIMIT 1 }\n"
            "      ?c kg:paperCount ?papers .\n"
            f"      FILTER(!BOUND(?n0) || ?papers >= ?n0) ?c a kg:{t}\n"
            "    } ORDER BY DESC(?papers) ?c LIMIT 20 }\n"
            f'    BIND("{t}" AS ?type)'
            for t in ("Dataset", "Method", "Metric", "Task")
        )
        + """
  }
  ?c skos:prefLabel ?concept .
}
ORDER BY ?type DESC(?papers) ?concept""",
    ),
    "users_of_methods_of_paper_p": (
        "papers that use or compare with a method paper P proposes",
        """SELECT ?paper ?title ?method WHERE {
  ?given dcterms:identifier $method_paper ; kg:proposes ?m .
  ?m a kg:Method ; skos:prefLabel ?method .
  { ?paper kg:uses ?m } UNION { ?paper kg:comparesWith ?m }
  FILTER(?paper != ?given)
  ?paper dcterms:title ?title .
}
ORDER BY ?method ?paper""",
    ),
    "aliases_of_concept_c": (
        "the other names of concept C, and its broader concept",
        """SELECT ?alias ?broader WHERE {
  ?c skos:prefLabel $concept ; skos:altLabel ?alias .
  OPTIONAL { ?c skos:broader ?b . ?b skos:prefLabel ?broader }
}
ORDER BY ?alias""",
    ),
}

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


def _analytics() -> dict[str, str]:
    return {name: (QUERIES / f"{name}.rq").read_text(encoding="utf-8") for name in ANALYTICS}


def _literal(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _select(store: ox.Store, q: str) -> list[list[str]]:
    return [[t.value for t in row] for row in store.query(q, prefixes=PREFIXES)]


def pick_params(store: ox.Store, seed: int = 7) -> dict[str, dict]:
    """The entities the typical queries ask about, picked from the graph in ``store``.

    A random paper (seeded); the most mentioned concept of each type (the worst case for a
    query about one concept); the paper whose proposed method most other papers use.
    Picking is not timed.
    """
    ids = sorted(
        r[0] for r in _select(store, "SELECT ?id WHERE { ?p a kg:Paper ; dcterms:identifier ?id }")
    )
    picked: dict[str, dict] = {"paper": {"value": random.Random(seed).choice(ids)}}
    for key, cls in (
        ("concept", "Method"),
        ("dataset", "Dataset"),
        ("metric", "Metric"),
        ("task", "Task"),
    ):
        rows = _select(
            store,
            f"SELECT ?label (COUNT(?p) AS ?n) WHERE {{ ?c a kg:{cls} ; skos:prefLabel ?label ."
            " ?p kg:mentionsConcept ?c } GROUP BY ?label",
        )
        label, n = min(rows, key=lambda r: (-int(r[1]), r[0]))
        picked[key] = {"value": label, "papers": int(n)}
    rows = _select(
        store,
        "SELECT ?id (COUNT(?u) AS ?n) WHERE { ?u cito:usesMethodIn ?p ."
        " ?p dcterms:identifier ?id } GROUP BY ?id",
    )
    if rows:
        pid, n = min(rows, key=lambda r: (-int(r[1]), r[0]))
        picked["method_paper"] = {"value": pid, "citing_papers": int(n)}
    else:  # no paper's method is used by another: any paper that proposes one
        rows = _select(store, "SELECT ?id WHERE { ?p kg:proposes ?m ; dcterms:identifier ?id }")
        picked["method_paper"] = {"value": min(r[0] for r in rows)}
    return picked


def typical_queries(params: dict[str, dict]) -> dict[str, str]:
    """The typical queries with the picked entities filled in."""
    values = {k: _literal(v["value"]) for k, v in params.items()}
    return {name: string.Template(q).substitute(values) for name, (_, q) in TYPICAL.items()}


def _time(fn, repeat: int) -> tuple[float, int]:
    """Best of ``repeat`` runs after one warm-up run, and the number of rows."""
    rows = fn()
    best = float("inf")
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


def _time_oxigraph(store: ox.Store, queries: dict[str, str], repeat: int, label: str) -> dict:
    times = {}
    for name, q in queries.items():
        secs, rows = _time(lambda q=q: len(list(store.query(q, prefixes=PREFIXES))), repeat)
        times[name] = {"seconds": round(secs, 4), "rows": rows}
        print(f"  oxigraph {label:9s} {name:32s} {secs:8.3f}s {rows:8d} rows", flush=True)
    return times


def bench_oxigraph(
    nt: Path | None, store_dir: Path, analytics: dict[str, str], repeat: int
) -> dict:
    """Load ``nt`` into a new store at ``store_dir`` (or reuse it when ``nt`` is None), time.

    The store is opened read-only from disk, as ``kg query --store`` does.
    """
    t0 = time.perf_counter()
    if nt is not None:
        write_store(nt, store_dir)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = open_store(store_dir)
    opened = time.perf_counter() - t0
    params = pick_params(store)
    print(f"  typical-query entities: {json.dumps(params, sort_keys=True)}", flush=True)
    typical = _time_oxigraph(store, typical_queries(params), repeat, "typical")
    return {
        "load_seconds": round(load, 2) if nt is not None else None,
        "open_seconds": round(opened, 4),
        "params": params,
        "typical": typical,
        "analytics": _time_oxigraph(store, analytics, repeat, "analytics"),
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


def _time_rdflib(g, queries: dict[str, str], limit: int, repeat: int, label: str) -> dict:
    """Like :func:`_time`; a query past ``limit`` s on its warm-up run is not repeated."""
    times: dict[str, dict] = {}
    for name, q in queries.items():
        secs, rows = _rdflib_query(g, q, limit)
        if secs is not None:
            for _ in range(repeat):
                again, rows = _rdflib_query(g, q, limit)
                if again is None:
                    break
                secs = min(secs, again)
        if secs is None:
            times[name] = {"seconds": None, "rows": rows, "timeout_seconds": limit}
            print(f"  rdflib   {label:9s} {name:32s}  > {limit}s (stopped)", flush=True)
            continue
        times[name] = {"seconds": round(secs, 4), "rows": rows}
        print(f"  rdflib   {label:9s} {name:32s} {secs:8.3f}s {rows:8d} rows", flush=True)
    return times


def bench_rdflib(
    nt: Path, params: dict, analytics: dict[str, str], limit: int, repeat: int
) -> dict:
    from rdflib import Graph

    t0 = time.perf_counter()
    g = Graph().parse(nt, format="nt")
    load = time.perf_counter() - t0
    return {
        "load_seconds": round(load, 2),
        "typical": _time_rdflib(g, typical_queries(params), limit, repeat, "typical"),
        # analytics take minutes in rdflib: one run each, no warm-up
        "analytics": _time_rdflib(g, analytics, limit, 0, "analytics"),
        "triples": len(g),
    }


def run_size(
    n: int,
    analytics: dict[str, str],
    tmp: Path,
    rdflib_limit: int | None,
    repeat: int,
    keep: Path | None = None,
) -> dict:
    """Generate ``n`` papers, load, time; with ``keep``, reuse or keep ``keep/store-n``."""
    if keep is not None and rdflib_limit is None and is_store(keep / f"store-{n}"):
        print(f"{n} papers: reusing the store in {keep}", flush=True)
        out: dict = {"papers": n, "store_reused": True}
        out["pyoxigraph"] = bench_oxigraph(None, keep / f"store-{n}", analytics, repeat)
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
    out["pyoxigraph"] = bench_oxigraph(nt, store_dir, analytics, repeat)
    if rdflib_limit is not None:
        params = out["pyoxigraph"]["params"]
        out["rdflib"] = bench_rdflib(nt, params, analytics, rdflib_limit, repeat)
    nt.unlink()
    return out


def bench_bundled(analytics: dict[str, str], ttl: Path, limit: int, repeat: int) -> dict | None:
    """Both engines on the bundled corpus export, loaded in memory from ``ttl``."""
    if not ttl.is_file():
        return None
    from rdflib import Graph

    print(f"bundled corpus ({ttl})", flush=True)
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    g = Graph().parse(ttl, format="turtle")
    papers = store.query("SELECT ?p WHERE { ?p a kg:Paper }", prefixes=PREFIXES)
    params = pick_params(store)
    out: dict = {"triples": len(store), "papers": len(list(papers)), "params": params}
    out["pyoxigraph"] = {
        "typical": _time_oxigraph(store, typical_queries(params), repeat, "typical"),
        "analytics": _time_oxigraph(store, analytics, repeat, "analytics"),
    }
    out["rdflib"] = {
        "typical": _time_rdflib(g, typical_queries(params), limit, repeat, "typical"),
        "analytics": _time_rdflib(g, analytics, limit, 0, "analytics"),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--rdflib-papers", type=int, default=2_000)
    ap.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query")
    ap.add_argument(
        "--repeat", type=int, default=3, help="timed runs per query (best kept), after a warm-up"
    )
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
    analytics = _analytics()
    out = Path(args.out)
    # A partial run (--skip-synthetic) updates the figures it measured and keeps the others.
    report: dict = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    report["machine"] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    report["typical_questions"] = {name: question for name, (question, _) in TYPICAL.items()}
    report["repeat"] = args.repeat
    bundled = bench_bundled(analytics, Path(args.bundled), args.rdflib_timeout, args.repeat)
    if bundled is not None:
        report["bundled"] = bundled
    if not args.skip_synthetic:
        report["sizes"] = []
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as d:
            tmp = Path(d)
            report["sizes"].append(
                run_size(args.rdflib_papers, analytics, tmp, args.rdflib_timeout, args.repeat)
            )
            if args.papers != args.rdflib_papers:
                keep = Path(args.store_dir) if args.store_dir else None
                report["sizes"].append(
                    run_size(args.papers, analytics, tmp, None, args.repeat, keep)
                )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
