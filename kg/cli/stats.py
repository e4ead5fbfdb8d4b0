"""``kg stats [INPUT...] [--graph-dir DIR]``: counts, themes, central concepts, co-occurrence,
concepts over time.

A thin layer over :mod:`kg.graph.analytics` and :mod:`kg.graph.cooccurrence`; the graph comes
from :func:`kg.build.load_or_build` (a previous build's directory, or ingest + extract).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kg.graph import KnowledgeGraph

__all__ = ["register", "run", "collect_stats", "format_stats"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="print graph statistics: themes, central concepts, co-occurrence, trends",
        description="Statistics of the knowledge graph of INPUT (default: the last build in "
        "exports/, else the bundled corpus) or of a previous build's directory.",
    )
    p.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="paper listings (default: the bundled corpus)"
    )
    p.add_argument("--graph-dir", metavar="DIR", help="output directory of a previous `kg build`")
    p.add_argument("-n", "--top", type=int, default=10, help="rows per table (default 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(func=run)


def collect_stats(kg: KnowledgeGraph, top: int = 10) -> dict[str, Any]:
    """Everything ``kg stats`` prints, as plain JSON-ready data."""
    from kg.graph.analytics import (
        central_concepts,
        concept_timeline,
        graph_summary,
        paper_communities,
    )
    from kg.graph.cooccurrence import cooccurrence_tables

    communities = paper_communities(kg)
    months, timeline = concept_timeline(kg, top)
    return {
        "summary": graph_summary(kg),
        "communities": [
            {
                "index": c.index,
                "size": len(c.papers),
                "label": c.label,
                "concepts": [cid for cid, _ in c.concepts],
                "papers": c.papers,
            }
            for c in communities
        ],
        "central_concepts": [
            {"id": cid, "label": label, "type": ctype, "pagerank": score, "papers": n}
            for cid, label, ctype, score, n in central_concepts(kg, top)
        ],
        "cooccurrence": {
            name: [
                {"first": r.first_label, "second": r.second_label, "papers": r.papers} for r in rows
            ]
            for name, rows in cooccurrence_tables(kg, min_papers=2, limit=top).items()
        },
        "months": months,
        "timeline": [
            {"id": cid, "label": label, "months": per_month} for cid, label, per_month in timeline
        ],
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The text report of :func:`collect_stats`."""
    s = stats["summary"]
    lines = [
        f"papers: {s['papers']}",
        f"concepts: {s['concepts']} ("
        + ", ".join(f"{t} {s[f'concepts {t}']}" for t in ("Method", "Dataset", "Metric", "Task"))
        + ")",
        f"edges: role {s['role edges']}, broader {s['broader edges']}, "
        f"related {s['related edges']}",
        "",
        f"communities (papers linked by shared concepts): {len(stats['communities'])}",
    ]
    for c in stats["communities"]:
        lines.append(f"  {c['index']:>3}. {c['size']:>4} papers  {c['label']}")
    lines += ["", "most central concepts (PageRank over co-occurrence):"]
    for r in stats["central_concepts"]:
        lines.append(f"  {r['pagerank']:.4f}  {r['papers']:>4} papers  {r['label']} [{r['type']}]")
    for name, rows in stats["cooccurrence"].items():
        lines += ["", f"co-occurrence {name} (papers holding both):"]
        lines += [f"  {r['papers']:>4}  {r['first']}  +  {r['second']}" for r in rows]
        if not rows:
            lines.append("  (no pair in two or more papers)")
    months = stats["months"]
    span = f"{months[0]} .. {months[-1]}" if months else "no dated papers"
    lines += ["", f"concept frequency by month ({span}):"]
    for r in stats["timeline"]:
        cells = ", ".join(f"{m} {k}" for m, k in r["months"].items())
        lines.append(f"  {r['label']}: {cells}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from kg.build import load_or_build

    kg = load_or_build(args.inputs, graph_dir=args.graph_dir)
    stats = collect_stats(kg, max(args.top, 1))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True), file=sys.stdout)
    else:
        print(format_stats(stats), file=sys.stdout)
    return 0
