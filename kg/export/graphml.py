"""GraphML and GEXF files for Gephi, yEd and Cytoscape (via networkx).

Both hold the scalar graph of :func:`kg.export.flatten.scalar_graph`: every node and edge with
its attributes, lists joined with ``"; "``, one type per attribute name. ``label`` is the node
label Gephi and Cytoscape show; ``type`` (Paper, Method, Dataset, Metric, Task) and ``kind``
are the attributes to colour by. Edges keep the direction of ``kg.graph`` (paper -> concept;
paper -> paper links are stored once, ``kind="related"``, and mean an undirected link).

GEXF carries a ``lastmodifieddate``; networkx stamps today's date there, which would break
byte-identical rebuilds, so the export writes the latest paper date of the corpus instead.

Examples:
    >>> import io, networkx as nx
    >>> from kg.graph import build_graph
    >>> from kg.model import Concept, Extraction, Paper
    >>> c = Concept("Task", "zebra counting")
    >>> kg = build_graph([Paper(id="p1", title="T", abstract="")],
    ...                  [Extraction(id="p1", title="T", entities=[c])])
    >>> buf = io.BytesIO()
    >>> write_graphml(kg, buf)
    >>> g = nx.read_graphml(io.BytesIO(buf.getvalue()))
    >>> sorted(d["type"] for _, d in g.nodes(data=True))
    ['Paper', 'Task']
"""

from __future__ import annotations

import os
import re
from typing import IO

import networkx as nx

from kg.atomic import atomic_write
from kg.export.flatten import scalar_graph
from kg.graph.model import KnowledgeGraph

__all__ = ["write_graphml", "write_gexf", "graph_date"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _write_bytes(data: bytes, path: str | os.PathLike[str] | IO[bytes]) -> None:
    if hasattr(path, "write"):
        path.write(data)  # type: ignore[union-attr]
    else:
        with atomic_write(path, "wb") as fh:  # type: ignore[arg-type]
            fh.write(data)


def graph_date(kg: KnowledgeGraph) -> str:
    """The latest full ISO date among the papers, else ``1970-01-01`` (stable across runs).

    Examples:
        >>> from kg.graph import build_graph
        >>> graph_date(build_graph([], []))
        '1970-01-01'
    """
    dates = [p.date for p in kg.papers.values() if p.date and _DATE.match(p.date)]
    return max(dates, default="1970-01-01")


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``kg`` as GraphML (UTF-8), atomically when ``path`` is a file name."""
    g = scalar_graph(kg)
    data = "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"
    _write_bytes(data.encode("utf-8"), path)


def write_gexf(kg: KnowledgeGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``kg`` as GEXF 1.2 (UTF-8), atomically when ``path`` is a file name.

    Examples:
        >>> import io, networkx as nx
        >>> from kg.graph import build_graph
        >>> from kg.model import Paper
        >>> buf = io.BytesIO()
        >>> write_gexf(build_graph([Paper(id="p", title="T", abstract="", date="2024-01-02")],
        ...                        []), buf)
        >>> b'lastmodifieddate="2024-01-02"' in buf.getvalue()
        True
    """
    g = scalar_graph(kg)
    text = "\n".join(nx.generate_gexf(g, encoding="utf-8", prettyprint=True, version="1.2draft"))
    text = re.sub(
        r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{graph_date(kg)}"', text, count=1
    )
    _write_bytes((text + "\n").encode("utf-8"), path)
