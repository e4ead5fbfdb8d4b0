"""JSON graph files: node-link JSON (D3, networkx) and Cytoscape.js elements JSON.

Both keep list attributes as JSON arrays (``aliases``, ``shared`` ...), sort nodes and edges
by id and write keys sorted, so rebuilds are byte-identical. Node-link JSON uses the
``nodes``/``edges`` keys and reads back with ``networkx.node_link_graph(data, edges="edges")``;
the Cytoscape.js file is ``{"elements": {"nodes": [{"data": ...}], "edges": [...]}}`` as
``cy.add()`` and Cytoscape desktop's "Cytoscape.js JSON" import expect, and reads back with
``networkx.cytoscape_graph``. Each Cytoscape edge has the id ``<source>-><target>``. An
attribute named like a key of the format itself (edge ``source``/``target``/``id``, node
``id``/``value``/``name``) is written as ``<name>_attr``.

Examples:
    >>> import io, json
    >>> from kg.graph import build_graph
    >>> from kg.model import Concept, Extraction, Paper
    >>> c = Concept("Task", "zebra counting")
    >>> kg = build_graph([Paper(id="p1", title="T", abstract="")],
    ...                  [Extraction(id="p1", title="T", entities=[c])])
    >>> buf = io.BytesIO()
    >>> write_cytoscape(kg, buf)
    >>> [e["data"]["id"] for e in json.loads(buf.getvalue())["elements"]["edges"]]
    ['p1->concept:zebra-counting']
"""

from __future__ import annotations

import json
import math
import os
from typing import IO, Any

import networkx as nx

from kg.export.flatten import sorted_graph
from kg.export.graphml import _write_bytes
from kg.graph.model import KnowledgeGraph

__all__ = ["write_node_link", "write_cytoscape", "node_link_data", "cytoscape_data"]


# Keys the formats use themselves: an attribute of that name becomes ``<name>_attr``.
_NODE_KEYS = ("id", "value", "name")
_EDGE_KEYS = ("source", "target", "id")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    return value


def _renamed(d: dict[str, Any], reserved: tuple[str, ...]) -> dict[str, Any]:
    return {(f"{k}_attr" if k in reserved else k): _jsonable(v) for k, v in d.items()}


def _clean(g: nx.DiGraph) -> nx.DiGraph:
    """Sorted copy with JSON values; attributes named like the format's own keys renamed."""
    out = nx.DiGraph()
    s = sorted_graph(g)
    out.add_nodes_from((n, _renamed(d, _NODE_KEYS)) for n, d in s.nodes(data=True))
    out.add_edges_from((u, v, _renamed(d, _EDGE_KEYS)) for u, v, d in s.edges(data=True))
    return out


def _dump(data: Any, path: str | os.PathLike[str] | IO[bytes]) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, default=str)
    _write_bytes((text + "\n").encode("utf-8"), path)


def node_link_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """``kg.graph`` as node-link data (``nodes``, ``edges``), sorted.

    Examples:
        >>> from kg.graph import build_graph
        >>> sorted(node_link_data(build_graph([], [])))
        ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    return nx.node_link_data(_clean(kg.graph), edges="edges")


def cytoscape_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """``kg.graph`` as Cytoscape.js elements, sorted, with stable edge ids."""
    data = nx.cytoscape_data(_clean(kg.graph))
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = f"{edge['data']['source']}->{edge['data']['target']}"
    return data


def write_node_link(kg: KnowledgeGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write node-link JSON (UTF-8), atomically when ``path`` is a file name."""
    _dump(node_link_data(kg), path)


def write_cytoscape(kg: KnowledgeGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write Cytoscape.js elements JSON (UTF-8), atomically when ``path`` is a file name."""
    _dump(cytoscape_data(kg), path)
