"""``kg_sentences``: sentence boundaries suited to abstracts, without a parser.

A sentence starts after ``.``, ``!`` or ``?`` when the next token opens a new sentence (a capital
letter, a digit, a quote or bracket), and after a blank line. spaCy's English tokenizer keeps
"e.g.", "i.e.", "et al." and decimals as single tokens, so they never end a sentence; a period
followed by a lower-case word ("vs. prior work"), a period after "al", "Fig", "Eq" and the
like, and a period inside parentheses ("(Smith et al. 2020)") do not either.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["AbstractSentencizer", "sentences", "sentence_of"]

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
        "etc",
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


class AbstractSentencizer:
    """Set ``token.is_sent_start`` on every token (so ``doc.sents`` works without a parser)."""

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        depth = 0  # open parentheses: "(Smith et al. 2020)" never ends a sentence
        texts = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
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
                    and (first.isupper() or first.isdigit() or first in _OPENERS)
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
