"""``kg evaluate GOLD.jsonl PRED.jsonl [--types T,...] [--json OUT]``: score an extraction."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kg.atomic import atomic_write
from kg.errors import InputError
from kg.model import CONCEPT_TYPES

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` command."""
    parser = subparsers.add_parser(
        "evaluate",
        help="precision, recall, F1 of predictions against a gold set",
        description=(
            "Score `kg extract` output against gold JSON Lines, document level: per type and "
            "overall, strict (normalised names equal, any alias) and lenient (containment or "
            "word overlap); the proposed flag and results where the gold set annotates them."
        ),
    )
    parser.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations")
    parser.add_argument("pred", metavar="PRED.jsonl", help="predictions (`kg extract` output)")
    parser.add_argument(
        "--types", help=f"comma-separated types to score (default: {','.join(CONCEPT_TYPES)})"
    )
    parser.add_argument("--json", metavar="OUT", help="also write the full report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read both files, score, print the table, optionally write the JSON report."""
    from kg.evaluate import evaluate, format_report, read_gold, read_predictions

    types = None
    if args.types:
        types = [t.strip() for t in args.types.split(",") if t.strip()]
        unknown = [t for t in types if t not in CONCEPT_TYPES]
        if unknown or not types:
            raise InputError(
                None,
                f"--types: unknown type(s) {', '.join(unknown) or '(none)'}; "
                f"choose from {', '.join(CONCEPT_TYPES)}",
            )
    report = evaluate(read_gold(args.gold), read_predictions(args.pred), types=types)
    print(format_report(report), file=sys.stdout)
    if args.json:
        with atomic_write(args.json) as fh:
            fh.write(json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0
