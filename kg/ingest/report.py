"""What an ingest run read, merged and skipped: :class:`IngestReport` and :class:`Skip`.

Nothing is dropped without being counted: every malformed record (``on_error="skip"``) and every
file of a directory that is not a paper listing becomes a :class:`Skip` with its place and reason.

Examples:
    >>> r = IngestReport(files=["a.jsonl"], records_read=3, papers=2, merged=0)
    >>> r.skipped.append(Skip("a.jsonl", 2, 2, "invalid JSON"))
    >>> print("\\n".join(r.summary_lines()))
    files read: 1
    records read: 3
    papers: 2 (0 duplicate records merged)
    records skipped: 1
      a.jsonl:2: invalid JSON
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Skip", "IngestReport", "MAX_SKIP_LINES"]

#: At most this many skips are listed one per line in the summary; the rest are counted.
MAX_SKIP_LINES = 20


@dataclass
class Skip:
    """One record (or directory member) left out: where it was and why.

    ``line`` is the 1-based line where the format has lines; ``record`` the 1-based record index
    in the file (``None`` for a whole skipped file).
    """

    file: str
    line: int | None
    record: int | None
    reason: str

    def where(self) -> str:
        """``file:line``, ``file#record`` or ``file``.

        >>> Skip("x.xml", None, 4, "no id").where()
        'x.xml#4'
        """
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.record is not None:
            return f"{self.file}#{self.record}"
        return self.file


@dataclass
class IngestReport:
    """Counts of one ingest run, filled in by :func:`kg.ingest.iter_records` and
    :func:`kg.ingest.read_papers`.

    ``records_read`` counts every record met, skipped ones included; ``papers`` the papers
    returned (after merging for ``read_papers``, records yielded for ``iter_records``);
    ``merged`` the records folded into a paper read earlier; ``inferred_years`` the records
    whose publication year was inferred from the page capture.
    """

    files: list[str] = field(default_factory=list)
    records_read: int = 0
    papers: int = 0
    merged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    inferred_years: int = 0
    formats: dict[str, int] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        """Human lines for the build summary; deterministic (input order, no timings).

        >>> IngestReport(files=["a"], records_read=1, papers=1).summary_lines()[-1]
        'records skipped: 0'
        """
        lines = [f"files read: {len(self.files)}"]
        if self.formats:
            lines[0] += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.formats.items())) + ")"
        lines.append(f"records read: {self.records_read}")
        lines.append(f"papers: {self.papers} ({self.merged} duplicate records merged)")
        if self.inferred_years:
            lines.append(f"dates with an inferred year: {self.inferred_years}")
        lines.append(f"records skipped: {len(self.skipped)}")
        for skip in self.skipped[:MAX_SKIP_LINES]:
            lines.append(f"  {skip.where()}: {skip.reason}")
        if len(self.skipped) > MAX_SKIP_LINES:
            lines.append(f"  ... and {len(self.skipped) - MAX_SKIP_LINES} more")
        return lines
