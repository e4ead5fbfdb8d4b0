"""``kg extract INPUT... -o OUT.jsonl``: one ``kg extract`` JSON object per paper, input order."""

from __future__ import annotations

import argparse
import sys

from kg.cli._common import add_input_options, ingest_options

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract concepts and results per paper as JSON Lines",
        description="Write one JSON object per paper (format in the README), in input order.",
    )
    add_input_options(p)
    p.add_argument("-o", "--out", default="-", help="output file (default: standard output)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--no-ner", action="store_true", help="rules and vocabulary only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import extract_inputs, ingest_inputs, write_jsonl

    papers, report = ingest_inputs(args.inputs, **ingest_options(args))
    extractions = extract_inputs(
        papers, workers=args.workers, ner=not args.no_ner, progress=args.out != "-"
    )
    records = (e.to_dict() for e in extractions)
    if args.out == "-":
        write_jsonl(records, sys.stdout)
    else:
        write_jsonl(records, args.out)
        print(
            "\n".join(report + [f"wrote {len(extractions)} papers to {args.out}"]), file=sys.stderr
        )
    return 0
