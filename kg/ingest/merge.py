"""Merging records of the same paper into one ``Paper``, every source kept.

Two records are the same paper when they share an identifier (``Paper.id``, arXiv id or DOI),
or when their normalised titles are equal and their identifiers do not contradict each other
(two different arXiv ids, DOIs or input ids are two papers, whatever their titles).

Fields are merged by one rule, applied in input order (the first record read is the base):

* ``id``: the first record's id, unless it is a title hash and a later record has a real
  identifier (arXiv id, DOI, input id), which then wins;
* ``title``, ``authors``, ``organisation``, ``arxiv_id``, ``doi``, ``venue``, ``code_url``,
  ``project_url``, ``author_count``: first non-empty value;
* ``abstract`` (with its ``abstract_raw``): the longest;
* ``date``: the first date whose year was in the source, else the first inferred one;
* ``upvotes``: the largest;
* ``urls`` and ``categories``: union, first-seen order;
* ``sources``: all, in read order.

Output order is first-seen order, so the result is deterministic for a given input order.

Examples:
    >>> from kg.model import Paper
    >>> m = Merger()
    >>> m.add(Paper(id="title:1", title="A Study", abstract="Short.", urls=["u1"]))
    True
    >>> m.add(Paper(id="arxiv:2101.00001", title="a study!", abstract="Longer text.",
    ...             arxiv_id="2101.00001", urls=["u2"]))
    False
    >>> [(p.id, p.abstract, p.urls) for p in m.papers]
    [('arxiv:2101.00001', 'Longer text.', ['u1', 'u2'])]
"""

from __future__ import annotations

from kg.ingest.identity import id_strength, normalise_title
from kg.model import Paper

__all__ = ["Merger", "merge_into"]

_FIRST_NON_EMPTY = (
    "title",
    "organisation",
    "arxiv_id",
    "doi",
    "venue",
    "code_url",
    "project_url",
    "author_count",
)


def merge_into(base: Paper, other: Paper) -> None:
    """Fold ``other`` into ``base`` by the module's rule (``base`` was read first)."""
    if id_strength(base.id) == 0 and id_strength(other.id) > 0:
        base.id = other.id
    for name in _FIRST_NON_EMPTY:
        if not getattr(base, name) and getattr(other, name):
            setattr(base, name, getattr(other, name))
    if not base.authors and other.authors:
        base.authors = list(other.authors)
    if len(other.abstract) > len(base.abstract):
        base.abstract, base.abstract_raw = other.abstract, other.abstract_raw
    if other.date and (not base.date or (base.date_year_inferred and not other.date_year_inferred)):
        base.date, base.date_year_inferred = other.date, other.date_year_inferred
    if other.upvotes is not None and (base.upvotes is None or other.upvotes > base.upvotes):
        base.upvotes = other.upvotes
    for url in other.urls:
        if url not in base.urls:
            base.urls.append(url)
    for cat in other.categories:
        if cat not in base.categories:
            base.categories.append(cat)
    base.sources.extend(other.sources)


def _keys(paper: Paper) -> list[str]:
    keys = [paper.id]
    if paper.arxiv_id:
        keys.append("arxiv:" + paper.arxiv_id)
    if paper.doi:
        keys.append("doi:" + paper.doi)
    return keys


def _conflict(a: Paper, b: Paper) -> bool:
    """Whether two records carry identifiers that make them different papers."""
    if a.arxiv_id and b.arxiv_id and a.arxiv_id != b.arxiv_id:
        return True
    if a.doi and b.doi and a.doi != b.doi:
        return True
    kind = _kind(a.id)
    return kind != "title" and kind == _kind(b.id) and a.id != b.id


def _kind(pid: str) -> str:
    head = pid.split(":", 1)[0] if ":" in pid else ""
    return head if head in ("arxiv", "doi", "title") else "input"


class Merger:
    """Collects papers, merging each new record into the one it duplicates (if any)."""

    def __init__(self) -> None:
        self.papers: list[Paper] = []
        self._by_key: dict[str, int] = {}
        self._by_title: dict[str, int] = {}

    def add(self, paper: Paper) -> bool:
        """Add one record; ``True`` if it is a new paper, ``False`` if merged into one."""
        index = next((self._by_key[k] for k in _keys(paper) if k in self._by_key), None)
        title = normalise_title(paper.title)
        if index is None and title in self._by_title:
            candidate = self._by_title[title]
            if not _conflict(self.papers[candidate], paper):
                index = candidate
        if index is None:
            index = len(self.papers)
            self.papers.append(paper)
            new = True
        else:
            merge_into(self.papers[index], paper)
            new = False
        merged = self.papers[index]
        for key in _keys(merged) + _keys(paper):
            self._by_key.setdefault(key, index)
        if title:
            self._by_title.setdefault(title, index)
        return new
