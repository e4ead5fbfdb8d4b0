"""``kg_results``: quantitative results as (metric, value as written, dataset, method).

In each sentence, a *value* is a number with an optional unit ("17.86", "71.2%", "1.91x",
"3 times", "12 ms", "41.2 mm", "85 tokens/s"), a range of two ("24% to 40%") or a mean with
its spread ("92.1 ± 0.3%"); numbers inside concept mentions ("ImageNet 64x64", "pass@1"),
citations ("[29]"), bare years and counts (a number without unit followed by a noun that is
not a metric: "8 steps") are not values. A value is a
result when a Metric mention is next to it: right after it ("17.86 FID", "1.91x throughput
boost", "a 23% relative reduction in word error rate"; not past "and" into the next item:
"reduces the number of iterations by 40% and wall clock time by 35%") or shortly before it,
joined only by linking words ("FID of 17.86", "accuracy improves by 12%", "an exact match (EM)
of 78.3"). A value without a metric takes a
metric named in its clause after the previous value ("accuracy improvement of 21.01% and F1
improvement of 22.43%"), else it inherits the metric of the previous result of the sentence
when a link cue joins them ("compared to 138.66 with DDIM", "vs.", "than", "from") or it is
the next item of a list of values ("by 6.2, 4.8 and 5.1 points", also each with its data set
or method: "FID 1.5 on ImageNet 64x64 and 2.1 on ImageNet 256x256"); a value without a unit
before "and" and a value with one has that unit ("by 3.1 and 16.1 points"); a value
with a unit ("%", "x") still without a metric takes the sentence's only metric ("improves by
1.0% ... in terms of top-1 accuracy") unless a comparative follows it ("1.8x faster"; but
"10x to 50x faster in terms of wall-clock time" names its measure) or
its unit is a magnitude ("within 250K online steps" counts steps). Neither
reaches further than 40 tokens (a run-on "sentence" of a paper's body is no one statement). A
metric written as the unit is the value's metric ("35,000 GPU hours") unless one is linked to
the value ("a throughput of 12,000 tokens per second"). A measure a value compares that no
vocabulary entry knows ("45.5% fewer reasoning steps") is that value's alone: not the
sentence's only metric for other values, nor continued to the next value by its unit.

The dataset is a Dataset mention joined to the value by "by", "of" or a colon ("on MATH-500
by 9.3 points"), else the nearest Dataset mention of the sentence; the method is the Method a
bracketed value follows ("outperforming DiT-XL/2 (2.27 FID)"), else a Method named right after
the value ("with DDIM", "by PPO"), else the first Method before the value in the
sentence (the paper's own first; after a colon or semicolon, the one opening that statement)
that is not named as a baseline (``doc.spans["kg_compared"]``
of the role detector: "Compared with EAGLE-2, it reduces latency by 35%"), else the paper's
single proposed method when the sentence names no other method. The values before a
"respectively" pair in order with the datasets (or methods) named before it, where there are
as many ("80.1% and 81.3% on ImageNet and ImageNet-V2, respectively"). A value without a
metric also continues a list of values with the same unit ("1.0% for ResNet-32, 0.5% for
VGG-16"). A list of values written without units takes the metric after its last value, and
the list of as many data sets named right after it in order, as "respectively" would ("82.1,
45.3 and 78.9 mAP on Pascal VOC, COCO and Cityscapes"). Names are the concepts' names (long
forms). Results go to ``doc._.kg_results``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.concepts import DocConcept
from kg.extract.sentences import LIST_JOINS, sentences, token_strings
from kg.rules import load_rules

__all__ = ["ResultExtractor", "find_values"]

#: method of a result the text attributes to "our method" when the field names no single
#: proposed method; :func:`kg.extract.assemble.assemble` puts the paper's one in its place
OURS = "\x00ours"
# "our method", "the proposed approach": the paper's own method, named or not
_SELF_NOUNS = frozenset(
    {"method", "approach", "model", "framework", "algorithm", "system", "technique", "agent"}
)

_NUM_CORE = r"\$?[+-]?\d+(?:,\d{3})*(?:\.\d+)?"
_NUM = r"(?<![\w.@-])" + _NUM_CORE
_UNIT = (
    r"(?:\s?(?:(?:tokens|samples|images|frames|queries|requests|words|it)\s?(?:/\s?|per\s)"
    r"(?:second|sec|s)\b|%|×|x\b|-fold\b|fold\b|times\b(?!\s+\d)|points?\b|pp\b|pts\b|ms\b|seconds?\b"
    r"|minutes?\b|mins?\b|days?\b"
    r"|s\b|GPU[- ]hours\b|hours?\b|tokens\b|GB\b|MB\b|TB\b|dB\b|FPS\b|fps\b|mm\b|cm\b|px\b|Hz\b"
    r"|[BMK]\+?(?!\w)))?"
)
_VALUE = _NUM + _UNIT
# a range ("24% to 40%", "3x-14x") or a mean with its spread ("92.1 ± 0.3%")
_VALUE_RE = re.compile(rf"{_VALUE}(?:\s?(?:to|up to|-|–|~|±|\+/-)\s?{_NUM_CORE}{_UNIT})?")
# words that may follow a unit-less value that is still a result ("3.12 on ImageNet")
_CONTINUERS = frozenset(
    {
        "and",
        "or",
        "on",
        "in",
        "with",
        "for",
        "at",
        "compared",
        "vs",
        "versus",
        "than",
        "while",
        "whereas",
        "respectively",
        "when",
        "of",
        "to",
        "from",
        "over",
        "after",
        "using",
        "by",
        "within",
        "across",
        "under",
    }
)
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
# asymptotic rates and exponents: "O(T^{2/3})", "O(log^{*}(n))", "n^2", "epsilon^{-1}"
_MATH_RE = re.compile(r"\b[OΩΘ]\((?:[^()]|\([^()]*\))*\)|\^\{[^}]*\}|\^[-+]?\d+|_\{[^}]*\}")
# a numbered citation: "[29]", "[4, 7-9]"
_CITATION_RE = re.compile(r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]")
# a bound written on a value: ">8%", "<1 ms", "~2x"
_BOUNDS = frozenset("><~≈≥≤")


def _unit(value: str) -> str:
    """The unit at the end of a value ("%", "x", ""), to continue lists "1.0%, 0.5% and 0.7%"."""
    return value.lstrip("$+-0123456789.,").strip()


# what may join a data set to the value after it: "on MATH-500 by 9.3 points", "MMLU: 71.2"
_DATASET_JOINS = frozenset({"by", "of", ":", "(", "="})
# a magnitude suffix as a value's only unit: "250K", "7B", "1.2M+"
_MAGNITUDE_RE = re.compile(r"^[BMK]\+?$")
# what a size counts: "33B parameters", "7B-parameter models", "70B LLMs"
_SIZE_NOUN_RE = re.compile(r"\s?-?\s?(?:parameters?|params|models?|LLMs?)\b", re.IGNORECASE)
_CLAUSE_BREAKS = frozenset({"while", "whereas", "but", "which", "that", "when", ",", ";"})
_OR_AND = frozenset({"and", "or", "&"})
# the words that join the items of a list ("82.1, 45.3 and 78.9")
_LIST_WORDS = LIST_JOINS | _OR_AND
# the preposition that joins a value to its data set or method in a list of values
_ITEM_PREPOSITIONS = frozenset({"on", "for", "in", "with", "by"})
# words by which a value is set against another method's
_COMPARING = frozenset({"compared", "comparing", "than", "over", "versus", "vs", "vs.", "against"})
# the change a value states, between it and its metric: "a 23% relative reduction in WER"
_CHANGE_WORDS = frozenset(
    {"relative", "absolute", "average", "reduction", "improvement", "increase", "decrease"}
    | {"gain", "drop", "boost", "in", "of"}
)
# a ratio: "2.55x", "10 times", "3-fold"
_RATIO_RE = re.compile(r"\d\s?(?:x|×|times|-?fold)$", re.IGNORECASE)
# a duration is the value of a time measure only
_TIME_UNIT_RE = re.compile(r"\d\s?(?:ms|s|seconds?|minutes?|mins?|hours?|days?)$")
_TIME_METRIC_RE = re.compile(
    r"time|latency|hour|second|speed|runtime|run-time|wall|duration|clock|throughput|TTFT",
    re.IGNORECASE,
)
# a count of tokens is the value of a token or length measure only
_TOKEN_UNIT_RE = re.compile(r"\d\s?tokens$")
_TOKEN_METRIC_RE = re.compile(r"token|length|budget|usage|cost|context", re.IGNORECASE)
# values in these units measure only the metrics named so: "PSNR ... after 20 minutes of
# training", "accuracy ... with 361.5 tokens per response" are no results
_UNIT_METRICS = ((_TIME_UNIT_RE, _TIME_METRIC_RE), (_TOKEN_UNIT_RE, _TOKEN_METRIC_RE))
# how far (tokens) a value may stand from the sentence's only metric it takes, and from the
# previous value whose metric it continues: a run-on "sentence" of a paper's body (equations,
# citations, no full stop) is no one statement
_REACH = 40
# how many words a metric may stand before its value in one clause
_CLAUSE_WINDOW = 8
# an item number of an inline list: "(3)", "3)"
_ENUMERATOR_RE = re.compile(r"\(?\d{1,2}\)")


def _list_joined(between: Span | list[Any], slash: bool = True) -> bool:
    """Whether the words between two items only list them: commas, "and", "or", and with
    ``slash`` a slash."""
    joiners = _LIST_WORDS | {"/"} if slash else _LIST_WORDS
    words = [t.lower_ for t in between]
    return bool(words) and all(w in joiners for w in words)


def find_values(text: str) -> list[tuple[int, int]]:
    """Character ranges of the numeric values in ``text`` (see the module docstring).

    Examples:
        >>> t = "reaches 17.86 FID, a 1.91x boost and 24% to 40% gains in 2023, 3x-14x less"
        >>> [t[s:e] for s, e in find_values(t)]
        ['17.86', '1.91x', '24% to 40%', '3x-14x']
        >>> t = "O(T^{2/3}) regret, >8% more accurate, n^2 memory, (3) 12% less, 33B parameters"
        >>> [t[s:e] for s, e in find_values(t)]
        ['>8%', '12%']
        >>> t = "reaches 92.1 ± 0.3% and 3.1 +/- 0.2 points"
        >>> [t[s:e] for s, e in find_values(t)]
        ['92.1 ± 0.3%', '3.1 +/- 0.2 points']
        >>> t = "three aspects: 1) a speedup; 2) 5% less latency, and 3) (a gain of 2)"
        >>> [t[s:e] for s, e in find_values(t)]
        ['5%', '2']
        >>> t = "tight for 0<delta<1, and >8% more accurate"
        >>> [t[s:e] for s, e in find_values(t)]
        ['>8%']
        >>> t = "more diffuse [29]; as in [4, 7-9], 12% less"
        >>> [t[s:e] for s, e in find_values(t)]
        ['12%']
    """
    math = [(m.start(), m.end()) for m in _MATH_RE.finditer(text)]
    math += [(m.start(), m.end()) for m in _CITATION_RE.finditer(text)]
    out = []
    for m in _VALUE_RE.finditer(text):
        value = m.group().strip()
        if _YEAR_RE.match(value):
            continue
        start, end = m.start(), m.start() + len(m.group().rstrip())
        if any(s <= start < e for s, e in math):
            continue  # a rate, an exponent or a citation: "O(T^{2/3}) regret", "[29]"
        if _ENUMERATOR_RE.match(text, max(0, start - 1)) and (start == 0 or text[start - 1] == "("):
            continue  # a list's item number: "(3) lexical diversity ...", "3) ..."
        if _ENUMERATOR_RE.match(text, start) and text.rfind("(", 0, start) <= text.rfind(
            ")", 0, start
        ):
            continue  # "...: 1) X; 2) Y, and 3) Z": no bracket is open before the number
        if value[-1:] in "BMK" and _SIZE_NOUN_RE.match(text, end):
            continue  # a model's size, not a result: "up to 33B parameters"
        if text[end : end + 1] in _BOUNDS and text[end + 1 : end + 2].isalnum():
            continue  # a side of an inequality: "for 0<delta<1"
        if start > 0 and text[start - 1] in _BOUNDS:
            if start > 1 and text[start - 2].isalnum():
                continue  # the other side
            start -= 1  # a bound written on the number: ">8%", "~2x"
        out.append((start, end))
    return out


class ResultExtractor:
    """Find results in each sentence and store them in ``doc._.kg_results``."""

    def __init__(self, name: str = "kg_results", window: int = 6) -> None:
        self.name = name
        self.window = window
        rules = load_rules()
        self.link_cues = tuple(rules.result_link_cues)
        self._link_res = tuple(re.compile(rf"\b{re.escape(cue)}(?!\w)") for cue in self.link_cues)
        self.links = rules.metric_value_links
        self.comparatives = rules.comparatives
        for attr in ("kg_concepts", "kg_results"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        concepts: list[DocConcept] = doc._.kg_concepts or []
        mentions: list[tuple[Span, DocConcept]] = sorted(
            ((m, c) for c in concepts for m in c.mentions), key=lambda mc: mc[0].start
        )
        proposed = [c for c in concepts if c.proposed and c.type == "Method"]
        results: list[dict[str, Any]] = []
        sents = sentences(doc)
        for sent in sents:
            in_sent = [(m, c) for m, c in mentions if sent.start <= m.start < sent.end]
            results.extend(self._sentence(doc, sent, in_sent, proposed))
        doc._.kg_results = results
        return doc

    def _sentence(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[tuple[Span, DocConcept]],
        proposed: list[DocConcept],
    ) -> list[dict[str, Any]]:
        values = []
        unit_metric: dict[int, str] = {}  # "35,000 GPU hours": the unit is the metric
        # Span.text joins the span's tokens on every call; slice the doc's text once
        sent_text = token_strings(doc).text[sent.start_char : sent.end_char]
        for s, e in find_values(sent_text):
            span = doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
            if span is None:
                continue
            inside = [(m, c) for m, c in mentions if m.start < span.end and span.start < m.end]
            if inside:
                if not (
                    len(inside) == 1
                    and inside[0][1].type == "Metric"
                    and inside[0][0].start > span.start
                ):
                    continue
                unit_metric[span.start] = inside[0][1].name
            text = sent_text[s:e]
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                _unit(text) == ""
                and nxt is not None
                and nxt.is_alpha
                and nxt.is_lower
                and nxt.lower_ not in _CONTINUERS
                and not any(m.start == nxt.i for m, c in mentions if c.type == "Metric")
            ):
                continue  # a count ("8 steps", "100 tasks"), not a measured value
            values.append((span, text))
        # values listed together: "82.1, 45.3 and 78.9 mAP"
        listed = [
            _list_joined(doc[a[0].end : b[0].start])
            or (a[0].start == b[0].start and "/" in a[0].text)  # one token: "48.1/81.3"
            for a, b in zip(values, values[1:], strict=False)
        ]
        by_value: dict[int, dict[str, Any]] = {}  # each value's result, by the value's index
        previous: dict[str, Any] | None = None
        prev_end = sent.start
        # a measure a value compares or a verb changes by a value that is no known metric
        # ("45.5% fewer reasoning steps", "decreased average response tokens by 69.06%") is
        # that value's alone; a known one may be the sentence's ("4.6% higher top-1
        # accuracy ..., 4.7% for VGG-16")
        measures = {(s.start, s.end) for s in doc.spans.get("kg_measures", [])}
        bound = {
            m.start
            for m, c in mentions
            if c.type == "Metric" and c.vocab_id is None and (m.start, m.end) in measures
        }
        sentence_metrics = {
            c.name for m, c in mentions if c.type == "Metric" and m.start not in bound
        }
        compared_only = {c.name for m, c in mentions if m.start in bound} - sentence_metrics
        for k, (span, text) in enumerate(values):
            next_start = values[k + 1][0].start if k + 1 < len(values) else sent.end
            unit = _unit(text)
            joined = doc[span.end : next_start]
            if (
                not unit
                and k + 1 < len(values)
                and _list_joined(joined, slash=False)
                and any(t.lower_ in _OR_AND for t in joined)
            ):
                # the unit of a list of values written once at its end: "by 3.1 and 16.1 points"
                unit = _unit(values[k + 1][1])
            # a magnitude counts something ("within 250K online steps"), it measures nothing
            # a metric elsewhere in the sentence names
            # ("from 125M to 770M": the unit of a range's last number)
            magnitude = bool(_MAGNITUDE_RE.match(_unit(text.split()[-1])))
            # a metric linked to the value names it before its unit does: "a throughput of
            # 12,000 tokens per second" is throughput, "35,000 GPU hours" GPU hours
            metric = self._metric(span, mentions, values) or unit_metric.get(span.start)
            j = k
            while metric is None and j < len(listed) and listed[j]:
                # the metric after the list's last value: "82.1, 45.3 and 78.9 mAP"
                j += 1
                metric = self._metric(values[j][0], mentions, values)
            # the metric a few words before a value with a unit, in its clause
            before = (
                self._metric_before(span, mentions, values) if metric is None and unit else None
            )
            if before is not None and previous is not None and before != previous["metric"]:
                # a metric named in this value's clause after the previous value is this
                # value's ("accuracy improvement of 21.01% and F1 improvement of 22.43%")
                metric = before
            if metric is None and previous is not None and span.start - prev_end <= _REACH:
                between = doc[prev_end : span.start].text.lower()
                if (
                    any(cue.search(between) for cue in self._link_res)
                    or (
                        unit == _unit(previous["value"]) != ""
                        and previous["metric"] not in compared_only
                    )
                    # the next item of a list of values: "by 6.2, 4.8 and 5.1 points"; also
                    # each with its data set or method: "FID 1.5 on ImageNet 64x64 and 2.1 on
                    # ImageNet 256x256"
                    or self._next_item(doc, prev_end, span.start, mentions)
                ):
                    metric = previous["metric"]
            if (
                metric is None
                and unit
                and not magnitude
                and len(sentence_metrics) == 1
                and any(
                    abs(m.start - span.start) <= _REACH
                    for m, c in mentions
                    if c.name in sentence_metrics
                )
                # "trains 1.8x faster": a comparison whose measure the text does not name
                and not (span.end < len(doc) and doc[span.end].lower_ in self.comparatives)
                # "saves up to 5x the pre-training compute": a ratio is a speed-up, a saving or
                # a reduction of what its own clause names, not of a score named elsewhere
                and not _RATIO_RE.search(text)
            ):
                # "... by up to 1.0% for ResNet-32 ... in terms of top-1 accuracy"
                metric = next(iter(sentence_metrics))
            if metric is None and span.end < len(doc) and doc[span.end].lower_ in self.comparatives:
                # "10x to 50x faster in terms of wall-clock time": the comparison names it
                after = span.end + 1
                if [t.lower_ for t in doc[after : after + 3]] == ["in", "terms", "of"]:
                    named = [c for m, c in mentions if m.start == after + 3 and c.type == "Metric"]
                    metric = named[0].name if named else None
            if metric is None and not magnitude:
                metric = before
            if metric is None or any(
                unit_re.search(text) and not measure_re.search(metric)
                for unit_re, measure_re in _UNIT_METRICS
            ):
                continue
            result = {
                "metric": metric,
                "value": text,
                "dataset": self._dataset(span, mentions, [v for v, _t in values]),
                "method": self._method(doc, sent, span, next_start, mentions, proposed),
                "evidence": sent_text.strip(),
                "start": sent.start_char,
                "end": sent.end_char - (len(sent_text) - len(sent_text.rstrip())),
            }
            by_value[k] = result
            previous, prev_end = result, span.end
        self._in_order(doc, sent, by_value, values, listed, mentions)
        start = sent.start
        for t in sent:
            if t.lower_ == "respectively":
                self._respectively(
                    [r for k, r in by_value.items() if start <= values[k][0].start < t.i],
                    [(m, c) for m, c in mentions if start <= m.start < t.i],
                )
                start = t.i + 1
        return list(by_value.values())

    @staticmethod
    def _in_order(
        doc: Doc,
        sent: Span,
        by_value: dict[int, dict[str, Any]],
        values: list[tuple[Span, str]],
        listed: list[bool],
        mentions: list[tuple[Span, DocConcept]],
    ) -> None:
        """Pair a list of values with the list of as many data sets named right after it (past
        its metric and "on"), in order, as "respectively" would: "82.1, 45.3 and 78.9 mAP on
        Pascal VOC, COCO and Cityscapes", "48.1/81.3 on ADE20K/Cityscapes"."""
        metrics = {m.start: m.end for m, c in mentions if c.type == "Metric"}
        datasets = {m.start: (m, c) for m, c in mentions if c.type == "Dataset"}
        k = 0
        while k < len(values):
            j = k
            while j < len(listed) and listed[j]:
                j += 1
            group = [by_value[i] for i in range(k, j + 1) if i in by_value]
            size, k = j + 1 - k, j + 1
            if size < 2 or len(group) < size:
                continue  # a single value, or one of the list is no result
            i = values[j][0].end
            i = metrics.get(i, i)  # "78.9 mAP"
            while i < sent.end and doc[i].lower_ in {"on", "for", "in", "the"}:
                i += 1
            names: list[str] = []
            while i in datasets:
                m, c = datasets[i]
                names.append(c.name)
                i = m.end
                while i < sent.end and _list_joined(doc[i : i + 1]):
                    i += 1  # ", and"
            if len(names) == len(group):
                for result, name in zip(group, names, strict=True):
                    result["dataset"] = name

    @staticmethod
    def _respectively(out: list[dict[str, Any]], mentions: list[tuple[Span, DocConcept]]) -> None:
        """Pair the values before a "respectively" with the datasets, and with the methods,
        named before it (since the previous one), in order, where there are as many of them
        as values ("80.1% and 81.3% on ImageNet and ImageNet-V2, respectively")."""
        if len(out) < 2:
            return
        for ctype in ("dataset", "method"):
            names: list[str] = []
            for _m, c in mentions:
                if c.type.lower() == ctype and c.name not in names:
                    names.append(c.name)
            if len(names) == len(out):
                for result, name in zip(out, names, strict=True):
                    result[ctype] = name

    def _metric(
        self, value: Span, mentions: list[tuple[Span, DocConcept]], values: list[tuple[Span, str]]
    ) -> str | None:
        doc = value.doc
        metrics = [(m, c) for m, c in mentions if c.type == "Metric"]
        # at most two words between, a hyphenated compound one word: "2.8x end-to-end speedup";
        # not across a clause ("by up to 47% while maintaining accuracy") nor into the next
        # item of a list ("accuracy improvement of 21.01% and F1 improvement of 22.43%")
        # also a change noun and its preposition between: "a 23% relative reduction in word
        # error rate"
        after = [
            (words, c)
            for m, c in metrics
            if m.start >= value.end
            and (
                (words := len(doc[value.end : m.start].text.split())) <= 2
                or (words <= 4 and all(t.lower_ in _CHANGE_WORDS for t in doc[value.end : m.start]))
            )
            and not any(
                t.lower_ in _CLAUSE_BREAKS or t.lower_ in _OR_AND for t in doc[value.end : m.start]
            )
        ]
        if after:
            return min(after, key=lambda dc: dc[0])[1].name
        before = []
        for m, c in metrics:
            gap = value.start - m.end
            # past the bracket of a short form: "an exact match (EM) of 78.3"
            bracketed = (
                0 < m.start
                and m.end < value.start
                and doc[m.start - 1].text == "("
                and doc[m.end].text == ")"
            )
            link_from = m.end + 1 if bracketed else m.end
            if (
                0 <= gap <= self.window
                and all(t.lower_ in self.links or t.like_num for t in doc[link_from : value.start])
                and not any(m.end <= v.start < value.start for v, _ in values)
            ):
                before.append((gap, c))
        if before:
            return min(before, key=lambda dc: dc[0])[1].name
        return None

    def _metric_before(
        self, value: Span, mentions: list[tuple[Span, DocConcept]], values: list[tuple[Span, str]]
    ) -> str | None:
        """The metric a few words before a value with a unit, in the same clause and with no
        other value between: "the win rate progressively degrades (from 62.75% ...)"."""
        metrics = [(m, c) for m, c in mentions if c.type == "Metric" and m.end <= value.start]
        if not metrics:
            return None
        m, c = max(metrics, key=lambda mc: mc[0].end)
        between = value.doc[m.end : value.start]
        if (
            len(between) > _CLAUSE_WINDOW
            or any(t.text in {";", ":", ".", ","} for t in between)
            or any(m.end <= v.start < value.start for v, _ in values)
        ):
            return None
        return c.name

    @staticmethod
    def _dataset(
        value: Span, mentions: list[tuple[Span, DocConcept]], values: Sequence[Span] = ()
    ) -> str | None:
        # one joined to the value by "by", "of" or a colon ("on MATH-500 by 9.3 points and on
        # AIME24 by 6.7"; not "on Cifar10, and 5.55% ... on ImageNet"), else the nearest
        doc = value.doc
        just_before = [
            (value.start - m.end, c)
            for m, c in mentions
            if c.type == "Dataset"
            and 0 < value.start - m.end <= 2
            and all(t.lower_ in _DATASET_JOINS for t in doc[m.end : value.start])
        ]
        if just_before:
            return min(just_before, key=lambda dc: dc[0])[1].name
        # not the data set the value is compared with ("a drop in accuracy by 16% compared to
        # MMLU" is on the paper's MMLU-Pro) where the sentence names another
        compared = {
            m.start
            for m, c in mentions
            if c.type == "Dataset"
            and any(t.lower_ in _COMPARING for t in doc[max(0, m.start - 2) : m.start])
        }
        if any(c.type == "Dataset" and m.start not in compared for m, c in mentions):
            mentions = [(m, c) for m, c in mentions if m.start not in compared]
        datasets = [
            (abs(m.start - value.end), c)
            for m, c in mentions
            if c.type == "Dataset"
            # not the subject of the next value's statement: "AMC23 accuracy rising from 63%
            # to 80% and AIME24 reaching 46.7%" (the first is AMC23's)
            and not (
                m.start >= value.end
                and any(t.lower_ in {"and", ","} for t in doc[value.end : m.start])
                and any(m.end <= v.start for v in values)
                and any(o.end <= value.start for o, oc in mentions if oc.type == "Dataset")
            )
        ]
        return min(datasets, key=lambda dc: dc[0])[1].name if datasets else None

    @staticmethod
    def _next_item(
        doc: Doc, prev_end: int, start: int, mentions: list[tuple[Span, DocConcept]]
    ) -> bool:
        """Whether the words from the previous value to this one only join items of a list:
        "and", "or", commas, and at most one data set or method with the preposition before
        it ("1.5 on ImageNet 64x64 and 2.1 ...")."""
        named = [
            m
            for m, c in mentions
            if c.type in {"Dataset", "Method"} and prev_end <= m.start and m.end <= start
        ]
        if len(named) > 1:
            return False
        skip = set(range(named[0].start, named[0].end)) if named else set()
        rest = [t for t in doc[prev_end:start] if t.i not in skip]
        if named and not (rest and rest[0].lower_ in _ITEM_PREPOSITIONS):
            return False
        rest = rest[1:] if named else rest
        return not rest or _list_joined(rest, slash=False)

    @staticmethod
    def _method(
        doc: Doc,
        sent: Span,
        value: Span,
        next_start: int,
        mentions: list[tuple[Span, DocConcept]],
        proposed: list[DocConcept],
    ) -> str | None:
        methods = [(m, c) for m, c in mentions if c.type == "Method"]
        if value.start - 1 > sent.start and doc[value.start - 1].text == "(":
            # a figure in brackets right after a method's name is that method's:
            # "outperforming DiT-XL/2 (2.27 FID) and SiT (2.06 FID)"
            named = [c for m, c in methods if m.end == value.start - 1]
            if named:
                return named[0].name
        # "within 0.5% of the dense GCN": what the value is measured from, not its method
        within = value.start > sent.start and doc[value.start - 1].lower_ == "within"
        for m, c in [] if within else methods:
            window = doc[max(value.end, m.start - 3) : m.start]
            if (
                value.end <= m.start < next_start
                and any(t.lower_ in {"with", "by", "using", "of", "for"} for t in window)
                # in the value's clause (not "by 50% - 90%, significantly improving the
                # efficiency of Reasoning Language Models") and not what the value is compared
                # with ("a 2x speed-up compared with Adam"; but "compared to 138.66 with DDIM"
                # is DDIM's)
                and not any(
                    t.text in {",", ";"} or t.lower_ in _COMPARING for t in doc[value.end : m.start]
                )
            ):
                return c.name
        # not a method named as what the paper compares against ("Compared with EAGLE-2 and
        # Medusa, it reduces latency by 35%"): the kg_roles component's spans
        compared = {(s.start, s.end) for s in doc.spans.get("kg_compared", [])}
        before = [
            (m, c) for m, c in methods if m.end <= value.start and (m.start, m.end) not in compared
        ]
        # the subject of the value's statement, opening it after a colon or semicolon
        # ("Experiments with ResNet-18 ... confirm the theory: clipped Adam reduces the training
        # loss by 12%"; not a list after the colon, "ADAHESSIAN: (i) achieves ...")
        opens = max(
            (t.i + 1 for t in doc[sent.start : value.start] if t.text in {":", ";"}),
            default=sent.start,
        )
        if opens > sent.start:
            before = [(m, c) for m, c in before if opens <= m.start <= opens + 2] or before
        # "our method achieves ... 17.86 FID" after naming other methods: the paper's own
        last_named = max((m.end for m, _c in before), default=sent.start)
        words = [t.lower_ for t in doc[last_named : value.start]]
        if any(
            a in {"our", "proposed"} and b in _SELF_NOUNS
            for a, b in zip(words, words[1:], strict=False)
        ):
            # the field's single proposed method, else the paper's (resolved on assembly)
            return proposed[0].name if len(proposed) == 1 else OURS
        ours = [c for _m, c in before if c.proposed]
        if ours or before:
            return (ours or [c for _m, c in before])[0].name
        if len(proposed) == 1 and all((m.start, m.end) in compared for m, _c in methods):
            return proposed[0].name
        return None


@Language.factory("kg_results", assigns=["doc._.kg_results"], default_config={"window": 6})
def make_result_extractor(nlp: Language, name: str, window: int) -> ResultExtractor:
    """Factory of :class:`ResultExtractor` (``nlp.add_pipe("kg_results")``).

    Examples:
        >>> import spacy, kg.extract
        >>> nlp = spacy.blank("en")
        >>> for pipe in ("kg_sentences", "kg_abbreviations", "kg_vocab", "kg_candidates",
        ...              "kg_generic_filter", "kg_concepts", "kg_roles", "kg_results"):
        ...     _ = nlp.add_pipe(pipe)
        >>> doc = nlp("BOSS achieves 17.86 FID on ImageNet 64x64 with only four steps, "
        ...           "compared to 138.66 with DDIM.")
        >>> [(r["metric"], r["value"], r["dataset"], r["method"]) for r in doc._.kg_results]
        [('FID', '17.86', 'ImageNet 64x64', 'BOSS'), ('FID', '138.66', 'ImageNet 64x64', 'DDIM')]
    """
    return ResultExtractor(name, window=window)
