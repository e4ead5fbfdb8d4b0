"""Corpus-wide concept normalisation: one node per concept however the papers spell it.

Every concept an extraction found (``Concept``: name, aliases, type, vocab_id) is mapped to a
normalised concept (:class:`kg.graph.model.ConceptNode`):

1. Forms with the same :func:`kg.graph.surface.surface_key` (case, plural, hyphen, spacing,
   Unicode, spelling variants) are one concept.
2. A curated vocabulary entry joins its label and its aliases; a concept the extractor matched
   to an entry (``vocab_id``) joins that entry, with its spelling, unless its long form
   contradicts the entry (``Bilevel Optimization (BO)`` matched to Bayesian optimization).
3. Acronyms are learned across the corpus: a definition ``Proximal Policy Optimization (PPO)``
   in one paper resolves a bare ``PPO`` in another. An acronym defined with two different
   meanings in the corpus (long forms that are not :func:`~kg.graph.surface.same_meaning`) is
   kept apart: its long forms stay separate concepts and the bare acronym its own node. An
   acronym never defined in the corpus takes a long form whose initials spell it, unless the
   extractor matched it to the vocabulary ("GPT" is not another paper's "grid pattern
   tracking").
4. A Method or Task that names a kind of another concept of the corpus, the other's name with
   words before it ("constrained reinforcement learning"), is a concept of its own, which the
   hierarchy links to the general one, though the extractor keeps the general name as an alias
   or matched the name to its vocabulary entry; not where the vocabulary lists both names as
   one entry's, and not where no paper names the general concept alone ("online fine-tuning"
   and "quantized fine-tuning" stay fine-tuning). A metric on something ("prediction
   accuracy") is the metric.
5. A name that writes a resolved acronym for some of its words is the name spelled out, where
   the corpus has that spelling ("Hardware-Aware NAS", "Hardware-Aware Neural Architecture
   Search"); not with an ambiguous acronym, nor into a vocabulary entry's concept.

The preferred label is the most frequent full form (an acronym only when no full form is
known; an edition of a curated name, "GPT-35-turbo" matched to GPT, never names the entry's
concept); all other forms are kept as aliases. The node id is ``concept:<slug of the preferred
label>``, independent of input order; the type is the majority type (ties in
:data:`kg.model.CONCEPT_TYPES` order).

Examples:
    >>> from kg.model import Concept, Extraction
    >>> exs = [
    ...     Extraction(id="a", title="", entities=[Concept(type="Method",
    ...         name="Proximal Policy Optimization", aliases=["PPO"])]),
    ...     Extraction(id="b", title="", entities=[Concept(type="Method", name="PPO")]),
    ... ]
    >>> n = normalise_concepts(exs)
    >>> n.concept_of[("b", 0)]
    'concept:proximal-policy-optimization'
    >>> n.concepts["concept:proximal-policy-optimization"].papers
    ['a', 'b']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.graph.hierarchy import is_variant_token
from kg.graph.model import ConceptNode
from kg.graph.surface import (
    acronym_initials,
    defines,
    is_acronym,
    is_plural,
    same_meaning,
    surface_key,
    surface_tokens,
    word_overlap,
)
from kg.graph.vocabulary import VocabEntry
from kg.model import CONCEPT_TYPES, Extraction

__all__ = ["Normalisation", "normalise_concepts", "concept_slug"]


def concept_slug(label: str) -> str:
    """Slug of a label: lower case, runs of non-alphanumerics become one hyphen.

    Examples:
        >>> concept_slug("ImageNet 64x64"), concept_slug("Pass@1"), concept_slug("Fréchet")
        ('imagenet-64x64', 'pass-1', 'frechet')
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", label).casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = re.sub(r"[^0-9a-z]+", "-", folded).strip("-")
    return slug or "x"


@dataclass
class Normalisation:
    """The result of :func:`normalise_concepts`.

    ``concepts`` by node id (sorted); ``concept_of`` maps ``(paper id, entity index)`` to a node
    id; ``key_to_concept`` maps every surface key seen to its node id; ``forms`` holds each
    node's surface forms with their counts; ``ambiguous`` maps an acronym with several meanings
    in the corpus to the node ids of those meanings.
    """

    concepts: dict[str, ConceptNode]
    concept_of: dict[tuple[str, int], str]
    key_to_concept: dict[str, str]
    forms: dict[str, Counter[str]] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


class _UnionFind:
    """Union-find over surface keys; the root of a set is its smallest key (order-free)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


def _prefix_related(a: str, b: str) -> bool:
    return a != b and (a.startswith(b) or b.startswith(a))


def _extends(form: str, general: str) -> bool:
    """Whether ``form`` is ``general`` with words before it, a kind of it ("distributional
    dynamic programming" of "dynamic programming").

    Examples:
        >>> _extends("meta-reinforcement learning", "Reinforcement Learning")
        True
        >>> _extends("reinforcement learning", "RL"), _extends("DP methods", "DP")
        (False, False)
    """
    tokens, tail = surface_tokens(form), surface_tokens(general)
    return 0 < len(tail) < len(tokens) and tokens[-len(tail) :] == tail


def _resolve_acronyms(
    uf: _UnionFind,
    definitions: dict[str, set[str]],
    long_forms: dict[str, set[str]],
    anchors: set[str],
) -> dict[str, list[str]]:
    """Join each acronym to its one meaning; return acronyms with several meanings.

    Long forms of one acronym that say the same thing in other words are merged first; then
    acronyms with one meaning are joined to it, repeatedly, since a join can merge two meanings
    of another acronym. Meanings found in the corpus (``anchors`` of its concepts) count; the
    vocabulary's other meanings only when the corpus has none.
    """
    for short in sorted(definitions):
        roots = sorted({uf.find(k) for k in definitions[short]})
        for i, ra in enumerate(roots):
            for rb in roots[i + 1 :]:
                if any(
                    same_meaning(fa, fb)
                    for fa in sorted(long_forms[ra])
                    for fb in sorted(long_forms[rb])
                ):
                    uf.union(ra, rb)
    pending = sorted(definitions)
    while True:
        ambiguous: dict[str, list[str]] = {}
        joined = False
        present = {uf.find(k) for k in anchors}
        for short in pending:
            meanings = sorted({uf.find(k) for k in definitions[short]})
            if len(meanings) > 1 and len(set(meanings) & present) == 1:
                meanings = sorted(set(meanings) & present)
            if len(meanings) == 1:
                if uf.find(short) != meanings[0]:
                    uf.union(short, meanings[0])
                    joined = True
            else:
                ambiguous[short] = meanings
        if not joined:
            return ambiguous
        pending = sorted(ambiguous)


def _agrees(longs: list[str], entry: VocabEntry) -> bool:
    """Whether a concept's long forms fit a vocabulary entry: one holds a name of the entry
    (``Microsoft COCO captions`` for COCO) or has half its content words in common with one
    (``Direct Policy Optimization`` for DPO)."""
    names = [entry.label, *entry.aliases]
    keys = {surface_key(n) for n in names} - {""}
    return any(
        any(k in surface_key(f) for k in keys if len(k) >= 3)
        or any(word_overlap(f, n) >= 0.5 for n in names)
        for f in longs
    )


#: Types whose more specific names are concepts of their own ("meta-reinforcement learning",
#: "zero-shot image classification"); a metric's ("prediction accuracy") is the metric.
_KINDS = frozenset({"Method", "Task"})


def _own_forms(forms: list[str], named: set[str], entry_of: dict[str, str]) -> list[str]:
    """A concept's forms without the general names its name extends, and the more specific
    names that extend it, where another concept of the corpus is named by that form
    (``named``: surface keys of names) and the vocabulary does not list both as one entry's
    (``entry_of``: entry id by surface key): the extractor keeps them as aliases
    ("constrained reinforcement learning", also "reinforcement learning"), the graph as two
    concepts that the hierarchy links. Without the acronyms of those forms alone.

    Examples:
        >>> forms = ["Decentralized Federated Learning", "FL", "Federated Learning", "DFL"]
        >>> _own_forms(forms, {"federatedlearning"}, {})
        ['Decentralized Federated Learning', 'DFL']
        >>> _own_forms(forms, set(), {}) == forms
        True
        >>> one = {"federatedlearning": "e", "decentralizedfederatedlearning": "e"}
        >>> _own_forms(forms, {"federatedlearning"}, one) == forms
        True
        >>> _own_forms(["online reinforcement learning", "RL"], {"reinforcementlearning"}, {})
        ['online reinforcement learning']
        >>> _own_forms(["pairwise proximal policy optimization", "PPO", "PPO algorithm"],
        ...            {"proximalpolicyoptimization"}, {})
        ['pairwise proximal policy optimization']
    """
    name = forms[0]
    entry = entry_of.get(surface_key(name))
    other = [
        f
        for f in forms[1:]
        if not is_acronym(f)
        and surface_key(f) in named
        and (entry is None or entry_of.get(surface_key(f)) != entry)
        and (_extends(name, f) or _extends(f, name))
    ]
    # the general names the name ends with, which other concepts are named by: "reinforcement
    # learning" of "online reinforcement learning", whose "RL" is not the specific name's
    words = re.split(r"[\s-]+", name)
    tails = [
        tail
        for tail in (" ".join(words[i:]) for i in range(1, len(words)))
        if surface_key(tail) in named
        and (entry is None or entry_of.get(surface_key(tail)) != entry)
    ]
    other += tails
    if not other:
        return forms
    # an acronym of the general name: it stands for it ("FL" of "Federated Learning"), or its
    # letters are exactly its initials, not the specific name's ("PPO" of "pairwise proximal
    # policy optimization", whose letters it also holds)
    spelled = {acronym_initials(t) for t in tails} - {"", acronym_initials(name)}

    def general(f: str) -> bool:
        key = surface_key(f)
        return (
            key in spelled
            or key.removesuffix("s") in spelled
            or (any(defines(f, o) for o in other) and not defines(f, name))
        )

    # and the general name with its descriptor ("dynamic programming methods")
    starts = [surface_tokens(o) for o in other]

    def described(f: str) -> bool:
        tokens = surface_tokens(f)
        return any(len(t) < len(tokens) and tokens[: len(t)] == t for t in starts)

    return [
        f
        for f in forms
        if f == name or (f not in other and not (is_acronym(f) and general(f)) and not described(f))
    ]


def _kind_of(longs: list[str], entry: VocabEntry, named: set[str]) -> bool:
    """Whether a concept the extractor matched to ``entry`` names a kind of it: its name (the
    first of its ``longs``, its long forms) is an entry's name with words before it that the
    entry does not list ("distributional dynamic programming" for dynamic programming), where
    another concept of the corpus is named by the entry (``named``); then it is a concept of
    its own below the entry's."""
    if not longs:
        return False
    name = longs[0]
    names = [entry.label, *entry.aliases]
    keys = {surface_key(n) for n in names}
    if surface_key(name) in keys or not keys & named:
        return False
    return any(_extends(name, n) for n in names)


def _implicit_definitions(
    instances: list[tuple[str, int, str, list[str], str, str | None]],
    definitions: dict[str, set[str]],
    long_forms: dict[str, set[str]],
) -> None:
    """Give an acronym of three or more letters never defined in the corpus the long forms
    whose word initials spell it exactly (``LLM``: ``large language model``); not an acronym
    the extractor matched to a vocabulary entry, whose meaning is known (``GPT`` is not the
    ``grid pattern tracking`` of another paper)."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for forms in long_forms.values():
        for f in forms:
            initials = acronym_initials(f)
            if len(initials) >= 3:
                by_initials[initials].add(surface_key(f))
    known = {anchor for _, _, anchor, _, _, vocab_id in instances if vocab_id}
    for _, _, anchor, inst_forms, _, _ in instances:
        if anchor in known:
            continue
        if len(inst_forms) == 1 and is_acronym(inst_forms[0]) and anchor not in definitions:
            letters = "".join(ch for ch in anchor if ch.isalpha())
            if letters == anchor and len(letters) >= 3 and letters in by_initials:
                definitions[anchor].update(by_initials[letters])


def _variant_of(tokens: Sequence[str], label: Sequence[str]) -> bool:
    """Whether ``tokens`` are ``label`` plus edition or size tokens ("GPT-35-turbo" of GPT)."""
    n = len(label)
    return (
        0 < n < len(tokens)
        and tuple(tokens[:n]) == tuple(label)
        and all(is_variant_token(t) for t in tokens[n:])
    )


def _preferred(forms: Counter[str], vocab_labels: set[str]) -> str:
    """Most frequent full form; spellings of one key count together, and within the winning
    key the vocabulary label (even one written like an acronym: "CIFAR-10", not "Cifar10"),
    else the most frequent spelling (spellings that differ only in case together), then the
    singular, then the lower-case one ("human alignment", not a title's "Human Alignment") is
    shown. A variant the extractor matched to an entry never names it ("GPT-35-turbo" of GPT):
    a form that extends a vocabulary label's key is left out."""
    label_tokens = [surface_tokens(f) for f in vocab_labels]
    full = {
        f: n
        for f, n in forms.items()
        if not is_acronym(f) and not any(_variant_of(surface_tokens(f), t) for t in label_tokens)
    }
    pool = full or dict(forms)
    totals: Counter[str] = Counter()
    for f, n in pool.items():
        totals[surface_key(f)] += n
    vocab_keys = {surface_key(f) for f in vocab_labels}
    best_key = min(totals, key=lambda k: (-totals[k], k not in vocab_keys, k))
    # every spelling of the winning key, also one written like an acronym ("CIFAR-10" for
    # "Cifar10"); spellings that differ only in case count together, the lower-case one shown
    # ("human alignment", not the title's "Human Alignment")
    group = [f for f in forms if surface_key(f) == best_key]
    by_case: Counter[str] = Counter()
    for f in group:
        by_case[f.casefold()] += forms[f]

    def capitalised(f: str) -> bool:  # a lower-case spelling of it is among the forms
        return (f != f.lower() and f.lower() in group) or (
            f[:1].isupper() and f[:1].lower() + f[1:] in group
        )

    return min(
        group,
        key=lambda f: (
            f not in vocab_labels,
            -by_case[f.casefold()],
            is_plural(f),
            capitalised(f),
            -forms[f],
            f,
        ),
    )


def _entry_keys(vocab: dict[str, VocabEntry]) -> dict[str, str]:
    """The union-find key of each vocabulary entry: its label's surface key, unless an entry
    before it (by id) has that key already, then its id. "CLIP score" (the metric; its key
    drops the generic "score") is no form of CLIP (the model).

    Examples:
        >>> from kg.extract.vocabulary import VocabEntry
        >>> clip = VocabEntry(id="method:clip", label="CLIP", type="Method")
        >>> score = VocabEntry(id="metric:clip-score", label="CLIP score", type="Metric")
        >>> _entry_keys({e.id: e for e in (clip, score)})
        {'method:clip': 'clip', 'metric:clip-score': 'metric:clip-score'}
    """
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for entry in sorted(vocab.values(), key=lambda e: e.id):
        key = surface_key(entry.label) or entry.label
        if key in taken:
            key = entry.id
        taken.add(key)
        keys[entry.id] = key
    return keys


def normalise_concepts(
    extractions: Sequence[Extraction], vocabulary: Sequence[VocabEntry] = ()
) -> Normalisation:
    """Map every extracted concept of the corpus to one normalised concept node.

    ``vocabulary`` is the curated vocabulary (see :mod:`kg.graph.vocabulary`); concepts whose
    ``vocab_id`` is not in it are normalised by their forms alone.

    Examples:
        >>> from kg.model import Concept, Extraction
        >>> ex = Extraction(id="p", title="", entities=[
        ...     Concept(type="Method", name="LLMs"),
        ...     Concept(type="Method", name="large language models"),
        ...     Concept(type="Method", name="Large Language Model")])
        >>> sorted(set(normalise_concepts([ex]).concept_of.values()))
        ['concept:large-language-model']
    """
    uf = _UnionFind()
    definitions: dict[str, set[str]] = defaultdict(set)
    vocab = {e.id: e for e in vocabulary}
    # the entry of each vocabulary form (the first entry by id where two list one form)
    entry_of: dict[str, str] = {}
    keys = _entry_keys(vocab)
    labels = {key: entry_id for entry_id, key in keys.items()}

    def key_of(form: str, own: VocabEntry | None) -> str:
        # a form whose key is another entry's label ("CLIP score" of the metric, keyed like
        # CLIP) hangs on its own entry
        key = surface_key(form) or form
        if own is not None and labels.get(key, own.id) != own.id:
            return keys[own.id]
        return key

    for entry in sorted(vocab.values(), key=lambda e: e.id):
        label_key = keys[entry.id]
        entry_of.setdefault(surface_key(entry.label), entry.id)
        uf.add(label_key)
        for alias in entry.aliases:
            alias_key = surface_key(alias)
            if labels.get(alias_key, entry.id) != entry.id:
                continue  # another entry's label: "D4RL score" (a metric) is no form of D4RL
            entry_of.setdefault(alias_key, entry.id)
            if not alias_key or alias_key == label_key:
                continue
            if is_acronym(alias) and not is_acronym(entry.label):
                definitions[alias_key].add(label_key)
            else:
                uf.union(label_key, alias_key)

    # the surface keys that name a Method or Task somewhere in the corpus
    named = {surface_key(c.name) for ex in extractions for c in ex.entities if c.type in _KINDS}
    # (paper id, index, key the instance hangs on, forms, type, vocab id)
    instances: list[tuple[str, int, str, list[str], str, str | None]] = []
    for ex in extractions:
        for index, c in enumerate(ex.entities):
            forms = [f.strip() for f in [c.name, *c.aliases] if f and f.strip() and surface_key(f)]
            if not forms:
                forms = [c.name.strip() or "?"]
            if c.type in _KINDS:
                forms = _own_forms(forms, named, entry_of)
            longs = [f for f in forms if not is_acronym(f)]
            shorts = [f for f in forms if is_acronym(f)]
            own = vocab.get(c.vocab_id or "")
            anchor = key_of(longs[0] if longs else forms[0], own)
            uf.add(anchor)
            for f in longs[1:]:
                if not _prefix_related(key_of(f, own), anchor):
                    uf.union(anchor, key_of(f, own))
            if longs:
                for f in shorts:
                    key = surface_key(f)
                    if defines(f, longs[0]) or not _prefix_related(key, anchor):
                        definitions[key].add(anchor)
            matched = vocab.get(c.vocab_id or "")
            if matched is not None and longs and not _agrees(longs, matched):
                matched = None  # "Bilevel Optimization (BO)" matched by its acronym to BO
            if matched is not None and c.type in _KINDS and _kind_of(longs, matched, named):
                matched = None  # "distributional dynamic programming": a node of its own
            if matched is not None:  # the extractor matched the entry: trust it
                uf.union(anchor, keys[matched.id])
                anchor = keys[matched.id]
            instances.append((ex.id, index, anchor, forms, c.type, matched.id if matched else None))

    long_forms: dict[str, set[str]] = defaultdict(set)
    for _, _, _, forms, _, _ in instances:
        for f in forms:
            if not is_acronym(f):
                long_forms[uf.find(surface_key(f) or f)].add(f)
    for entry in vocab.values():
        root = uf.find(keys[entry.id])
        long_forms[root].update(f for f in (entry.label, *entry.aliases) if not is_acronym(f))
    _implicit_definitions(instances, definitions, long_forms)
    anchors = {inst[2] for inst in instances}
    ambiguous_keys = _resolve_acronyms(uf, definitions, long_forms, anchors)
    vocab_roots = {uf.find(keys[e.id]) for e in vocab.values()}
    _join_spelled_out(uf, instances, definitions, long_forms, ambiguous_keys, vocab_roots)

    return _assemble(uf, instances, vocab, ambiguous_keys, keys)


def _join_spelled_out(
    uf: _UnionFind,
    instances: list[tuple[str, int, str, list[str], str, str | None]],
    definitions: dict[str, set[str]],
    long_forms: dict[str, set[str]],
    ambiguous: dict[str, list[str]],
    vocab_roots: set[str],
) -> None:
    """Join a name that uses a resolved acronym as one of its words to the same name with the
    acronym spelled out, where the corpus has that spelling too ("Deep Selective SSMs" and
    "deep selective state space models"); an ambiguous acronym is left alone, and so is a
    spelling already joined to a vocabulary entry (the extractor's match of a more specific
    name to its known base stays that name's only link to the entry)."""
    # a written form of each long form's key (the key itself joins the words without spaces)
    written = {surface_key(f): f for forms in long_forms.values() for f in sorted(forms)}
    spelled: dict[str, tuple[str, ...]] = {}
    for short in sorted(definitions):
        if short in ambiguous:
            continue
        root = uf.find(short)
        meanings = sorted(
            k for k in definitions[short] if uf.find(k) == root and k in written and k != short
        )
        if meanings:
            spelled[short] = surface_tokens(written[meanings[0]])
    if not spelled:
        return
    known = set(uf.parent)
    for _, _, _, forms, _, _ in instances:
        for form in forms:
            tokens = surface_tokens(form)
            if len(tokens) < 2 or is_acronym(form):
                continue
            own = surface_key(form)
            for i, token in enumerate(tokens):
                expansion = spelled.get(token)
                if expansion is None:
                    continue
                key = "".join((*tokens[:i], *expansion, *tokens[i + 1 :]))
                if (
                    key in known
                    and uf.find(key) not in vocab_roots
                    and uf.find(own) not in vocab_roots
                ):
                    uf.union(own, key)


def _assemble(
    uf: _UnionFind,
    instances: list[tuple[str, int, str, list[str], str, str | None]],
    vocab: dict[str, VocabEntry],
    ambiguous_keys: dict[str, list[str]],
    keys: dict[str, str],
) -> Normalisation:
    """Group instances by cluster; choose labels, types and stable ids."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, inst in enumerate(instances):
        members[uf.find(inst[2])].append(i)
    vocab_root: dict[str, list[str]] = defaultdict(list)
    for entry in vocab.values():
        vocab_root[uf.find(keys[entry.id])].append(entry.id)

    clusters: dict[str, ConceptNode] = {}
    forms_of: dict[str, Counter[str]] = {}
    for root, idx in members.items():
        forms: Counter[str] = Counter()
        types: Counter[str] = Counter()
        vocab_ids: Counter[str] = Counter()
        papers: set[str] = set()
        for i in idx:
            paper, _, _, fs, ctype, vid = instances[i]
            forms.update(dict.fromkeys(fs, 1))
            types[ctype] += 1
            papers.add(paper)
            if vid:
                vocab_ids[vid] += 1
        for vid in vocab_root.get(root, []):
            vocab_ids[vid] += 0
        vocab_id = min(vocab_ids, key=lambda v: (-vocab_ids[v], v)) if vocab_ids else None
        labels = {vocab[v].label for v in vocab_ids}
        candidates = Counter(forms)
        for label in sorted(labels):
            candidates[label] += 0
        label = _preferred(candidates, labels)
        order = {t: i for i, t in enumerate(CONCEPT_TYPES)}
        ctype = min(types, key=lambda t: (-types[t], order.get(t, len(order)), t))
        aliases = set(forms) | labels
        for v in vocab_ids:
            aliases.update(vocab[v].aliases)
        aliases.discard(label)
        clusters[root] = ConceptNode(
            id="",
            type=ctype,
            label=label,
            aliases=sorted(aliases, key=lambda f: (-forms.get(f, 0), f)),
            vocab_id=vocab_id,
            papers=sorted(papers),
        )
        forms_of[root] = forms

    # stable ids: slug of the label; slug clashes ordered by paper count, then root key
    by_slug: dict[str, list[str]] = defaultdict(list)
    for root, node in clusters.items():
        by_slug[concept_slug(node.label)].append(root)
    id_of: dict[str, str] = {}
    taken = set(by_slug)
    for slug in sorted(by_slug):
        roots = sorted(by_slug[slug], key=lambda r: (-len(clusters[r].papers), r))
        id_of[roots[0]] = f"concept:{slug}"
        suffix = 1
        for root in roots[1:]:
            suffix += 1
            while f"{slug}-{suffix}" in taken:  # "C++" -> "c-2" unless a label slugs to "c-2"
                suffix += 1
            taken.add(f"{slug}-{suffix}")
            id_of[root] = f"concept:{slug}-{suffix}"
    for root, cid in id_of.items():
        clusters[root].id = cid

    concepts = {id_of[r]: clusters[r] for r in sorted(clusters, key=lambda r: id_of[r])}
    concept_of = {(inst[0], inst[1]): id_of[uf.find(inst[2])] for inst in instances}
    key_to_concept = {k: id_of[uf.find(k)] for k in sorted(uf.parent) if uf.find(k) in id_of}
    ambiguous = {
        short: sorted(id_of[m] for m in meanings if m in id_of)
        for short, meanings in ambiguous_keys.items()
    }
    return Normalisation(
        concepts=concepts,
        concept_of=concept_of,
        key_to_concept=key_to_concept,
        forms={id_of[r]: forms_of[r] for r in clusters},
        ambiguous={k: v for k, v in ambiguous.items() if v},
    )
