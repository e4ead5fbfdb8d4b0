"""Export stage: one writer per output format, and :func:`write_all` for ``kg build``.

Files :func:`write_all` writes into the output directory (names fixed):

=============  =====================  ==================================================
format         file(s)                for
=============  =====================  ==================================================
``turtle``     kg.ttl                 RDF Turtle (``kg query``, triple stores, reading)
``nt``         kg.nt                  RDF N-Triples, one triple per line, sorted
``json-ld``    kg.jsonld              RDF JSON-LD with a compact prefix ``@context``
``xml``        kg.rdf                 RDF/XML (Protege and older tools)
``graphml``    kg.graphml             Gephi, yEd, Cytoscape desktop
``gexf``       kg.gexf                Gephi
``json``       kg.json                node-link JSON (D3, ``networkx.node_link_graph``)
``cytoscape``  kg.cytoscape.json      Cytoscape.js elements JSON
``csv``        nodes.csv,             Neo4j ``neo4j-admin database import`` (typed
               relationships.csv      headers)
=============  =====================  ==================================================

The interactive HTML view (:mod:`kg.export.html`) and the SPARQL store (:mod:`kg.store`) are
written by their own functions. Every file is written atomically and byte-identically on
rebuild.

Examples:
    >>> import tempfile
    >>> from kg.graph import build_graph
    >>> from kg.model import Concept, Extraction, Paper
    >>> c = Concept("Task", "zebra counting")
    >>> kg = build_graph([Paper(id="p1", title="T", abstract="")],
    ...                  [Extraction(id="p1", title="T", entities=[c])])
    >>> [p.name for p in write_all(kg, tempfile.mkdtemp(), formats=["nt", "csv"])]
    ['kg.nt', 'nodes.csv', 'relationships.csv']
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kg.errors import ExportError
from kg.export.csv import write_csv
from kg.export.graphml import write_gexf, write_graphml
from kg.export.iri import DEFAULT_BASE
from kg.export.nodelink import write_cytoscape, write_node_link
from kg.export.rdf import iter_triples, to_rdf, write_rdf
from kg.export.shacl import validate
from kg.graph.model import KnowledgeGraph

__all__ = [
    "DEFAULT_BASE",
    "EXPORT_FORMATS",
    "RDF_EXPORTS",
    "write_all",
    "iter_triples",
    "to_rdf",
    "write_rdf",
    "write_graphml",
    "write_gexf",
    "write_node_link",
    "write_cytoscape",
    "write_csv",
    "validate",
]

#: Format name -> the file names it writes, in the order :func:`write_all` writes them.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "turtle": ("kg.ttl",),
    "nt": ("kg.nt",),
    "json-ld": ("kg.jsonld",),
    "xml": ("kg.rdf",),
    "graphml": ("kg.graphml",),
    "gexf": ("kg.gexf",),
    "json": ("kg.json",),
    "cytoscape": ("kg.cytoscape.json",),
    "csv": ("nodes.csv", "relationships.csv"),
}
#: The RDF formats among :data:`EXPORT_FORMATS`.
RDF_EXPORTS: tuple[str, ...] = ("turtle", "nt", "json-ld", "xml")


def write_all(
    kg: KnowledgeGraph,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | None = None,
    base: str = DEFAULT_BASE,
) -> list[Path]:
    """Write ``kg`` in ``formats`` (default: all of :data:`EXPORT_FORMATS`) into ``out_dir``.

    Returns the paths written, in :data:`EXPORT_FORMATS` order. An unknown format name is an
    :class:`~kg.errors.ExportError` raised before anything is written.
    """
    chosen = list(EXPORT_FORMATS) if formats is None else list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in EXPORT_FORMATS]
    if unknown:
        raise ExportError(
            None, f"unknown export format {unknown[0]!r}; choose from {', '.join(EXPORT_FORMATS)}"
        )
    out = Path(out_dir)
    written: list[Path] = []
    triples = None
    for fmt in EXPORT_FORMATS:
        if fmt not in chosen:
            continue
        paths = [out / name for name in EXPORT_FORMATS[fmt]]
        if fmt in RDF_EXPORTS:
            if triples is None:  # map once, serialise four times
                triples = list(iter_triples(kg, base=base))
            write_rdf(triples, paths[0], fmt, base=base)
        elif fmt == "graphml":
            write_graphml(kg, paths[0])
        elif fmt == "gexf":
            write_gexf(kg, paths[0])
        elif fmt == "json":
            write_node_link(kg, paths[0])
        elif fmt == "cytoscape":
            write_cytoscape(kg, paths[0])
        elif fmt == "csv":
            write_csv(kg, paths[0], paths[1])
        written.extend(paths)
    return written
