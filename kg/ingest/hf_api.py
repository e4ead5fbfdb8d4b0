"""Reader for the Hugging Face papers API JSON (``hf-api``).

``https://huggingface.co/api/daily_papers`` answers a list of entries, each with a ``paper``
object (``id`` = arXiv id, ``title``, ``summary``, ``authors`` [{``name``}], ``publishedAt``,
``upvotes``, optionally ``githubRepo``, ``projectPage``, ``organization``) beside the entry's own
``title``, ``publishedAt``, ``numComments`` and ``submittedBy``. ``/api/papers/<id>`` answers a
bare ``paper`` object; both read the same, as a JSON document or one object per line.

Examples:
    >>> import io, json
    >>> entry = {"paper": {"id": "2401.00001", "title": "T", "summary": "S.", "upvotes": 7,
    ...          "authors": [{"name": "Ann Lee"}], "publishedAt": "2024-01-02T09:00:00.000Z",
    ...          "githubRepo": "https://github.com/o/r"}, "numComments": 2}
    >>> p, = read_hf_api(io.BytesIO(json.dumps([entry]).encode()), "d.json", ReadOptions())
    >>> p.id, p.date, p.upvotes, p.authors, p.code_url
    ('arxiv:2401.00001', '2024-01-02', 7, ['Ann Lee'], 'https://github.com/o/r')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import RecordError
from kg.ingest.json_records import iter_objects, names_of, text_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_hf_api"]


def read_hf_api(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of a Hugging Face papers API answer, in order."""
    for position, (line, obj) in enumerate(iter_objects(fh, name), start=1):
        if not isinstance(obj, dict):
            yield obj
            continue
        paper = obj.get("paper", obj)
        if not isinstance(paper, dict):
            yield RecordError(name, "entry's 'paper' is not an object", line=line)
            continue
        org = paper.get("organization") or obj.get("organization")
        upvotes = paper.get("upvotes")
        urls = [u for u in (text_of(paper, "githubRepo"), text_of(paper, "projectPage")) if u]
        yield make_paper(
            fmt="hf-api",
            file=name,
            position=position,
            line=line,
            arxiv_id=text_of(paper, "id"),
            title=text_of(paper, "title") or text_of(obj, "title"),
            abstract=text_of(paper, "summary") or text_of(obj, "summary"),
            authors=names_of(paper.get("authors")),
            date=iso_date(text_of(paper, "publishedAt") or text_of(obj, "publishedAt")),
            upvotes=upvotes if isinstance(upvotes, int) and not isinstance(upvotes, bool) else None,
            organisation=text_of(org, "fullname", "name") if isinstance(org, dict) else None,
            urls=urls,
            project_url=text_of(paper, "projectPage"),
        )
