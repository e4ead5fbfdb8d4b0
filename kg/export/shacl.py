"""SHACL validation of an RDF export against ``ontology/shapes.ttl`` (pyshacl).

Examples:
    >>> from kg.graph import build_graph
    >>> validate(build_graph([], []))[0]
    True
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from kg import resources
from kg.errors import ExportError, InputError
from kg.graph.model import KnowledgeGraph

__all__ = ["ontology_dir", "shapes_graph", "validate", "RDF_SUFFIXES"]

#: File suffix -> rdflib parser name, for exports read back from disk.
RDF_SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


def ontology_dir() -> Path:
    """The directory holding ``kg.ttl``, ``shapes.ttl`` and ``queries/``.

    ``KG_ONTOLOGY_DIR`` overrides it; else ``kg/data/ontology`` when installed as package data,
    else the source tree's ``ontology/``.

    Examples:
        >>> (ontology_dir() / "shapes.ttl").is_file()
        True
    """
    directory = resources.ontology_dir()
    if not (directory / "shapes.ttl").is_file():
        raise ExportError(str(directory), "ontology directory not found (no shapes.ttl)")
    return directory


def shapes_graph() -> Graph:
    """``ontology/shapes.ttl`` parsed."""
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _load(graph_or_path: Graph | KnowledgeGraph | str | os.PathLike[str]) -> Graph:
    if isinstance(graph_or_path, Graph):
        return graph_or_path
    if isinstance(graph_or_path, KnowledgeGraph):
        from kg.export.rdf import to_rdf

        return to_rdf(graph_or_path)
    path = Path(graph_or_path)
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"not an RDF file (expected one of {sorted(RDF_SUFFIXES)})")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"cannot parse as {fmt}: {exc}") from exc


def validate(graph_or_path: Graph | KnowledgeGraph | str | os.PathLike[str]) -> tuple[bool, str]:
    """Validate an export against the SHACL shapes; return ``(conforms, report_text)``.

    ``graph_or_path`` is an ``rdflib.Graph``, a :class:`~kg.graph.KnowledgeGraph` (mapped with
    :func:`kg.export.rdf.to_rdf`) or an RDF file (format from its suffix). No inference is
    run: the export states every class a shape targets.

    Examples:
        >>> from rdflib import Graph, URIRef, Literal
        >>> from kg.namespace import KG, RDF
        >>> g = Graph()
        >>> _ = g.add((URIRef("https://e.org/c"), RDF.type, KG.Concept))
        >>> ok, report = validate(g)
        >>> ok, "prefLabel" in report
        (False, True)
    """
    import pyshacl

    data = _load(graph_or_path)
    conforms, _, text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        advanced=False,
    )
    return bool(conforms), str(text)
