"""``kg extract INPUT... -o OUT.jsonl``: one ``kg extract`` JSON object per paper, input order."""

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
        "extract",
        help="extract concepts and results per paper as JSON Lines",
        description="Write one JSON object per paper (format in the README), in input order.",
    )
    add_input_options(p)
    p.add_argument("-o", "--out", default="-", help="output file (default: standard output)")
    add_extractor_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import extract_inputs, ingest_inputs, write_jsonl

    papers, report = ingest_inputs(args.inputs, **ingest_options(args))
    extractions = extract_inputs(papers, progress=args.out != "-", **extractor_options(args))
    records = (e.to_dict() for e in extractions)
    if args.out == "-":
        write_jsonl(records, sys.stdout)
    else:
        write_jsonl(records, args.out)
        print(
            "\n".join(report + [f"wrote {len(extractions)} papers to {args.out}"]), file=sys.stderr
        )
    return 0
