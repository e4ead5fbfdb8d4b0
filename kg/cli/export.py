"""``kg export [INPUT...] [--graph-dir DIR] [--format F]... [-o DIR] [--base IRI]``."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run"]


def _formats(text: str) -> list[str]:
    return [f.strip() for f in text.split(",") if f.strip()]


def register(sub: argparse._SubParsersAction) -> None:
    from kg.export import EXPORT_FORMATS

    p = sub.add_parser(
        "export",
        help="write RDF and graph files (Turtle, N-Triples, JSON-LD, RDF/XML, GraphML, ...)",
        description=(
            "Write the graph in the chosen formats. The graph comes from --graph-dir (a `kg "
            "build` output), else from INPUT..., else from exports/ when it holds a build, else "
            f"from the bundled corpus. Formats: {', '.join(EXPORT_FORMATS)}; 'store' writes "
            "the SPARQL store directory store/."
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="paper listings to build from")
    p.add_argument("--graph-dir", help="directory written by `kg build` (e.g. exports)")
    p.add_argument(
        "--format",
        dest="formats",
        action="extend",
        type=_formats,
        metavar="F[,F...]",
        help="formats to write (repeatable or comma-separated; default: all files)",
    )
    p.add_argument("-o", "--out", default="exports", help="output directory (default: exports)")
    p.add_argument("--base", help="base IRI of the RDF export (default https://kg.example.org/)")
    p.add_argument(
        "--validate",
        action="store_true",
        help="check the RDF against ontology/shapes.ttl (SHACL); exit 4 on violations",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.build import load_or_build
    from kg.errors import ExportError
    from kg.export import DEFAULT_BASE, EXPORT_FORMATS, to_rdf, validate, write_all
    from kg.export.iri import check_base
    from kg.store import write_store

    base = check_base(args.base or DEFAULT_BASE)
    formats = list(dict.fromkeys(args.formats or [*EXPORT_FORMATS]))
    unknown = [f for f in formats if f not in EXPORT_FORMATS and f != "store"]
    if unknown:
        choices = ", ".join([*EXPORT_FORMATS, "store"])
        raise ExportError(None, f"unknown export format {unknown[0]!r}; choose from {choices}")
    kg = load_or_build(args.inputs, graph_dir=args.graph_dir)
    out = Path(args.out)
    files = write_all(kg, out, formats=[f for f in formats if f != "store"], base=base)
    if "store" in formats:
        files.append(write_store(kg, out / "store", base=base))
    for path in files:
        print(f"wrote {path}", file=sys.stdout)
    if args.validate:
        conforms, report = validate(to_rdf(kg, base=base))
        if not conforms:
            print(report, file=sys.stderr)
            print("kg: error: the RDF export violates ontology/shapes.ttl", file=sys.stderr)
            return 4
        print("SHACL: conforms to ontology/shapes.ttl", file=sys.stdout)
    return 0
