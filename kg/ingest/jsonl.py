"""Reader for generic JSON Lines paper records (``jsonl``).

One object per line with ``id``, ``title`` (may be empty), ``abstract`` and optionally
``authors`` (a list of names, or one string), ``date`` and ``url``. The input's ``id`` is kept
verbatim as ``Paper.id`` (``kg extract`` output must carry the ids it was given); a record
without an ``id`` gets the usual identity (arXiv id or DOI from ``url``/``doi``, else the title
hash). A JSON array of such objects reads the same.

Examples:
    >>> import io
    >>> rows = b'{"id": "P1", "title": "", "abstract": "We study X.", "url": "https://arxiv.org/abs/2106.09685v2"}\\n'
    >>> p, = read_jsonl(io.BytesIO(rows), "a.jsonl", ReadOptions())
    >>> p.id, p.title, p.arxiv_id, p.urls, p.sources[0].line
    ('P1', '', '2106.09685', ['https://arxiv.org/abs/2106.09685v2'], 1)
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kg.ingest.identity import normalise_arxiv_id
from kg.ingest.json_records import iter_objects, names_of, text_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_jsonl"]


def read_jsonl(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of a generic JSON Lines file, in file order."""
    for position, (line, obj) in enumerate(iter_objects(fh, name), start=1):
        if not isinstance(obj, dict):
            yield obj
            continue
        url = text_of(obj, "url", "link")
        arxiv = text_of(obj, "arxiv_id", "arxiv")
        if arxiv is None and url and "arxiv.org" in url:
            arxiv = normalise_arxiv_id(url)
        yield make_paper(
            fmt="jsonl",
            file=name,
            position=position,
            line=line,
            input_id=text_of(obj, "id"),
            id_verbatim=True,
            title=text_of(obj, "title"),
            abstract=text_of(obj, "abstract", "summary"),
            authors=names_of(obj.get("authors")),
            date=iso_date(text_of(obj, "date")),
            urls=[url] if url else [],
            arxiv_id=arxiv,
            doi=text_of(obj, "doi"),
            venue=text_of(obj, "venue"),
        )
