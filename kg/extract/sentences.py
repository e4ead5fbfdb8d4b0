"""``kg_sentences``: sentence boundaries suited to abstracts, without a parser.

A sentence starts after ``.``, ``!`` or ``?`` when the next token opens a new sentence (a capital
letter, a digit, a quote or bracket, a name such as "tpSGD" or "eKalibr"), and after a blank
line. spaCy's English tokenizer keeps "e.g.", "i.e.", "et al." and decimals as single tokens,
so they never end a sentence; a period followed by a lower-case word ("vs. prior work"), a
period after "al", "Fig", "Eq" and the like, and a period inside parentheses ("(Smith et al.
2020)") do not either.

:func:`token_strings` gives the rule components the tokens' strings as plain lists, read once
per doc (``kg_sentences`` reads them first): a ``for t in doc`` loop builds a new ``Token`` per
token each time, and that was a large part of the rules' time.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = [
    "AbstractSentencizer",
    "LIST_JOINS",
    "TokenStrings",
    "after_inner_hyphen",
    "inner_hyphen",
    "sentences",
    "sentence_of",
    "token_strings",
]

#: The words that join the names of a list ("X, Y and Z", "X or Y").
LIST_JOINS = frozenset({",", "and", "or"})
_ENDS = frozenset({".", "!", "?", "...", "…"})
_ABBREVIATIONS = frozenset(
    {
        "al",
        "fig",
        "figs",
        "eq",
        "eqs",
        "sec",
        "tab",
        "approx",
        "cf",
        "vs",
        "resp",
        "ref",
        "refs",
        "no",
        "vol",
        "e.g",
        "i.e",
    }
)
_OPENERS = frozenset({'"', "“", "'", "(", "["})
_TOKENS_KEY = "kg_token_strings"


class TokenStrings(NamedTuple):
    """The strings of a doc's tokens, read once: ``texts[i]`` is ``doc[i].text``, ``lowers[i]``
    ``doc[i].lower_``, ``spaces[i]`` whether ``doc[i]`` has trailing whitespace, ``idx[i]``
    ``doc[i].idx``; ``text`` is ``doc.text``."""

    texts: list[str]
    lowers: list[str]
    spaces: list[bool]
    idx: list[int]
    text: str

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (``0 <= start``, ``end <= len(doc)``)."""
        if start >= end:
            return ""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.texts[end - 1])]


def token_strings(doc: Doc) -> TokenStrings:
    """The doc's :class:`TokenStrings`, cached in ``doc.user_data``.

    The rule components scan every token several times; each ``doc[i]`` or ``for t in doc``
    builds a new :class:`spacy.tokens.Token`, so they read these lists instead. Valid while the
    tokens stay as they are (no component of the pipeline retokenizes).

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("We use PPO.")
        >>> token_strings(doc).lowers, token_strings(doc).spaces
        (['we', 'use', 'ppo', '.'], [True, True, False, False])
        >>> token_strings(doc).span_text(1, 3) == doc[1:3].text
        True
    """
    cached = doc.user_data.get(_TOKENS_KEY)
    if cached is not None and len(cached.texts) == len(doc):
        return cached  # type: ignore[no-any-return]
    strings_of = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER, SPACY, IDX])  # one C call; no Token objects
    texts = [strings_of[h] for h in rows[:, 0].tolist()]
    spaces = rows[:, 2].astype(bool).tolist()
    strings = TokenStrings(
        texts=texts,
        lowers=[strings_of[h] for h in rows[:, 1].tolist()],
        spaces=spaces,
        idx=rows[:, 3].tolist(),
        text="".join([t + " " if space else t for t, space in zip(texts, spaces, strict=True)]),
    )
    doc.user_data[_TOKENS_KEY] = strings
    return strings


class AbstractSentencizer:
    """Set ``token.is_sent_start`` on every token (so ``doc.sents`` works without a parser)."""

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        depth = 0  # open parentheses: "(Smith et al. 2020)" never ends a sentence
        strings = token_strings(doc)
        texts, spaces = strings.texts, strings.spaces
        starts = []
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        for i in range(len(doc)):
            text = texts[i]
            if i == 0:
                start = True
            else:
                prev = texts[i - 1]
                first = text[:1]
                start = "\n" in prev and not prev.strip()
                if (
                    not start
                    and prev in _ENDS
                    and depth == 0
                    and (
                        first.isupper()
                        or first.isdigit()
                        or first in _OPENERS
                        # a name written with a lower-case first letter: "tpSGD also ..."
                        or (first.islower() and any(ch.isupper() for ch in text[1:]))
                    )
                    and not (
                        i >= 2 and texts[i - 2].lower() in _ABBREVIATIONS and not spaces[i - 2]
                    )
                ):
                    start = True
            if start:
                flags[i, 0] = 1
                depth = 0
                starts.append(i)
            if text == "(":
                depth += 1
            elif text == ")" and depth:
                depth -= 1
        if len(doc):
            # one call; setting tokens one by one is slow
            doc.from_array([SENT_START], flags.astype("uint64"))  # type: ignore[arg-type]
        doc.user_data["kg_sent_starts"] = starts
        return doc


def inner_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word ("open-source", split by the tokenizer)."""
    tok = doc[i]
    return tok.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_


def after_inner_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a hyphen joined to it: the second part of a compound
    ("source" of "open-source", "precision" of "high-precision")."""
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, cheaply (boundaries cached by ``kg_sentences``; else the whole doc).

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_sentences")
        >>> [s.text for s in sentences(nlp("One. Two."))]
        ['One.', 'Two.']
    """
    starts = doc.user_data.get("kg_sent_starts")
    if not starts:
        return [doc[:]]
    ends = [*starts[1:], len(doc)]
    return [doc[s:e] for s, e in zip(starts, ends, strict=True)]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i`` (see :func:`sentences`)."""
    starts = doc.user_data.get("kg_sent_starts")
    if not starts:
        return doc[:]
    k = bisect.bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k] : end]


@Language.factory("kg_sentences", assigns=["token.is_sent_start"], default_config={})
def make_sentencizer(nlp: Language, name: str) -> AbstractSentencizer:
    """Factory of :class:`AbstractSentencizer` (``nlp.add_pipe("kg_sentences")``).

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_sentences")
        >>> doc = nlp("We use e.g. PPO vs. DPO. It reaches 71.2% accuracy. Done")
        >>> [s.text for s in doc.sents]
        ['We use e.g. PPO vs. DPO.', 'It reaches 71.2% accuracy.', 'Done']
    """
    return AbstractSentencizer(name)
