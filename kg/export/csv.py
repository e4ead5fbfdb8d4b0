"""CSV nodes and relationships with Neo4j ``neo4j-admin database import`` headers.

``nodes.csv``: ``id:ID``, ``:LABEL`` (``Paper``, or ``Concept;Method`` ...), then one column per
node attribute, typed in the header (``papers:int``, ``aliases:string[]``, ``confidence:float``,
``proposed:boolean``; plain names are strings). ``relationships.csv``: ``:START_ID``, ``:END_ID``,
``:TYPE`` (the role in upper case: ``PROPOSES``, ``USES``, ``COMPARES``, ``EVALUATES_ON``,
``MEASURES``, ``ADDRESSES``; ``RELATED_TO`` for paper links, ``BROADER`` between concepts),
then the edge attributes. Arrays use Neo4j's default delimiter ``;``; line breaks inside
values become spaces (Neo4j's importer rejects them unless ``--multiline-fields``). Import::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

Examples:
    >>> import io
    >>> from kg.graph import build_graph
    >>> from kg.model import Concept, Extraction, Paper
    >>> c = Concept("Task", "zebra counting")
    >>> kg = build_graph([Paper(id="p1", title="T", abstract="")],
    ...                  [Extraction(id="p1", title="T", entities=[c])])
    >>> nodes, rels = io.BytesIO(), io.BytesIO()
    >>> write_csv(kg, nodes, rels)
    >>> rels.getvalue().decode().splitlines()[1].split(",")[:3]
    ['p1', 'concept:zebra-counting', 'USES']
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from kg.export.flatten import sorted_graph
from kg.export.graphml import _write_bytes
from kg.graph.model import KnowledgeGraph

__all__ = ["write_csv", "neo4j_type", "ARRAY_DELIMITER"]

#: Neo4j's default array delimiter.
ARRAY_DELIMITER = ";"
_RESERVED = {"id", "kind"}


def neo4j_type(values: Iterable[Any]) -> str:
    """The Neo4j import type of a column from its values.

    Examples:
        >>> neo4j_type([1, 2]), neo4j_type([1, 2.5]), neo4j_type([True]), neo4j_type([["a"]])
        ('int', 'float', 'boolean', 'string[]')
        >>> neo4j_type(["a", 1])
        'string'
    """
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "string"
    if kinds <= {list, tuple, set, frozenset}:
        return "string[]"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int"
    if kinds <= {int, float}:
        return "float"
    return "string"


def _cell(value: Any, kind: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if kind == "string[]":
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ARRAY_DELIMITER.join(_flat(str(v)).replace(ARRAY_DELIMITER, ",") for v in items)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "float":
        return repr(float(value))
    if isinstance(value, list | tuple):
        return _flat("; ".join(str(v) for v in value))
    return _flat(str(value))


def _flat(text: str) -> str:
    return " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text


def _columns(records: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    names = sorted({k for r in records for k in r} - _RESERVED)
    return [(k, neo4j_type(r.get(k) for r in records)) for k in names]


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _label(attrs: Mapping[str, Any]) -> str:
    if attrs.get("kind") == "paper":
        return "Paper"
    if attrs.get("kind") == "concept":
        return f"Concept;{attrs.get('type') or 'Concept'}"
    return str(attrs.get("kind") or "Node").capitalize()


def _rel_type(attrs: Mapping[str, Any]) -> str:
    kind = attrs.get("kind")
    if kind == "role":
        return str(attrs.get("role") or "mentions").upper()
    if kind == "related":
        return "RELATED_TO"
    return str(kind or "LINK").upper()


def _csv_text(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_csv(
    kg: KnowledgeGraph,
    nodes_path: str | os.PathLike[str] | IO[bytes],
    relationships_path: str | os.PathLike[str] | IO[bytes],
) -> None:
    """Write ``nodes.csv`` and ``relationships.csv`` (UTF-8, ``\\n`` line ends), atomically."""
    g = sorted_graph(kg.graph)
    node_attrs = [dict(d) for _, d in g.nodes(data=True)]
    cols = _columns(node_attrs)
    rows = [["id:ID", ":LABEL", "kind", *(_header(k, t) for k, t in cols)]]
    for n, d in g.nodes(data=True):
        rows.append(
            [str(n), _label(d), str(d.get("kind", "")), *(_cell(d.get(k), t) for k, t in cols)]
        )
    edge_attrs = [dict(d) for _, _, d in g.edges(data=True)]
    ecols = _columns(edge_attrs)
    erows = [[":START_ID", ":END_ID", ":TYPE", "kind", *(_header(k, t) for k, t in ecols)]]
    for u, v, d in g.edges(data=True):
        erows.append(
            [
                str(u),
                str(v),
                _rel_type(d),
                str(d.get("kind", "")),
                *(_cell(d.get(k), t) for k, t in ecols),
            ]
        )
    nodes_data, rels_data = _csv_text(rows), _csv_text(erows)
    _write_bytes(nodes_data, nodes_path)
    _write_bytes(rels_data, relationships_path)
