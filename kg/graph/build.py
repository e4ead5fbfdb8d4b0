"""Build the networkx knowledge graph from papers and their extractions.

First version: concepts normalised by case and whitespace only; paper-paper links weighted by
the inverse paper frequency of the shared concepts. ``kg.graph.normalize`` and
``kg.graph.links`` deepen both.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> ps = [Paper(id="a", title="A", abstract=""), Paper(id="b", title="B", abstract="")]
    >>> ex = [Extraction(id=p.id, title=p.title, entities=[Concept(type="Method", name="PPO")])
    ...       for p in ps]
    >>> kg = build_graph(ps, ex)
    >>> sorted(kg.graph.successors("a"))
    ['b', 'concept:ppo']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import networkx as nx

from kg.graph.model import ConceptNode, KnowledgeGraph
from kg.model import Extraction, Paper

__all__ = ["build_graph", "concept_slug"]


def concept_slug(label: str) -> str:
    """Slug of a label: lower case, runs of non-alphanumerics become one hyphen.

    >>> concept_slug("ImageNet 64x64")
    'imagenet-64x64'
    """
    slug = re.sub(r"[^0-9a-z]+", "-", label.casefold()).strip("-")
    return slug or "x"


def build_graph(
    papers: Sequence[Paper],
    extractions: Sequence[Extraction],
    *,
    top_k: int = 10,
    min_weight: float = 0.0,
) -> KnowledgeGraph:
    """Papers, concepts, paper->concept role edges and the strongest paper-paper links."""
    g = nx.DiGraph()
    by_id = {p.id: p for p in papers}
    ex_by_id = {e.id: e for e in extractions}
    concepts: dict[str, ConceptNode] = {}
    concept_of: dict[tuple[str, int], str] = {}
    for p in papers:
        g.add_node(
            p.id, kind="paper", label=p.title, title=p.title, date=p.date or "",
            url=(p.urls[0] if p.urls else ""),
        )
    for p in papers:
        ex = ex_by_id.get(p.id)
        if ex is None:
            continue
        for i, c in enumerate(ex.entities):
            cid = f"concept:{concept_slug(c.name)}"
            node = concepts.setdefault(cid, ConceptNode(id=cid, type=c.type, label=c.name))
            for alias in c.aliases:
                if alias not in node.aliases and alias != node.label:
                    node.aliases.append(alias)
            if p.id not in node.papers:
                node.papers.append(p.id)
            concept_of[(p.id, i)] = cid
            g.add_edge(
                p.id, cid, kind="role", role=c.role, proposed=c.proposed,
                confidence=c.confidence, evidence=c.evidence or "", mentions=len(c.mentions),
            )
    for cid, node in concepts.items():
        g.add_node(
            cid, kind="concept", type=node.type, label=node.label, aliases=list(node.aliases),
            papers=len(node.papers), vocab_id=node.vocab_id or "",
        )
    n = max(len(papers), 1)
    idf = {cid: math.log(1 + n / len(node.papers)) for cid, node in concepts.items()}
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid in sorted(concepts):
        members = sorted(concepts[cid].papers)
        if len(members) > 50:  # too common to explain a link
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[(a, b)].append(cid)
    scored = {pair: sum(idf[c] for c in cs) for pair, cs in shared.items()}
    keep: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for pair, w in scored.items():
        if w >= min_weight:
            keep[pair[0]][pair] = w
            keep[pair[1]][pair] = w
    chosen = {pair for counter in keep.values() for pair, _ in counter.most_common(top_k)}
    for a, b in sorted(chosen):
        cs = shared[(a, b)]
        types = sorted({f"shared {concepts[c].type}" for c in cs})
        g.add_edge(
            a, b, kind="related", weight=round(scored[(a, b)], 6), shared=list(cs),
            link_types=types, reasons=[f"both mention {concepts[c].label}" for c in cs],
        )
    return KnowledgeGraph(
        graph=g,
        papers=by_id,
        extractions=ex_by_id,
        concepts=concepts,
        concept_of=concept_of,
    )
