"""Concept-concept co-occurrence: which methods go with which datasets, metrics and tasks.

Two concepts co-occur when one paper holds both (a role edge to each). Tables are plain sorted
lists, strongest pair first (ties by labels, then ids), so the same graph prints the same table.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph.build import build_graph
    >>> ps = [Paper(id=i, title=i, abstract="") for i in "ab"]
    >>> ents = [Concept(type="Method", name="DDIM"), Concept(type="Dataset", name="CIFAR-10")]
    >>> kg = build_graph(ps, [Extraction(id=i, title=i, entities=ents) for i in "ab"],
    ...                  vocabulary=[])
    >>> cooccurrence(kg, "Method", "Dataset")
    [Pair(first='concept:ddim', second='concept:cifar-10', first_label='DDIM', second_label='CIFAR-10', papers=2)]
"""  # noqa: E501

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from kg.graph.model import KnowledgeGraph

__all__ = ["Pair", "PAIR_TYPES", "cooccurrence", "cooccurrence_tables"]

#: The type pairs reported: methods with datasets, metrics and tasks; metrics with tasks and
#: datasets.
PAIR_TYPES: tuple[tuple[str, str], ...] = (
    ("Method", "Dataset"),
    ("Method", "Metric"),
    ("Method", "Task"),
    ("Metric", "Task"),
    ("Dataset", "Metric"),
)


class Pair(NamedTuple):
    """Two concepts (ids and labels) and the number of papers that hold both."""

    first: str
    second: str
    first_label: str
    second_label: str
    papers: int


def _concepts_by_paper(kg: KnowledgeGraph) -> dict[str, list[str]]:
    g = kg.graph
    out: dict[str, list[str]] = {}
    for pid in sorted(kg.papers):
        out[pid] = sorted(
            cid for _, cid, d in g.out_edges(pid, data=True) if d.get("kind") == "role"
        )
    return out


def cooccurrence(
    kg: KnowledgeGraph, first_type: str, second_type: str, *, min_papers: int = 1
) -> list[Pair]:
    """Pairs (concept of ``first_type``, concept of ``second_type``) held by the same papers.

    Only pairs held by at least ``min_papers`` papers are listed; sorted by paper count
    (descending), then labels, then ids. With equal types each pair is listed once.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> p = [Paper(id="a", title="a", abstract="")]
        >>> e = [Extraction(id="a", title="a", entities=[Concept(type="Metric", name="BLEU"),
        ...      Concept(type="Task", name="machine translation")])]
        >>> [(x.first_label, x.second_label) for x in cooccurrence(
        ...     build_graph(p, e, vocabulary=[]), "Metric", "Task")]
        [('BLEU', 'machine translation')]
    """
    g = kg.graph
    counts: Counter[tuple[str, str]] = Counter()
    for cids in _concepts_by_paper(kg).values():
        firsts = [c for c in cids if g.nodes[c].get("type") == first_type]
        seconds = [c for c in cids if g.nodes[c].get("type") == second_type]
        for a in firsts:
            for b in seconds:
                if a == b or (first_type == second_type and a > b):
                    continue
                counts[(a, b)] += 1
    rows = [
        Pair(a, b, g.nodes[a]["label"], g.nodes[b]["label"], n)
        for (a, b), n in counts.items()
        if n >= min_papers
    ]
    rows.sort(key=lambda r: (-r.papers, r.first_label.casefold(), r.second_label.casefold(), r))
    return rows


def cooccurrence_tables(
    kg: KnowledgeGraph, *, min_papers: int = 1, limit: int | None = None
) -> dict[str, list[Pair]]:
    """One table per pair of :data:`PAIR_TYPES`, keyed ``"Method-Dataset"`` and so on.

    ``limit`` keeps the first rows of each table.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> kg = build_graph([Paper(id="a", title="a", abstract="")], [], vocabulary=[])
        >>> list(cooccurrence_tables(kg))
        ['Method-Dataset', 'Method-Metric', 'Method-Task', 'Metric-Task', 'Dataset-Metric']
    """
    return {
        f"{a}-{b}": cooccurrence(kg, a, b, min_papers=min_papers)[:limit] for a, b in PAIR_TYPES
    }
