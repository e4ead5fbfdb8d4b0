"""Build the networkx knowledge graph from papers and their extractions.

The graph stage in one call: concepts normalised across the corpus
(:mod:`kg.graph.normalize`), the concept hierarchy (:mod:`kg.graph.hierarchy`), paper->concept
role edges, and the strongest explained paper-paper links (:mod:`kg.graph.links`). Node and
edge attributes follow the contract in :mod:`kg.graph.model`.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> ps = [Paper(id="a", title="A", abstract=""), Paper(id="b", title="B", abstract="")]
    >>> ex = [Extraction(id=p.id, title=p.title, entities=[Concept(type="Method", name="PPO")])
    ...       for p in ps]
    >>> kg = build_graph(ps, ex, vocabulary=[])
    >>> sorted(kg.graph.successors("a"))
    ['b', 'concept:ppo']
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from kg.graph.hierarchy import infer_broader
from kg.graph.links import LinkContext, Use, candidate_links, explain_links, select_links
from kg.graph.model import KnowledgeGraph
from kg.graph.normalize import concept_slug, normalise_concepts
from kg.graph.vocabulary import VocabEntry, default_vocabulary
from kg.model import Concept, Extraction, Paper

__all__ = ["build_graph", "concept_slug", "paper_profiles", "link_context"]

#: When one paper has a concept twice (``LLMs`` and ``large language models``), the role kept.
_ROLE_RANK = {"proposes": 0, "evaluates_on": 1, "measures": 2, "compares": 3, "uses": 4}


def _merge_role(found: list[Concept]) -> tuple[str, bool, float, str, int]:
    """Role, proposed, confidence, evidence and mention count of one concept in one paper."""
    proposed = any(c.proposed for c in found)
    best = min(found, key=lambda c: (_ROLE_RANK.get(c.role, 5), -c.confidence))
    role = best.role
    evidence = next((c.evidence for c in found if c.evidence), "") or ""
    confidence = max(c.confidence for c in found)
    return role, proposed, confidence, evidence, sum(len(c.mentions) for c in found)


def paper_profiles(kg: KnowledgeGraph) -> dict[str, dict[str, Use]]:
    """Each paper's concepts with its role and ``proposed`` flag, read from the role edges.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> p = Paper(id="a", title="A", abstract="")
        >>> e = Extraction(id="a", title="A", entities=[Concept(type="Task", name="QA")])
        >>> paper_profiles(build_graph([p], [e], vocabulary=[]))
        {'a': {'concept:qa': Use(role='uses', proposed=False)}}
    """
    g = kg.graph
    profiles: dict[str, dict[str, Use]] = {}
    for pid in kg.papers:
        profiles[pid] = {
            cid: Use(data["role"], bool(data["proposed"]))
            for _, cid, data in sorted(g.out_edges(pid, data=True), key=lambda e: e[1])
            if data.get("kind") == "role"
        }
    return profiles


def link_context(kg: KnowledgeGraph, vocabulary: Sequence[VocabEntry] | None = None) -> LinkContext:
    """Everything link scoring needs from a graph: profiles, labels, titles, dates, hierarchy,
    and where curated concepts come from (``vocabulary``, default the shipped one).

    Examples:
        >>> from kg.model import Paper
        >>> link_context(build_graph([Paper(id="a", title="A", abstract="")], [],
        ...                          vocabulary=[])).n
        1
    """
    vocab = default_vocabulary() if vocabulary is None else vocabulary
    sources = {e.id: e.source for e in vocab}
    return LinkContext(
        paper_profiles(kg),
        info={cid: (node.label, node.type) for cid, node in kg.concepts.items()},
        titles={pid: p.title or pid for pid, p in kg.papers.items()},
        dates={pid: p.date for pid, p in kg.papers.items() if p.date},
        broader={cid: list(node.broader) for cid, node in kg.concepts.items() if node.broader},
        origins={
            cid: sources[node.vocab_id]
            for cid, node in kg.concepts.items()
            if node.vocab_id and sources.get(node.vocab_id)
        },
        arxiv_ids={pid: p.arxiv_id for pid, p in kg.papers.items() if p.arxiv_id},
    )


def build_graph(
    papers: Sequence[Paper],
    extractions: Sequence[Extraction],
    *,
    top_k: int = 10,
    min_weight: float = 0.0,
    vocabulary: Sequence[VocabEntry] | None = None,
) -> KnowledgeGraph:
    """Papers, normalised concepts, role edges, broader edges and the strongest paper links.

    ``top_k`` and ``min_weight`` bound the paper-paper links (see
    :func:`kg.graph.links.select_links`); ``vocabulary`` defaults to the shipped curated
    vocabulary (pass ``[]`` for none). Extractions of papers not in ``papers`` are ignored.
    Nodes and edges are added in sorted order, so the same input gives the same graph.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> ps = [Paper(id=i, title=i, abstract="") for i in "abc"]
        >>> ents = {"a": [Concept(type="Method", name="Bellman Optimal Step-size Straightening",
        ...                       aliases=["BOSS"], proposed=True, role="proposes")],
        ...         "b": [Concept(type="Method", name="BOSS")], "c": []}
        >>> kg = build_graph(ps, [Extraction(id=k, title=k, entities=v) for k, v in ents.items()],
        ...                  vocabulary=[])
        >>> kg.graph.edges["a", "b"]["reasons"]
        ['"b" uses Bellman Optimal Step-size Straightening, proposed by "a"']
    """
    vocab = list(default_vocabulary() if vocabulary is None else vocabulary)
    by_id = {p.id: p for p in papers}
    ex_by_id = {e.id: e for e in extractions if e.id in by_id}
    ordered = [ex_by_id[pid] for pid in by_id if pid in ex_by_id]
    norm = normalise_concepts(ordered, vocab)
    concepts = norm.concepts
    broader = infer_broader(concepts, vocab, norm.key_to_concept)

    g = nx.DiGraph()
    for pid in sorted(by_id):
        p = by_id[pid]
        g.add_node(
            pid,
            kind="paper",
            label=p.title,
            title=p.title,
            date=p.date or "",
            url=(p.urls[0] if p.urls else ""),
        )
    for cid, node in concepts.items():
        g.add_node(
            cid,
            kind="concept",
            type=node.type,
            label=node.label,
            aliases=list(node.aliases),
            papers=len(node.papers),
            vocab_id=node.vocab_id or "",
        )
    grouped: dict[tuple[str, str], list[Concept]] = {}
    for (pid, index), cid in norm.concept_of.items():
        grouped.setdefault((pid, cid), []).append(ex_by_id[pid].entities[index])
    for pid, cid in sorted(grouped):
        role, proposed, confidence, evidence, mentions = _merge_role(grouped[(pid, cid)])
        g.add_edge(
            pid,
            cid,
            kind="role",
            role=role,
            proposed=proposed,
            confidence=confidence,
            evidence=evidence,
            mentions=mentions,
        )
    for child, parent, source in broader:
        g.add_edge(child, parent, kind="broader", source=source)

    kg = KnowledgeGraph(
        graph=g,
        papers=by_id,
        extractions=ex_by_id,
        concepts=concepts,
        concept_of=dict(norm.concept_of),
    )
    ctx = link_context(kg, vocab)
    weighed = candidate_links(ctx, max_df=max(50, len(by_id) // 10), explain=False)
    kept = select_links(weighed, top_k=top_k, min_weight=min_weight)
    for link in explain_links(kept, ctx):
        g.add_edge(
            link.source,
            link.target,
            kind="related",
            weight=link.weight,
            shared=list(link.shared),
            link_types=list(link.link_types),
            reasons=list(link.reasons),
        )
    return kg
