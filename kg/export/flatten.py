"""The knowledge graph as a plain, sorted networkx graph with scalar attributes only.

Graph-file formats (GraphML, GEXF, CSV) take one scalar per attribute and one type per
attribute name. :func:`scalar_graph` copies ``kg.graph`` with nodes and edges sorted by id
(so that files are byte-identical on rebuild), lists joined with ``"; "``, ``None`` dropped,
and every attribute name given one type across all nodes (or all edges): ``bool``, ``int``,
``float`` or ``str`` when values disagree. Paper nodes get ``type="Paper"`` so that tools
colouring by ``type`` show five kinds of node.

Examples:
    >>> import networkx as nx
    >>> from kg.graph.model import KnowledgeGraph
    >>> g = nx.DiGraph()
    >>> g.add_node("b", kind="concept", aliases=["x", "y"], papers=2)
    >>> g.add_node("a", kind="paper", papers=1.5)
    >>> s = scalar_graph(KnowledgeGraph(g, {}, {}, {}))
    >>> list(s.nodes(data=True))
    [('a', {'kind': 'paper', 'papers': 1.5, 'type': 'Paper'}), ('b', {'kind': 'concept', \
'aliases': 'x; y', 'papers': 2.0})]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from kg.graph.model import KnowledgeGraph

__all__ = ["LIST_SEPARATOR", "scalar_graph", "attribute_types", "sorted_graph", "scalar"]

#: Separator of list items flattened into one string attribute.
LIST_SEPARATOR = "; "


def scalar(value: Any) -> Any:
    """One attribute value as a scalar: lists and tuples joined, dicts as ``k=v`` pairs.

    Examples:
        >>> scalar(["a", 1]), scalar(None), scalar({"b": 2, "a": 1})
        ('a; 1', None, 'a=1; b=2')
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join(str(v) for v in items)
    if isinstance(value, Mapping):
        return LIST_SEPARATOR.join(f"{k}={v}" for k, v in sorted(value.items(), key=str))
    return str(value)


def attribute_types(records: Iterable[Mapping[str, Any]]) -> dict[str, type]:
    """One Python type per attribute name: bool, int, float or str (the widest that fits).

    Examples:
        >>> attribute_types([{"a": 1, "b": True}, {"a": 2.5, "b": "x"}])
        {'a': <class 'float'>, 'b': <class 'str'>}
    """
    seen: dict[str, set[type]] = {}
    for rec in records:
        for k, v in rec.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(v))
    out: dict[str, type] = {}
    for k in sorted(seen):
        kinds = seen[k]
        if kinds == {bool}:
            out[k] = bool
        elif kinds <= {int} and bool not in kinds:
            out[k] = int
        elif kinds <= {int, float} and bool not in kinds:
            out[k] = float
        else:
            out[k] = str
    return out


def _cast(value: Any, kind: type) -> Any:
    if kind is str and isinstance(value, bool):
        return "true" if value else "false"
    return kind(value)


def _uniform(records: list[dict[str, Any]]) -> None:
    types = attribute_types(records)
    for rec in records:
        for k, v in list(rec.items()):
            if v is None:
                del rec[k]
            else:
                rec[k] = _cast(v, types[k])


def sorted_graph(g: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``g`` whose nodes and edges are in sorted order (attributes untouched)."""
    out = nx.DiGraph()
    out.graph.update(g.graph)
    for n in sorted(g.nodes, key=str):
        out.add_node(n, **g.nodes[n])
    for u, v in sorted(g.edges, key=lambda e: (str(e[0]), str(e[1]))):
        out.add_edge(u, v, **g.edges[u, v])
    return out


def scalar_graph(kg: KnowledgeGraph) -> nx.DiGraph:
    """``kg.graph`` sorted, with scalar, uniformly typed attributes (see the module doc)."""
    g = kg.graph
    nodes = []
    for n in sorted(g.nodes, key=str):
        attrs = {k: scalar(v) for k, v in g.nodes[n].items()}
        if attrs.get("kind") == "paper":
            attrs.setdefault("type", "Paper")
        nodes.append((str(n), attrs))
    edges = [
        (str(u), str(v), {k: scalar(val) for k, val in g.edges[u, v].items()})
        for u, v in sorted(g.edges, key=lambda e: (str(e[0]), str(e[1])))
    ]
    _uniform([a for _, a in nodes])
    _uniform([a for _, _, a in edges])
    out = nx.DiGraph()
    out.add_nodes_from(nodes)
    out.add_edges_from(edges)
    return out
