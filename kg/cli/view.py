"""``kg view``: write an interactive HTML view of the graph (whole, a concept's or a paper's)."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "view",
        help="write an interactive HTML view (whole graph, --focus or --paper)",
        description=(
            "Write a self-contained interactive view (opens from file:// offline). The graph "
            "comes from --graph-dir (a `kg build` output), else from INPUT..., else from "
            "exports/ when it holds a build, else from the bundled corpus."
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="paper listings to build from")
    p.add_argument("--graph-dir", help="directory written by `kg build` (e.g. exports)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--focus", help='a concept (label, alias or id), e.g. "diffusion models"')
    which.add_argument("--paper", help="a paper id (e.g. arxiv:2312.00001) or its title")
    p.add_argument("--depth", type=int, default=2, help="hops around --focus/--paper (default 2)")
    p.add_argument(
        "--max-nodes", type=int, default=400, help="most nodes shown, strongest first (default 400)"
    )
    p.add_argument("-o", "--out", default="view.html", help="output file (default view.html)")
    p.add_argument("--open", action="store_true", help="open the view in the web browser")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import load_or_build
    from kg.export.html import write_html

    kg = load_or_build(args.inputs, graph_dir=args.graph_dir)
    path = write_html(
        kg,
        args.out,
        focus=args.focus,
        depth=args.depth,
        paper=args.paper,
        max_nodes=args.max_nodes,
    )
    print(f"wrote {path}", file=sys.stdout)
    if args.open:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
    return 0
