"""``kg query 'SPARQL' [--graph FILE_OR_STORE_DIR] [--format table|csv|tsv|json]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import InputError

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL 1.1 query on the built graph",
        description=(
            "Run a SPARQL 1.1 query (text, or a .rq/.sparql file such as "
            "ontology/queries/best_results.rq) with pyoxigraph. The prefixes kg:, dcterms:, "
            "skos:, prov:, rdf:, rdfs:, xsd:, owl:, schema:, foaf:, fabio:, cito: are predeclared."
        ),
    )
    p.add_argument("sparql", metavar="SPARQL", help="the query, or a file holding it")
    p.add_argument(
        "--graph",
        help="RDF file (.ttl .nt .jsonld .rdf) or store directory "
        "(default: exports/store/ when present, else exports/kg.ttl)",
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "tsv", "json"),
        default="table",
        help="result format: aligned table (default) or W3C SPARQL 1.1 CSV, TSV, JSON",
    )
    p.set_defaults(func=run)


def _read_query(text: str) -> tuple[str, str]:
    """The query text and the name errors use: a file's content and path, or the text itself."""
    path = Path(text)
    if path.suffix.lower() in (".rq", ".sparql") and "\n" not in text:
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except FileNotFoundError as exc:
            raise InputError(str(path), "no such query file") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read the query: {exc}") from exc
    return text, "query"


def run(args: argparse.Namespace) -> int:
    from kg.query import format_result, query

    sparql, source = _read_query(args.sparql)
    result = query(sparql, args.graph, source=source)
    sys.stdout.write(format_result(result, args.format))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0
