"""``kg similar "TITLE or ID" [INPUT...] [-n 10]``: the closest papers, with the reasons.

A thin layer over :func:`kg.graph.similar.find_paper` and
:func:`kg.graph.similar.similar_papers`; the graph comes from :func:`kg.build.load_or_build`.
"""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "similar",
        help="list the papers closest to one paper, with the reasons",
        description="The papers sharing the most (rarest) concepts with the paper named by "
        "its id, its title or a unique part of its title.",
    )
    p.add_argument("paper", metavar="TITLE_OR_ID", help="paper id, title or part of a title")
    p.add_argument(
        "inputs", nargs="*", metavar="INPUT", help="paper listings (default: the bundled corpus)"
    )
    p.add_argument("--graph-dir", metavar="DIR", help="output directory of a previous `kg build`")
    p.add_argument("-n", type=int, default=10, help="number of papers (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import load_or_build
    from kg.graph.similar import find_paper, similar_papers

    kg = load_or_build(args.inputs, graph_dir=args.graph_dir)
    pid = find_paper(kg, args.paper)
    links = similar_papers(kg, pid, max(args.n, 1))
    if args.json:
        rows = [
            {
                "id": link.target,
                "title": kg.papers[link.target].title,
                "weight": link.weight,
                "link_types": link.link_types,
                "shared": link.shared,
                "reasons": link.reasons,
            }
            for link in links
        ]
        out = {"paper": {"id": pid, "title": kg.papers[pid].title}, "similar": rows}
        print(json.dumps(out, ensure_ascii=False, indent=1), file=sys.stdout)
        return 0
    print(f"{pid}  {kg.papers[pid].title}", file=sys.stdout)
    if not links:
        print("  no paper shares a concept with it", file=sys.stdout)
    for rank, link in enumerate(links, start=1):
        print(f"{rank:>3}. {link.weight:7.3f}  {link.target}  {kg.papers[link.target].title}")
        for reason in link.reasons:
            print(f"        - {reason}")
    return 0
