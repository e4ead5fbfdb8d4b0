"""``kg_sentences``: sentence boundaries suited to abstracts, without a parser.

A sentence starts after ``.``, ``!`` or ``?`` when the next token opens a new sentence (a capital
letter, a digit, a quote or bracket), and after a blank line. spaCy's English tokenizer keeps
"e.g.", "i.e.", "et al." and decimals as single tokens, so they never end a sentence; a period
followed by a lower-case word ("vs. prior work"), a period after "al", "Fig", "Eq" and the
like, and a period inside parentheses ("(Smith et al. 2020)") do not either.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["AbstractSentencizer"]

_ENDS = frozenset({".", "!", "?", "...", "…"})
_ABBREVIATIONS = frozenset({"al", "fig", "figs", "eq", "eqs", "sec", "tab", "approx", "cf", "vs",
                            "etc", "resp", "ref", "refs", "no", "vol", "e.g", "i.e"})
_OPENERS = frozenset({'"', "“", "'", "(", "["})


class AbstractSentencizer:
    """Set ``token.is_sent_start`` on every token (so ``doc.sents`` works without a parser)."""

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        depth = 0  # open parentheses: "(Smith et al. 2020)" never ends a sentence
        for i, token in enumerate(doc):
            if i == 0:
                token.is_sent_start = True
                depth = 1 if token.text == "(" else 0
                continue
            prev = doc[i - 1]
            first = token.text[:1]
            start = False
            if "\n\n" in prev.text or (prev.is_space and "\n" in prev.text):
                start = True
            elif (
                prev.text in _ENDS
                and depth == 0
                and (first.isupper() or first.isdigit() or first in _OPENERS)
                and not (i >= 2 and doc[i - 2].lower_ in _ABBREVIATIONS and not doc[i - 2].whitespace_)
            ):
                start = True
            token.is_sent_start = start
            if start:
                depth = 0
            if token.text == "(":
                depth += 1
            elif token.text == ")" and depth:
                depth -= 1
        return doc


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
