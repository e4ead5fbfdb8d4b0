"""Reader for arXiv API answers, Atom XML (``arxiv-atom``).

``http://export.arxiv.org/api/query`` answers an Atom ``feed`` of ``entry`` elements: ``id``
(``http://arxiv.org/abs/<id>v<n>``), ``published``, ``updated``, ``title``, ``summary``,
``author/name``, ``link`` (abstract page, PDF, DOI), ``category/@term`` with
``arxiv:primary_category`` first, and optionally ``arxiv:doi``, ``arxiv:journal_ref`` and
``arxiv:comment``. The feed is parsed incrementally (``iterparse``) and each entry freed once
read. The API's error answer (an entry whose id is ``.../api/errors#...``) and an entry
without an id or title are malformed records (skipped with their index); XML that is not well
formed (a truncated download) is an :class:`kg.errors.InputError` at its line.

Examples:
    >>> import io
    >>> feed = b'''<feed xmlns="http://www.w3.org/2005/Atom"
    ...   xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>
    ...   <id>http://arxiv.org/abs/2106.09685v2</id><published>2021-06-17T17:37:18Z</published>
    ...   <title>LoRA: Low-Rank
    ...     Adaptation</title><summary> We propose LoRA. </summary>
    ...   <author><name>Edward J. Hu</name></author><arxiv:doi>10.48550/x</arxiv:doi>
    ...   <arxiv:primary_category term="cs.CL"/><category term="cs.CL"/><category term="cs.LG"/>
    ... </entry></feed>'''
    >>> p, = read_arxiv_atom(io.BytesIO(feed), "q.xml", ReadOptions())
    >>> p.id, p.title, p.date, p.authors, p.categories
    ('arxiv:2106.09685', 'LoRA: Low-Rank Adaptation', '2021-06-17', ['Edward J. Hu'], ['cs.CL', 'cs.LG'])
"""  # noqa: E501

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError, RecordError
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_arxiv_atom", "ATOM", "ARXIV"]

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def _text(entry: ET.Element, tag: str) -> str | None:
    el = entry.find(tag)
    return el.text if el is not None and el.text and el.text.strip() else None


def _paper(entry: ET.Element, name: str, position: int) -> Item:
    entry_id = _text(entry, ATOM + "id")
    if entry_id and "/api/errors" in entry_id:
        message = _text(entry, ATOM + "summary") or "error"
        return RecordError(name, f"arXiv API error entry: {message.strip()}")
    if not entry_id:
        return RecordError(name, f"entry {position} has no <id>")
    if not _text(entry, ATOM + "title"):
        return RecordError(name, f"entry {position} has no <title>")
    primary = entry.find(ARXIV + "primary_category")
    categories = [primary.get("term", "")] if primary is not None else []
    categories += [c.get("term", "") for c in entry.findall(ATOM + "category")]
    links = [link.get("href", "") for link in entry.findall(ATOM + "link")]
    return make_paper(
        fmt="arxiv-atom",
        file=name,
        position=position,
        arxiv_id=entry_id,
        doi=_text(entry, ARXIV + "doi"),
        title=_text(entry, ATOM + "title"),
        abstract=_text(entry, ATOM + "summary"),
        authors=[n.text or "" for n in entry.findall(f"{ATOM}author/{ATOM}name")],
        date=iso_date(_text(entry, ATOM + "published") or _text(entry, ATOM + "updated")),
        categories=categories,
        venue=_text(entry, ARXIV + "journal_ref"),
        urls=[u for u in links if u],
    )


def read_arxiv_atom(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of an arXiv Atom feed, in feed order."""
    position = 0
    root: ET.Element | None = None
    try:
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            if root is None and event == "start":
                root = elem
                if elem.tag != ATOM + "feed":
                    raise InputError(name, f"XML root is <{elem.tag}>, not an Atom <feed>")
            if event == "end" and elem.tag == ATOM + "entry":
                position += 1
                yield _paper(elem, name, position)
                elem.clear()
                if root is not None:
                    root.remove(elem)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(name, f"not well-formed XML: {exc}", line=line) from None
