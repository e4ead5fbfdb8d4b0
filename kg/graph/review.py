"""Review of the normalisation: pairs of concept nodes that look like one concept.

Among the most connected concepts, :func:`duplicate_candidates` flags pairs of nodes when

``acronym``
    a form of one is an acronym spelling the word initials of a full form of the other
    (``LVLM`` / ``large vision-language model``) and the acronym is not ambiguous;
``shared form``
    both have a full form (not an acronym) with the same surface key (a curated alias claimed
    twice);
``same words``
    their full forms have the same content words in another order or with other function words
    (``optimization of policies`` / ``policy optimization``);
``spelling``
    their keys differ by a small edit (similarity >= 0.92, same start, same digits, neither
    inside the other), as misspellings do.

It is a review aid (``benchmarks/bench_graph.py`` prints it for the bundled corpus), not a
normaliser: a flagged pair is looked at, and a real case becomes a rule and a test.

Examples:
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph.build import build_graph
    >>> ps = [Paper(id=i, title=i, abstract="") for i in "ab"]
    >>> names = {"a": "policy optimization", "b": "optimization of policies"}
    >>> kg = build_graph(ps, [Extraction(id=i, title="", entities=[
    ...     Concept(type="Task", name=names[i])]) for i in "ab"], vocabulary=[])
    >>> [(s.first, s.second, s.reason) for s in duplicate_candidates(kg)]
    [('concept:optimization-of-policies', 'concept:policy-optimization', 'same words')]
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from kg.graph.model import KnowledgeGraph
from kg.graph.surface import acronym_initials, is_acronym, surface_key, surface_tokens

__all__ = ["Suspect", "duplicate_candidates", "most_connected"]

_FUNCTION_WORDS = frozenset("a an and by for from in of on the to via with".split())


class Suspect(NamedTuple):
    """Two concept node ids (sorted) that may be one concept, and why."""

    first: str
    second: str
    reason: str


def most_connected(kg: KnowledgeGraph, n: int = 100) -> list[str]:
    """The ``n`` concept nodes with the most edges (ties by id).

    Examples:
        >>> from kg.model import Paper
        >>> from kg.graph.build import build_graph
        >>> most_connected(build_graph([Paper(id="a", title="", abstract="")], [], vocabulary=[]))
        []
    """
    g = kg.graph
    return sorted(kg.concepts, key=lambda c: (-g.degree(c), c))[:n]


def _words(form: str) -> tuple[str, ...]:
    tokens = [t for t in surface_tokens(form) if t not in _FUNCTION_WORDS]
    return tuple(sorted(t[:-1] if len(t) > 3 and t.endswith("s") else t for t in tokens))


def duplicate_candidates(kg: KnowledgeGraph, n: int = 100) -> list[Suspect]:
    """Pairs among the ``n`` most connected concepts that look like one concept, sorted.

    An acronym that is a form of two nodes, or spells the initials of two, has several meanings
    and is kept apart on purpose: it is not flagged.

    Examples:
        >>> from kg.model import Paper
        >>> from kg.graph.build import build_graph
        >>> duplicate_candidates(build_graph([Paper(id="a", title="", abstract="")], []))
        []
    """
    top = most_connected(kg, n)
    forms = {c: [kg.concepts[c].label, *kg.concepts[c].aliases] for c in top}
    keys = {c: {surface_key(f) for f in forms[c] if not is_acronym(f)} - {""} for c in top}
    shorts = {c: {surface_key(f) for f in forms[c] if is_acronym(f)} - {""} for c in top}
    fulls = {c: [f for f in forms[c] if not is_acronym(f)] for c in top}
    initials = {c: {acronym_initials(f) for f in fulls[c]} - {""} for c in top}
    words = {c: {_words(f) for f in fulls[c]} - {()} for c in top}
    label_key = {c: surface_key(kg.concepts[c].label) for c in top}

    spelled_by: dict[str, int] = {}
    for c in top:
        for initial in initials[c]:
            spelled_by[initial] = spelled_by.get(initial, 0) + 1
    # an acronym spelling the initials of two nodes is ambiguous: kept apart on purpose
    unique = {c: {s for s in shorts[c] if spelled_by.get(s, 0) == 1} for c in top}

    found: dict[tuple[str, str], str] = {}
    for i, a in enumerate(sorted(top)):
        for b in sorted(top)[i + 1 :]:
            reason = None
            if keys[a] & keys[b]:
                reason = "shared form"
            elif (unique[a] & initials[b] and label_key[a] in unique[a]) or (
                unique[b] & initials[a] and label_key[b] in unique[b]
            ):
                reason = "acronym"
            elif words[a] & words[b]:
                reason = "same words"
            else:
                ka, kb = label_key[a], label_key[b]
                digits_a = [ch for ch in ka if ch.isdigit()]
                digits_b = [ch for ch in kb if ch.isdigit()]
                if (
                    min(len(ka), len(kb)) >= 8
                    and abs(len(ka) - len(kb)) <= 2
                    and ka[:3] == kb[:3]
                    and ka not in kb
                    and kb not in ka
                    and digits_a == digits_b
                    and difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.92
                ):
                    reason = "spelling"
            if reason:
                found[(a, b)] = reason
    return [Suspect(a, b, r) for (a, b), r in sorted(found.items())]
