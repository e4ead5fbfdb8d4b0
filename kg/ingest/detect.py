"""Format detection from a file's name and first bytes (``--format`` overrides it).

By content first, then by name (a ``.gz`` ending is ignored):

* ``<`` ... an Atom ``<feed>``: ``arxiv-atom``;
* ``@entry{`` (or a ``.bib`` file containing one): ``bibtex``;
* JSON (an object per line, or a document): the keys of the first record decide:
  ``paper`` (or ``summary`` with ``upvotes``/``publishedAt``): ``hf-api``;
  ``abstract_inverted_index``/``authorships``/an ``openalex.org`` id: ``openalex``;
  ``paperId``/``externalIds``: ``s2``; ``authors_parsed``/``submitter``/``versions``:
  ``arxiv-jsonl``; ``id``/``title``/``abstract``: ``jsonl``;
* the header lines of a Daily Papers page: ``hf-daily``;
* ``.csv``, ``.tsv``/``.tab``, or a first line naming a title or abstract column with tabs or
  commas: ``tsv``/``csv``.

Anything else is a :class:`kg.errors.FormatError` naming the file.

Examples:
    >>> from pathlib import Path
    >>> detect_format(Path("x.json"), b'[{"paper": {"id": "2401.00001"}}]')
    'hf-api'
    >>> detect_format(Path("refs.bib.gz"), b"% my refs\\n@article{a, title={T}}")
    'bibtex'
    >>> detect_format(Path("notes.txt"), b"hello")
    Traceback (most recent call last):
    ...
    kg.errors.FormatError: notes.txt: unknown format: not a paper listing kg can read (use --format)
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from kg.errors import FormatError
from kg.ingest.hf_daily import looks_like_hf_daily
from kg.ingest.inputs import strip_suffixes
from kg.ingest.json_records import LIST_KEYS, first_line_object

__all__ = ["detect_format", "json_flavour"]

_BIB_ENTRY = re.compile(rb"(?m)^\s*@[A-Za-z]+\s*[{(]")


def json_flavour(keys: set[str], sample: dict[str, Any] | None = None) -> str | None:
    """The JSON-based format whose records have ``keys``, or ``None``.

    >>> json_flavour({"paperId", "title"}), json_flavour({"foo"})
    ('s2', None)
    """
    sample = sample or {}
    if "paper" in keys or ("summary" in keys and keys & {"upvotes", "publishedAt"}):
        return "hf-api"
    if keys & {"abstract_inverted_index", "authorships"} or str(sample.get("id", "")).startswith(
        "https://openalex.org/"
    ):
        return "openalex"
    if keys & {"paperId", "externalIds"}:
        return "s2"
    if keys & {"authors_parsed", "submitter", "versions"}:
        return "arxiv-jsonl"
    if keys & {"id", "title", "abstract"}:
        return "jsonl"
    return None


def _first_record_keys(head: bytes) -> tuple[set[str], dict[str, Any]]:
    """Keys of the first record of a JSON document, from its (possibly cut) beginning."""
    obj = first_line_object(head)
    if obj is not None:
        for key in LIST_KEYS:
            if isinstance(obj.get(key), list) and obj[key] and isinstance(obj[key][0], dict):
                if not obj.keys() & {"id", "title", "paperId"}:
                    return set(obj[key][0]), obj[key][0]
        return set(obj), obj
    import ijson

    keys: dict[str, set[str]] = {}
    sample: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if event == "map_key" and prefix in ("", "item", "results.item", "data.item"):
                keys.setdefault(prefix, set()).add(value)
            elif event == "string" and prefix.endswith("id") and prefix.count(".") <= 2:
                sample.setdefault("id", value)
            if event == "end_map" and prefix in ("item", "results.item", "data.item"):
                break
    except ijson.common.IncompleteJSONError:
        pass
    except ijson.common.JSONError:
        return set(), {}
    for prefix in ("item", "results.item", "data.item", ""):
        if prefix in keys:
            return keys[prefix], sample
    return set(), {}


def detect_format(path: Path, head: bytes) -> str:
    """The format name of the file ``path`` whose first bytes are ``head``."""
    name = str(path)
    suffix = Path(strip_suffixes(path.name)).suffix
    text = head.lstrip()
    if b"\x00" in head[:4096]:
        raise FormatError(name, "unknown format: binary data, not a paper listing")
    if text.startswith(b"<"):
        if b"<feed" in head and b"http://www.w3.org/2005/Atom" in head:
            return "arxiv-atom"
        raise FormatError(name, "unknown format: XML that is not an arXiv Atom feed")
    if text.startswith(b"@") or (suffix in (".bib", ".bibtex") and _BIB_ENTRY.search(head)):
        return "bibtex"
    if text.startswith((b"{", b"[")):
        keys, sample = _first_record_keys(text)
        flavour = json_flavour(keys, sample)
        if flavour is None:
            shown = ", ".join(sorted(keys)[:8]) or "none"
            raise FormatError(
                name,
                f"unknown format: JSON records with keys {shown} match no reader (use --format)",
            )
        return flavour
    decoded = head.decode("utf-8", errors="replace")
    if looks_like_hf_daily(decoded):
        return "hf-daily"
    if suffix == ".csv":
        return "csv"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    first = decoded.split("\n", 1)[0].lower()
    if "title" in first or "abstract" in first:
        if "\t" in first:
            return "tsv"
        if "," in first:
            return "csv"
    raise FormatError(name, "unknown format: not a paper listing kg can read (use --format)")
