"""Reader for the arXiv metadata snapshot, JSON Lines (``arxiv-jsonl``).

The Kaggle/arXiv snapshot has one object per line: ``id``, ``submitter``, ``authors`` (one
string, LaTeX accents included), ``authors_parsed`` ([last, first, suffix] lists), ``title``,
``comments``, ``journal-ref``, ``doi``, ``categories`` (space separated), ``abstract``,
``versions`` ([{``version``, ``created``}]) and ``update_date``. The file is several GB: it is
read line by line and nothing is kept per record, so memory stays flat.

``Paper.date`` is the date of the first version (``update_date`` when there are no versions);
``venue`` the journal reference; authors come from ``authors_parsed`` when present.

Examples:
    >>> import io, json
    >>> rec = {"id": "0704.0001", "title": "Calculation of prompt diphoton production",
    ...        "abstract": "  A fully differential calculation\\n in QCD.\\n",
    ...        "authors": "C. Bal\\\\'azs, E. L. Berger",
    ...        "authors_parsed": [["Bal\\\\'azs", "C.", ""], ["Berger", "E. L.", ""]],
    ...        "categories": "hep-ph math.CO", "doi": "10.1103/PhysRevD.76.013009",
    ...        "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]}
    >>> p, = read_arxiv_jsonl(io.BytesIO(json.dumps(rec).encode()), "s.jsonl", ReadOptions())
    >>> p.id, p.authors, p.categories, p.date, p.abstract
    ('arxiv:0704.0001', ['C. Balázs', 'E. L. Berger'], ['hep-ph', 'math.CO'], '2007-04-02', 'A fully differential calculation in QCD.')
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, BinaryIO

from kg.errors import RecordError
from kg.ingest.json_records import iter_objects, names_of, text_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_arxiv_jsonl"]


def _authors(obj: dict[str, Any]) -> list[str]:
    parsed = obj.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        out = []
        for parts in parsed:
            if isinstance(parts, list) and parts:
                name = f"{parts[1]} {parts[0]}" if len(parts) > 1 and parts[1] else str(parts[0])
                out.append(f"{name} {parts[2]}" if len(parts) > 2 and parts[2] else name)
        return out
    return names_of(obj.get("authors"))


@lru_cache(maxsize=8192)
def _day(day: str, month: str, year: str) -> str | None:
    return iso_date(f"{day} {month} {year}")


def _first_version_date(obj: dict[str, Any]) -> str | None:
    versions = obj.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        created = versions[0].get("created")
        parts = created.split() if isinstance(created, str) else []
        # "Mon, 2 Apr 2007 19:18:42 GMT": many records share a day, so the parse is cached.
        if len(parts) >= 4:
            return _day(parts[1], parts[2], parts[3])
        return iso_date(created)
    return iso_date(obj.get("update_date"))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_arxiv_jsonl(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of an arXiv metadata snapshot, streaming, in file order."""
    for position, (line, obj) in enumerate(iter_objects(fh, name), start=1):
        if not isinstance(obj, dict):
            yield obj
            continue
        arxiv = obj.get("id")
        if not isinstance(arxiv, str) or not arxiv.strip():
            yield RecordError(name, "arXiv record without an 'id'", line=line)
            continue
        categories = obj.get("categories")
        yield make_paper(
            fmt="arxiv-jsonl",
            file=name,
            position=position,
            line=line,
            arxiv_id=arxiv,
            doi=text_of(obj, "doi"),
            title=_str(obj.get("title")),
            abstract=_str(obj.get("abstract")),
            authors=_authors(obj),
            date=_first_version_date(obj),
            categories=categories.split() if isinstance(categories, str) else [],
            venue=text_of(obj, "journal-ref"),
            urls=[f"https://arxiv.org/abs/{arxiv.strip()}"],
        )
