"""Ingest: paper listings of every common kind -> one :class:`kg.model.Paper` per paper.

One reader module per format (:data:`FORMATS`), all yielding ``Paper`` records built the same
way (:mod:`kg.ingest.reader`): text clean-up (:mod:`~kg.ingest.clean`), links
(:mod:`~kg.ingest.links`), identity (:mod:`~kg.ingest.identity`) and provenance (a
:class:`kg.model.Source` with file, format, position and line). :func:`iter_records` streams
records unmerged in constant memory; :func:`read_papers` merges duplicates
(:mod:`~kg.ingest.merge`) and returns papers in first-seen order.

Inputs are files, directories (walked recursively in sorted order), ``-`` for standard input,
and gzip-compressed files of any of these formats (:mod:`~kg.ingest.inputs`). The format is
detected per file (:mod:`~kg.ingest.detect`) unless ``format`` is given.

Bad input: a malformed record is skipped and listed in the :class:`IngestReport` with its file,
line or record index and reason (``on_error="skip"``), or raised as
:class:`kg.errors.RecordError` (``on_error="fail"``). A file that cannot be read at all
(missing, empty, not UTF-8, unknown format, truncated gzip or XML) is always an
:class:`kg.errors.InputError`/:class:`kg.errors.FormatError` naming it.

Examples:
    >>> report = IngestReport()
    >>> papers = read_papers(default_corpus(), report=report)
    >>> len(papers), report.records_read, report.merged, len(report.skipped)
    (288, 308, 20, 0)
    >>> papers[0].sources[0].file, papers[0].sources[0].line
    ('kg/data/corpus/001_f84774fba33c4d27.txt', 13)
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.errors import FormatError, InputError, RecordError
from kg.ingest.detect import detect_format
from kg.ingest.inputs import expand_inputs, open_input
from kg.ingest.merge import Merger
from kg.ingest.reader import Reader, ReadOptions
from kg.ingest.report import IngestReport, Skip
from kg.ingest.tabular import parse_columns
from kg.model import Paper

__all__ = [
    "FORMATS",
    "default_corpus",
    "detect_format",
    "iter_records",
    "read_papers",
    "parse_columns",
    "Skip",
    "IngestReport",
]

#: Format names accepted by ``format=`` (``--format``), each with its reader function.
_READERS: dict[str, str] = {
    "hf-daily": "kg.ingest.hf_daily:read_hf_daily",
    "hf-api": "kg.ingest.hf_api:read_hf_api",
    "arxiv-atom": "kg.ingest.arxiv_atom:read_arxiv_atom",
    "arxiv-jsonl": "kg.ingest.arxiv_jsonl:read_arxiv_jsonl",
    "openalex": "kg.ingest.openalex:read_openalex",
    "s2": "kg.ingest.s2:read_s2",
    "bibtex": "kg.ingest.bibtex:read_bibtex",
    "csv": "kg.ingest.tabular:read_csv",
    "tsv": "kg.ingest.tabular:read_tsv",
    "jsonl": "kg.ingest.jsonl:read_jsonl",
}
FORMATS: tuple[str, ...] = tuple(_READERS)

_CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"


def default_corpus() -> list[Path]:
    """The bundled Hugging Face Daily Papers page captures, sorted by name.

    >>> [p.name[:3] for p in default_corpus()]
    ['001', '002', '003', '004']
    """
    return sorted(_CORPUS_DIR.glob("*.txt"))


def _reader(fmt: str) -> Reader:
    module, _, func = _READERS[fmt].partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def iter_records(
    inputs: Sequence[str | Path],
    *,
    format: str | None = None,
    year: int | None = None,
    columns: dict[str, str] | None = None,
    on_error: str = "skip",
    report: IngestReport | None = None,
) -> Iterator[Paper]:
    """Stream the papers of ``inputs`` record by record, unmerged, in input order.

    ``year`` is the capture year for year-less dates on Daily Papers pages; ``columns`` maps
    fields to CSV/TSV columns (see :func:`parse_columns`). ``report`` (if given) is updated as
    records are read: files, records read, records yielded (``papers``) and skips.

    Examples:
        >>> import io, sys, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.jsonl").write_text('{"id": "p1", "title": "T", "abstract": "A."}\\nnot json\\n')
        >>> r = IngestReport()
        >>> [p.id for p in iter_records([d], report=r)], r.skipped[0].where()  # doctest: +ELLIPSIS
        (['p1'], '...a.jsonl:2')
    """  # noqa: E501
    if on_error not in ("skip", "fail"):
        raise InputError(None, f"on_error must be 'skip' or 'fail', not {on_error!r}")
    if format is not None and format not in _READERS:
        raise FormatError(None, f"unknown format {format!r} (formats: {', '.join(FORMATS)})")
    if report is None:
        report = IngestReport()
    options = ReadOptions(year=year, columns=columns)
    for name, path, skip_reason in expand_inputs(inputs):
        if skip_reason:
            report.skipped.append(Skip(name, None, None, skip_reason))
            continue
        fh, head = open_input(path, name)
        try:
            fmt = format or detect_format(path if path is not None else Path(name), head)
            report.files.append(name)
            report.formats[fmt] = report.formats.get(fmt, 0) + 1
            position = 0
            for item in _reader(fmt)(fh, name, options):
                position += 1
                report.records_read += 1
                if isinstance(item, RecordError):
                    if on_error == "fail":
                        raise item
                    report.skipped.append(Skip(name, item.line, position, item.reason))
                    continue
                if item.date_year_inferred:
                    report.inferred_years += 1
                report.papers += 1
                yield item
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(name, f"cannot read (truncated or corrupt?): {exc}") from None
        finally:
            fh.close()


def read_papers(
    inputs: Sequence[str | Path],
    *,
    format: str | None = None,
    year: int | None = None,
    columns: dict[str, str] | None = None,
    on_error: str = "skip",
    report: IngestReport | None = None,
) -> list[Paper]:
    """The papers of ``inputs``, duplicates merged (:mod:`kg.ingest.merge`), first-seen order.

    Same arguments as :func:`iter_records`; ``report.papers`` is the number of merged papers
    and ``report.merged`` the number of records folded into a paper read before.
    """
    if report is None:
        report = IngestReport()
    merger = Merger()
    merged = 0
    for paper in iter_records(
        inputs, format=format, year=year, columns=columns, on_error=on_error, report=report
    ):
        if not merger.add(paper):
            merged += 1
    report.papers = len(merger.papers)
    report.merged = merged
    return merger.papers
