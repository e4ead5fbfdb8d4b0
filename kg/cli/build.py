"""``kg build [INPUT...] [-o DIR]``: the whole flow, printing a summary."""

from __future__ import annotations

import argparse
import sys

from kg.cli._common import (
    add_extractor_options,
    add_input_options,
    extractor_options,
    ingest_options,
)

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph (default: the bundled corpus into exports/)",
        description="Ingest, extract, link and export. With no INPUT, builds the bundled corpus.",
    )
    add_input_options(p)
    p.add_argument("-o", "--out", default="exports", help="output directory (default: exports)")
    add_extractor_options(p)
    p.add_argument("--top-k", type=int, default=10, help="strongest links kept per paper")
    p.add_argument("--min-weight", type=float, default=0.0, help="weakest link weight kept")
    p.add_argument("--base", help="base IRI of the RDF export")
    p.add_argument("--quiet", action="store_true", help="no summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import build

    summary = build(
        args.inputs,
        args.out,
        **extractor_options(args),
        top_k=args.top_k,
        min_weight=args.min_weight,
        base=args.base,
        progress=not args.quiet,
        **ingest_options(args),
    )
    if not args.quiet:
        print("\n".join(summary.lines()), file=sys.stdout)
    return 0
