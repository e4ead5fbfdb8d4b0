"""Scoring extractions against gold sets: precision, recall, F1 per type, proposed flag, results.

Gold JSON Lines, one paper per line::

    {"id": "...", "types": ["Method", "Dataset", "Metric", "Task"],
     "entities": {"Method": [{"name": "long form|ACRONYM", "proposed": true}], "Dataset": [...]},
     "results": [{"metric": "FID", "value": "17.86", "dataset": "ImageNet 64x64", "method": "X"}]}

``types`` (optional, default all four) lists the types the gold set annotates; the others are
not scored for that paper, in gold or prediction (a corpus without Metric labels says nothing
about metrics). ``|`` separates alternative names of one concept. The proposed flag is scored
on papers whose gold entities carry a ``proposed`` key, results on papers with a ``results`` key.
Predictions are ``kg extract`` output (:meth:`kg.model.Extraction.to_dict`).

Document level: per paper and type, gold concepts and predicted concepts (name plus aliases)
are paired one-to-one (maximum matching), so each concept counts once however often it occurs.
A pair matches *strictly* when some normalised name of one equals some normalised name of the
other (:func:`normalise_name`), *leniently* when one name contains the other at word boundaries
or their word sets overlap by at least half (Jaccard). Results match strictly when the values
are equal after normalisation (case, spaces, "×" as "x", a leading hedge such as "up to" or
"about" dropped) and the metrics match strictly; leniently when the numbers are
equal and the metrics match leniently. Counts are summed over papers (micro average).

Examples:
    >>> gold = [{"id": "p", "entities": {"Method": [{"name": "proximal policy optimization|PPO"}],
    ...          "Task": [{"name": "code generation"}]}}]
    >>> pred = [{"id": "p", "entities": [{"type": "Method", "name": "PPO", "aliases": []},
    ...          {"type": "Task", "name": "generation of code", "aliases": []}]}]
    >>> r = evaluate(gold, pred)
    >>> r["entities"]["strict"]["overall"]["f1"], r["entities"]["lenient"]["overall"]["f1"]
    (0.5, 1.0)
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from kg.errors import RecordError
from kg.jsonl import json_objects
from kg.model import CONCEPT_TYPES

__all__ = [
    "normalise_name",
    "names_match",
    "read_gold",
    "read_predictions",
    "evaluate",
    "format_report",
]

_DASHES = re.compile(r"[\u2010-\u2015\u2212_]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_STOP = {"the", "a", "an", "of", "for", "on", "in", "and", "with", "to", "by", "via"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a hedge before a value is no part of it: "up to 88%" is the value "88%" (annotators differ on
# writing it; a bound written as a symbol, ">8%", stays)
_HEDGE = re.compile(
    r"^(?:up to|about|around|approximately|approx\.|roughly|nearly|almost|over|above|below"
    r"|more than|less than|at least|at most|by)\s+"
)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise_name(name: str) -> str:
    """Normalised form for strict matching: case, dashes, spacing, articles, final plural.

    Examples:
        >>> normalise_name("The Flow-Matching  Models")
        'flow matching model'
        >>> normalise_name("CNNs") == normalise_name("CNN")
        True
    """
    text = unicodedata.normalize("NFKC", name).lower()
    text = _POSSESSIVE.sub("", _DASHES.sub("-", text)).replace("-", " ")
    text = _SPACES.sub(" ", text).strip(" .,;:()[]\"'")
    words = text.split(" ")
    while len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    words[-1] = _singular(words[-1])
    return " ".join(words)


def _words(name: str) -> list[str]:
    return [w for w in normalise_name(name).replace("/", " ").split() if w not in _STOP]


def names_match(a: Iterable[str], b: Iterable[str], *, lenient: bool = False) -> bool:
    """Whether two concepts (their name alternatives) match, strictly or leniently.

    Examples:
        >>> names_match(["ImageNet 64x64"], ["ImageNet"]), names_match(["ImageNet 64x64"],
        ...     ["ImageNet"], lenient=True)
        (False, True)
    """
    na = {normalise_name(x) for x in a if x.strip()}
    nb = {normalise_name(x) for x in b if x.strip()}
    if na & nb:
        return True
    if not lenient:
        return False
    for x in na:
        for y in nb:
            if f" {x} " in f" {y} " or f" {y} " in f" {x} ":
                return True
            wx, wy = set(_words(x)), set(_words(y))
            if wx and wy and len(wx & wy) / len(wx | wy) >= 0.5:
                return True
    return False


def _matching(left: Sequence[Any], right: Sequence[Any], match: Callable[[Any, Any], bool]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; inputs are small)."""
    edges = [[j for j, r in enumerate(right) if match(lft, r)] for lft in left]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(left)))


def _lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, record in json_objects(path):
        if not isinstance(record.get("id"), str):
            raise RecordError(str(path), "expected a JSON object with a string 'id'", line=number)
        yield number, record


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read and check a gold JSON Lines file; a bad record raises one RecordError with its line."""
    records = []
    seen: set[str] = set()
    for number, rec in _lines(path):
        where = {"line": number}
        if rec["id"] in seen:
            raise RecordError(str(path), f"duplicate id {rec['id']!r}", **where)
        seen.add(rec["id"])
        ents = rec.get("entities", {})
        types = rec.get("types", list(CONCEPT_TYPES))
        if not isinstance(ents, dict) or not isinstance(types, list):
            raise RecordError(str(path), "'entities' must be an object, 'types' a list", **where)
        for key in [*ents, *types]:
            if key not in CONCEPT_TYPES:
                raise RecordError(str(path), f"unknown type {key!r}", **where)
        for key, items in ents.items():
            if not isinstance(items, list) or not all(
                isinstance(e, dict) and isinstance(e.get("name"), str) for e in items
            ):
                raise RecordError(str(path), f"{key}: expected a list of {{'name': ...}}", **where)
        results = rec.get("results")
        if results is not None and not (
            isinstance(results, list)
            and all(isinstance(r, dict) and "metric" in r and "value" in r for r in results)
        ):
            raise RecordError(str(path), "'results' must be a list of {metric, value}", **where)
        records.append(rec)
    return records


def read_predictions(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read and check ``kg extract`` output JSON Lines; a bad record raises a RecordError."""
    records = []
    for number, rec in _lines(path):
        ents = rec.get("entities", [])
        if not isinstance(ents, list) or not all(
            isinstance(e, dict)
            and isinstance(e.get("type"), str)
            and isinstance(e.get("name"), str)
            for e in ents
        ):
            raise RecordError(
                str(path), "'entities' must be a list of {type, name, ...}", line=number
            )
        if not isinstance(rec.get("results", []), list):
            raise RecordError(str(path), "'results' must be a list", line=number)
        records.append(rec)
    return records


def _prf(tp_pred: int, tp_gold: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp_gold,
        "pred": n_pred,
        "gold": n_gold,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


class _Counts:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = {}

    def add(self, key: str, tp: int, n_pred: int, n_gold: int) -> None:
        row = self.c.setdefault(key, [0, 0, 0])
        row[0] += tp
        row[1] += n_pred
        row[2] += n_gold

    def table(self, keys: Sequence[str]) -> dict[str, dict[str, float | int]]:
        out = {k: _prf(*(self.c.get(k, [0, 0, 0])[i] for i in (0, 0, 1, 2))) for k in keys}
        total = [sum(self.c.get(k, [0, 0, 0])[i] for k in keys) for i in range(3)]
        out["overall"] = _prf(total[0], total[0], total[1], total[2])
        return out


def _concept_names(entity: dict[str, Any]) -> list[str]:
    return [entity["name"], *entity.get("aliases", [])]


def _value_key(value: str, strict: bool) -> str:
    v = unicodedata.normalize("NFKC", str(value)).lower().replace("\u00d7", "x")
    v = _HEDGE.sub("", v.strip())
    return re.sub(r"\s+", "", v) if strict else ",".join(_NUMBER.findall(v))


def _result_match(g: dict[str, Any], p: dict[str, Any], lenient: bool) -> bool:
    if _value_key(g["value"], not lenient) != _value_key(p.get("value", ""), not lenient):
        return False
    return names_match(str(g["metric"]).split("|"), [str(p.get("metric") or "")], lenient=lenient)


def evaluate(
    gold: Sequence[dict[str, Any]],
    predictions: Sequence[dict[str, Any]],
    *,
    types: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Score ``predictions`` against ``gold`` (records as read); see the module docstring.

    ``types`` further restricts the scored types. Papers without a prediction count as empty
    predictions (``missing_predictions``); predictions for papers not in the gold set are ignored.
    """
    scored = [t for t in CONCEPT_TYPES if types is None or t in types]
    by_id = {p["id"]: p for p in predictions}
    counts = {"strict": _Counts(), "lenient": _Counts()}
    proposed = {"strict": _Counts(), "lenient": _Counts()}
    results = {"strict": _Counts(), "lenient": _Counts()}
    missing = 0
    annotated = {t for g in gold for t in g.get("types", CONCEPT_TYPES)}
    scored = [t for t in scored if t in annotated]
    for g in gold:
        pred = by_id.get(g["id"])
        missing += pred is None
        pred_ents = pred.get("entities", []) if pred else []
        doc_types = [t for t in scored if t in g.get("types", CONCEPT_TYPES)]
        gold_ents = g.get("entities", {})
        has_proposed = any("proposed" in e for items in gold_ents.values() for e in items)
        gold_prop: list[list[str]] = []
        pred_prop: list[list[str]] = []
        for t in doc_types:
            gold_names = [e["name"].split("|") for e in gold_ents.get(t, [])]
            pred_names: list[list[str]] = []
            seen: set[str] = set()
            for e in pred_ents:
                if e["type"] == t and normalise_name(e["name"]) not in seen:
                    seen.add(normalise_name(e["name"]))
                    pred_names.append(_concept_names(e))
                    if e.get("proposed"):
                        pred_prop.append([f"{t}:{n}" for n in _concept_names(e)])
            gold_prop += [
                [f"{t}:{n}" for n in e["name"].split("|")]
                for e in gold_ents.get(t, [])
                if e.get("proposed")
            ]
            for mode, counter in counts.items():
                tp = _matching(gold_names, pred_names, _concept_matcher(mode == "lenient"))
                counter.add(t, tp, len(pred_names), len(gold_names))
        if has_proposed:
            for mode, counter in proposed.items():
                tp = _matching(gold_prop, pred_prop, _typed_matcher(mode == "lenient"))
                counter.add("proposed", tp, len(pred_prop), len(gold_prop))
        if "results" in g:
            pred_res = pred.get("results", []) if pred else []
            for mode, counter in results.items():
                tp = _matching(g["results"], pred_res, _result_matcher(mode == "lenient"))
                counter.add("results", tp, len(pred_res), len(g["results"]))
    return {
        "documents": len(gold),
        "missing_predictions": missing,
        "types": scored,
        "entities": {m: c.table(scored) for m, c in counts.items()},
        "proposed": {m: c.table(["proposed"])["overall"] for m, c in proposed.items()},
        "results": {m: c.table(["results"])["overall"] for m, c in results.items()},
    }


def _concept_matcher(lenient: bool) -> Callable[[list[str], list[str]], bool]:
    def match(a: list[str], b: list[str]) -> bool:
        return names_match(a, b, lenient=lenient)

    return match


def _typed_matcher(lenient: bool) -> Callable[[list[str], list[str]], bool]:
    """Match ``"Type:name"`` alternatives: same type, then names."""

    def match(a: list[str], b: list[str]) -> bool:
        if a[0].split(":", 1)[0] != b[0].split(":", 1)[0]:
            return False
        strip = [n.split(":", 1)[1] for n in a], [n.split(":", 1)[1] for n in b]
        return names_match(*strip, lenient=lenient)

    return match


def _result_matcher(lenient: bool) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def match(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return _result_match(g, p, lenient)

    return match


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate`'s report (per type, strict and lenient).

    Examples:
        >>> print(format_report(evaluate([{"id": "p", "entities": {}}], [])).splitlines()[0])
        scope        mode         P      R     F1   pred  gold
    """
    lines = [f"{'scope':<12} {'mode':<8} {'P':>5}  {'R':>5}  {'F1':>5}  {'pred':>5} {'gold':>5}"]

    def row(scope: str, mode: str, s: dict[str, Any]) -> None:
        lines.append(
            f"{scope:<12} {mode:<8} {s['precision']:>5.3f}  {s['recall']:>5.3f}  "
            f"{s['f1']:>5.3f}  {s['pred']:>5} {s['gold']:>5}"
        )

    for key in [*report["types"], "overall"]:
        for mode in ("strict", "lenient"):
            row(key, mode, report["entities"][mode][key])
    for part in ("proposed", "results"):
        for mode in ("strict", "lenient"):
            if report[part][mode]["gold"] or report[part][mode]["pred"]:
                row(part, mode, report[part][mode])
    lines.append(
        f"documents {report['documents']}, missing predictions {report['missing_predictions']}"
    )
    return "\n".join(lines)
