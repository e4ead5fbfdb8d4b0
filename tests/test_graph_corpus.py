"""The graph stage on the bundled corpus (ingest + extract + graph): the review of issue 5."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.graph import KnowledgeGraph, build_graph, concept_slug, paper_communities
from kg.graph.review import duplicate_candidates

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_kg() -> KnowledgeGraph:
    from kg.build import extract_inputs, ingest_inputs

    papers, _ = ingest_inputs([])
    return build_graph(papers, extract_inputs(papers))


def test_100_most_connected_concepts_hold_no_two_nodes_of_one_concept(corpus_kg):
    assert duplicate_candidates(corpus_kg, 100) == []


def test_normalisation_merges_spellings_of_the_corpus(corpus_kg):
    naive = {
        (c.type, concept_slug(c.name)) for e in corpus_kg.extractions.values() for c in e.entities
    }
    assert len(corpus_kg.concepts) < 0.9 * len(naive)
    types = Counter(node.type for node in corpus_kg.concepts.values())
    assert set(types) == {"Method", "Dataset", "Metric", "Task"}
    llm = corpus_kg.concepts["concept:large-language-model"]
    assert {"LLMs", "large language models"} <= set(llm.aliases)


def test_links_and_themes_on_the_corpus(corpus_kg):
    g = corpus_kg.graph
    related = [(a, b, d) for a, b, d in g.edges(data=True) if d["kind"] == "related"]
    degree = Counter(x for a, b, _ in related for x in (a, b))
    assert related and max(degree.values()) <= 10
    assert all(len(d["reasons"]) == len(d["shared"]) >= 1 for _, _, d in related)
    communities = paper_communities(corpus_kg)
    assert len(communities) >= 5
    assert all(c.concepts for c in communities if len(c.papers) >= 5)
