"""Reader for BibTeX (``bibtex``), parsed with bibtexparser v2 rather than regular expressions.

Every entry with a ``title`` or an ``abstract`` is a paper: ``author`` (split on ``and``,
``Last, First`` turned into ``First Last``), ``year``/``month`` (an ISO date of the precision
given), ``doi``, ``eprint`` with ``archivePrefix = arXiv`` (or an arXiv ``url``) as the arXiv id,
``journal``/``booktitle`` as the venue, ``keywords`` as categories. ``@string`` macros are
resolved; LaTeX accents and braces are decoded by :mod:`kg.ingest.clean`. A block bibtexparser
cannot parse, or a duplicate citation key, is a malformed record at its line.

Examples:
    >>> import io
    >>> bib = b'''@inproceedings{devlin2019,
    ...   title = {{BERT}: Pre-training of Deep Bidirectional Transformers},
    ...   author = {Devlin, Jacob and M{\\\\"u}ller, Ming},
    ...   abstract = {We introduce {BERT}.}, year = 2019, month = jun,
    ...   eprint = {1810.04805}, archivePrefix = {arXiv}
    ... }'''
    >>> p, = read_bibtex(io.BytesIO(bib), "refs.bib", ReadOptions())
    >>> p.id, p.title, p.authors, p.date, p.sources[0].line
    ('arxiv:1810.04805', 'BERT: Pre-training of Deep Bidirectional Transformers', ['Jacob Devlin', 'Ming Müller'], '2019-06', 1)
"""  # noqa: E501

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.errors import RecordError
from kg.ingest.inputs import read_all_text
from kg.ingest.reader import MONTHS, Item, ReadOptions, iso_date, make_paper

__all__ = ["read_bibtex"]


def _library(text: str) -> Any:
    import bibtexparser
    from bibtexparser import middlewares as mw

    # bibtexparser logs each failed block itself; we report them as skipped records instead.
    log = logging.getLogger("bibtexparser")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(
            text,
            append_middleware=[
                mw.NormalizeFieldKeys(),
                mw.SeparateCoAuthors(),
                mw.SplitNameParts(),
                mw.MergeNameParts(style="first"),
            ],
        )
    finally:
        log.setLevel(level)


def _date(fields: dict[str, Any]) -> str | None:
    year = str(fields.get("year", "")).strip()
    if not year[:4].isdigit():
        return None
    month_raw = str(fields.get("month", "")).strip().lower().rstrip(".")
    month = MONTHS.get(month_raw[:3]) if month_raw[:3].isalpha() else None
    if month is None and month_raw.isdigit() and 1 <= int(month_raw) <= 12:
        month = int(month_raw)
    return iso_date(f"{year[:4]}-{month}" if month else year[:4])


def _arxiv(fields: dict[str, Any]) -> str | None:
    prefix = str(fields.get("archiveprefix", fields.get("eprinttype", ""))).lower()
    if "eprint" in fields and prefix == "arxiv":
        return str(fields["eprint"])
    for key in ("url", "journal"):
        value = str(fields.get(key, ""))
        if "arxiv" in value.lower():
            return value
    return None


def read_bibtex(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of a BibTeX file, in file order."""
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

    library = _library(read_all_text(fh, name))
    position = 0
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            position += 1
            yield RecordError(name, f"duplicate citation key {block.key!r}", line=line)
            continue
        if isinstance(block, ParsingFailedBlock):
            position += 1
            first = str(block.raw).strip().splitlines()[0][:60] if block.raw else ""
            yield RecordError(name, f"unparsable BibTeX block {first!r}", line=line)
            continue
        if not isinstance(block, Entry):
            continue  # @string, @preamble, @comment and text between entries
        position += 1
        fields = {k: f.value for k, f in block.fields_dict.items()}
        authors = fields.get("author", [])
        url = fields.get("url")
        keywords = str(fields.get("keywords", ""))
        yield make_paper(
            fmt="bibtex",
            file=name,
            position=position,
            line=line,
            arxiv_id=_arxiv(fields),
            doi=fields.get("doi"),
            title=fields.get("title"),
            abstract=fields.get("abstract"),
            authors=authors if isinstance(authors, list) else [str(authors)],
            date=_date(fields),
            venue=fields.get("journal") or fields.get("booktitle"),
            categories=[k.strip() for k in keywords.replace(";", ",").split(",")],
            urls=[url] if isinstance(url, str) and url.strip() else [],
        )
