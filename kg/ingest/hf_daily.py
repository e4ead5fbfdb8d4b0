"""Reader for the text of a Hugging Face Daily Papers page (``hf-daily``).

A page is a header (``new``, ``Get trending papers in your email inbox!``, ``Subscribe``,
optionally ``Daily Papers``, ``byAK and the research community`` and the page's own date such as
``Nov 11``), then one entry per paper, blocks separated by blank lines: the title line, the
abstract paragraph and, on pages that show it, a metadata block of three lines:

* ``• 6 authors`` (author count) or an organisation (``naver-ai NAVER AI Lab``: the Hub slug,
  then the name, which becomes ``Paper.organisation``);
* ``·``;
* the publication date, ``Dec 27, 2023`` or ``Jun 10`` (year left out), optionally followed by
  the upvote count (``Aug 22, 2024 2``). A metadata block without a count means 0 upvotes; an
  entry without a metadata block has ``upvotes = None``.

**Year of year-less dates.** The page leaves out the year for dates in the year it was captured.
That year is the ``year`` option (``kg build --year``) when given; otherwise it is inferred as
*one more than the latest year written out on the same page* (the page shows the year for every
date not in its own year, so the capture cannot be earlier). A year-less date later in the year
than the page's own date (``Dec 30`` on a page dated ``Jan 2``) belongs to the year before. Such
records have ``date_year_inferred = True`` (also when the year came from ``--year``: it was
still not in the source). A page with year-less dates, no written-out year and no ``year``
option leaves those dates empty.

Each entry's ``Source`` has the entry's 1-based position on the page and the line of its title.
A title block without an abstract, or a paragraph where a title should be, is a malformed
record (skipped with its line and counted).

Examples:
    >>> import io
    >>> page = ("new\\n\\nSubscribe\\n\\nNov 11\\n\\nA Title\\n\\nAn abstract. Code: "
    ...         "github.com/o/r\\n\\n  • 3 authors\\n·\\nJun 10 4\\n\\nOld\\n\\nText.\\n\\n"
    ...         "naver-ai NAVER AI Lab\\n·\\nDec 27, 2023\\n")
    >>> a, b = read_hf_daily(io.BytesIO(page.encode()), "p.txt", ReadOptions())
    >>> a.date, a.date_year_inferred, a.upvotes, a.author_count, a.code_url
    ('2024-06-10', True, 4, 3, 'https://github.com/o/r')
    >>> b.organisation, b.date, b.upvotes, b.sources[0].line
    ('NAVER AI Lab', '2023-12-27', 0, 15)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from typing import BinaryIO

from kg.errors import RecordError
from kg.ingest.inputs import read_all_text
from kg.ingest.reader import MONTHS, Item, ReadOptions, make_paper

__all__ = ["read_hf_daily", "looks_like_hf_daily", "HEADER_LINES"]

#: Header lines of a page capture (before the page date and the first entry).
HEADER_LINES = (
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
)
_PAGE_DATE = re.compile(r"^([A-Z][a-z]{2}) (\d{1,2})$")
_META_DATE = re.compile(r"^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$")
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")
_MAX_TITLE = 400


@dataclass
class _Block:
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.strip() for s in self.lines)

    @property
    def is_meta(self) -> bool:
        return len(self.lines) > 1 and any(s.strip() == "·" for s in self.lines)


@dataclass
class _Entry:
    line: int
    title: str
    abstract: str
    meta: _Block | None


def looks_like_hf_daily(head: str) -> bool:
    """Whether text starts like a Daily Papers page capture.

    >>> looks_like_hf_daily("new\\n\\nGet trending papers in your email inbox!\\n")
    True
    """
    first = [s.strip() for s in head.splitlines()[:12] if s.strip()]
    return sum(s in HEADER_LINES for s in first) >= 2


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if current is None:
                current = _Block(number)
                blocks.append(current)
            current.lines.append(line)
        else:
            current = None
    return blocks


def _split(
    blocks: list[_Block], name: str
) -> tuple[tuple[int, int] | None, list[_Entry | RecordError]]:
    page_date: tuple[int, int] | None = None
    i = 0
    while i < len(blocks) and (blocks[i].text in HEADER_LINES or _PAGE_DATE.match(blocks[i].text)):
        match = _PAGE_DATE.match(blocks[i].text)
        if match and match.group(1).lower() in MONTHS:
            page_date = (MONTHS[match.group(1).lower()], int(match.group(2)))
        i += 1
    items: list[_Entry | RecordError] = []
    while i < len(blocks):
        title = blocks[i]
        if title.is_meta:
            items.append(
                RecordError(name, "metadata block without a title and abstract", line=title.line)
            )
            i += 1
            continue
        if len(title.text) > _MAX_TITLE or len(title.lines) > 1:
            items.append(
                RecordError(name, "expected a title line, found a paragraph", line=title.line)
            )
            i += 1
            continue
        if i + 1 >= len(blocks) or blocks[i + 1].is_meta:
            items.append(
                RecordError(name, f"entry {title.text[:60]!r} has no abstract", line=title.line)
            )
            i += 2 if i + 1 < len(blocks) else 1
            continue
        abstract = blocks[i + 1]
        meta = blocks[i + 2] if i + 2 < len(blocks) and blocks[i + 2].is_meta else None
        items.append(_Entry(title.line, title.text, "\n".join(abstract.lines), meta))
        i += 3 if meta else 2
    return page_date, items


def _meta_fields(meta: _Block) -> dict[str, object]:
    lines = [s.strip() for s in meta.lines]
    dot = lines.index("·")
    who = " ".join(lines[:dot])
    when = " ".join(lines[dot + 1 :])
    out: dict[str, object] = {}
    match = _AUTHORS.match(who)
    if match:
        out["author_count"] = int(match.group(1))
    elif who:
        slug, _, rest = who.partition(" ")
        out["organisation"] = rest if rest and slug == slug.lower() and " " not in slug else who
    match = _META_DATE.match(when)
    if match and match.group(1).lower() in MONTHS:
        out["month"] = MONTHS[match.group(1).lower()]
        out["day"] = int(match.group(2))
        out["year"] = int(match.group(3)) if match.group(3) else None
        out["upvotes"] = int(match.group(4)) if match.group(4) else 0
    return out


def read_hf_daily(fh: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Papers of one page capture, in page order (see the module docstring)."""
    page_date, items = _split(_blocks(read_all_text(fh, name)), name)
    metas = [_meta_fields(e.meta) if isinstance(e, _Entry) and e.meta else {} for e in items]
    years = [m["year"] for m in metas if m.get("year")]
    page_year = options.year or (max(years) + 1 if years else None)  # type: ignore[type-var,operator]
    for position, (item, meta) in enumerate(zip(items, metas, strict=True), start=1):
        if isinstance(item, RecordError):
            yield item
            continue
        iso: str | None = None
        inferred = False
        if "month" in meta:
            year = meta["year"]
            if year is None and page_year is not None:
                year, inferred = page_year, True
                if page_date and (meta["month"], meta["day"]) > page_date:
                    year = page_year - 1
            if year is not None:
                try:
                    iso = Date(year, meta["month"], meta["day"]).isoformat()  # type: ignore[arg-type]
                except ValueError:
                    yield RecordError(
                        name, f"impossible date {meta['month']}/{meta['day']}", line=item.line
                    )
                    continue
        elif item.meta is not None:
            yield RecordError(name, "metadata block without a date line", line=item.meta.line)
            continue
        yield make_paper(
            fmt="hf-daily",
            file=name,
            position=position,
            line=item.line,
            title=item.title,
            abstract=item.abstract,
            author_count=meta.get("author_count"),  # type: ignore[arg-type]
            organisation=meta.get("organisation"),  # type: ignore[arg-type]
            date=iso,
            date_year_inferred=inferred and iso is not None,
            upvotes=meta.get("upvotes"),  # type: ignore[arg-type]
        )
