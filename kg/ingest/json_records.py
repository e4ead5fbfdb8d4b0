"""JSON records, whether JSON Lines or one JSON document, for every JSON-based reader.

JSON Lines (one object per line; blank lines ignored) stream line by line in constant memory
(parsed with orjson when it is installed, else with the standard library: same records, and
the same messages, since a line orjson rejects is parsed again by ``json``);
a line that is not valid JSON (a truncated last line, say) is a malformed record at that line.
A JSON document (an array of records, a single record, or an API response object holding its
records under ``results`` (OpenAlex) or ``data`` (Semantic Scholar)) is read whole; a document
that is not valid JSON is an :class:`kg.errors.InputError` at its line. An item that is not an
object (``null`` in a Semantic Scholar batch answer) is a malformed record.

The two are told apart by the first line: if it is a complete JSON object the input is JSON
Lines (a line holding a whole API response object gives that response's records).

Examples:
    >>> import io
    >>> data = b'{"id": 1}\\n\\n{"id": 2\\n'
    >>> [(line, obj if isinstance(obj, dict) else obj.reason)
    ...  for line, obj in iter_objects(io.BufferedReader(io.BytesIO(data)), "x.jsonl")]
    [(1, {'id': 1}), (3, "invalid JSON: Expecting ',' delimiter at character 10")]
    >>> [obj for _, obj in iter_objects(io.BytesIO(b'{"results": [{"a": 1}]}'), "x.json")]
    [{'a': 1}]
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.errors import InputError, RecordError
from kg.ingest.inputs import read_all_text

__all__ = ["iter_objects", "first_line_object", "text_of", "names_of", "LIST_KEYS"]

#: Keys under which API response objects hold their list of records.
LIST_KEYS = ("results", "data")

_loads = json.loads
try:  # optional speed-up; any line it rejects is parsed again by json for the canonical error
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = json.loads  # type: ignore[assignment]


def first_line_object(head: bytes) -> dict[str, Any] | None:
    """The first line of ``head`` as a JSON object if it is one (JSON Lines), else ``None``.

    >>> first_line_object(b'{"a": 1}\\n{"a": 2}'), first_line_object(b'{\\n "a": 1}')
    ({'a': 1}, None)
    """
    line = head.lstrip().split(b"\n", 1)[0]
    try:
        obj = _loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def _as_record(obj: object, name: str, line: int | None) -> dict[str, Any] | RecordError:
    if isinstance(obj, dict):
        return obj
    kind = "null" if obj is None else type(obj).__name__
    return RecordError(name, f"record is not a JSON object ({kind})", line=line)


def _iter_lines(fh: BinaryIO, name: str) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    for number, raw in enumerate(fh, start=1):
        if raw.isspace():  # no copy, unlike strip(): lines are long and many
            continue
        try:
            try:
                obj = _fast_loads(raw)
            except ValueError:
                obj = _loads(raw)
        except UnicodeDecodeError as exc:
            raise InputError(
                name,
                f"not UTF-8 text (byte 0x{raw[exc.start : exc.start + 1].hex()}); "
                "convert the file to UTF-8",
                line=number,
            ) from None
        except ValueError as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            col = f" at character {exc.pos + 1}" if isinstance(exc, json.JSONDecodeError) else ""
            yield number, RecordError(name, f"invalid JSON: {msg}{col}", line=number)
            continue
        if type(obj) is dict and ("id" in obj or "title" in obj):  # the common case, fast
            yield number, obj
            continue
        items = _wrapped(obj)
        if items is None:
            yield number, _as_record(obj, name, number)
        else:
            for item in items:
                yield number, _as_record(item, name, number)


def _wrapped(obj: object) -> list[Any] | None:
    """The records of an API response object (``{"meta": ..., "results": [...]}``), else None."""
    if not isinstance(obj, dict) or "id" in obj or "title" in obj or "paperId" in obj:
        return None
    for key in LIST_KEYS:
        if isinstance(obj.get(key), list):
            return obj[key]  # type: ignore[no-any-return]
    return None


def iter_objects(
    fh: BinaryIO, name: str
) -> Iterator[tuple[int | None, dict[str, Any] | RecordError]]:
    """``(line, record)`` for each record; ``line`` is ``None`` inside a JSON document."""
    if not hasattr(fh, "peek"):
        fh = io.BufferedReader(fh)  # type: ignore[arg-type,type-var]
    head = fh.peek(65536)[:65536]  # type: ignore[attr-defined]
    if first_line_object(head) is not None:
        yield from _iter_lines(fh, name)
        return
    text = read_all_text(fh, name)
    try:
        doc = _loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from None
    if isinstance(doc, dict):
        items = _wrapped(doc)
        doc = [doc] if items is None else items
    if not isinstance(doc, list):
        raise InputError(name, "JSON document is neither a record nor a list of records")
    for obj in doc:
        yield None, _as_record(obj, name, None)


def text_of(obj: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` holding a non-empty string (numbers are turned into strings).

    >>> text_of({"a": "", "b": 12}, "a", "b")
    '12'
    """
    for key in keys:
        value = obj.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value
    return None


def names_of(value: object) -> list[str]:
    """Author names from a list of strings or of objects with ``name``/``display_name``, or
    from one string separated by ``;`` or ``,`` or `` and ``.

    >>> names_of([{"name": "A B"}, "C D"]), names_of("A B and C D")
    (['A B', 'C D'], ['A B', 'C D'])
    """
    if isinstance(value, str):
        for sep in (";", " and ", ","):
            if sep in value:
                return [v.strip() for v in value.split(sep) if v.strip()]
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for item in value:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = text_of(item, "name", "display_name", "fullname")
            if name:
                out.append(name)
    return out
