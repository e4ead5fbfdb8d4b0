"""``kg_materials``: the data a paper works on, where the rules and the vocabulary found little.

SciERC labels the data of a paper whether or not it has a name ("news articles", "Korean",
"parallel corpus", "Switchboard dialogues"); the four-label recogniser, which also learns from
corpora that label only named data sets, leaves such descriptions out (span recall 0.07 on
SciERC dev). The shipped model folder holds a second recogniser for them, trained on SciERC
train alone (:func:`kg.extract.train.train_material`), as the disabled pipe ``material``.

This component runs it on an abstract only where the concepts found so far are few enough
for the paper to back off (:func:`kg.extract.assemble.may_back_off`; it costs a second
recogniser's pass, so not on every text, nor on titles): the text is then like the corpora it
learned from rather than a modern abstract full of names. Each span
that no concept already covers becomes a Dataset concept in ``doc._.kg_materials``, without a
last preposition or conjunction ("image sequence of"), trimmed and unless generic
(:class:`kg.extract.generic.GenericFilter`) or a lower-case phrase ending in a plural data noun
("pre-collected datasets" describes sets, it names none); mentions with one normalised name
are one concept. They join the paper with the recogniser's own concepts when
the paper backs off (:func:`kg.extract.assemble.assemble`), and do not count towards the
back-off's limit on what the four-label recogniser adds.

Without the ``material`` pipe (rules only, or a model folder from before it) the component
leaves ``doc._.kg_materials`` empty.

Examples:
    >>> from kg.extract import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("We evaluate the tracker on video sequences of office scenes and on movies.")
    >>> [(c.type, c.name) for c in doc._.kg_materials]
    [('Dataset', 'video sequences of office scenes')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span

from kg.extract.assemble import may_back_off
from kg.extract.concepts import DocConcept, describes_sets, normalise
from kg.extract.generic import GenericFilter

__all__ = ["MATERIAL_PIPE", "Materials", "uncovered"]

#: Name of the data-description recogniser's pipe in the shipped model folder
MATERIAL_PIPE = "material"
#: Words a name does not end with: "image sequence of" is "image sequence"
_NOT_LAST = frozenset({"of", "from", "for", "in", "on", "with", "to", "by", "and", "or"})


class Materials:
    """Add the data descriptions of a doc with few concepts; see the module docstring."""

    def __init__(self, recogniser: EntityRecognizer | None, name: str = "kg_materials") -> None:
        self.name = name
        self.recogniser = recogniser
        self.filter = GenericFilter()
        if not Doc.has_extension("kg_materials"):
            Doc.set_extension("kg_materials", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_materials = []
        if (
            self.recogniser is None
            or doc.user_data.get("kg_field") == "title"
            or not may_back_off(len(doc._.kg_concepts or []), len(doc.text.split()))
        ):
            return doc
        found = [*(doc._.kg_concepts or []), *(doc._.kg_backoff or [])]
        # the recogniser on a copy of the tokens: doc.ents stay the four-label recogniser's
        copy = Doc(
            doc.vocab,
            words=[t.text for t in doc],
            spaces=[bool(t.whitespace_) for t in doc],
        )
        taken = _tokens(found)
        concepts: dict[str, DocConcept] = {}
        for ent in self.recogniser(copy).ents:
            span = self.filter.trim(_without_last_words(doc[ent.start : ent.end]))
            if (
                span is None
                or taken & set(range(span.start, span.end))
                or describes_sets(span.text)
            ):
                continue
            key = normalise(span.text)
            if key in concepts:
                concepts[key].mentions.append(span)
            else:
                concepts[key] = DocConcept(type="Dataset", mentions=[span], sources={"ner"})
        doc._.kg_materials = sorted(concepts.values(), key=lambda c: c.mentions[0].start)
        return doc


def _tokens(concepts: list[DocConcept]) -> set[int]:
    """The token indices the concepts' mentions cover."""
    return {i for c in concepts for m in c.mentions for i in range(m.start, m.end)}


def uncovered(descriptions: list[DocConcept], concepts: list[DocConcept]) -> list[DocConcept]:
    """The data descriptions none of whose mentions overlaps a mention of ``concepts``."""
    taken = _tokens(concepts)
    return [
        d for d in descriptions if not any(taken & set(range(m.start, m.end)) for m in d.mentions)
    ]


def _without_last_words(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].lower_ in _NOT_LAST:
        end -= 1
    return span.doc[span.start : end]


@Language.factory("kg_materials", assigns=["doc._.kg_materials"], requires=["doc._.kg_concepts"])
def make_materials(nlp: Language, name: str) -> Materials:
    """Factory of :class:`Materials` (``nlp.add_pipe("kg_materials", after="kg_concepts")``),
    with the ``material`` pipe of ``nlp`` when it has one (enabled or not)."""
    recogniser = None
    if MATERIAL_PIPE in nlp.component_names:
        recogniser = nlp.get_pipe(MATERIAL_PIPE)
    return Materials(recogniser, name)  # type: ignore[arg-type]
