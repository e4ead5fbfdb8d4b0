"""Paper-paper links: IDF-weighted, typed, explained, kept to the strongest per paper.

Two papers are related by the normalised concepts they share. Each shared concept contributes
its inverse paper frequency ``log(1 + N / df)`` (a concept two papers of a thousand share says
more than one half of them share); when one paper proposes the concept and the other only uses
it, the contribution is doubled and the reason says so (``"B" uses BOSS, proposed by "A"``).

A link carries its weight, the shared concept ids (strongest first), its types (``shared
Method``, ``shared Dataset``, ..., ``uses proposed Method``) and one human-readable reason per
shared concept. :func:`select_links` keeps, greedily from the strongest, the links whose weight
reaches ``min_weight`` while neither paper has ``top_k`` links yet; ties break on the ids.

Examples:
    >>> profiles = {"a": {"c:x": Use("uses", False)}, "b": {"c:x": Use("uses", False)},
    ...             "c": {"c:y": Use("uses", False)}}
    >>> info = {"c:x": ("X", "Method"), "c:y": ("Y", "Dataset")}
    >>> [(l.source, l.target) for l in candidate_links(profiles, info)]
    [('a', 'b')]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "Use",
    "Link",
    "concept_df",
    "concept_idf",
    "score_pair",
    "candidate_links",
    "select_links",
    "explain_links",
]

#: Roles that mean a paper only builds on a concept (as opposed to proposing it).
_USE_ROLES = frozenset({"uses", "compares", "evaluates_on", "measures", "addresses"})


@dataclass(frozen=True)
class Use:
    """How one paper relates to one concept: its (merged) role and the ``proposed`` flag."""

    role: str
    proposed: bool


@dataclass
class Link:
    """A scored, explained paper-paper link (``source`` < ``target``)."""

    source: str
    target: str
    weight: float
    shared: list[str] = field(default_factory=list)
    link_types: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def concept_df(profiles: Mapping[str, Mapping[str, Use]]) -> dict[str, int]:
    """Number of papers holding each concept of the profiles.

    Examples:
        >>> concept_df({"a": {"x": Use("uses", False)}, "b": {"x": Use("uses", False)}})
        {'x': 2}
    """
    df: dict[str, int] = defaultdict(int)
    for uses in profiles.values():
        for cid in uses:
            df[cid] += 1
    return dict(sorted(df.items()))


def concept_idf(profiles: Mapping[str, Mapping[str, Use]]) -> dict[str, float]:
    """``log(1 + N / df)`` for every concept of the profiles (``N`` papers, ``df`` papers with it).

    Examples:
        >>> idf = concept_idf({"a": {"x": Use("uses", False), "y": Use("uses", False)},
        ...                    "b": {"x": Use("uses", False)}})
        >>> idf["y"] > idf["x"]
        True
    """
    n = max(len(profiles), 1)
    return {cid: math.log(1 + n / count) for cid, count in concept_df(profiles).items()}


def _short(title: str, limit: int = 60) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 3].rstrip() + "..."


def _contributions(
    a: str,
    b: str,
    profiles: Mapping[str, Mapping[str, Use]],
    idf: Mapping[str, float],
    dates: Mapping[str, str],
) -> list[tuple[str, float, str | None, str | None]]:
    """``(concept, contribution, proposer, user)`` per shared concept, in concept id order."""
    pa, pb = profiles[a], profiles[b]
    out = []
    for cid in sorted(pa.keys() & pb.keys()):
        ua, ub = pa[cid], pb[cid]
        proposer = user = None
        if ua.proposed and not ub.proposed and ub.role in _USE_ROLES:
            proposer, user = a, b
        elif ub.proposed and not ua.proposed and ua.role in _USE_ROLES:
            proposer, user = b, a
        if proposer and user and dates.get(proposer, "") > (dates.get(user) or "9999"):
            proposer = user = None
        factor = 2.0 if proposer is not None else 1.0
        out.append((cid, idf[cid] * factor, proposer, user))
    return out


def score_pair(
    a: str,
    b: str,
    profiles: Mapping[str, Mapping[str, Use]],
    df: Mapping[str, int],
    info: Mapping[str, tuple[str, str]],
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
) -> Link | None:
    """The link between papers ``a`` and ``b``, or ``None`` when they share no concept.

    ``df`` maps a concept id to its paper count (:func:`concept_df`); ``info`` maps it to its
    ``(label, type)``; ``titles`` a paper id to the title the reasons quote (the id when
    missing). ``dates`` (ISO) rule out a "uses ..., proposed by ..." reason where the proposing
    paper is the later one: a paper cannot use what was proposed after it.

    Examples:
        >>> p = {"a": {"c:boss": Use("proposes", True)}, "b": {"c:boss": Use("uses", False)}}
        >>> link = score_pair("a", "b", p, concept_df(p), {"c:boss": ("BOSS", "Method")},
        ...                   {"a": "A paper", "b": "B paper"})
        >>> link.reasons
        ['"B paper" uses BOSS, proposed by "A paper"']
    """
    if a > b:
        a, b = b, a
    titles = titles or {}
    n = len(profiles)
    idf = {cid: math.log(1 + n / df[cid]) for cid in profiles[a].keys() & profiles[b].keys()}
    parts = _contributions(a, b, profiles, idf, dates or {})
    if not parts:
        return None
    scored: list[tuple[float, str, str, str]] = []
    types: set[str] = set()
    for cid, contribution, proposer, user in parts:
        label, ctype = info[cid]
        if proposer is not None and user is not None:
            types.add(f"uses proposed {ctype}")
            reason = (
                f'"{_short(titles.get(user, user))}" uses {label}, '
                f'proposed by "{_short(titles.get(proposer, proposer))}"'
            )
        else:
            types.add(f"shared {ctype}")
            reason = f"both mention {ctype} {label} ({df[cid]} of {n} papers)"
        scored.append((contribution, label, cid, reason))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    return Link(
        source=a,
        target=b,
        weight=round(sum(p[1] for p in parts), 6),
        shared=[s[2] for s in scored],
        link_types=sorted(types),
        reasons=[s[3] for s in scored],
    )


def candidate_links(
    profiles: Mapping[str, Mapping[str, Use]],
    info: Mapping[str, tuple[str, str]] | None = None,
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    *,
    max_df: int | None = None,
) -> list[Link]:
    """Every pair of papers sharing at least one concept, scored, sorted by (source, target).

    Pairs are found through concepts held by at most ``max_df`` papers (default: no limit);
    a pair found that way is scored on all its shared concepts. Without ``info`` the links
    carry their weight only (fast; :func:`explain_links` adds the rest to the ones kept).

    Examples:
        >>> p = {"a": {"x": Use("uses", False)}, "b": {"x": Use("uses", False)}}
        >>> candidate_links(p, {"x": ("X", "Task")})[0].link_types
        ['shared Task']
        >>> candidate_links(p)[0].weight == candidate_links(p, {"x": ("X", "Task")})[0].weight
        True
    """
    df = concept_df(profiles)
    n = len(profiles)
    idf = {cid: math.log(1 + n / count) for cid, count in df.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(profiles):
        for cid in profiles[pid]:
            holders[cid].append(pid)
    pairs: set[tuple[str, str]] = set()
    for cid in sorted(holders):
        members = holders[cid]
        if max_df is not None and len(members) > max_df:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    if info is not None:
        scored = [score_pair(a, b, profiles, df, info, titles, dates) for a, b in sorted(pairs)]
        return [link for link in scored if link is not None]
    dates = dates or {}
    return [
        Link(a, b, round(sum(p[1] for p in _contributions(a, b, profiles, idf, dates)), 6))
        for a, b in sorted(pairs)
    ]


def explain_links(
    links: list[Link],
    profiles: Mapping[str, Mapping[str, Use]],
    info: Mapping[str, tuple[str, str]],
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
) -> list[Link]:
    """The same links with their shared concepts, types and reasons filled in.

    Examples:
        >>> p = {"a": {"x": Use("uses", False)}, "b": {"x": Use("uses", False)}}
        >>> explain_links(candidate_links(p), p, {"x": ("X", "Task")})[0].reasons
        ['both mention Task X (2 of 2 papers)']
    """
    df = concept_df(profiles)
    out = []
    for link in links:
        full = score_pair(link.source, link.target, profiles, df, info, titles, dates)
        if full is not None:
            out.append(full)
    return out


def select_links(links: list[Link], *, top_k: int = 10, min_weight: float = 0.0) -> list[Link]:
    """The strongest links, at most ``top_k`` per paper, each of weight >= ``min_weight``.

    Greedy from the strongest link down (ties by ids): a link is kept while both its papers
    have fewer than ``top_k`` kept links. Returned sorted by (source, target).

    Examples:
        >>> ls = [Link("a", "b", 3.0), Link("a", "c", 2.0), Link("b", "c", 1.0)]
        >>> [(l.source, l.target) for l in select_links(ls, top_k=1)]
        [('a', 'b')]
        >>> [(l.source, l.target) for l in select_links(ls, min_weight=1.5)]
        [('a', 'b'), ('a', 'c')]
    """
    degree: dict[str, int] = defaultdict(int)
    kept: list[Link] = []
    for link in sorted(links, key=lambda x: (-x.weight, x.source, x.target)):
        if link.weight < min_weight or top_k <= 0:
            continue
        if degree[link.source] >= top_k or degree[link.target] >= top_k:
            continue
        degree[link.source] += 1
        degree[link.target] += 1
        kept.append(link)
    return sorted(kept, key=lambda x: (x.source, x.target))
