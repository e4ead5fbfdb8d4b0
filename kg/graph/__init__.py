"""Graph stage: the networkx knowledge graph, concept normalisation, links and analytics.

``build_graph`` is the stage in one call; the other names are its parts, usable alone.
"""

from __future__ import annotations

from kg.graph.analytics import (
    Community,
    central_concepts,
    concept_timeline,
    graph_summary,
    paper_communities,
)
from kg.graph.build import build_graph, concept_slug, link_context, paper_profiles
from kg.graph.cooccurrence import Pair, cooccurrence, cooccurrence_tables
from kg.graph.hierarchy import infer_broader
from kg.graph.links import Link, LinkContext, candidate_links, explain_links, select_links
from kg.graph.model import ConceptNode, KnowledgeGraph
from kg.graph.normalize import Normalisation, normalise_concepts
from kg.graph.similar import find_paper, similar_papers
from kg.graph.surface import surface_key

__all__ = [
    "build_graph",
    "concept_slug",
    "paper_profiles",
    "link_context",
    "ConceptNode",
    "KnowledgeGraph",
    "Normalisation",
    "normalise_concepts",
    "surface_key",
    "infer_broader",
    "Link",
    "LinkContext",
    "explain_links",
    "candidate_links",
    "select_links",
    "Pair",
    "cooccurrence",
    "cooccurrence_tables",
    "Community",
    "paper_communities",
    "central_concepts",
    "concept_timeline",
    "graph_summary",
    "find_paper",
    "similar_papers",
]
