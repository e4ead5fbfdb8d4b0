"""Analytics over the built graph: research themes, central concepts, concepts over time.

* :func:`paper_communities`: Louvain communities (fixed seed) of the paper-paper link graph,
  each labelled by its most characteristic concepts (frequent inside, rare outside: count in
  the community times ``log(N / df)``).
* :func:`central_concepts`: PageRank over the concept co-occurrence graph (concepts joined by
  the number of papers holding both), with paper counts.
* :func:`concept_timeline`: papers per month mentioning each of the most frequent concepts.
* :func:`graph_summary`: counts of nodes and edges by kind and type.

All results are sorted with explicit tie-breaks, so the same graph gives the same output.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph.build import build_graph
    >>> ps = [Paper(id=i, title=i, abstract="", date="2024-01-02") for i in "ab"]
    >>> kg = build_graph(ps, [Extraction(id=i, title=i, entities=[
    ...     Concept(type="Method", name="DPO")]) for i in "ab"], vocabulary=[])
    >>> concept_timeline(kg)[1]
    [('concept:dpo', 'DPO', {'2024-01': 2})]
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.graph.model import KnowledgeGraph

__all__ = [
    "Community",
    "paper_communities",
    "central_concepts",
    "concept_timeline",
    "graph_summary",
]

_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass
class Community:
    """A research theme: its papers (sorted ids) and characteristic concepts (id, label)."""

    index: int
    papers: list[str]
    concepts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The characteristic concept labels joined by `` / ``."""
        return " / ".join(label for _, label in self.concepts) or "(no shared concept)"


def _role_concepts(kg: KnowledgeGraph, pid: str) -> list[str]:
    return sorted(
        cid for _, cid, d in kg.graph.out_edges(pid, data=True) if d.get("kind") == "role"
    )


def paper_communities(
    kg: KnowledgeGraph, *, seed: int = 42, resolution: float = 1.0, labels: int = 3
) -> list[Community]:
    """Communities of papers with at least two members, largest first, with their labels.

    Papers with no link are left out. Numbered from 1 in the returned order.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> ps = [Paper(id=i, title=i, abstract="") for i in "abcd"]
        >>> topic = {"a": "DPO", "b": "DPO", "c": "NeRF", "d": "NeRF"}
        >>> kg = build_graph(ps, [Extraction(id=i, title=i, entities=[
        ...     Concept(type="Method", name=topic[i])]) for i in "abcd"], vocabulary=[])
        >>> [(c.papers, c.label) for c in paper_communities(kg)]
        [(['a', 'b'], 'DPO'), (['c', 'd'], 'NeRF')]
    """
    g = kg.graph
    links = nx.Graph()
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        if d.get("kind") == "related":
            links.add_edge(a, b, weight=float(d.get("weight", 1.0)))
    if links.number_of_edges() == 0:
        return []
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(links.nodes()))
    ordered.add_edges_from(sorted(links.edges(data=True)))
    found = nx.community.louvain_communities(
        ordered, weight="weight", resolution=resolution, seed=seed
    )
    groups = sorted((sorted(c) for c in found if len(c) >= 2), key=lambda c: (-len(c), c[0]))

    n = max(len(kg.papers), 1)
    df = {cid: max(len(node.papers), 1) for cid, node in kg.concepts.items()}
    result: list[Community] = []
    for number, members in enumerate(groups, start=1):
        inside: Counter[str] = Counter()
        for pid in members:
            inside.update(_role_concepts(kg, pid))
        score = {c: k * math.log(n / df[c]) for c, k in inside.items() if k >= 2 and df[c] < n}
        top = sorted(score, key=lambda c: (-round(score[c], 9), g.nodes[c]["label"], c))[:labels]
        result.append(Community(number, members, [(c, g.nodes[c]["label"]) for c in top]))
    return result


def central_concepts(kg: KnowledgeGraph, n: int = 10) -> list[tuple[str, str, str, float, int]]:
    """The ``n`` most central concepts: ``(id, label, type, pagerank, papers)``.

    PageRank runs on the concept co-occurrence graph; scores are rounded to six decimals and
    ties broken by paper count, then label.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> ps = [Paper(id=i, title=i, abstract="") for i in "ab"]
        >>> ents = {"a": ["LLM", "RLHF"], "b": ["LLM", "DPO"]}
        >>> kg = build_graph(ps, [Extraction(id=i, title=i, entities=[
        ...     Concept(type="Method", name=x) for x in ents[i]]) for i in "ab"], vocabulary=[])
        >>> [row[1] for row in central_concepts(kg, 1)]
        ['LLM']
    """
    g = kg.graph
    co = nx.Graph()
    co.add_nodes_from(sorted(kg.concepts))
    weights: Counter[tuple[str, str]] = Counter()
    for pid in sorted(kg.papers):
        cids = _role_concepts(kg, pid)
        for i, a in enumerate(cids):
            for b in cids[i + 1 :]:
                weights[(a, b)] += 1
    co.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    if co.number_of_nodes() == 0:
        return []
    rank = nx.pagerank(co, weight="weight")
    rows = [
        (
            cid,
            g.nodes[cid]["label"],
            g.nodes[cid]["type"],
            round(rank[cid], 6),
            len(kg.concepts[cid].papers),
        )
        for cid in co.nodes()
    ]
    rows.sort(key=lambda r: (-r[3], -r[4], r[1].casefold(), r[0]))
    return rows[:n]


def concept_timeline(
    kg: KnowledgeGraph, n: int = 10
) -> tuple[list[str], list[tuple[str, str, dict[str, int]]]]:
    """Months covered and, for the ``n`` concepts in most papers, papers per month.

    Months are ``YYYY-MM`` of the papers' publication dates; papers without a date are not
    counted. Returns ``(months, rows)`` with rows ``(id, label, {month: papers})``.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> ps = [Paper(id="a", title="a", abstract="", date="2024-02-01"),
        ...       Paper(id="b", title="b", abstract="", date=None)]
        >>> kg = build_graph(ps, [Extraction(id=p.id, title="", entities=[
        ...     Concept(type="Task", name="QA")]) for p in ps], vocabulary=[])
        >>> concept_timeline(kg)
        (['2024-02'], [('concept:qa', 'QA', {'2024-02': 1})])
    """
    month_of: dict[str, str] = {}
    for pid, paper in kg.papers.items():
        match = _MONTH.match(paper.date or "")
        if match:
            month_of[pid] = f"{match.group(1)}-{match.group(2)}"
    months = sorted(set(month_of.values()))
    ranked = sorted(
        kg.concepts.values(),
        key=lambda c: (-sum(p in month_of for p in c.papers), c.label.casefold(), c.id),
    )
    rows: list[tuple[str, str, dict[str, int]]] = []
    for node in ranked[:n]:
        per_month: dict[str, int] = defaultdict(int)
        for pid in node.papers:
            if pid in month_of:
                per_month[month_of[pid]] += 1
        if per_month:
            rows.append((node.id, node.label, dict(sorted(per_month.items()))))
    return months, rows


def graph_summary(kg: KnowledgeGraph) -> dict[str, int]:
    """Counts: papers, concepts (and per type), role, broader and related edges.

    Examples:
        >>> from kg.model import Paper
        >>> from kg.graph.build import build_graph
        >>> graph_summary(build_graph([Paper(id="a", title="a", abstract="")], [],
        ...                           vocabulary=[]))["papers"]
        1
    """
    g = kg.graph
    out: dict[str, int] = {"papers": 0, "concepts": 0}
    for t in ("Method", "Dataset", "Metric", "Task"):
        out[f"concepts {t}"] = 0
    for _, d in g.nodes(data=True):
        if d.get("kind") == "paper":
            out["papers"] += 1
        elif d.get("kind") == "concept":
            out["concepts"] += 1
            out[f"concepts {d.get('type')}"] = out.get(f"concepts {d.get('type')}", 0) + 1
    for kind in ("role", "broader", "related"):
        out[f"{kind} edges"] = 0
    for _, _, d in g.edges(data=True):
        key = f"{d.get('kind')} edges"
        out[key] = out.get(key, 0) + 1
    return out
