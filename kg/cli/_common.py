"""Options shared by the commands that read paper listings (``build``, ``extract``, ...)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = [
    "add_input_options",
    "ingest_options",
    "add_extractor_options",
    "extractor_options",
]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add INPUT... and the ingest options (format, year, columns, on-error)."""
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="files, directories or - for stdin (gzip allowed); default: the bundled corpus",
    )
    parser.add_argument("--format", help="input format, overriding detection (see README)")
    parser.add_argument(
        "--year", type=int, help="year of Hugging Face page captures whose dates lack one"
    )
    parser.add_argument(
        "--columns", help="CSV/TSV column mapping, e.g. title=Title,abstract=Summary"
    )
    parser.add_argument(
        "--on-error",
        choices=("skip", "fail"),
        default="skip",
        help="malformed records: skip and count them (default) or stop at the first",
    )


def ingest_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`kg.ingest.read_papers` from parsed ``args``."""
    from kg.ingest import parse_columns

    return {
        "format": args.format,
        "year": args.year,
        "columns": parse_columns(args.columns) if args.columns else None,
        "on_error": args.on_error,
    }


def add_extractor_options(parser: argparse.ArgumentParser) -> None:
    """Add the extractor options (workers, no-ner, broad)."""
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--no-ner", action="store_true", help="rules and vocabulary only")
    mode.add_argument(
        "--broad",
        action="store_true",
        help="let the statistical recogniser lead: its boundaries, and the concepts only it "
        "found (more recall of descriptive phrases, less precision on named concepts)",
    )


def extractor_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`kg.build.extract_inputs` from parsed ``args``."""
    return {"workers": args.workers, "ner": not args.no_ner, "broad": args.broad}
