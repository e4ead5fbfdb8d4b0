"""The papers closest to one paper, with the reasons: what ``kg similar`` prints.

Unlike the ``related`` edges of the graph (kept to the strongest ``top_k`` per paper), this
scores the paper against every other paper with :func:`kg.graph.links.score_pair`.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph.build import build_graph
    >>> ps = [Paper(id=i, title=f"Paper {i}", abstract="") for i in "abc"]
    >>> ents = {"a": ["DPO", "RLHF"], "b": ["DPO", "RLHF"], "c": ["DPO"]}
    >>> kg = build_graph(ps, [Extraction(id=i, title="", entities=[
    ...     Concept(type="Method", name=x) for x in ents[i]]) for i in "abc"], vocabulary=[])
    >>> [(link.target, len(link.shared)) for link in similar_papers(kg, find_paper(kg, "paper a"))]
    [('b', 2), ('c', 1)]
"""

from __future__ import annotations

import difflib

from kg.errors import KGError
from kg.graph.build import link_context
from kg.graph.links import Link, score_pair
from kg.graph.model import KnowledgeGraph

__all__ = ["find_paper", "similar_papers"]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def find_paper(kg: KnowledgeGraph, query: str) -> str:
    """The id of the paper ``query`` names: its id, its title, a unique part of its title, or
    failing those the closest title (similarity at least 0.6).

    Raises :class:`kg.errors.KGError` when nothing matches, naming up to three candidates when
    the query is part of several titles.

    Examples:
        >>> from kg.model import Paper
        >>> from kg.graph.build import build_graph
        >>> kg = build_graph([Paper(id="x:1", title="Faster Sampling", abstract="")], [],
        ...                  vocabulary=[])
        >>> [find_paper(kg, q) for q in ("x:1", "faster sampling", "Fastr Samplin")]
        ['x:1', 'x:1', 'x:1']
    """
    if query in kg.papers:
        return query
    wanted = _fold(query)
    titles = {pid: _fold(p.title) for pid, p in sorted(kg.papers.items())}
    exact = [pid for pid, t in titles.items() if t == wanted]
    if exact:
        return exact[0]
    within = [pid for pid, t in titles.items() if wanted and wanted in t]
    if len(within) == 1:
        return within[0]
    if len(within) > 1:
        shown = "; ".join(kg.papers[p].title for p in within[:3])
        raise KGError(None, f"{query!r} is part of {len(within)} titles, e.g. {shown}")
    scored = [(difflib.SequenceMatcher(None, wanted, t).ratio(), pid) for pid, t in titles.items()]
    best = max(scored, key=lambda s: (s[0], [-ord(c) for c in s[1]]), default=(0.0, ""))
    if best[0] >= 0.6:
        return best[1]
    raise KGError(None, f"no paper with id or title {query!r}")


def similar_papers(kg: KnowledgeGraph, paper_id: str, n: int = 10) -> list[Link]:
    """The ``n`` papers sharing the most weight of concepts with ``paper_id``, strongest first.

    Each returned link has ``source == paper_id`` and ``target`` the other paper; ties break
    on the other paper's id.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph.build import build_graph
        >>> ps = [Paper(id=i, title=i, abstract="") for i in "ab"]
        >>> kg = build_graph(ps, [Extraction(id=i, title="", entities=[
        ...     Concept(type="Task", name="QA")]) for i in "ab"], vocabulary=[])
        >>> similar_papers(kg, "a")[0].reasons
        ['both mention Task QA (2 of 2 papers)']
    """
    if paper_id not in kg.papers:
        raise KGError(None, f"no paper with id {paper_id!r}")
    ctx = link_context(kg)
    found: list[Link] = []
    for other in sorted(kg.papers):
        if other == paper_id:
            continue
        link = score_pair(paper_id, other, ctx)
        if link is not None:
            link.source, link.target = paper_id, other
            found.append(link)
    found.sort(key=lambda x: (-x.weight, x.target))
    return found[:n]
