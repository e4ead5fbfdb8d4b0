"""Paper-paper links: IDF-weighted, typed, explained, kept to the strongest per paper.

Two papers are related by the normalised concepts they share. Each shared concept contributes
its inverse paper frequency ``log(1 + N / df)`` (a concept two papers of a thousand share says
more than one half of them share). When one paper proposes the concept and the other, not
older, only uses it, the contribution is doubled and the reason says so (``"B" uses BOSS,
proposed by "A"``). When one paper holds a specific variant of a concept the other holds
(``ImageNet 64x64`` / ``ImageNet``, through the ``broader`` hierarchy), the general concept
contributes half its inverse paper frequency.

A link carries its weight, the shared concept ids (strongest first), its types (``shared
Method``, ``shared Dataset``, ..., ``uses proposed Method``, ``variant of Dataset``) and one
human-readable reason per shared concept. :func:`select_links` keeps, greedily from the
strongest, the links whose weight reaches ``min_weight`` while neither paper has ``top_k``
links yet; ties break on the ids.

Examples:
    >>> ctx = LinkContext({"a": {"c:x": Use("uses", False)}, "b": {"c:x": Use("uses", False)},
    ...                    "c": {"c:y": Use("uses", False)}},
    ...                   info={"c:x": ("X", "Method"), "c:y": ("Y", "Dataset")})
    >>> [(link.source, link.target, link.reasons) for link in candidate_links(ctx)]
    [('a', 'b', ['both mention Method X (2 of 3 papers)'])]
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Use",
    "Link",
    "LinkContext",
    "score_pair",
    "candidate_links",
    "select_links",
    "explain_links",
]

#: Roles that mean a paper only builds on a concept (as opposed to proposing it).
_USE_ROLES = frozenset({"uses", "compares", "evaluates_on", "measures", "addresses"})
_NEW_ARXIV = re.compile(r"(\d{2})(\d{2})\.\d{4,5}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
#: Share of a general concept's weight when one paper holds only a variant of it.
VARIANT_FACTOR = 0.5


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


class LinkContext:
    """What scoring needs, computed once: each paper's concepts (``profiles``), concept
    ``info`` ``(label, type)``, paper ``titles`` and ISO ``dates``, the concept hierarchy
    ``broader`` (concept id -> more general concept ids), the ``origins`` of curated concepts
    (concept id -> the vocabulary's ``source``) and the papers' ``arxiv_ids``.

    ``df`` (papers per concept) and ``idf`` are derived from the profiles; ``N`` is the number
    of profiles, so give every paper one, even an empty one.
    """

    def __init__(
        self,
        profiles: Mapping[str, Mapping[str, Use]],
        *,
        info: Mapping[str, tuple[str, str]] | None = None,
        titles: Mapping[str, str] | None = None,
        dates: Mapping[str, str] | None = None,
        broader: Mapping[str, Sequence[str]] | None = None,
        origins: Mapping[str, str] | None = None,
        arxiv_ids: Mapping[str, str] | None = None,
    ) -> None:
        self.profiles = profiles
        self.origins = dict(origins or {})
        self.arxiv_ids = {k: v.casefold() for k, v in (arxiv_ids or {}).items()}
        self.info = dict(info or {})
        self.titles = dict(titles or {})
        self.dates = dict(dates or {})
        self.n = len(profiles)
        df: dict[str, int] = defaultdict(int)
        for uses in profiles.values():
            for cid in uses:
                df[cid] += 1
        self.df = dict(df)
        self.idf = {cid: math.log(1 + self.n / count) for cid, count in self.df.items()}
        self.ordered = {pid: sorted(uses) for pid, uses in profiles.items()}
        self._broader = broader or {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self.general: dict[str, dict[str, str]] = {}
        for pid, uses in profiles.items():
            via: dict[str, str] = {}
            for cid in sorted(uses):
                for up in sorted(self.ancestors(cid)):
                    if up not in uses and up in self.df:
                        via.setdefault(up, cid)
            self.general[pid] = via

    def ancestors(self, cid: str) -> frozenset[str]:
        """Every more general concept of ``cid`` (transitively)."""
        if cid not in self._ancestors:
            self._ancestors[cid] = frozenset()  # guards against a cycle
            found: set[str] = set()
            for up in self._broader.get(cid, ()):
                found.add(up)
                found |= self.ancestors(up)
            self._ancestors[cid] = frozenset(found)
        return self._ancestors[cid]

    def may_propose(self, pid: str, cid: str) -> bool:
        """Whether paper ``pid`` can be the one that proposed concept ``cid``.

        Not when the curated vocabulary sources the concept to a reference page (an
        established concept) or to another arXiv paper than ``pid``. Without the paper's
        arXiv id, its date must fall between a month before and a year after the month of the
        source's arXiv id (``YYMM.NNNNN``): a claim that cannot be checked is not credited.
        """
        source = self.origins.get(cid, "")
        if not source:
            return True
        if not source.casefold().startswith("arxiv:"):
            return False
        reference = source[len("arxiv:") :].casefold()
        own = self.arxiv_ids.get(pid)
        if own is not None:
            return own == reference
        match = _NEW_ARXIV.match(reference)
        date = _MONTH.match(self.dates.get(pid, ""))
        if match is None or date is None:
            return False
        months = (int(date[1]) - 2000 - int(match[1])) * 12 + int(date[2]) - int(match[2])
        return -1 <= months <= 12

    def label(self, cid: str) -> str:
        return self.info.get(cid, (cid, ""))[0]

    def kind(self, cid: str) -> str:
        return self.info.get(cid, ("", "Concept"))[1]


#: One contribution: concept, weight, proposer and user papers (or None), the narrower concept
#: and the paper holding it (for a variant), or None.
_Part = tuple[str, float, str | None, str | None, str | None, str | None]


def _proposal(
    a: str, b: str, ua: Use, ub: Use, cid: str, ctx: LinkContext
) -> tuple[str, str] | None:
    """``(proposer, user)`` when one paper credibly proposes ``cid`` and the other uses it."""
    if ua.proposed == ub.proposed:
        return None
    proposer, user, use = (a, b, ub) if ua.proposed else (b, a, ua)
    if use.role not in _USE_ROLES:
        return None
    if ctx.dates.get(proposer, "") > (ctx.dates.get(user) or "9999"):
        return None
    if not ctx.may_propose(proposer, cid):
        return None
    return proposer, user


def _contributions(a: str, b: str, ctx: LinkContext) -> list[_Part]:
    """The contributions of the concepts ``a`` and ``b`` share: direct ones in concept id
    order, then variants in general concept id order (:func:`_weight` adds in this order)."""
    pa, pb = ctx.profiles[a], ctx.profiles[b]
    out: list[_Part] = []
    for cid in sorted(pa.keys() & pb.keys()):
        pair = _proposal(a, b, pa[cid], pb[cid], cid, ctx)
        if pair is None:
            out.append((cid, ctx.idf[cid], None, None, None, None))
        else:
            out.append((cid, ctx.idf[cid] * 2.0, pair[0], pair[1], None, None))
    variants: dict[str, tuple[str, str]] = {}
    for holder, other in ((a, pb), (b, pa)):
        for up, narrow in ctx.general[holder].items():
            if up in other and up not in variants:
                variants[up] = (narrow, holder)
    for up in sorted(variants):
        narrow, holder = variants[up]
        out.append((up, ctx.idf[up] * VARIANT_FACTOR, None, None, narrow, holder))
    return out


def _weight(a: str, b: str, ctx: LinkContext) -> float:
    """The weight :func:`score_pair` gives, without building the explanation (same order of
    additions, so the same float)."""
    pa, pb = ctx.profiles[a], ctx.profiles[b]
    if len(pa) <= len(pb):
        ordered, other = ctx.ordered[a], pb
    else:
        ordered, other = ctx.ordered[b], pa
    total = 0.0
    for cid in ordered:
        if cid in other:
            if (pa[cid].proposed != pb[cid].proposed) and _proposal(
                a, b, pa[cid], pb[cid], cid, ctx
            ):
                total += ctx.idf[cid] * 2.0
            else:
                total += ctx.idf[cid]
    ups = [up for up in ctx.general[a] if up in pb]
    ups += [up for up in ctx.general[b] if up in pa]
    for up in sorted(ups):
        total += ctx.idf[up] * VARIANT_FACTOR
    return total


def _short(title: str, limit: int = 60) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 3].rstrip() + "..."


def score_pair(a: str, b: str, ctx: LinkContext) -> Link | None:
    """The explained link between papers ``a`` and ``b``, or ``None`` when they share nothing.

    A paper cannot use what a later paper proposes (both ``dates`` known), nor can a paper
    propose an established concept (see :meth:`LinkContext.may_propose`): then the concept
    counts as plainly shared.

    Examples:
        >>> ctx = LinkContext({"a": {"c:boss": Use("proposes", True)},
        ...                    "b": {"c:boss": Use("uses", False)}},
        ...                   info={"c:boss": ("BOSS", "Method")},
        ...                   titles={"a": "A paper", "b": "B paper"})
        >>> score_pair("a", "b", ctx).reasons
        ['"B paper" uses BOSS, proposed by "A paper"']
    """
    if a > b:
        a, b = b, a
    parts = _contributions(a, b, ctx)
    if not parts:
        return None
    scored: list[tuple[float, str, str, str]] = []
    types: set[str] = set()
    for cid, contribution, proposer, user, narrow, _holder in parts:
        label, ctype = ctx.label(cid), ctx.kind(cid)
        if proposer is not None and user is not None:
            types.add(f"uses proposed {ctype}")
            reason = (
                f'"{_short(ctx.titles.get(user, user))}" uses {label}, '
                f'proposed by "{_short(ctx.titles.get(proposer, proposer))}"'
            )
        elif narrow is not None:
            types.add(f"variant of {ctype}")
            reason = (
                f"{ctx.label(narrow)} is a variant of {ctype} {label} "
                f"({ctx.df[cid]} of {ctx.n} papers)"
            )
        else:
            types.add(f"shared {ctype}")
            reason = f"both mention {ctype} {label} ({ctx.df[cid]} of {ctx.n} papers)"
        scored.append((contribution, label, cid, reason))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    return Link(
        source=a,
        target=b,
        weight=round(sum((p[1] for p in parts), 0.0), 6),
        shared=[s[2] for s in scored],
        link_types=sorted(types),
        reasons=[s[3] for s in scored],
    )


def candidate_links(
    ctx: LinkContext, *, max_df: int | None = None, explain: bool = True
) -> list[Link]:
    """Every pair of papers sharing a concept (or a variant of it), sorted by (source, target).

    Pairs are found through concepts held by at most ``max_df`` papers (default: no limit);
    a pair found that way is scored on all it shares. With ``explain=False`` the links carry
    their weight only (fast; :func:`explain_links` fills in the ones kept).

    Examples:
        >>> ctx = LinkContext({"a": {"x": Use("uses", False)}, "b": {"x": Use("uses", False)}},
        ...                   info={"x": ("X", "Task")})
        >>> candidate_links(ctx)[0].link_types
        ['shared Task']
        >>> candidate_links(ctx, explain=False)[0].weight == candidate_links(ctx)[0].weight
        True
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(ctx.profiles):
        for cid in sorted(set(ctx.profiles[pid]) | set(ctx.general[pid])):
            holders[cid].append(pid)
    pairs: set[tuple[str, str]] = set()
    for cid in sorted(holders):
        members = holders[cid]
        if max_df is not None and len(members) > max_df:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    links: list[Link] = []
    for a, b in sorted(pairs):
        if explain:
            link = score_pair(a, b, ctx)
            if link is not None:
                links.append(link)
        else:
            links.append(Link(a, b, round(_weight(a, b, ctx), 6)))
    return links


def explain_links(links: Sequence[Link], ctx: LinkContext) -> list[Link]:
    """The same links with their shared concepts, types and reasons filled in.

    Examples:
        >>> ctx = LinkContext({"a": {"x": Use("uses", False)}, "b": {"x": Use("uses", False)}},
        ...                   info={"x": ("X", "Task")})
        >>> explain_links(candidate_links(ctx, explain=False), ctx)[0].reasons
        ['both mention Task X (2 of 2 papers)']
    """
    out = []
    for link in links:
        full = score_pair(link.source, link.target, ctx)
        if full is not None:
            out.append(full)
    return out


def select_links(links: list[Link], *, top_k: int = 10, min_weight: float = 0.0) -> list[Link]:
    """The strongest links, at most ``top_k`` per paper, each of weight >= ``min_weight``.

    Greedy from the strongest link down (ties by ids): a link is kept while both its papers
    have fewer than ``top_k`` kept links. Returned sorted by (source, target).

    Examples:
        >>> ls = [Link("a", "b", 3.0), Link("a", "c", 2.0), Link("b", "c", 1.0)]
        >>> [(link.source, link.target) for link in select_links(ls, top_k=1)]
        [('a', 'b')]
        >>> [(link.source, link.target) for link in select_links(ls, min_weight=1.5)]
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
