"""SPARQL 1.1 over the built graph, with pyoxigraph.

The graph is a persisted store directory (``exports/store/``, opened read-only, nothing to
parse) or an RDF file (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``; loaded into memory first).
With no graph given, ``exports/store/`` is used when present, else ``exports/kg.ttl``. The
prefixes of :data:`kg.namespace.PREFIXES` (``kg:``, ``dcterms:``, ``skos:``, ``prov:`` ...)
are predeclared, so queries may use them without ``PREFIX`` lines.

Results format as an aligned text table, or in the W3C SPARQL 1.1 result formats CSV, TSV
and JSON. ``CONSTRUCT``/``DESCRIBE`` results print as N-Triples in every format but the table.
A syntax error is a :class:`~kg.errors.QueryError` naming the line and column.

Examples:
    >>> from kg.graph import build_graph
    >>> from kg.model import Paper
    >>> kg = build_graph([Paper(id="arxiv:1", title="A <b> & c", abstract="")], [])
    >>> r = query("SELECT ?t WHERE { ?p a kg:Paper ; dcterms:title ?t }", kg)
    >>> print(format_result(r), end="")
    t
    ---------
    A <b> & c
    (1 row)
    >>> try:
    ...     query("SELECT ?t WHERE { ?p ?q }", kg)
    ... except QueryError as exc:
    ...     print(exc.line, exc.reason[:35])
    1 SPARQL syntax error at column 26: e
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.model import KnowledgeGraph
from kg.namespace import PREFIXES
from kg.store import is_store, load_rdf_file, open_store

__all__ = [
    "DEFAULT_STORE",
    "DEFAULT_FILE",
    "QUERY_FORMATS",
    "QueryResult",
    "open_graph",
    "query",
    "format_result",
]

DEFAULT_STORE = Path("exports") / "store"
DEFAULT_FILE = Path("exports") / "kg.ttl"
QUERY_FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")
_ERROR_AT = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.S)
_MAX_CELL = 80


@dataclass
class QueryResult:
    """The result of one query: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` hold pyoxigraph terms (``None`` for an unbound variable); for ``graph`` results
    the variables are ``subject``, ``predicate``, ``object``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None


def open_graph(graph: str | os.PathLike[str] | KnowledgeGraph | ox.Store | None) -> ox.Store:
    """A store to query: ``graph`` itself, a store directory, an RDF file, or the default.

    A ``kg build`` output directory stands for its ``store/`` (else its ``kg.ttl``).

    Examples:
        >>> open_graph("/nonexistent/kg.ttl")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: /nonexistent/kg.ttl: no graph here; run `kg build` first or pass \
--graph FILE_OR_STORE_DIR
    """
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, KnowledgeGraph):
        from kg.export.rdf import iter_triples
        from kg.export.rdf_syntax import nt_line

        store = ox.Store()
        data = "".join(nt_line(*t) for t in iter_triples(graph))
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
        return store
    if graph is None:
        graph = DEFAULT_STORE if is_store(DEFAULT_STORE) else DEFAULT_FILE
    path = Path(graph)
    if path.is_dir() and not is_store(path):  # a build directory: its store, else its kg.ttl
        if is_store(path / "store"):
            path = path / "store"
        elif (path / "kg.ttl").is_file():
            path = path / "kg.ttl"
    if path.is_dir():
        return open_store(path)
    if not path.exists():
        raise QueryError(
            str(path), "no graph here; run `kg build` first or pass --graph FILE_OR_STORE_DIR"
        )
    try:
        return load_rdf_file(path)
    except QueryError:
        raise
    except Exception as exc:  # InputError: unreadable or not RDF
        raise QueryError(str(path), getattr(exc, "reason", str(exc))) from exc


def _syntax_error(exc: SyntaxError, source: str) -> QueryError:
    message = str(exc.args[0] if exc.args else exc)
    m = _ERROR_AT.match(message)
    if not m:
        return QueryError(source, f"SPARQL syntax error: {message}")
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    return QueryError(source, f"SPARQL syntax error at column {col}: {what}", line=line)


def query(
    sparql: str,
    graph: str | os.PathLike[str] | KnowledgeGraph | ox.Store | None = None,
    *,
    source: str = "query",
) -> QueryResult:
    """Run ``sparql`` on ``graph`` (see :func:`open_graph`) and collect the result.

    ``source`` names the query in error messages (the ``.rq`` file it came from).
    """
    store = open_graph(graph)
    try:
        result = store.query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise _syntax_error(exc, source) from exc
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(source, f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [tuple(sol[i] for i in range(len(names))) for sol in result]
        return QueryResult(kind="select", variables=names, rows=rows)
    triples = [(t.subject, t.predicate, t.object) for t in result]
    return QueryResult(kind="graph", variables=["subject", "predicate", "object"], rows=triples)


def _ntriples(term: Any) -> str:
    """A pyoxigraph term in N-Triples/Turtle syntax (its ``str``)."""
    return "" if term is None else str(term)


def _plain(term: Any) -> str:
    """The CSV form: IRI or lexical value, ``_:id`` for a blank node."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _short(term: Any) -> str:
    """Table cell: prefixed name for vocabulary IRIs, lexical value for literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and re.fullmatch(r"[\w-]+", term.value[len(ns) :]):
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    text = _plain(term).replace("\n", " ")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    cells = [[_short(t) for t in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Format ``result`` as ``table``, ``csv``, ``tsv`` or ``json`` (W3C SPARQL 1.1 results).

    Examples:
        >>> print(format_result(QueryResult(kind="ask", boolean=True), "json"))
        {"head": {}, "boolean": true}
    """
    if fmt not in QUERY_FORMATS:
        raise QueryError(None, f"unknown result format {fmt!r}; use one of {QUERY_FORMATS}")
    if fmt == "table":
        return _table(result)
    if result.kind == "graph":
        return "".join(f"{s} {p} {o} .\n" for s, p, o in result.rows)
    if fmt == "json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)})
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=1)
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return buf.getvalue()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_ntriples(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"
