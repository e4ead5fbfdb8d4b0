"""Inter-annotator agreement on the seed development set -> results/agreement.json.

    python benchmarks/gold/agreement.py [--reference seed_dev.jsonl]
        [--second seed_dev_second.jsonl] [--out ../results/agreement.json]

Two people annotated the same abstracts by the definitions of issue 4, independently: the first
annotator's ``seed_dev.jsonl`` (48 papers) and the second annotator's ``seed_dev_second.jsonl``
(the first 16 papers of ``make_ids.py select``). The second file is turned into ``kg extract``
prediction form (:func:`to_predictions`) and scored with :func:`kg.evaluate.evaluate` against the
first, restricted to the papers both annotated, so agreement is measured exactly as the
extractor is: document level, strict (normalised names equal, any alias) and lenient
(containment or token overlap), per type and overall, plus the proposed flag and results.
Entity F1 is symmetric: swapping the annotators swaps precision and recall, F1 stays.

The script prints the table and writes the report (sorted keys, no timestamps) to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.errors import KGError, RecordError
from kg.evaluate import evaluate, format_report, read_gold
from kg.model import CONCEPT_TYPES, DEFAULT_ROLE

__all__ = ["to_predictions", "agreement", "main"]

HERE = Path(__file__).parent
REFERENCE = HERE / "seed_dev.jsonl"
SECOND = HERE / "seed_dev_second.jsonl"
OUT = HERE.parent / "results" / "agreement.json"


def to_predictions(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold-format records as ``kg extract`` predictions: the first alternative is the name.

    Examples:
        >>> rec = {"id": "p", "entities": {"Method": [{"name": "Flow Matching|FM",
        ...        "proposed": True}]}, "results": [{"metric": "FID", "value": "2.1"}]}
        >>> pred = to_predictions([rec])[0]
        >>> pred["entities"][0]["name"], pred["entities"][0]["aliases"], pred["entities"][0]["role"]
        ('Flow Matching', ['FM'], 'proposes')
        >>> pred["results"][0]["dataset"] is None
        True
    """
    out = []
    for rec in records:
        entities = []
        for ctype in CONCEPT_TYPES:
            for ent in rec.get("entities", {}).get(ctype, []):
                names = [n.strip() for n in ent["name"].split("|") if n.strip()]
                proposed = bool(ent.get("proposed", False))
                entities.append(
                    {
                        "type": ctype,
                        "name": names[0],
                        "aliases": names[1:],
                        "proposed": proposed,
                        "role": "proposes" if proposed else DEFAULT_ROLE[ctype],
                        "confidence": 1.0,
                        "mentions": [],
                    }
                )
        results = [
            {
                "metric": r["metric"],
                "value": r["value"],
                "dataset": r.get("dataset"),
                "method": r.get("method"),
            }
            for r in rec.get("results", [])
        ]
        out.append({"id": rec["id"], "entities": entities, "results": results})
    return out


def agreement(reference: Path, second: Path) -> dict[str, Any]:
    """Score the second annotator against the reference on the papers both annotated."""
    ref = read_gold(reference)
    sec = read_gold(second)
    ref_ids = {r["id"] for r in ref}
    missing = [r["id"] for r in sec if r["id"] not in ref_ids]
    if missing:
        raise RecordError(
            str(second), f"{len(missing)} paper(s) not in {reference.name}, first {missing[0]!r}"
        )
    shared = {r["id"] for r in sec}
    report = evaluate([r for r in ref if r["id"] in shared], to_predictions(sec))
    report["reference"] = reference.name
    report["second"] = second.name
    report["shared_papers"] = len(shared)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line entry: print the agreement table, write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--second", type=Path, default=SECOND)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        report = agreement(args.reference, args.second)
        with atomic_write(args.out) as fh:
            json.dump(report, fh, indent=2, sort_keys=True)
            fh.write("\n")
    except KGError as exc:
        print(f"agreement: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"reference {report['reference']} vs second {report['second']}, "
        f"{report['shared_papers']} shared papers"
    )
    print(format_report(report))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
