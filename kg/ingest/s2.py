"""Reader for Semantic Scholar Graph API paper JSON (``s2``).

A paper has ``paperId``, ``externalIds`` (``ArXiv``, ``DOI``, ``CorpusId`` ...), ``title``,
``abstract``, ``authors`` ([{``authorId``, ``name``}]), ``year``, ``publicationDate``,
``venue``, ``url`` and ``fieldsOfStudy`` (the categories). A search answer
(``{"total", "offset", "data": [...]}``) reads as its data; a batch answer is a list in which a
paper not found is ``null`` (a malformed record, skipped and counted).

Examples:
    >>> import io, json
    >>> rec = {"paperId": "abc", "externalIds": {"ArXiv": "1706.03762", "DOI": "10.5555/X"},
    ...        "title": "Attention Is All You Need", "abstract": None, "year": 2017,
    ...        "publicationDate": "2017-06-12", "venue": "NeurIPS",
    ...        "authors": [{"authorId": "1", "name": "Ashish Vaswani"}],
    ...        "fieldsOfStudy": ["Computer Science"]}
    >>> p, n = read_s2(io.BytesIO(json.dumps([rec, None]).encode()), "s.json", ReadOptions())
    >>> p.id, p.doi, p.date, p.categories, n.reason
    ('arxiv:1706.03762', '10.5555/x', '2017-06-12', ['Computer Science'], 'record is not a JSON object (null)')
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kg.ingest.json_records import iter_objects, names_of, text_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_s2"]


def read_s2(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of Semantic Scholar Graph API answers, in order."""
    for position, (line, obj) in enumerate(iter_objects(fh, name), start=1):
        if not isinstance(obj, dict):
            yield obj
            continue
        ext = obj.get("externalIds")
        ext = ext if isinstance(ext, dict) else {}
        fields = obj.get("fieldsOfStudy")
        url = text_of(obj, "url")
        yield make_paper(
            fmt="s2",
            file=name,
            position=position,
            line=line,
            arxiv_id=text_of(ext, "ArXiv"),
            doi=text_of(ext, "DOI"),
            title=text_of(obj, "title"),
            abstract=text_of(obj, "abstract"),
            authors=names_of(obj.get("authors")),
            date=iso_date(text_of(obj, "publicationDate", "year")),
            venue=text_of(obj, "venue"),
            categories=[f for f in fields if isinstance(f, str)]
            if isinstance(fields, list)
            else [],
            urls=[url] if url else [],
        )
