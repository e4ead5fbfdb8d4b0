"""Reader for CSV and TSV with a header row (``csv``, ``tsv``).

Columns are matched to paper fields by their header names, case and punctuation ignored
(:data:`COMMON_NAMES`: ``Title``/``paper_title``, ``Abstract``/``Summary``, ``Authors``, ``Date``/
``Year``, ``URL``, ``DOI``, ``arXiv``...); ``columns`` (``kg build --columns
title=Title,abstract=Summary``, see :func:`parse_columns`) maps fields to columns explicitly and
wins. An ``id`` column is kept verbatim as ``Paper.id``, as for generic JSON Lines. Authors in one
cell are split on ``;`` (else `` and ``, else ``,``).

A header with neither a title nor an abstract column, or a mapped column missing from the
header, is an :class:`kg.errors.InputError`; a row with a different number of cells than the
header is a malformed record at its line. Quoted cells may span lines.

Examples:
    >>> import io
    >>> data = b'Paper Title,Summary,Year\\r\\n"A, B",Text.,2021\\r\\nonly one cell\\r\\n'
    >>> good, bad = read_csv(io.BytesIO(data), "t.csv", ReadOptions())
    >>> good.title, good.abstract, good.date, good.sources[0].line
    ('A, B', 'Text.', '2021', 2)
    >>> bad.line, bad.reason
    (3, 'row has 1 cells, the header has 3')
    >>> parse_columns("title=Title, abstract=Summary")
    {'title': 'Title', 'abstract': 'Summary'}
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import InputError, RecordError
from kg.ingest.identity import normalise_arxiv_id
from kg.ingest.json_records import names_of
from kg.ingest.reader import Item, ReadOptions, iso_date, make_paper

__all__ = ["read_csv", "read_tsv", "parse_columns", "COMMON_NAMES", "FIELDS"]

#: Header names (lower case, letters and digits only) recognised for each field.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "paperid", "identifier", "key", "uid"),
    "title": ("title", "papertitle", "name"),
    "abstract": ("abstract", "summary", "description", "abstracttext", "text"),
    "authors": ("authors", "author", "authornames", "creators"),
    "date": ("date", "published", "publicationdate", "publisheddate", "pubdate", "year"),
    "url": ("url", "link", "pdf", "pdfurl", "landingpage", "paperurl"),
    "doi": ("doi",),
    "arxiv_id": ("arxiv", "arxivid", "eprint"),
    "venue": ("venue", "journal", "booktitle", "conference"),
    "categories": ("categories", "category", "keywords", "tags"),
}
#: The fields a column can be mapped to.
FIELDS: tuple[str, ...] = tuple(COMMON_NAMES)
_FOLD = re.compile(r"[^0-9a-z]+")


def parse_columns(spec: str) -> dict[str, str]:
    """``"field=Column,..."`` as a mapping; unknown fields are an ``InputError``."""
    out: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise InputError(None, f"--columns: {part.strip()!r} is not field=Column")
        if field not in COMMON_NAMES:
            raise InputError(
                None, f"--columns: unknown field {field!r} (fields: {', '.join(FIELDS)})"
            )
        out[field] = column
    return out


def _mapping(header: list[str], columns: dict[str, str] | None, name: str) -> dict[str, int]:
    folded = [_FOLD.sub("", h.lower()) for h in header]
    index: dict[str, int] = {}
    for field, names in COMMON_NAMES.items():
        for candidate in names:
            if candidate in folded:
                index[field] = folded.index(candidate)
                break
    for field, column in (columns or {}).items():
        if column in header:
            index[field] = header.index(column)
        elif _FOLD.sub("", column.lower()) in folded:
            index[field] = folded.index(_FOLD.sub("", column.lower()))
        else:
            raise InputError(name, f"column {column!r} (for {field}) is not in the header", line=1)
    if "title" not in index and "abstract" not in index:
        raise InputError(
            name, "the header has no title or abstract column; map one with --columns", line=1
        )
    return index


def _read(
    fh: BinaryIO, name: str, options: ReadOptions, fmt: str, delimiter: str
) -> Iterator[Item]:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")  # type: ignore[arg-type]
    reader = csv.reader(text, delimiter=delimiter)
    end_line = 0
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(name, "empty file")
        index = _mapping([h.strip() for h in header], options.columns, name)
        position = 0
        end_line = reader.line_num
        for row in reader:
            start, end_line = end_line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            position += 1
            if len(row) != len(header):
                yield RecordError(
                    name, f"row has {len(row)} cells, the header has {len(header)}", line=start
                )
                continue
            cell = {f: row[i].strip() for f, i in index.items()}
            url = cell.get("url") or None
            arxiv = cell.get("arxiv_id") or (
                normalise_arxiv_id(url) if url and "arxiv.org" in url else None
            )
            yield make_paper(
                fmt=fmt,
                file=name,
                position=position,
                line=start,
                input_id=cell.get("id") or None,
                id_verbatim=True,
                title=cell.get("title"),
                abstract=cell.get("abstract"),
                authors=names_of(cell.get("authors", "")),
                date=iso_date(cell.get("date") or None),
                urls=[url] if url else [],
                arxiv_id=arxiv,
                doi=cell.get("doi") or None,
                venue=cell.get("venue") or None,
                categories=re.split(r"[;,|]", cell.get("categories", "")),
            )
    except UnicodeDecodeError:
        raise InputError(
            name, "not UTF-8 text; convert the file to UTF-8", line=end_line + 1
        ) from None
    except csv.Error as exc:
        raise InputError(name, f"not valid {fmt.upper()}: {exc}", line=reader.line_num) from None
    finally:
        text.detach()


def read_csv(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of a comma-separated file with a header row."""
    return _read(fh, name, options, "csv", ",")


def read_tsv(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of a tab-separated file with a header row."""
    return _read(fh, name, options, "tsv", "\t")
