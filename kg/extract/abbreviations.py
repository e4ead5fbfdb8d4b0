"""``kg_abbreviations``: acronym definitions and naming phrases.

Two kinds of evidence that a span is a name, both recorded on the doc:

* ``doc._.kg_abbreviations``: ``(long, short)`` span pairs from "long form (SF)",
  "SF (long form)" and "long form, or SF," (no acronym inside the long form then: "GPUs, or
  TPUs," lists alternatives), found with the Schwartz-Hearst algorithm (Schwartz & Hearst
  2003, "A simple algorithm for identifying abbreviation definitions in biomedical text"): the
  short form's characters must appear in order in the long form, the first one at the start of
  a word, and the long form has at most ``min(len(SF) + 5, 2 * len(SF))`` words.
* ``doc._.kg_names``: ``(name, type)`` pairs from naming phrases, "a benchmark dubbed X",
  "a method called X", "named X", "termed X" (X capitalised, or a lower-case long form its
  acronym defines: "which we call proximal policy optimization (PPO)"), where ``type`` comes
  from the descriptor noun before the cue ("benchmark" -> Dataset) or is ``None``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.sentences import LIST_JOINS, sentence_of, token_strings
from kg.rules import load_rules

__all__ = [
    "AbbreviationDetector",
    "best_long_form",
    "initials_long_form",
    "is_short_form",
    "chunk_end",
]

_QUOTES = frozenset({"`", "'", '"', "“", "”", "‘", "’", "``", "''"})
_SF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-+./&]{0,14}$")

_DOUBLE_QUOTES = str.maketrans({'"': " ", "\u201c": " ", "\u201d": " "})


def is_short_form(text: str) -> bool:
    """Whether ``text`` can be an abbreviation: 2-15 characters, a capital letter, one word.

    Examples:
        >>> [is_short_form(t) for t in ("BOSS", "LLMs", "UI-NEXUS", "offline RL", "see", "2023")]
        [True, True, True, True, False, False]
    """
    words = text.split()
    if len(words) == 2 and words[0].isalpha() and words[0].islower():
        text = words[1]  # "offline RL", "deep RL"
    if not 2 <= len(text) <= 15 or not _SF_RE.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters) and any(c.isupper() for c in letters) and text.lower() not in {"e.g.", "i.e."}
    )


def best_long_form(short: str, long: str) -> int | None:
    """Schwartz-Hearst: the start offset in ``long`` of the shortest valid long form, or ``None``.

    Characters of ``short`` (letters and digits) are matched right to left in ``long``; the first
    character of ``short`` must match at the beginning of a word.

    Examples:
        >>> text = "we use Bellman Optimal Step-size Straightening"
        >>> text[best_long_form("BOSS", text):]
        'Bellman Optimal Step-size Straightening'
        >>> best_long_form("XYZ", "large language models") is None
        True
    """
    s_chars = [c.lower() for c in short if c.isalnum()]
    if not s_chars:
        return None
    s_index = len(s_chars) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        c = s_chars[s_index]
        while l_index >= 0 and (
            long[l_index].lower() != c
            or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = l_index + 1
    # the long form starts at the beginning of the word holding the first matched character
    while start > 0 and long[start - 1].isalnum():
        start -= 1
    return start


_SKIP_WORDS = frozenset(
    {"of", "from", "for", "and", "the", "with", "to", "in", "on", "via", "a", "an", "by"}
)
_PART_RE = re.compile(r"[^\s\-/]+")
# a digit between two capitals standing for a word: "T2I" (text-to-image), "B4C"
_DIGIT_WORD_RE = re.compile(r"[A-Z][24][A-Z]")
_DIGIT_WORDS = {"2": "to", "4": "for"}
# a short form with counted letters: "2RO", "R3", "A3C", "S4"
_COUNTED_RE = re.compile(r"[2-9]?(?:[A-Z][2-4]?)+")
_NUMBER_WORDS = {
    str(n): w for n, w in enumerate("zero one two three four five six seven eight nine".split())
}


def initials_long_form(short: str, long: str) -> int | None:
    """Start offset in ``long`` of the words whose initials spell ``short``, or ``None``.

    The capitals of ``short`` (all its letters when it has fewer than two capitals) must be
    the initials of the last words of ``long`` (hyphen parts count as words; "of", "from",
    "the" ... may be skipped); a digit between capitals stands for "to" or "for" ("T2I"), a
    digit after a capital repeats it ("R3", "A3C"), and a leading number is its word with the
    word it goes with ("2RO": "two-stage robust optimization"). Tried before
    :func:`best_long_form`, which can stop inside a word.

    Examples:
        >>> text = "using Proximal Policy Optimization"
        >>> text[initials_long_form("PPO", text):]
        'Proximal Policy Optimization'
        >>> text = "with Reinforcement Learning from Human Feedback"
        >>> text[initials_long_form("RLHF", text):]
        'Reinforcement Learning from Human Feedback'
        >>> text = "Offline reinforcement learning"
        >>> text[initials_long_form("offline RL", text):]
        'Offline reinforcement learning'
        >>> text = "recent text-to-image"
        >>> text[initials_long_form("T2I", text):]
        'text-to-image'
        >>> text = "the Reasoning Reflection Reward"  # a digit repeats a capital
        >>> text[initials_long_form("R3", text):]
        'Reasoning Reflection Reward'
        >>> text = "addresses two-stage robust optimization"  # a leading number is its word
        >>> text[initials_long_form("2RO", text):]
        'two-stage robust optimization'
    """
    if " " in short:  # "offline RL" <- "offline reinforcement learning"
        prefix, _, short = short.rpartition(" ")
        inner = initials_long_form(short, long)
        if inner is None:
            return None
        head = long[:inner].rstrip()
        if not head.lower().endswith(prefix.lower()):
            return None
        return len(head) - len(prefix)
    caps = [c for c in short if c.isupper()]
    letters = caps if len(caps) >= 2 else [c for c in short if c.isalpha()]
    if _DIGIT_WORD_RE.search(short):
        # "T2I" is "Text-to-Image", "B4C" "... for ...": the digit stands for the word
        letters = []
        for i, c in enumerate(short):
            if c.isupper():
                letters.append(c)
            elif i > 0 and _DIGIT_WORD_RE.match(short, i - 1):
                letters.append(_DIGIT_WORDS[c])
    elif _COUNTED_RE.fullmatch(short):
        # a leading number is its word ("2RO": "two-stage robust optimization"), a digit
        # after a capital repeats it ("R3": "Reasoning Reflection Reward", "A3C")
        letters = []
        for i, c in enumerate(short):
            if c.isdigit() and i == 0:
                letters.append(_NUMBER_WORDS[c])
            elif c.isdigit():
                letters.extend(letters[-1:] * (int(c) - 1))
            elif c.isupper():
                letters.append(c)
    parts = [(m.start(), m.group()) for m in _PART_RE.finditer(long)]
    p = len(letters) - 1
    skipped = False
    for start, word in reversed(parts):
        if p < 0:
            break
        if len(letters[p]) > 1:  # a word the short form's digit stands for
            if word.lower() != letters[p]:
                if p == 0 and letters[p] in _NUMBER_WORDS.values() and not skipped:
                    skipped = True  # the word a leading number goes with: "two-stage"
                    continue
                return None
            p -= 1
            if p < 0:
                return start
        elif word[0].lower() == letters[p].lower():
            p -= 1
            if p < 0:
                return start
        elif word.lower() in _SKIP_WORDS and p < len(letters) - 1:
            continue
        else:
            return None
    return None


def _past_function_word(short: str, text: str, offset: int) -> int:
    """Where a long form that Schwartz-Hearst starts at a function word starts instead: at the
    nearest word before it with the short form's first letter ("Optimistic variant of the
    Proximal Policy Optimization algorithm (OPPO)", not "of the ..."); else where it was.

    Examples:
        >>> text = "an Optimistic variant of the Proximal Policy Optimization algorithm"
        >>> text[_past_function_word("OPPO", text, text.index("of")):]
        'Optimistic variant of the Proximal Policy Optimization algorithm'
    """
    first = text[offset:].split(maxsplit=1)[0].lower() if text[offset:].strip() else ""
    if first not in _SKIP_WORDS or not short[:1].isalpha():
        return offset
    for m in reversed(list(re.finditer(r"\S+", text[:offset]))):
        if m.group()[0].lower() == short[0].lower() and m.group().lower() not in _SKIP_WORDS:
            return m.start()
    return offset


class AbbreviationDetector:
    """Find acronym definitions and naming phrases; see the module docstring."""

    def __init__(self, name: str = "kg_abbreviations", max_window: int = 12) -> None:
        self.name = name
        self.max_window = max_window
        self.rules = load_rules()
        for attr in ("kg_abbreviations", "kg_names"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_abbreviations = self._definitions(doc)
        doc._.kg_names = self._namings(doc)
        return doc

    # -- "long form (SF)" and "SF (long form)"
    def _definitions(self, doc: Doc) -> list[tuple[Span, Span]]:
        pairs: list[tuple[Span, Span]] = []
        texts = token_strings(doc).texts
        n = len(texts)
        for i, text in enumerate(texts):
            if text != "(" or i == 0:
                continue
            close = next(
                (j for j in range(i + 1, min(i + 14, n)) if texts[j] in {")", "("}),
                None,
            )
            if close is None or texts[close] != ")" or close == i + 1:
                continue
            inner_end = close
            for j in range(i + 1, close):  # "(SF; ...)" or "(SF, ...)"
                if texts[j] in {";", ","}:
                    inner_end = j
                    break
            inner = doc[i + 1 : inner_end]
            sent_start = sentence_of(doc, i).start
            if is_short_form(inner.text):
                pair = self._long_before(doc, i, inner, sent_start)
            else:
                pair = self._short_before(doc, i, inner)
            if pair is not None:
                pairs.append(pair)
        pairs.extend(self._or_definitions(doc, texts))
        return sorted(pairs, key=lambda pair: pair[1].start)

    def _or_definitions(self, doc: Doc, texts: list[str]) -> list[tuple[Span, Span]]:
        """ "long form, or SF," ("we develop Meta Reinforcement Fine-Tuning, or MRT, a new
        class of ..."): the short form alone between the comma-"or" and a punctuation mark,
        its long form checked as for a parenthesis."""
        pairs: list[tuple[Span, Span]] = []
        n = len(texts)
        stops = {",", ".", ";", ")", ":"}
        for i in range(1, n - 3):
            if texts[i] != "," or texts[i + 1].lower() != "or":
                continue
            end = i + 3  # the short form's tokens: no space between them ("ROD-TV")
            while end < n and not doc[end - 1].whitespace_ and texts[end] not in stops:
                end += 1
            if end >= n or texts[end] not in stops:
                continue
            short = doc[i + 2 : end]
            if not is_short_form(short.text) or not any(c.isupper() for c in short.text[1:]):
                continue
            pair = self._long_before(doc, i, short, sentence_of(doc, i).start)
            # without brackets, a looser cue: no acronym inside the long form ("train on GPUs,
            # or TPUs," is a list of alternatives). An acronym here has two capitals and is not
            # a capitalised word: is_short_form would also take "Meta" of "Meta Reinforcement
            # Fine-Tuning, or MRT"
            if pair is not None and not any(
                sum(c.isupper() for c in t.text) >= 2 and t.text != t.text.title() for t in pair[0]
            ):
                pairs.append(pair)
        return pairs

    def _long_before(
        self, doc: Doc, paren: int, short: Span, sent_start: int
    ) -> tuple[Span, Span] | None:
        n_chars = sum(c.isalnum() for c in short.text)
        max_words = min(n_chars + 5, n_chars * 2)
        # words = whitespace-separated chunks before the parenthesis, in this sentence
        words = 0
        first = paren
        for j in range(paren - 1, sent_start - 1, -1):
            if doc[j].text in {".", ";", ":", "(", ")", "[", "]"} or doc[j].is_space:
                break
            if doc[j].whitespace_ or j == paren - 1:
                words += 1
            if words > max_words:
                break
            first = j
        if first >= paren:
            return None
        window = doc[first:paren]
        # quotes around the long form ('"Proximal Policy Optimization" (PPO)') are blanked,
        # keeping the offsets, so that its first word still starts with its initial
        text = window.text.translate(_DOUBLE_QUOTES)
        offset = initials_long_form(short.text, text)
        if offset is None:
            offset = best_long_form(short.text, text)
            if offset is not None:
                offset = _past_function_word(short.text, text, offset)
        if offset is None:
            return None
        long = doc.char_span(window.start_char + offset, window.end_char, alignment_mode="expand")
        if long is not None:  # quotes around a long form are not part of it ('"X Y" (XY)')
            start, end = long.start, long.end
            while start < end and doc[start].text in _QUOTES:
                start += 1
            while end > start and doc[end - 1].text in _QUOTES:
                end -= 1
            long = doc[start:end]
        if long is None or len(long) == 0 or long.text.lower() == short.text.lower():
            return None
        # a long form made only of the short form's own letters is not a definition
        if len(long.text) <= len(short.text):
            return None
        return long, short

    def _short_before(self, doc: Doc, paren: int, inner: Span) -> tuple[Span, Span] | None:
        # "SF (long form)": the token(s) before the parenthesis without a space between them
        j = paren - 1
        while j > 0 and not doc[j - 1].whitespace_ and doc[j - 1].text not in {"(", ",", ";"}:
            j -= 1
        short = doc[j:paren]
        if not is_short_form(short.text) or len(inner) < 2 or len(inner) > 10:
            return None
        offset = best_long_form(short.text, inner.text)
        if offset != 0:
            return None
        return inner, short

    # -- "a benchmark dubbed X", "called X", "named X"
    def _namings(self, doc: Doc) -> list[tuple[Span, str | None]]:
        out: list[tuple[Span, str | None]] = []
        lowers = token_strings(doc).lowers
        naming_cues = self.rules.naming_cues
        for i, low in enumerate(lowers[:-1]):
            if low not in naming_cues:
                continue
            if low in {"call", "term", "name", "dub"} and doc[i - 1].lower_ != "we":
                continue  # "we call it X", not "a function call"
            j = i + 1
            while j < len(doc) and (
                doc[j].lower_ in {"as", "it", "this", "them"}
                or doc[j].text in _QUOTES
                or (low == "referred" and doc[j].lower_ == "to")  # "referred to as X"
            ):
                j += 1
            name = self._name_after(doc, j)
            if name is None:
                # a lower-case long form its acronym defines: "which we call proximal policy
                # optimization (PPO)"
                name = next((lf for lf, _sf in doc._.kg_abbreviations or [] if lf.start == j), None)
            if name is None:
                continue
            # and the names listed with it: "named AFA-CD and AFA-CS"
            names = [name]
            k = name.end
            while k + 1 < len(doc) and doc[k].lower_ in LIST_JOINS:
                k += 2 if doc[k].text == "," and doc[k + 1].lower_ in {"and", "or"} else 1
                more = self._name_after(doc, k) if k < len(doc) else None
                if more is None or not is_short_form(more.text):
                    break
                names.append(more)
                k = more.end
            ctype = None
            for j in range(i - 1, max(-1, i - 9), -1):
                if doc[j].is_punct and doc[j].text != "-":
                    if doc[j].text != ",":
                        break
                    continue
                ctype = self.rules.descriptor_type(doc[j].text)
                if ctype:
                    break
            out.extend((n, ctype) for n in names)
        return out

    @staticmethod
    def _name_after(doc: Doc, start: int) -> Span | None:
        """A name starting at token ``start``: one no-space chunk, or capitalised words."""
        if start >= len(doc) or not any(c.isupper() for c in doc[start].text):
            return None
        end = chunk_end(doc, start)
        # title-case continuation: "called Stable Video Diffusion"
        while (
            end < len(doc)
            and end - start < 8
            and doc[end - 1].whitespace_
            and not doc[end - 1].text.endswith(".")
            and doc[end].text[:1].isupper()
            and doc[end].is_alpha
        ):
            end = chunk_end(doc, end)
        return doc[start:end]


def _glued_sentence_end(texts: list[str], i: int) -> bool:
    """Whether token ``i`` is a period between two sentences written without a space
    ("availability.Evaluations", "approach.BRAIn"; the tokenizer splits it off)."""
    return (
        texts[i] == "."
        and i + 1 < len(texts)
        and texts[i - 1][-2:].isalpha()
        and texts[i - 1][-2:].islower()
        and texts[i + 1][:1].isupper()
    )


def chunk_end(doc: Doc, start: int) -> int:
    """End of the no-space chunk of tokens starting at ``start``, without trailing punctuation.

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("Self-Play Fine-Tuning, then UI-NEXUS.")
        >>> doc[0:chunk_end(doc, 0)].text, doc[8:chunk_end(doc, 8)].text
        ('Self-Play', 'UI-NEXUS')
    """
    strings = token_strings(doc)
    texts, spaces = strings.texts, strings.spaces
    end = start + 1
    while (
        end < len(texts)
        and not spaces[end - 1]
        and (texts[end][:1].isalnum() or texts[end] in {"-", "+", "."})
        and not _glued_sentence_end(texts, end)
    ):
        end += 1
    while end - 1 > start and texts[end - 1] in {"-", ".", "+"}:
        end -= 1
    return end


@Language.factory(
    "kg_abbreviations",
    assigns=["doc._.kg_abbreviations", "doc._.kg_names"],
    default_config={"max_window": 12},
)
def make_abbreviation_detector(nlp: Language, name: str, max_window: int) -> AbbreviationDetector:
    """Factory of :class:`AbbreviationDetector` (``nlp.add_pipe("kg_abbreviations")``).

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_sentences")
        >>> _ = nlp.add_pipe("kg_abbreviations")
        >>> doc = nlp("We introduce Bellman Optimal Step-size Straightening (BOSS). "
        ...           "We build a new benchmark dubbed UI-NEXUS.")
        >>> [(lf.text, sf.text) for lf, sf in doc._.kg_abbreviations]
        [('Bellman Optimal Step-size Straightening', 'BOSS')]
        >>> [(n.text, t) for n, t in doc._.kg_names]
        [('UI-NEXUS', 'Dataset')]
    """
    return AbbreviationDetector(name, max_window=max_window)
