"""Opening inputs: files, directories (recursive, sorted), ``-`` for stdin, gzip, BOM, CRLF.

Every input is opened as a binary stream of its (decompressed) bytes plus its first bytes (the
*head*) for format detection. A UTF-8 byte-order mark is dropped; UTF-16 input, an empty file, a
missing or unreadable path are :class:`kg.errors.InputError`. Text is decoded as UTF-8; an
undecodable byte is an ``InputError`` naming the file and line. Line ends ``\\r\\n`` and ``\\r``
read as ``\\n``.

Examples:
    >>> import gzip, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.jsonl.gz").write_bytes(gzip.compress(b'\\xef\\xbb\\xbf{"id": "x"}\\r\\n'))
    >>> fh, head = open_input(d / "a.jsonl.gz", "a.jsonl.gz")
    >>> head
    b'{"id": "x"}\\r\\n'
    >>> fh.read() == head
    True
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError

__all__ = [
    "HEAD_BYTES",
    "LISTING_SUFFIXES",
    "open_input",
    "expand_inputs",
    "display_name",
    "read_all_text",
    "strip_suffixes",
]

#: How many leading bytes format detection sees.
HEAD_BYTES = 65536
#: File name endings (after ``.gz``) that a directory walk reads; other files are skipped.
LISTING_SUFFIXES = (
    ".txt",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".atom",
    ".bib",
    ".bibtex",
    ".csv",
    ".tsv",
    ".tab",
)
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_GZIP_MAGIC = b"\x1f\x8b"


class _Prefixed(io.RawIOBase):
    """A raw stream that serves ``head`` first, then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def display_name(path: Path) -> str:
    """How a file is named in sources and messages: as given, or package-relative for the
    bundled corpus (so that records do not depend on where ``kg`` is installed).

    >>> display_name(Path("some/file.bib"))
    'some/file.bib'
    """
    try:
        rel = path.resolve().relative_to(_PACKAGE_ROOT)
    except (ValueError, OSError):
        return str(path)
    return "kg/" + rel.as_posix()


def strip_suffixes(name: str) -> str:
    """The file name without a ``.gz`` ending, lower-cased.

    >>> strip_suffixes("Feed.XML.gz")
    'feed.xml'
    """
    low = name.lower()
    return low[:-3] if low.endswith(".gz") else low


def expand_inputs(
    inputs: Sequence[str | Path],
) -> Iterator[tuple[str, Path | None, str | None]]:
    """``(name, path, skip_reason)`` per input file; ``path`` is ``None`` for stdin.

    Directories are walked recursively in sorted order, hidden entries left out; a member whose
    name does not end in one of :data:`LISTING_SUFFIXES` comes with a skip reason.
    """
    for item in inputs:
        if str(item) == "-":
            yield "<stdin>", None, None
            continue
        path = Path(item)
        if path.is_dir():
            members = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for member in members:
                name = display_name(member)
                if strip_suffixes(member.name).endswith(LISTING_SUFFIXES):
                    yield name, member, None
                else:
                    yield name, member, "not read: not a paper listing file type"
            continue
        if not path.exists():
            raise InputError(str(item), "no such file or directory")
        yield display_name(path), path, None


def _read_head(stream: BinaryIO, name: str) -> bytes:
    try:
        return stream.read(HEAD_BYTES) or b""
    except (OSError, EOFError) as exc:
        raise InputError(name, f"cannot read (truncated or corrupt?): {exc}") from None


def open_input(path: Path | None, name: str) -> tuple[BinaryIO, bytes]:
    """``(stream, head)``: the decompressed bytes of an input, BOM dropped, and their start."""
    try:
        raw: BinaryIO = open(path, "rb") if path is not None else sys.stdin.buffer  # noqa: SIM115
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    head = _read_head(raw, name)
    if head.startswith(_GZIP_MAGIC):
        raw = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, raw)), mode="rb")  # type: ignore[assignment]
        head = _read_head(raw, name)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw.close()
        raise InputError(name, "UTF-16 text is not supported; convert the file to UTF-8")
    if not head.strip():
        raw.close()
        raise InputError(name, "empty file")
    return io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 16), head  # type: ignore[return-value]


def _undecodable(name: str, data: bytes, exc: UnicodeDecodeError) -> InputError:
    line = 1 + data.count(b"\n", 0, exc.start)
    byte = data[exc.start : exc.start + 1].hex()
    return InputError(name, f"not UTF-8 text (byte 0x{byte}); convert the file to UTF-8", line=line)


def read_all_text(fh: BinaryIO, name: str) -> str:
    """The whole stream decoded as UTF-8 with ``\\n`` line ends.

    >>> read_all_text(io.BytesIO(b"a\\r\\nb"), "x")
    'a\\nb'
    """
    try:
        data = fh.read()
    except (OSError, EOFError) as exc:
        raise InputError(name, f"cannot read (truncated or corrupt?): {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(name, data, exc) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
