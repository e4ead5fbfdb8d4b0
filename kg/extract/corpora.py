"""Readers for the annotated training corpora, label harmonisation, fixed splits, converters.

Each corpus folder of ``../shared/training`` (SciERC, TDMSci, SciREX, SciER, NLP-TDMS) has its own
format; the readers turn the text-bearing ones into :class:`AnnotatedDoc` records: a title, an
abstract (plain text, detokenised where the corpus stores tokens, with Penn Treebank escapes
such as SciERC's ``-LRB-`` read as the brackets they stand for) and character spans typed
with this project's four labels. ``types`` says which labels the corpus annotates: a corpus
without a Metric label (SciER) or a Method label (TDMSci) says nothing about those.

Label harmonisation (:data:`LABEL_MAP`): Method -> Method, Task -> Task, Metric -> Metric,
Material (SciERC, SciREX), DATASET (TDMSci) and Dataset (SciER) -> Dataset; SciERC's
OtherScientificTerm and Generic are not concepts of this project and are dropped.

Splits are fixed and independent of any training seed: a record goes to the held-out fold when
the SHA-1 of ``"kg-split:<key>"`` falls in the first :data:`HELDOUT_PERCENT` per cent, where the
key is the SciREX document id or the TDMSci sentence text (so duplicates share a fold).
SciERC and SciER keep their own train/dev files.

Converters write the development sets as gold JSONL (the ``kg evaluate`` gold format, with a
``types`` field) and as ``kg extract`` input JSONL (``id``, ``title``, ``abstract``). A long form
and its acronym are one gold concept, whether annotated as two spans or as one ("Word sense
disambiguation (WSD)", "Expectation-Maximization (EM) algorithm"); a bracketed word counts as an
acronym only if its letters occur in the long form in order (Schwartz & Hearst's test).

Examples:
    >>> text, offsets = detokenize(["a", "pre", "-", "trained", "model", "(", "BERT", ")", "."])
    >>> text
    'a pre-trained model (BERT).'
    >>> text[offsets[6][0]:offsets[6][1]]
    'BERT'
    >>> split_of("some key") in ("train", "heldout")
    True
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.errors import InputError, KGError, RecordError
from kg.extract.abbreviations import best_long_form
from kg.jsonl import json_objects
from kg.model import CONCEPT_TYPES

__all__ = [
    "LABEL_MAP",
    "HELDOUT_PERCENT",
    "Span",
    "AnnotatedDoc",
    "detokenize",
    "split_of",
    "read_scierc",
    "read_scirex",
    "read_scirex_sections",
    "scirex_errors",
    "scirex_files",
    "read_tdmsci",
    "read_scier",
    "read_nlp_tdms",
    "dev_sets",
    "train_docs",
    "to_gold",
    "to_input",
    "write_dev_sets",
    "write_set",
    "main",
]

#: Corpus label -> project label; labels not listed are dropped.
LABEL_MAP: dict[str, str] = {
    "Method": "Method",
    "Task": "Task",
    "Metric": "Metric",
    "Material": "Dataset",
    "Dataset": "Dataset",
    "TASK": "Task",
    "DATASET": "Dataset",
    "METRIC": "Metric",
}
#: Share (per cent) of SciREX documents and TDMSci sentences kept out of training.
HELDOUT_PERCENT = 20

ALL_TYPES: tuple[str, ...] = tuple(CONCEPT_TYPES)
_NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "}", "!", "?", "%", "'s", "n't", "'"}
_NO_SPACE_AFTER = {"(", "[", "{"}
_GLUE = {"-", "/"}
#: Penn Treebank escapes (SciERC writes its brackets and quotes this way) -> the characters.
_PTB_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}
_PTB_OPENING = {"-LRB-", "-LSB-", "-LCB-", "``"}
_PTB_CLOSING = {"-RRB-", "-RSB-", "-RCB-", "''"}


@dataclass
class Span:
    """A typed entity span: field (``title`` or ``abstract``), character offsets, label."""

    field: str
    start: int
    end: int
    label: str


@dataclass
class AnnotatedDoc:
    """One annotated record of a corpus: text, typed spans and the labels the corpus annotates."""

    id: str
    corpus: str
    title: str
    abstract: str
    spans: list[Span] = field(default_factory=list)
    types: tuple[str, ...] = ALL_TYPES

    def text_of(self, span: Span) -> str:
        """The surface text of ``span``."""
        source = self.title if span.field == "title" else self.abstract
        return source[span.start : span.end]


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join corpus tokens into plain text; return the text and each token's character offsets.

    Punctuation attaches to its neighbour and ``-`` and ``/`` glue the tokens around them, so
    ``pre - trained`` reads ``pre-trained`` as the extractor will see it in real abstracts. Penn
    Treebank escapes become the characters they stand for (``-LRB-`` is ``(``).

    Examples:
        >>> detokenize(["GPT", "-", "4", "reaches", "86.4", "%", "."])[0]
        'GPT-4 reaches 86.4%.'
        >>> detokenize(["networks", "-LRB-", "CNNs", "-RRB-", "``", "deep", "''"])[0]
        'networks (CNNs) "deep"'
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    attach_next = True  # no space before the first token, nor after an opening bracket or glue
    for raw in tokens:
        tok = _PTB_ESCAPES.get(raw, raw)
        # a quote escape says which side it attaches to; '"' itself does not
        attaches = tok in _NO_SPACE_BEFORE or tok in _GLUE or raw in _PTB_CLOSING
        if not (attach_next or attaches):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        attach_next = tok in _NO_SPACE_AFTER or tok in _GLUE or raw in _PTB_OPENING
    return "".join(parts), offsets


def split_of(key: str) -> str:
    """The fixed fold of a record key: ``"heldout"`` or ``"train"`` (see the module docstring).

    Examples:
        >>> split_of("abc") == split_of("abc")
        True
    """
    digest = hashlib.sha1(f"kg-split:{key}".encode()).hexdigest()
    return "heldout" if int(digest[:8], 16) % 100 < HELDOUT_PERCENT else "train"


def _spans_from_tokens(
    offsets: list[tuple[int, int]], ner: Iterable[tuple[int, int, str]], field_name: str
) -> list[Span]:
    spans = []
    for start, end, label in ner:  # end exclusive token index
        mapped = LABEL_MAP.get(label)
        if mapped is None or end <= start:
            continue
        spans.append(Span(field_name, offsets[start][0], offsets[end - 1][1], mapped))
    return spans


def read_scierc(path: str | os.PathLike[str]) -> list[AnnotatedDoc]:
    """Read a SciERC (DyGIE JSON lines) file: one abstract per line, no separate title.

    Token indices in ``ner`` run over the whole document, end inclusive.
    """
    path = Path(path)
    docs = []
    for number, rec in json_objects(path):
        try:
            tokens = [t for sent in rec["sentences"] for t in sent]
            ner = [(s, e + 1, lab) for sent in rec["ner"] for s, e, lab in sent]
            text, offsets = detokenize(tokens)
            spans = _spans_from_tokens(offsets, ner, "abstract")
            doc_id = f"scierc:{rec['doc_key']}"
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise RecordError(str(path), f"not a SciERC record: {exc!r}", line=number) from exc
        docs.append(AnnotatedDoc(doc_id, "scierc", "", text, spans))
    return docs


def scirex_files(folder: str | os.PathLike[str]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each SciREX paper of ``folder`` (one JSON file each, sorted by name) with its file; or,
    when ``folder`` is a file, each paper of that JSON Lines file (SciREX's own release)."""
    folder = Path(folder)
    if folder.is_file():
        for number, rec in json_objects(folder):
            if "words" not in rec:
                raise RecordError(str(folder), "not a SciREX document: no words", line=number)
            yield folder, rec
        return
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of SciREX JSON files")
    for file in sorted(folder.glob("*.json")):
        with scirex_errors(file):
            rec = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(rec, dict):
            raise RecordError(str(file), "not a SciREX document: not a JSON object")
        yield file, rec


@contextlib.contextmanager
def scirex_errors(file: Path) -> Iterator[None]:
    """A missing or malformed field of a SciREX paper is one error naming its file."""
    try:
        yield
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise RecordError(str(file), f"not a SciREX document: {exc!r}") from exc


def read_scirex(
    folder: str | os.PathLike[str], *, abstract_only: bool = True
) -> list[AnnotatedDoc]:
    """Read SciREX papers (one JSON file each, sorted by name) as title + abstract records.

    The first section is ``document : <title> <abstract>``; its first sentence is the title.
    With ``abstract_only=False`` the abstract field holds the whole paper text instead.
    """
    docs = []
    for file, rec in scirex_files(folder):
        with scirex_errors(file):
            words = rec["words"]
            end = rec["sections"][0][1] if abstract_only else len(words)
            t_start, t_end = rec["sentences"][0]
            if words[t_start : t_start + 2] == ["document", ":"]:
                t_start += 2
            title, t_offsets = detokenize(words[t_start:t_end])
            abstract, a_offsets = detokenize(words[t_end:end])
            spans = []
            for s, e, lab in rec["ner"]:
                if s >= t_start and e <= t_end:
                    spans += _spans_from_tokens(
                        t_offsets, [(s - t_start, e - t_start, lab)], "title"
                    )
                elif s >= t_end and e <= end:
                    spans += _spans_from_tokens(
                        a_offsets, [(s - t_end, e - t_end, lab)], "abstract"
                    )
            doc_id = f"scirex:{rec['doc_id']}"
        docs.append(AnnotatedDoc(doc_id, "scirex", title, abstract, spans))
    return docs


def read_tdmsci(path: str | os.PathLike[str]) -> list[AnnotatedDoc]:
    """Read TDMSci CoNLL (``token<TAB>char_offset<TAB>BIO``), one record per sentence.

    The character offsets rebuild each sentence exactly. Ids are ``tdmsci:<line of first token>``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    docs: list[AnnotatedDoc] = []
    rows: list[tuple[str, int, str]] = []
    first = 0

    def flush() -> None:
        if not rows:
            return
        text = ""
        spans: list[Span] = []
        open_span: list[Any] | None = None
        base = rows[0][1]
        for tok, raw_off, tag in rows:
            # offsets count from the paper's start; keep their gaps, never overlap tokens
            off = raw_off - base
            if off < len(text):
                off = len(text) + (1 if text else 0)
            text = text.ljust(off) + tok
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("I-") and open_span is not None and open_span[2] == kind:
                open_span[1] = off + len(tok)
                continue
            if open_span is not None:
                spans.append(Span("abstract", open_span[0], open_span[1], LABEL_MAP[open_span[2]]))
                open_span = None
            if tag[:2] in ("B-", "I-"):
                open_span = [off, off + len(tok), kind]
        if open_span is not None:
            spans.append(Span("abstract", open_span[0], open_span[1], LABEL_MAP[open_span[2]]))
        docs.append(
            AnnotatedDoc(
                f"tdmsci:{first}", "tdmsci", "", text, spans, ("Dataset", "Metric", "Task")
            )
        )
        rows.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            flush()
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit():
            raise RecordError(str(path), "expected token<TAB>offset<TAB>tag", line=number)
        tag = parts[2].strip()
        if tag != "O" and (tag[:2] not in ("B-", "I-") or tag[2:] not in LABEL_MAP):
            raise RecordError(str(path), f"unknown tag {tag!r}", line=number)
        if not rows:
            first = number
        rows.append((parts[0], int(parts[1]), tag))
    flush()
    return docs


def read_scier(path: str | os.PathLike[str]) -> list[AnnotatedDoc]:
    """Read SciER JSON lines (one sentence each) grouped into one record per ``doc_id``.

    Entities are given as ``[text, type]`` strings; every whole-token occurrence in the sentence is
    a span. SciER is GPL-3.0: use it to measure, never to train the shipped model.
    """
    path = Path(path)
    grouped: dict[str, list[tuple[str, list[Span]]]] = {}
    for number, rec in json_objects(path):
        try:
            tokens = rec["sentence"].split()
            text, offsets = detokenize(tokens)
            spans = []
            for name, label in rec["ner"]:
                mapped = LABEL_MAP.get(label)
                needle = name.split()
                if mapped is None or not needle:
                    continue
                for i in range(len(tokens) - len(needle) + 1):
                    if tokens[i : i + len(needle)] == needle:
                        spans += _spans_from_tokens(
                            offsets, [(i, i + len(needle), label)], "abstract"
                        )
            grouped.setdefault(str(rec["doc_id"]), []).append((text, spans))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(str(path), f"not a SciER record: {exc!r}", line=number) from exc
    docs = []
    for doc_id, sentences in grouped.items():
        text = ""
        spans = []
        for sentence, sent_spans in sentences:
            base = len(text) + (1 if text else 0)
            text = f"{text} {sentence}" if text else sentence
            spans += [Span(s.field, s.start + base, s.end + base, s.label) for s in sent_spans]
        docs.append(
            AnnotatedDoc(f"scier:{doc_id}", "scier", "", text, spans, ("Method", "Dataset", "Task"))
        )
    return docs


def read_nlp_tdms(folder: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Read NLP-TDMS ``annotations/resultsAnnotation.tsv``: paper-level result tuples, no text.

    Returns dicts with ``paper``, ``task``, ``dataset``, ``metric``, ``score``.
    """
    path = Path(folder) / "annotations" / "resultsAnnotation.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    tuples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        paper, _, rest = line.partition("\t")
        for item in rest.split("$"):
            fields = item.split("#")
            if len(fields) != 4:
                raise RecordError(str(path), "expected task#dataset#metric#score", line=number)
            task, dataset, metric, score = (f.strip() for f in fields)
            tuples.append(
                {"paper": paper, "task": task, "dataset": dataset, "metric": metric, "score": score}
            )
    return tuples


def read_scirex_sections(
    folder: str | os.PathLike[str], *, sections: int = 3
) -> list[AnnotatedDoc]:
    """SciREX body sections as extra training records: the first ``sections`` sections after
    the title and abstract of each paper (introductions read most like abstracts), one record
    per section, with the section's mentions. Record ids are ``scirex:<doc_id>#<n>``; the fold
    of a section is its paper's.
    """
    docs = []
    for file, rec in scirex_files(folder):
        with scirex_errors(file):
            words = rec["words"]
            for n, (start, end) in enumerate(rec["sections"][1 : sections + 1], 1):
                text, offsets = detokenize(words[start:end])
                ner = [
                    (s - start, e - start, lab)
                    for s, e, lab in rec["ner"]
                    if start <= s and e <= end
                ]
                spans = _spans_from_tokens(offsets, ner, "abstract")
                docs.append(AnnotatedDoc(f"scirex:{rec['doc_id']}#{n}", "scirex", "", text, spans))
    return docs


def _scirex(data: Path) -> list[AnnotatedDoc]:
    return read_scirex(data / "scirex" / "train_docs")


def _tdmsci(data: Path) -> list[AnnotatedDoc]:
    return read_tdmsci(data / "tdmsci" / "train_1500_v2.conll")


def _fold(docs: list[AnnotatedDoc], fold: str) -> list[AnnotatedDoc]:
    def key(d: AnnotatedDoc) -> str:
        return d.id.split("#")[0] if d.corpus == "scirex" else d.abstract

    return [d for d in docs if split_of(key(d)) == fold]


def dev_sets(
    data: str | os.PathLike[str], *, include_scier: bool = True
) -> dict[str, list[AnnotatedDoc]]:
    """The development sets: SciERC dev, TDMSci and SciREX held-out folds, SciER dev."""
    data = Path(data)
    sets = {
        "scierc_dev": read_scierc(data / "scierc" / "dev.json"),
        "tdmsci_heldout": _fold(_tdmsci(data), "heldout"),
        "scirex_heldout": _fold(_scirex(data), "heldout"),
    }
    if include_scier:
        sets["scier_dev"] = read_scier(data / "scier" / "dev.jsonl")
    return sets


def train_docs(data: str | os.PathLike[str], *, scirex_sections: int = 0) -> list[AnnotatedDoc]:
    """The training records: SciERC train, TDMSci and SciREX train folds (never SciER); with
    ``scirex_sections``, also that many body sections of each SciREX training-fold paper."""
    data = Path(data)
    docs = (
        read_scierc(data / "scierc" / "train.json")
        + _fold(_tdmsci(data), "train")
        + _fold(_scirex(data), "train")
    )
    if scirex_sections:
        folder = data / "scirex" / "train_docs"
        docs += _fold(read_scirex_sections(folder, sections=scirex_sections), "train")
    return docs


_ACRONYM = re.compile(r"^[A-Za-z0-9][\w.+-]{0,11}$")
_LONG_SHORT = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
_LONG_SHORT_HEAD = re.compile(r"^(.*\S)\s*\(([^()]+)\)\s+([^()]+)$")


def _is_acronym(text: str) -> bool:
    return _ACRONYM.match(text) is not None and any(c.isupper() for c in text)


def _span_forms(text: str) -> list[str]:
    """The name forms one annotated span holds: ``long (ACR)``, ``ACR (long form)`` and
    ``long (ACR) head`` give both forms, anything else itself.

    Examples:
        >>> _span_forms("Word sense disambiguation (WSD)")
        ['Word sense disambiguation', 'WSD']
        >>> _span_forms("KDS (Knowledge Delivery System)")
        ['KDS', 'Knowledge Delivery System']
        >>> _span_forms("Expectation-Maximization (EM) algorithm")
        ['Expectation-Maximization algorithm', 'EM algorithm']
        >>> _span_forms("Byron's (2002) manually tuned system")
        ["Byron's (2002) manually tuned system"]
        >>> _span_forms("contextually-encoded (ELMo) word representations")
        ['contextually-encoded (ELMo) word representations']
    """
    both = _LONG_SHORT.match(text)
    if both is not None:
        first, second = both.group(1), both.group(2)
        if (_is_acronym(second) and best_long_form(second, first) is not None) or (
            _is_acronym(first)
            and " " in second.strip()
            and best_long_form(first, second) is not None
        ):
            return [first, second]
    mid = _LONG_SHORT_HEAD.match(text)
    if (
        mid is not None
        and _is_acronym(mid.group(2))
        and best_long_form(mid.group(2), mid.group(1)) is not None
    ):
        head = mid.group(3)
        return [f"{mid.group(1)} {head}", f"{mid.group(2)} {head}"]
    return [text]


def to_gold(doc: AnnotatedDoc) -> dict[str, Any]:
    """The gold record of ``doc``: each concept once per type; ``long form (ACR)`` pairs merged,
    whether annotated as two spans or as one.

    Examples:
        >>> d = AnnotatedDoc("x", "t", "", "convolutional networks (CNNs) and CNNs",
        ...     [Span("abstract", 0, 22, "Method"), Span("abstract", 24, 28, "Method"),
        ...      Span("abstract", 34, 38, "Method")])
        >>> to_gold(d)["entities"]["Method"]
        [{'name': 'convolutional networks|CNNs'}]
        >>> d = AnnotatedDoc("x", "t", "", "Word sense disambiguation (WSD) helps",
        ...     [Span("abstract", 0, 31, "Task")])
        >>> to_gold(d)["entities"]["Task"]
        [{'name': 'Word sense disambiguation|WSD'}]
    """
    ordered = sorted(doc.spans, key=lambda s: (s.field != "title", s.start, s.end))
    names: dict[str, list[list[str]]] = {t: [] for t in doc.types}
    previous: Span | None = None
    previous_group: list[str] = []
    for span in ordered:
        if span.label not in names:
            continue
        text = doc.text_of(span).strip()
        source = doc.title if span.field == "title" else doc.abstract
        group = names[span.label]
        forms = _span_forms(text)
        lowered = {f.lower() for f in forms}
        known = next((g for g in group if lowered & {n.lower() for n in g}), None)
        between = source[previous.end : span.start] if previous is not None else ""
        is_short_form = (
            previous is not None
            and previous.label == span.label
            and previous.field == span.field
            and between.strip() == "("
            and _is_acronym(text)
        )
        if is_short_form:
            if known is None:
                previous_group.append(text)
                known = previous_group
            elif known is not previous_group:
                previous_group.extend(n for n in known if n not in previous_group)
                group.remove(known)
                known = previous_group
        elif known is None:
            # one span may hold both forms: "Word sense disambiguation (WSD)"
            known = forms
            group.append(known)
        previous, previous_group = span, known
    return {
        "id": doc.id,
        "title": doc.title,
        "types": list(doc.types),
        "entities": {t: [{"name": "|".join(g)} for g in names[t]] for t in doc.types},
    }


def to_input(doc: AnnotatedDoc) -> dict[str, str]:
    """The ``kg extract`` input record of ``doc``: ``id``, ``title``, ``abstract``."""
    return {"id": doc.id, "title": doc.title, "abstract": doc.abstract}


def write_set(
    docs: list[AnnotatedDoc], out: str | os.PathLike[str], name: str
) -> tuple[Path, Path]:
    """Write ``docs`` as ``<name>.gold.jsonl`` and ``<name>.input.jsonl`` under ``out``."""
    out = Path(out)
    gold, inp = out / f"{name}.gold.jsonl", out / f"{name}.input.jsonl"
    with atomic_write(gold) as fh:
        for doc in docs:
            fh.write(json.dumps(to_gold(doc), ensure_ascii=False, sort_keys=True) + "\n")
    with atomic_write(inp) as fh:
        for doc in docs:
            fh.write(json.dumps(to_input(doc), ensure_ascii=False, sort_keys=True) + "\n")
    return gold, inp


def write_dev_sets(
    data: str | os.PathLike[str], out: str | os.PathLike[str], *, include_scier: bool = True
) -> dict[str, tuple[Path, Path]]:
    """Write each development set as ``<name>.gold.jsonl`` and ``<name>.input.jsonl`` under ``out``.

    Returns ``{name: (gold_path, input_path)}``.
    """
    return {
        name: write_set(docs, out, name)
        for name, docs in dev_sets(data, include_scier=include_scier).items()
    }


_READERS: dict[str, Callable[[str], list[AnnotatedDoc]]] = {
    "scierc": read_scierc,
    "tdmsci": read_tdmsci,
    "scirex": read_scirex,
    "scier": read_scier,
}


def main(argv: list[str] | None = None) -> int:
    """Command line: convert one corpus file (any split, e.g. SciERC's ``test.json``) to a gold
    set and its ``kg extract`` input, as the development sets are converted."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.extract.corpora",
        description="Convert an annotated corpus file to kg evaluate gold and kg extract input.",
    )
    parser.add_argument("corpus", choices=sorted(_READERS), help="the corpus format")
    parser.add_argument(
        "path", help="the corpus file (SciREX: a folder of paper JSON files or one file)"
    )
    parser.add_argument("--out", required=True, help="folder for NAME.gold/input.jsonl")
    parser.add_argument("--name", help="base name of the two files (default: the path's stem)")
    args = parser.parse_args(argv)
    try:
        docs = _READERS[args.corpus](args.path)
        if not docs:
            raise InputError(args.path, f"no {args.corpus} records")
        gold, inp = write_set(docs, args.out, args.name or Path(args.path).stem)
    except KGError as exc:
        print(f"kg.extract.corpora: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"{len(docs)} records: {gold} {inp}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
