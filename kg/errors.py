"""Errors: :class:`KGError` and subclasses carrying the file, line and reason.

The CLI turns any ``KGError`` into one line ``kg: error: <file>:<line>: <reason>`` and a non-zero
exit, never a traceback.

Examples:
    >>> str(InputError("x.bib", "not BibTeX", line=3))
    'x.bib:3: not BibTeX'
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "InputError",
    "FormatError",
    "RecordError",
    "ExtractError",
    "ModelError",
    "ExportError",
    "QueryError",
    "ServeError",
]


class KGError(Exception):
    """Base of every error ``kg`` reports to the user.

    ``file`` and ``line`` locate the problem where it has a place; ``reason`` says what is wrong.
    """

    exit_code = 1

    def __init__(self, file: str | None, reason: str, *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{where}{self.reason}"


class InputError(KGError):
    """An input cannot be read at all: missing, unreadable, empty, undecodable."""

    exit_code = 2


class FormatError(InputError):
    """An input's format is unknown or not the one asked for."""


class RecordError(KGError):
    """One record of an input is malformed (skipped and counted unless ``--on-error fail``)."""

    exit_code = 3


class ExtractError(KGError):
    """The extraction pipeline cannot run (bad configuration, bad text)."""


class ModelError(KGError):
    """The shipped statistical model is missing or cannot be loaded."""


class ExportError(KGError):
    """An output cannot be written."""


class QueryError(KGError):
    """A SPARQL query is malformed or its graph is missing."""


class ServeError(KGError):
    """The SPARQL endpoint cannot start (port taken, no store)."""
