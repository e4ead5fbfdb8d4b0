"""The knowledge graph: a networkx ``DiGraph`` plus the records it was built from.

Node and edge attributes (the contract every exporter reads):

Paper nodes, id ``paper.id`` (e.g. ``arxiv:2312.00001``):
    ``kind="paper"``, ``label`` (title), ``title``, ``date`` (ISO or ""), ``url`` (first URL or "").
Concept nodes, id ``concept:<slug>`` (slug of the normalised preferred label):
    ``kind="concept"``, ``type`` (Method|Dataset|Metric|Task), ``label`` (preferred label),
    ``aliases`` (list of alternative labels), ``papers`` (number of papers),
    ``vocab_id`` ("" if none).
Edges:
    paper -> concept: ``kind="role"``, ``role``, ``proposed`` (bool), ``confidence`` (float),
    ``evidence`` (sentence), ``mentions`` (count).
    paper -> paper: ``kind="related"``, stored once (source id < target id), meaning undirected;
    ``weight`` (float), ``shared`` (list of concept node ids), ``link_types`` (list such as
    ``"shared Method"``), ``reasons`` (list of human-readable strings).
    concept -> concept: ``kind="broader"`` (the source is a specific variant of the target);
    ``source`` says why: ``"vocabulary"`` (curated ``broader``), ``"variant"`` (size, version
    or resolution suffix) or ``"head"`` (a modifier before another concept of the same type).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.model import Extraction, Paper

__all__ = ["ConceptNode", "KnowledgeGraph"]


@dataclass
class ConceptNode:
    """One normalised concept of the corpus (one node whatever its spelling or acronym)."""

    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    vocab_id: str | None = None
    papers: list[str] = field(default_factory=list)


@dataclass
class KnowledgeGraph:
    """The built graph and what it was built from, in input order.

    ``concept_of`` maps ``(paper id, index of the entity in that paper's extraction)`` to the
    concept node id it was normalised to.
    """

    graph: nx.DiGraph
    papers: dict[str, Paper]
    extractions: dict[str, Extraction]
    concepts: dict[str, ConceptNode]
    concept_of: dict[tuple[str, int], str] = field(default_factory=dict)

    def paper_nodes(self) -> list[str]:
        return [n for n, d in self.graph.nodes(data=True) if d.get("kind") == "paper"]

    def concept_nodes(self) -> list[str]:
        return [n for n, d in self.graph.nodes(data=True) if d.get("kind") == "concept"]
