"""The curated concept vocabulary as the graph stage sees it: id, label, type, aliases, broader.

The extraction stage owns the vocabulary files (``ontology/vocab/*.jsonl``, one JSON object a
line with ``id``, ``label``, ``type``, ``aliases``, ``broader``, ``source``) and its loader
``kg.extract.vocabulary.load_vocabulary()``. This module adapts whatever that loader returns
(dicts or objects with those attributes) to :class:`VocabEntry`, and reads the JSON Lines files
directly when the loader is not available.

Examples:
    >>> as_entries([{"id": "v:rl", "label": "reinforcement learning", "type": "Task",
    ...              "aliases": ["RL"], "broader": []}])[0].aliases
    ('RL',)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError, RecordError
from kg.jsonl import json_objects
from kg.resources import vocab_dir

__all__ = ["VocabEntry", "as_entries", "read_vocabulary", "default_vocabulary", "VOCAB_DIR"]

#: Where the curated vocabulary lives in a source checkout.
VOCAB_DIR = vocab_dir()


@dataclass(frozen=True)
class VocabEntry:
    """One curated concept: stable ``id``, preferred ``label``, ``type``, ``aliases``,
    ``broader`` (ids of more general entries) and ``source`` (where it was curated from)."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    source: str = ""


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def as_entries(items: Iterable[Any]) -> list[VocabEntry]:
    """Adapt dicts or objects with the vocabulary fields to :class:`VocabEntry`, sorted by id.

    Entries without an id or a label are left out (they cannot be referred to).

    Examples:
        >>> [e.id for e in as_entries([{"id": "b", "label": "B"}, {"id": "a", "label": "A"}])]
        ['a', 'b']
    """
    out: dict[str, VocabEntry] = {}
    for item in items:
        if isinstance(item, VocabEntry):
            out[item.id] = item
            continue
        vid, label = _get(item, "id"), _get(item, "label")
        if not vid or not label:
            continue
        out[str(vid)] = VocabEntry(
            id=str(vid),
            label=str(label),
            type=str(_get(item, "type", "") or ""),
            aliases=_strings(_get(item, "aliases")),
            broader=_strings(_get(item, "broader")),
            source=str(_get(item, "source", "") or ""),
        )
    return [out[k] for k in sorted(out)]


def read_vocabulary(path: str | Path) -> list[VocabEntry]:
    """Read one ``.jsonl`` vocabulary file, or every ``*.jsonl`` file of a directory.

    A line that is not a JSON object raises :class:`kg.errors.InputError` naming file and line.

    Examples:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "m.jsonl").write_text('{"id": "v:ppo", "label": "PPO", "type": "Method"}\\n')
        >>> read_vocabulary(d)[0].label
        'PPO'
    """
    root = Path(path)
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    items: list[dict[str, Any]] = []
    for file in files:
        try:
            items.extend(item for _number, item in json_objects(file))
        except RecordError as exc:  # a broken vocabulary file is a bad input, not a bad record
            raise InputError(exc.file, exc.reason, line=exc.line) from exc
    return as_entries(items)


@lru_cache(maxsize=1)
def _default() -> tuple[VocabEntry, ...]:
    try:
        from kg.extract.vocabulary import load_vocabulary  # type: ignore[import-not-found]
    except ImportError:
        return tuple(read_vocabulary(VOCAB_DIR)) if VOCAB_DIR.is_dir() else ()
    loaded = load_vocabulary()
    if isinstance(loaded, dict):
        loaded = loaded.values()
    return tuple(as_entries(loaded))


def default_vocabulary() -> list[VocabEntry]:
    """The shipped vocabulary (through the extraction stage's loader when it exists), cached.

    Examples:
        >>> all(isinstance(e, VocabEntry) for e in default_vocabulary())
        True
    """
    return list(_default())
