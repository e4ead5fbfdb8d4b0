"""Graph stage: the networkx knowledge graph, concept normalisation, links and analytics."""

from __future__ import annotations

from kg.graph.build import build_graph, concept_slug
from kg.graph.model import ConceptNode, KnowledgeGraph

__all__ = ["build_graph", "concept_slug", "ConceptNode", "KnowledgeGraph"]
