"""JSON Lines files of the project's own formats (build outputs, gold sets, corpora, vocabulary).

One reader, so that every such file fails the same way: an unreadable or undecodable file is an
:class:`~kg.errors.InputError` naming it; a line that is not a JSON object is a
:class:`~kg.errors.RecordError` naming the file and the line. Blank lines are skipped. (Paper
listings users bring go through :mod:`kg.ingest`, which streams and counts bad records instead.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError, RecordError

__all__ = ["json_objects"]


def json_objects(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of ``path``.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = Path(d, "a.jsonl")
        ...     _ = p.write_text('{"id": "a"}\\n\\n[1]\\n', encoding="utf-8")
        ...     try:
        ...         for n, obj in json_objects(p):
        ...             print(n, obj)
        ...     except RecordError as exc:
        ...         print(exc.line, exc.reason)
        1 {'id': 'a'}
        3 not a JSON object
    """
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(p), f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RecordError(str(p), f"not JSON: {exc.msg}", line=number) from exc
                if not isinstance(record, dict):
                    raise RecordError(str(p), "not a JSON object", line=number)
                yield number, record
        except UnicodeDecodeError as exc:
            raise InputError(str(p), f"not UTF-8: {exc.reason}", line=number + 1) from exc
