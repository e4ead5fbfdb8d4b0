"""``kg_generic_filter``: drop generic phrases from candidate spans and trim their determiners.

Runs over ``doc.spans["kg_rule"]`` and the recogniser's ``doc.ents`` (copied to
``doc.spans["kg_ner"]``, so the statistical entities are never changed in place). A span is
dropped when, after trimming leading determiners and adjectives such as "the", "a", "novel",
it is empty, is in ``generic_phrases`` or ``umbrella_words`` ("our approach", "existing
methods", "baselines", "two datasets", "deep learning", "AI"), is made of such words only
("learning algorithms"), starts with a word of ``generic_first_words`` ("our", "existing",
"two" ...), or cuts through a bracket ("error O(s^2": a formula, not a name).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.sentences import token_strings
from kg.rules import Rules, load_rules

__all__ = ["GenericFilter", "is_generic"]

_TRIM = frozenset(
    {
        "the",
        "a",
        "an",
        "novel",
        "new",
        "proposed",
        "simple",
        "efficient",
        "effective",
        "powerful",
        "robust",
        "strong",
        "popular",
        "widely-used",
        "widely",
        "used",
        "recent",
        "large-scale",
        "standard",
        "well-known",
    }
)


def is_generic(text: str, rules: Rules | None = None) -> bool:
    """Whether a phrase is generic (never a concept), by the rule lists.

    Examples:
        >>> [is_generic(t) for t in ("our approach", "Existing methods", "two datasets", "AI")]
        [True, True, True, True]
        >>> [is_generic(t) for t in ("learning algorithms", "search algorithms")]
        [True, False]
        >>> [is_generic(t) for t in ("flow matching", "ImageNet 64x64", "GPT-4o")]
        [False, False, False]
    """
    rules = rules or load_rules()
    low = " ".join(text.lower().split())
    if not low or low in rules.generic_phrases or low in rules.umbrella_words:
        return True
    words = low.split()
    if all(w in rules.generic_phrases or w in rules.umbrella_words for w in words):
        return True  # made of generic words only: "learning algorithms", "inference methods"
    return words[0] in rules.generic_first_words or words[0].isdigit()


class GenericFilter:
    """Filter ``kg_rule`` spans and the recogniser's entities; see the module docstring."""

    def __init__(
        self, name: str = "kg_generic_filter", keys: tuple[str, ...] = ("kg_rule",)
    ) -> None:
        self.name = name
        self.keys = keys
        self.rules = load_rules()

    def trim(self, span: Span) -> Span | None:
        """``span`` without leading determiners/adjectives and trailing punctuation, or None."""
        doc = span.doc
        strings = token_strings(doc)
        start, end = span.start, span.end
        while start < end and (strings.lowers[start] in _TRIM or doc[start].is_punct):
            start += 1
        while end > start and doc[end - 1].is_punct and strings.texts[end - 1] not in {")", "+"}:
            end -= 1
        text = strings.span_text(start, end)
        if start >= end or is_generic(text, self.rules):
            return None
        if text.count("(") != text.count(")"):
            return None  # cut through a formula or a bracket: "error O(s^{delta}varepsilon"
        return Span(doc, start, end, label=span.label, kb_id=span.kb_id)

    def __call__(self, doc: Doc) -> Doc:
        for key in self.keys:
            if key in doc.spans:
                doc.spans[key] = [s for s in map(self.trim, doc.spans[key]) if s is not None]
        doc.spans["kg_ner"] = [s for s in map(self.trim, doc.ents) if s is not None]
        return doc


@Language.factory(
    "kg_generic_filter",
    assigns=["doc.spans"],
    default_config={"keys": ["kg_rule"]},
)
def make_generic_filter(nlp: Language, name: str, keys: list[str]) -> GenericFilter:
    """Factory of :class:`GenericFilter` (``nlp.add_pipe("kg_generic_filter")``).

    Examples:
        >>> import spacy
        >>> from spacy.tokens import Span
        >>> nlp = spacy.blank("en")
        >>> f = nlp.add_pipe("kg_generic_filter")
        >>> doc = nlp.make_doc("Our approach beats the novel Turbo-GS and existing methods.")
        >>> doc.ents = [Span(doc, 0, 2, "Method"), Span(doc, 3, 8, "Method"),
        ...             Span(doc, 9, 11, "Method")]
        >>> [s.text for s in f(doc).spans["kg_ner"]]
        ['Turbo-GS']
    """
    return GenericFilter(name, keys=tuple(keys))
