"""Reader for OpenAlex works (``openalex``), as JSON Lines, a JSON list or an API answer.

A work has ``id`` (``https://openalex.org/W...``), ``doi`` (resolver URL), ``title`` /
``display_name``, ``publication_date``, ``publication_year``, ``authorships``
([{``author``: {``display_name``}}]), ``primary_location`` (``source.display_name`` is the
venue, ``landing_page_url``), ``locations``, ``concepts``/``topics`` and the abstract as
``abstract_inverted_index`` (word -> positions), rebuilt here in position order. An arXiv
landing page among the locations gives the arXiv id. An API answer
(``{"meta": ..., "results": [...]}``) reads as its results.

Examples:
    >>> rebuild_abstract({"Deep": [0], "nets": [1, 3], "learn": [2]})
    'Deep nets learn nets'
    >>> import io, json
    >>> work = {"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1234/X",
    ...         "title": "T", "publication_year": 2020, "abstract_inverted_index": {"Hi.": [0]},
    ...         "authorships": [{"author": {"display_name": "Ann Lee"}}],
    ...         "primary_location": {"source": {"display_name": "NeurIPS"}}}
    >>> p, = read_openalex(io.BytesIO(json.dumps(work).encode()), "w.jsonl", ReadOptions())
    >>> p.id, p.abstract, p.authors, p.venue, p.date
    ('doi:10.1234/x', 'Hi.', ['Ann Lee'], 'NeurIPS', '2020')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.errors import RecordError
from kg.ingest.identity import normalise_arxiv_id
from kg.ingest.json_records import iter_objects, text_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_openalex", "rebuild_abstract"]


def rebuild_abstract(index: object) -> str | None:
    """The abstract text of an ``abstract_inverted_index``; ``None`` if there is none.

    Raises ``ValueError`` when the index is not a mapping of words to integer positions.
    """
    if index is None:
        return None
    if not isinstance(index, dict):
        raise ValueError("abstract_inverted_index is not an object")
    slots: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in positions
        ):
            raise ValueError(f"abstract_inverted_index[{word!r}] is not a list of positions")
        for pos in positions:
            slots[pos] = word
    return " ".join(slots[p] for p in sorted(slots)) or None


def _dig(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _arxiv_from_locations(work: dict[str, Any]) -> str | None:
    locations = work.get("locations")
    for loc in locations if isinstance(locations, list) else []:
        url = _dig(loc, "landing_page_url")
        if isinstance(url, str) and "arxiv.org/" in url:
            return normalise_arxiv_id(url)
    return None


def read_openalex(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of OpenAlex works, in order."""
    for position, (line, obj) in enumerate(iter_objects(fh, name), start=1):
        if not isinstance(obj, dict):
            yield obj
            continue
        try:
            abstract = rebuild_abstract(obj.get("abstract_inverted_index"))
        except ValueError as exc:
            yield RecordError(name, str(exc), line=line)
            continue
        authorships = obj.get("authorships")
        authors = [
            n
            for n in (
                _dig(a, "author", "display_name") or _dig(a, "raw_author_name")
                for a in (authorships if isinstance(authorships, list) else [])
            )
            if isinstance(n, str)
        ]
        topics = obj.get("topics") or obj.get("concepts") or []
        landing = _dig(obj, "primary_location", "landing_page_url")
        yield make_paper(
            fmt="openalex",
            file=name,
            position=position,
            line=line,
            arxiv_id=_arxiv_from_locations(obj),
            doi=text_of(obj, "doi"),
            title=text_of(obj, "title", "display_name"),
            abstract=abstract,
            authors=authors,
            date=iso_date(text_of(obj, "publication_date", "publication_year")),
            venue=_dig(obj, "primary_location", "source", "display_name"),
            categories=[
                t["display_name"]
                for t in topics
                if isinstance(t, dict) and isinstance(t.get("display_name"), str)
            ]
            if isinstance(topics, list)
            else [],
            urls=[landing] if isinstance(landing, str) else [],
        )
