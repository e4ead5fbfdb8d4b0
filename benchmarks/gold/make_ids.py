"""Select the seed development papers and (re)compute their ids.

The seed set is every 6th distinct paper (1st, 7th, 13th, ...) of the bundled Hugging Face Daily
Papers captures ``kg/data/corpus/*.txt``, read in file-name order and in order within each file;
a paper that appears again on a later page counts once, where it first appears. 288 distinct
papers give 48 selected ones. The second seed set (``seed_dev2.jsonl``) is every 6th distinct
paper from the 4th on (4th, 10th, 16th, ...), the third (``seed_dev3.jsonl``, held out) every
6th from the 2nd on: 48 other papers each.

``python benchmarks/gold/make_ids.py select [OFFSET]`` prints the selected papers (id, title,
abstract) as JSON Lines, the starting point for annotation (``OFFSET`` 0 for ``seed_dev.jsonl``,
3 for ``seed_dev2.jsonl``, 1 for ``seed_dev3.jsonl``; ``rest`` prints the 144 papers of no seed
set, ``bundled_rest.jsonl``). ``python benchmarks/gold/make_ids.py fix``
rewrites the files in
place with each record's ``id`` recomputed from its ``title`` the way the ingest stage computes it
(``kg.ingest`` when available, else the provisional rule below).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

from kg.atomic import atomic_write

__all__ = ["HEADER", "parse_page", "distinct_papers", "select", "title_id", "fix_ids"]

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "kg" / "data" / "corpus"
GOLD = HERE / "seed_dev.jsonl"
STEP = 6
#: each gold file and the position of its first paper in the corpus (every STEP-th from there)
OFFSETS = {GOLD: 0, HERE / "seed_dev2.jsonl": 3, HERE / "seed_dev3.jsonl": 1}
#: the papers of no seed set (positions 2, 4, 5 of every 6): ``bundled_rest.jsonl``
REST = HERE / "bundled_rest.jsonl"

#: Page-header lines of a capture (the page date follows them).
HEADER = {
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
}
_DATE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?$")


def parse_page(text: str) -> list[tuple[str, str]]:
    """Return the (title, abstract) pairs of one capture, in order."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    i = 0
    while i < len(lines) and (lines[i] in HEADER or _DATE.match(lines[i])):
        i += 1
    body = lines[i:]
    # Drop metadata blocks: the line before a lone "·", the "·" and the date line after it.
    keep: list[str] = []
    j = 0
    while j < len(body):
        if j + 1 < len(body) and body[j + 1] == "·":
            j += 3
            continue
        keep.append(body[j])
        j += 1
    if len(keep) % 2:
        raise ValueError("odd number of title/abstract lines")
    return [(keep[k], keep[k + 1]) for k in range(0, len(keep), 2)]


def _normalise(title: str) -> str:
    """The ingest stage's title normalisation (the key that merges repeated papers)."""
    try:
        from kg.ingest.identity import normalise_title
    except ImportError:  # ingest not there yet: the same rule, provisionally
        text = unicodedata.normalize("NFKD", title)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()
    return normalise_title(title)


def title_id(title: str) -> str:
    """The id the ingest stage gives a paper known only by its title: ``title:<16 hex>``."""
    try:
        from kg.ingest.identity import title_key
    except ImportError:
        norm = _normalise(title)
        return "title:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
    key = title_key(title)
    if key is None:
        raise ValueError(f"empty title: {title!r}")
    return key


def _clean(text: str) -> str:
    """The stored form of a text: the ingest stage's clean-up (LaTeX remnants, spaces)."""
    try:
        from kg.ingest.clean import clean_text
    except ImportError:
        return " ".join(text.split())
    return clean_text(text)


def distinct_papers() -> list[tuple[str, str, str]]:
    """(file name, title, abstract) of each distinct paper, first occurrence, in corpus order.

    Titles and abstracts are cleaned as the ingest stage stores them.
    """
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for raw_title, raw_abstract in parse_page(path.read_text(encoding="utf-8")):
            title, abstract = _clean(raw_title), _clean(raw_abstract)
            key = _normalise(title)
            if key not in seen:
                seen.add(key)
                out.append((path.name, title, abstract))
    return out


def select(offset: int = 0) -> list[tuple[str, str, str]]:
    """The seed papers: every ``STEP``-th distinct paper, from the one at ``offset``."""
    return distinct_papers()[offset::STEP]


def rest() -> list[tuple[str, str, str]]:
    """The distinct papers in no seed set, in corpus order."""
    taken = set(OFFSETS.values())
    return [p for i, p in enumerate(distinct_papers()) if i % STEP not in taken]


def fix_ids(path: Path = GOLD) -> int:
    """Rewrite ``path`` with ids recomputed from titles; return the number of changed ids."""
    records = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    changed = 0
    for rec in records:
        new = title_id(rec["title"])
        if new != rec["id"]:
            changed += 1
        rec["id"] = new
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    with atomic_write(path) as fh:
        fh.write(text)
    return changed


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "select"
    if cmd in {"select", "rest"}:
        offset = int(sys.argv[2]) if len(sys.argv) > 2 else 0
        for name, title, abstract in select(offset) if cmd == "select" else rest():
            print(
                json.dumps(
                    {"id": title_id(title), "file": name, "title": title, "abstract": abstract},
                    ensure_ascii=False,
                )
            )
    elif cmd == "fix":
        paths = [*OFFSETS, REST]
        print(f"{sum(fix_ids(path) for path in paths if path.is_file())} ids changed")
    else:
        sys.exit(f"usage: {sys.argv[0]} [select [OFFSET]|rest|fix]")
