"""The reader contract and what every reader shares: options, dates, building a ``Paper``.

A reader is a function ``read(fh, name, options) -> Iterator[Paper | RecordError]``: it yields
one item per record of the binary stream ``fh`` (file ``name``), either the record's
:class:`~kg.model.Paper` or, for a malformed record, a :class:`~kg.errors.RecordError` that it
does *not* raise; :func:`kg.ingest.iter_records` decides whether to skip and count it or stop.
Errors about the whole file (not valid XML, not JSON at all) are raised as ``InputError``.

:func:`make_paper` is the one place where raw fields become a ``Paper``: text clean-up, links,
identity and the ``Source`` are applied the same way for every format.

Examples:
    >>> p = make_paper(fmt="jsonl", file="a.jsonl", position=1, line=1, input_id="p1",
    ...                title="A {BERT} study", abstract="See https://github.com/o/r.")
    >>> p.id, p.title, p.code_url
    ('p1', 'A BERT study', 'https://github.com/o/r')
    >>> iso_date("Mon, 2 Apr 2007 19:18:42 GMT"), iso_date("2024-01-22T10:00:00.000Z")
    ('2007-04-02', '2024-01-22')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from kg.errors import RecordError
from kg.ingest.clean import clean_name, clean_pair, clean_text
from kg.ingest.identity import id_from_normalised, normalise_arxiv_id, normalise_doi
from kg.ingest.links import find_urls, is_code_url
from kg.model import Paper, Source

__all__ = ["ReadOptions", "Reader", "Item", "make_paper", "iso_date", "MONTHS"]


@dataclass(frozen=True)
class ReadOptions:
    """Options some readers use: the capture year of HF pages and a CSV column mapping."""

    year: int | None = None
    columns: dict[str, str] | None = None


Item = Paper | RecordError
Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Item]]

#: Month names and abbreviations (lower case) to month numbers.
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RFC = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})")


def iso_date(value: object) -> str | None:
    """An ISO date for ``value``: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the source
    gives no finer precision (ISO 8601 reduced precision); ``None`` if not a date.

    >>> iso_date(2019), iso_date("2019-6"), iso_date("soon")
    ('2019', '2019-06', None)
    """
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
        try:
            if day:
                datetime(int(year), int(month), int(day))  # validates
                return f"{year}-{int(month):02d}-{int(day):02d}"
            if month:
                return f"{int(year):04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
        except ValueError:
            return None
        return year
    match = _RFC.search(text)
    if match:
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.lower())
        if month:
            try:
                datetime(int(year), month, int(day))  # validates
                return f"{year}-{month:02d}-{int(day):02d}"
            except ValueError:
                return None
    return None


def make_paper(
    *,
    fmt: str,
    file: str,
    position: int,
    line: int | None = None,
    title: str | None,
    abstract: str | None,
    arxiv_id: str | None = None,
    doi: str | None = None,
    input_id: str | None = None,
    id_verbatim: bool = False,
    authors: Iterable[str] = (),
    author_count: int | None = None,
    organisation: str | None = None,
    date: str | None = None,
    date_year_inferred: bool = False,
    upvotes: int | None = None,
    urls: Iterable[str] = (),
    project_url: str | None = None,
    categories: Iterable[str] = (),
    venue: str | None = None,
) -> Item:
    """A cleaned, identified ``Paper`` from raw fields, or the ``RecordError`` saying why not.

    Title, abstract and author names go through :func:`kg.ingest.clean.clean_text`; URLs in the
    abstract join ``urls``; the first code-host link is ``code_url``, the first other one
    ``project_url`` (unless given). With ``id_verbatim`` a non-empty ``input_id`` is the
    ``Paper.id`` as it is (generic JSON Lines and CSV: ``kg extract`` keeps the ids it was given).
    """
    clean_title = clean_text(title)
    clean_abstract, raw_abstract = clean_pair(abstract)
    if not clean_title and not clean_abstract:
        return RecordError(file, "record has neither a title nor an abstract", line=line)
    norm_arxiv = normalise_arxiv_id(arxiv_id)
    norm_doi = normalise_doi(doi)
    input_id = str(input_id).strip() if input_id is not None else None
    if id_verbatim and input_id:
        pid: str | None = input_id
    else:
        pid = id_from_normalised(norm_arxiv, norm_doi, input_id, clean_title)
    if pid is None:
        return RecordError(file, "record has no identifier and an empty title", line=line)
    if norm_arxiv is None and pid.startswith("arxiv:") and not id_verbatim:
        norm_arxiv = pid[len("arxiv:") :]
    found = find_urls(clean_abstract)
    code_url = None
    if found:
        all_urls = list(dict.fromkeys([u for u in (*urls, *found) if u]))
        code_url = next((u for u in found if is_code_url(u)), None)
        if project_url is None:
            project_url = next((u for u in found if not is_code_url(u)), None)
    else:  # the common case: only the reader's own links (often one)
        all_urls = [u for u in urls if u]
        if len(all_urls) > 1:
            all_urls = list(dict.fromkeys(all_urls))
    if code_url is None:
        for url in all_urls:
            if is_code_url(url):
                code_url = url
                break
    names = [n for a in authors if isinstance(a, str) and (n := clean_name(a))]
    return Paper(
        id=pid,
        title=clean_title,
        abstract=clean_abstract,
        abstract_raw=raw_abstract,
        authors=names,
        author_count=author_count if author_count is not None else (len(names) or None),
        organisation=clean_name(organisation) if isinstance(organisation, str) else None,
        date=date,
        date_year_inferred=date_year_inferred,
        upvotes=upvotes,
        urls=all_urls,
        code_url=code_url,
        project_url=project_url,
        arxiv_id=norm_arxiv,
        doi=norm_doi,
        categories=[c for c in dict.fromkeys(map(str.strip, categories)) if c],
        venue=clean_name(venue) if isinstance(venue, str) else None,
        sources=[Source(file=file, format=fmt, position=position, line=line)],
    )
