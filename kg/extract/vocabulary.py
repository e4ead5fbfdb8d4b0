"""The curated vocabulary (``ontology/vocab/*.jsonl``) and the ``kg_vocab`` matcher component.

Each line of ``methods.jsonl``, ``datasets.jsonl``, ``metrics.jsonl`` and ``tasks.jsonl`` is one
entry ``{"id", "label", "type", "aliases", "broader", "source"}``. ``broader`` lists ids of more
general entries ("ImageNet 64x64" -> ImageNet); ``source`` is the defining paper (``arXiv:...``)
or an official or reference page.

Matching rule (documented because it decides precision): a form written entirely in lower case
("flow matching") matches case-insensitively; a form with any capital letter ("MATH", "GLUE",
"SQuAD", "ImageNet") matches with exactly that case, so common words never match an acronym.
Each form also matches with hyphens written as spaces and vice versa, and lower-case forms match
their simple plural or singular ("diffusion model" <-> "diffusion models"), as do forms whose
last word is lower case ("Sharpe ratio" <-> "Sharpe ratios"). A Method or Dataset
match grows to the most specific form the text gives: the rest of its word ("Llama-3" in
"Llama-3-8B-Instruct"; a data set's subset too, "MMLU-STEM"; a method's only when the rest
names a version, size or variant, so a method built on the known one, "GRPO-Verifier" or
"LLaMA-Adapter", is no match), then up to two version, size or variant words ("Claude 3 Opus",
"AlpacaEval 2", "ImageNet 512x512"); a match that starts inside a word is dropped. A
lower-case Method or Task match also takes up to two technical modifiers before it ("robust
value iteration", "unsupervised hashing"; list ``technical_modifiers`` in ``rules.json``).

Also: a title-cased name of several words matches in sentence case too ("Inception score" of
"Inception Score"); a versioned model name such as "GPT-2" also in lower case ("gpt-2"); the
name of a versioned family (Claude, whose aliases name "Claude 3") any version written as one
token ("Claude-4-Sonnet"); a metric at any cutoff written as one token ("recall@20" of
Recall@k, whose aliases list cutoffs; "mAP@0.5" of the one-word form mAP). A one-word task
has no plural form ("recommendations" are not the task), and a noun made of a phrasal verb
has no spaced form ("speed-up", not "speed up").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ExtractError
from kg.extract.sentences import after_inner_hyphen, inner_hyphen
from kg.model import CONCEPT_TYPES
from kg.resources import vocab_dir
from kg.rules import load_rules

__all__ = [
    "VOCAB_DIR",
    "VOCAB_FILES",
    "VocabEntry",
    "load_vocabulary",
    "surface_variants",
    "language_start",
    "VocabularyMatcher",
]

#: Where the curated vocabulary lives (repository ``ontology/vocab/``).
VOCAB_DIR = vocab_dir()
#: One file per concept type.
VOCAB_FILES: dict[str, str] = {
    "Method": "methods.jsonl",
    "Dataset": "datasets.jsonl",
    "Metric": "metrics.jsonl",
    "Task": "tasks.jsonl",
}
# what a metric can measure, named by a noun before it: an action or property noun
# ("generalization accuracy") or a listed gerund ("reasoning accuracy"); not these -ity
# nouns, which stand before a metric without naming what it measures
_MEASURED_NOUN = re.compile(r"(?:tion|sion|ness|ment|ity)$")
_MEASURED_GERUNDS = frozenset(
    {
        "reasoning",
        "training",
        "testing",
        "serving",
        "learning",
        "planning",
        "decoding",
        "sampling",
        "ranking",
        "tracking",
        "parsing",
        "tagging",
        "labeling",
        "labelling",
        "clustering",
        "forecasting",
        "editing",
        "captioning",
        "grounding",
        "reranking",
        "routing",
        "scheduling",
        "answering",
        "understanding",
        "retrieving",
        "coding",
    }
)
# how a metric is counted: "micro-averaged accuracy", "labeled F1"
_METRIC_QUALIFIERS = frozenset(
    {"averaged", "labeled", "unlabeled", "labelled", "unlabelled"}
    # what is measured or how: "expected regret", "global convergence rates", "total utility"
    | {"expected", "global", "asymptotic", "total", "runtime", "candidate", "actor", "critic"}
)
_NOT_MEASURED = frozenset({"quantity", "quality", "majority", "ability"})
# number formats: "mixed precision", "half precision" is no measure
_NUMBER_FORMATS = frozenset({"mixed", "half", "full", "single", "double", "arbitrary", "machine"})
# the parts of a word after a known name: "-3-8B-Instruct" -> "3", "8B", "Instruct"
_WORD_PARTS = re.compile(r"[-.+/_]")
_VERSION_RE = re.compile(r"^(?:v?\d+(?:\.\d+)*[BbMK]?|\d+[xX×]\d+)$")
# what makes a number after a name a value, not a version: "CIFAR-10 95.1%"
_UNITS = frozenset({"%", "x", "×", "pp"})
# a version after a family's name: " 3", "-3.5", "-4o"
_FAMILY_VERSION_RE = re.compile(r"^[ -]\d")
# one token naming a version of a family: "Claude-4", "Llama-3.1"
_FAMILY_TOKEN_RE = re.compile(r"^([A-Za-z]{2,})-\d[\w.]*$")
# a noun whose plural ends in "ies": "accuracy", "policy", "latency"
_CONSONANT_Y_RE = re.compile(r"[^aeiou\W\d]y$")
# nouns whose plural is the singular: "time series"
_SAME_PLURALS = frozenset({"series", "species"})
# a metric at a cutoff, one token: "recall@10", "Recall@20", "mAP@0.5", "NDCG@k"
_CUTOFF_TOKEN_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)@(?:\d+(?:\.\d+)?|[kKnN])$")
# a model's name that is also written in lower case: "GPT-2" as "gpt-2", "GPT-4o" as "gpt-4o"
_LOWER_MODEL_RE = re.compile(r"[A-Z]{2,}[a-z]*-\d[\w.]*")
# a noun from a phrasal verb: its spaced form is the verb ("speed-up", "roll-out")
_PHRASAL_RE = re.compile(r"-(?:up|ups|down|out|outs|off)$")
_KEYS = ("id", "label", "type", "aliases", "broader", "source")


@dataclass(frozen=True)
class VocabEntry:
    """One curated concept: id, preferred label, type, aliases, broader ids and source."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    source: str = ""
    forms: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)


def _parse_line(path: Path, lineno: int, line: str, expected_type: str) -> VocabEntry:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ExtractError(str(path), f"not JSON: {exc.msg}", line=lineno) from None
    if not isinstance(data, dict) or any(k not in data for k in _KEYS):
        raise ExtractError(str(path), f"entry needs the keys {', '.join(_KEYS)}", line=lineno)
    if data["type"] != expected_type:
        raise ExtractError(
            str(path), f"type {data['type']!r} in the {expected_type} file", line=lineno
        )
    aliases = tuple(str(a) for a in data["aliases"])
    label = str(data["label"])
    forms: list[str] = []
    for name in (label, *aliases):
        for variant in surface_variants(name):
            if expected_type == "Task" and " " not in name and variant == name + "s":
                continue  # a task is an activity; "recommendations" are what it yields
            if variant not in forms:
                forms.append(variant)
    return VocabEntry(
        id=str(data["id"]),
        label=label,
        type=expected_type,
        aliases=aliases,
        broader=tuple(str(b) for b in data["broader"]),
        source=str(data["source"]),
        forms=tuple(forms),
    )


@functools.cache
def _load(directory: Path) -> tuple[VocabEntry, ...]:
    entries: list[VocabEntry] = []
    for ctype in CONCEPT_TYPES:
        path = directory / VOCAB_FILES[ctype]
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ExtractError(str(path), f"cannot read vocabulary: {exc.strerror}") from None
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip():
                entries.append(_parse_line(path, lineno, line, ctype))
    ids = {e.id for e in entries}
    for e in entries:
        missing = [b for b in e.broader if b not in ids]
        if missing:
            raise ExtractError(str(directory), f"{e.id}: unknown broader id {missing[0]}")
    return tuple(entries)


def load_vocabulary(directory: str | Path | None = None) -> list[VocabEntry]:
    """Read the curated vocabulary (default ``ontology/vocab/``), in type then file order.

    A malformed line raises :class:`kg.errors.ExtractError` naming the file and line; a
    ``broader`` id that names no entry is an error too. The result is cached per directory.

    Examples:
        >>> vocab = {e.id: e for e in load_vocabulary()}
        >>> vocab["dataset:imagenet-64x64"].broader
        ('dataset:imagenet',)
        >>> vocab["metric:frechet-inception-distance"].aliases[0]
        'FID'
        >>> sorted({e.type for e in vocab.values()})
        ['Dataset', 'Method', 'Metric', 'Task']
    """
    return list(_load(Path(directory) if directory else VOCAB_DIR))


def surface_variants(name: str) -> list[str]:
    """The written forms one vocabulary name matches (hyphen/space and plural variants).

    Examples:
        >>> surface_variants("diffusion model")
        ['diffusion model', 'diffusion-model', 'diffusion models']
        >>> surface_variants("Turbo-GS")
        ['Turbo-GS', 'Turbo GS']
        >>> surface_variants("speed-up")
        ['speed-up', 'speed-ups']
        >>> surface_variants("tokens/s")
        ['tokens/s']
        >>> surface_variants("top-1 accuracy")[-1], surface_variants("time series")
        ('top-1 accuracies', ['time series', 'time-series'])
    """
    out = [name]
    words = re.split(r"[ -]", name)
    if 2 < len(words) <= 4 and all(words):
        # every hyphen/space mix of a short name ("named-entity recognition")
        seps = [name[len(" ".join(words[: i + 1]))] for i in range(len(words) - 1)]
        for mask in range(1 << len(seps)):
            mixed = [" -"[(mask >> i) & 1] for i in range(len(seps))]
            if mixed != seps:
                form = words[0] + "".join(sep + w for sep, w in zip(mixed, words[1:], strict=True))
                out.append(form)
    elif "-" in name and not _PHRASAL_RE.search(name):
        out.append(name.replace("-", " "))  # not "speed up" of "speed-up": a verb
    elif " " in name:
        out.append(name.replace(" ", "-"))
    last = name.split()[-1]
    # a word's plural, not a unit's ("tokens/s" is no plural of "tokens/")
    if last.islower() and last.replace("-", "").isalpha() and last not in _SAME_PLURALS:
        if _CONSONANT_Y_RE.search(name):
            plural = name[:-1] + "ies"  # "top-1 accuracy" -> "top-1 accuracies"
        elif name.endswith("ies"):
            plural = name[:-3] + "y"
        elif name.endswith("s") and not name.endswith("ss"):
            plural = name[:-1]
        else:
            plural = name + "s"
        if not name.endswith(("ing", "ness", "ics", "sis")):
            out.append(plural)
    return out


def language_start(doc: Doc, start: int, languages: frozenset[str]) -> int:
    """Start of a task name with the languages before it: "Chinese word segmentation",
    "Arabic NER", "Czech-English translation", "Chinese-to-English translation"."""
    new = start
    if new > 0 and doc[new - 1].text in languages and doc[new - 1].whitespace_:
        new -= 1
        # "Czech-English", "Chinese-to-English": joined language pairs
        k = new
        while k >= 1 and doc[k - 1].text in {"-", "to"} and not doc[k - 1].whitespace_:
            k -= 1
        if k < new and k >= 1 and not doc[k - 1].whitespace_ and doc[k - 1].text in languages:
            new = k - 1
    return new


def _lower_case_safe(form: str) -> bool:
    """Whether a cased form may match in any case: several words, one of them a plain
    lower-case word, and no acronym among them ("adjusted Rand index", "Sharpe ratio"; not
    "KL divergence", "GPT-4", "Stable Diffusion")."""
    words = re.split(r"[ -]", form)
    return (
        len(words) > 1
        and any(w.isalpha() and w.islower() for w in words)
        and not any(sum(c.isupper() for c in w) > 1 for w in words)
    )


def _sentence_case(forms: Iterable[str]) -> list[str]:
    """The sentence-case spelling of each title-cased name of several words: "Inception
    Score" is also written "Inception score", "Soft Actor-Critic" "Soft actor-critic"; not a
    name with an acronym or an inner capital ("Deep Q-Network", "GPT Image")."""
    out: list[str] = []
    for form in forms:
        words = re.split(r"([ -])", form)[::2]
        if len(words) > 1 and all(
            w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words
        ):
            first = len(words[0])
            sentence = form[:first] + form[first:].lower()
            if sentence not in forms:
                out.append(sentence)
    return out


class VocabularyMatcher:
    """Mark every vocabulary form in a doc: ``doc.spans[spans_key]``, label = type, kb_id = id.

    Overlapping matches keep the longest (then the first); the entry is recorded as the span's
    ``kb_id_``. Forms shared by entries of different types go to the first entry in file order.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_vocab",
        spans_key: str = "kg_vocab",
        directory: str | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.entries = {e.id: e for e in load_vocabulary(directory)}
        self.rules = load_rules()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # a versioned family's name, to match a version the vocabulary does not list
        # ("Claude-4" of Claude, whose aliases name "Claude 3"): cased one-word forms
        self.families: dict[str, str] = {}
        # a metric's name, lower case, to match it at any cutoff ("recall@20" of Recall@k,
        # "mAP@0.5" of mAP): a family that lists cutoffs first, then any one-word metric form
        self.cutoffs: dict[str, str] = {}
        plain_cutoffs: dict[str, str] = {}
        # hyphenated forms, for a grown match whose start is a longer known form the tokenizer
        # split otherwise ("Qwen2.5-Math-72B": "Qwen2.5", "-", "Math-72B")
        self.hyphenated: dict[str, str] = {}
        seen: set[tuple[bool, str]] = set()
        for entry in self.entries.values():
            if entry.type in {"Method", "Dataset"}:
                for form in entry.forms:
                    if "-" in form:
                        self.hyphenated.setdefault(form.lower(), entry.id)
            if entry.type == "Method":
                for form in entry.forms:
                    if (
                        form.isalpha()
                        and not form.islower()
                        and any(
                            _FAMILY_VERSION_RE.match(other[len(form) :])
                            for other in entry.forms
                            if other.startswith(form)
                        )
                    ):
                        self.families.setdefault(form, entry.id)
            if entry.type == "Metric":
                for form in entry.forms:
                    cutoff = _CUTOFF_TOKEN_RE.match(form)
                    if cutoff:  # the family of "Recall@10", "R@1": any cutoff of it
                        self.cutoffs.setdefault(cutoff.group(1).lower(), entry.id)
                    elif form.replace("-", "").isalnum():
                        plain_cutoffs.setdefault(form.lower(), entry.id)
            exact_forms: list[Doc] = []
            lower_forms: list[Doc] = []
            sentence_case = _sentence_case(entry.forms)
            for form in (*entry.forms, *sentence_case):
                cased = any(c.isupper() for c in form)
                if (
                    cased
                    and form not in sentence_case  # "Stable diffusion", not "stable diffusion"
                    and (_lower_case_safe(form) or _LOWER_MODEL_RE.fullmatch(form))
                ):
                    # "adjusted Rand index" is also written "adjusted rand index", "GPT-2"
                    # "gpt-2"
                    cased = False
                key = (cased, form if cased else form.lower())
                if key in seen:
                    continue
                seen.add(key)
                (exact_forms if cased else lower_forms).append(nlp.make_doc(form))
            if exact_forms:
                self.exact.add(entry.id, exact_forms)
            if lower_forms:
                self.lower.add(entry.id, lower_forms)
        # a family that lists cutoffs wins over a one-word form of another entry
        self.cutoffs = {**plain_cutoffs, **self.cutoffs}

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        grown: list[Span] = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                entry_id = doc.vocab.strings[match_id]
                entry = self.entries[entry_id]
                new_start, new_end = start, end
                if entry.type in {"Method", "Dataset"}:
                    extended = self._extend(doc, start, end, entry.type == "Method")
                    if extended is None:
                        continue
                    new_end = extended
                if entry.type in {"Method", "Task"}:
                    new_start = self._modifiers(doc, start)
                elif entry.type == "Metric":
                    if end - start == 1 and self._not_a_measure(doc, start):
                        continue
                    new_start = self._metric_modifiers(doc, start)
                else:  # a language version of a resource: "Japanese WordNet"
                    new_start = language_start(doc, start, self.rules.language_modifiers)
                if new_end > end:
                    entry_id = self._longer_form(
                        doc[start:new_end].text, doc[start:end].text, entry
                    )
                span = Span(doc, new_start, new_end, label=entry.type, kb_id=entry_id)
                (spans if (new_start, new_end) == (start, end) else grown).append(span)
        covered = {i for span in spans + grown for i in range(span.start, span.end)}
        for i, token in enumerate(doc):
            family = _FAMILY_TOKEN_RE.match(token.text)
            family_id = self.families.get(family.group(1)) if family else None
            if family_id is not None and i not in covered:
                family_end = self._extend(doc, i, i + 1)
                if family_end is not None:
                    spans.append(Span(doc, i, family_end, label="Method", kb_id=family_id))
            cutoff = _CUTOFF_TOKEN_RE.match(token.text)
            cutoff_id = self.cutoffs.get(cutoff.group(1).lower()) if cutoff else None
            if cutoff_id is not None and i not in covered:
                spans.append(Span(doc, i, i + 1, label="Metric", kb_id=cutoff_id))
        # an exact form beats a grown one of the same extent ("ImageNet 64x64")
        doc.spans[self.spans_key] = filter_spans(spans + grown)
        return doc

    def _longer_form(self, text: str, matched: str, entry: VocabEntry) -> str:
        """The entry of the longest hyphenated known form a grown match starts with, if longer
        than the form ``matched`` and of the same type: "Qwen2.5-Math-72B" is Qwen2.5-Math's,
        not Qwen2.5's; else ``entry``'s."""
        parts = text.split("-")
        for k in range(len(parts) - 1, 1, -1):
            prefix = "-".join(parts[:k])
            found = self.hyphenated.get(prefix.lower())
            if found and self.entries[found].type == entry.type and len(prefix) > len(matched):
                return found
        return entry.id

    def _modifiers(self, doc: Doc, start: int) -> int:
        """Start of the most specific form to the left: up to two technical modifiers
        ("robust value iteration", "unsupervised hashing") before a lower-case match, and the
        languages of a language task before a lower-case or acronym match ("Chinese word
        segmentation", "Czech-English translation", "Chinese SRL")."""
        if not doc[start].is_lower:
            # a title-cased name takes a title-cased modifier: "Gaussian Hill Climbing"
            prev = doc[start - 1] if start > 0 else None
            if (
                prev is not None
                and doc[start].is_title
                and prev.is_title
                and prev.whitespace_
                and prev.lower_ in self.rules.technical_modifiers
                and not prev.is_sent_start
            ):
                return start - 1
            if doc[start].is_upper:  # an acronym takes its languages only: "Chinese SRL"
                return language_start(doc, start, self.rules.language_modifiers)
            return start
        new = start
        modifiers = self.rules.technical_modifiers
        while new > 0 and start - new < 4:
            prev = doc[new - 1]
            if not prev.whitespace_:
                break
            if prev.lower_ in modifiers:
                new -= 1
                continue
            # a hyphenated modifier, split by the tokenizer: "zero - shot", "cross - lingual"
            if (
                new >= 3
                and doc[new - 2].text == "-"
                and not doc[new - 2].whitespace_
                and not doc[new - 3].whitespace_
                and f"{doc[new - 3].lower_}-{prev.lower_}" in modifiers
            ):
                new -= 3
                continue
            break
        return language_start(doc, new, self.rules.language_modifiers)

    @staticmethod
    def _not_a_measure(doc: Doc, i: int) -> bool:
        """A one-word metric inside a compound ("high-precision solvers", "high-accuracy
        alignment models") or naming a number format ("mixed precision")."""
        if i > 1 and after_inner_hyphen(doc, i):
            return doc[i - 2].is_lower and doc[i - 2].is_alpha  # not "Precision-Recall"
        return i > 0 and doc[i].lower_ == "precision" and doc[i - 1].lower_ in _NUMBER_FORMATS

    @staticmethod
    def _metric_modifiers(doc: Doc, start: int) -> int:
        """The most specific form of a metric: what it measures, named by a noun before it
        ("generalization accuracy", "fact-based reasoning accuracy", "attention FLOPs"); not
        a verb ("improving accuracy") nor an adjective ("higher accuracy")."""
        new = start
        if new > 1 and inner_hyphen(doc, new - 1) and doc[new - 2].lower_ in {"pre", "post"}:
            return new - 2  # "pre-training loss", not "training loss"
        if new > 0:
            prev = doc[new - 1]
            # lower case, or title case before a title-cased metric ("Generalization Accuracy")
            same_case = prev.is_lower or (prev.is_title and doc[start].is_title)
            if (
                same_case
                and prev.is_alpha
                and prev.whitespace_
                and not prev.is_sent_start
                and (
                    _MEASURED_NOUN.search(prev.lower_) is not None
                    or prev.lower_ in _MEASURED_GERUNDS
                    or prev.lower_ in _METRIC_QUALIFIERS
                )
                and prev.lower_ not in _NOT_MEASURED
            ):
                new -= 1
                # and a hyphenated modifier of that noun: "fact-based reasoning", "micro-averaged"
                if (
                    new >= 2
                    and doc[new - 1].text == "-"
                    and not doc[new - 1].whitespace_
                    and not doc[new - 2].whitespace_
                    and doc[new - 2].lower_ in {"micro", "macro"}
                ):
                    new -= 2
                elif (
                    new >= 3
                    and doc[new - 1].whitespace_
                    and doc[new - 2].text == "-"
                    and not doc[new - 2].whitespace_
                    and not doc[new - 3].whitespace_
                    and doc[new - 3].is_lower
                    and doc[new - 1].is_lower
                    and (new < 4 or doc[new - 4].whitespace_)
                ):
                    new -= 3
        return new

    def _extend(self, doc: Doc, start: int, end: int, method: bool = True) -> int | None:
        """The most specific form: "Llama-3" -> "Llama-3-8B-Instruct", "Claude 3" -> "Claude 3
        Opus"; ``None`` when the match ends inside an adjective ("GPT-4-powered" keeps nothing
        new: the match stands alone) or starts inside a word."""
        if start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text[-1:].isalnum():
            return None  # "RL" inside "deepRL"
        stop = end
        while (
            stop < len(doc)
            and not doc[stop - 1].whitespace_
            and (doc[stop].text[:1].isalnum() or doc[stop].text in {"-", "+", "."})
        ):
            stop += 1
        while stop > end and doc[stop - 1].text in {"-", ".", "+"}:
            stop -= 1
        if stop > end:
            tail = doc[end:stop].text.lower().split("-")[-1]
            if tail in self.rules.adjective_suffixes:
                return end
            parts = [p for p in _WORD_PARTS.split(doc[end:stop].text) if p]
            if method and not all(self._edition(part) for part in parts):
                # a method built on the known one: "GRPO-Verifier", "LLaMA-Adapter" (a data
                # set's subset keeps its name: "MMLU-STEM", "Mind2Web-live")
                return None
            end = stop
        for _ in range(2):
            if end >= len(doc) or not doc[end - 1].whitespace_ or doc[end].is_sent_start:
                break
            nxt = doc[end].text
            after = doc[end + 1] if end + 1 < len(doc) else None
            if after is not None and not doc[end].whitespace_ and after.text in _UNITS:
                break  # a value: "CIFAR-10 95.1% accuracy"
            if after is not None and after.is_title and after.is_alpha and doc[end].whitespace_:
                break  # a longer name: "ImageNet Large Scale Visual Recognition Challenge"
            if nxt in self.rules.variant_words or _VERSION_RE.match(nxt):
                end += 1
            else:
                break
        return end

    def _edition(self, part: str) -> bool:
        """Whether one part of a word after a known name names a version, size or variant of
        it ("3", "8B", "4o", "R1", "v0.2", "Instruct", "turbo", "mini") rather than another
        name built on it ("Verifier", "Adapter")."""
        return any(ch.isdigit() for ch in part) or part.lower() in self.rules.edition_words

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(
    "kg_vocab",
    assigns=["doc.spans"],
    default_config={"spans_key": "kg_vocab", "directory": None},
)
def make_vocabulary_matcher(
    nlp: Language, name: str, spans_key: str, directory: str | None
) -> VocabularyMatcher:
    """Factory of :class:`VocabularyMatcher` (``nlp.add_pipe("kg_vocab")``).

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_vocab")
        >>> doc = nlp("We beat DDIM on ImageNet 64x64 and the MATH set, not math.")
        >>> [(s.text, s.label_) for s in doc.spans["kg_vocab"]]
        [('DDIM', 'Method'), ('ImageNet 64x64', 'Dataset'), ('MATH', 'Dataset')]
    """
    return VocabularyMatcher(nlp, name=name, spans_key=spans_key, directory=directory)
