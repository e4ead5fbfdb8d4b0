"""``kg_concepts``: merge vocabulary, rule, recogniser and acronym evidence into concepts.

Input span groups: ``kg_vocab`` (curated vocabulary), ``kg_rule`` (rule candidates), ``kg_ner``
(the statistical recogniser's entities after the generic filter) and the acronym pairs of
``doc._.kg_abbreviations``. Output: ``doc._.kg_concepts``, a list of :class:`DocConcept`, each
concept once per doc, with all its mentions.

Boundaries: overlapping candidates resolve to the longest span (ties: vocabulary, then
acronym long form, then rule), so the most specific form wins ("ImageNet 64x64" over
"ImageNet"); the recogniser's entities only fill the gaps the other evidence leaves.
Type: the vocabulary entry's when the chosen span is a vocabulary form; else the first decided
type among the overlapping rule, vocabulary and acronym candidates; else the descriptor noun
at the span's end ("... Benchmark"); else the descriptor words right after it ("the BNC test
set", "the ABC-7 task", also after the names listed with it: "the TUD-L, LINEMOD, and
Occluded-LINEMOD datasets"); else Dataset when its hyphen-joined start is a known data set
("COCO-30K", "CIFAR-10-C"); else Method (the recogniser's label types only the spans the
recogniser alone found). A dataset the text calls a task ("the RTE task", "the WMT shared
task") is that task. An acronym the vocabulary knows but the text defines with another long
form ("Sequence Reinforcement Learning (SRL)") takes the text's meaning. A known name that an
acronym defines at the end of a more specific name, adding lower-case words, is a concept of its
own: "a meta-reinforcement learning (RL) problem" names meta-RL and defines RL as reinforcement
learning (not proposed, whatever the specific name is). Identity: same
normalised text, or linked by an acronym definition, or an acronym and a long form of the same
vocabulary entry; synonyms ("image synthesis", "image generation") stay separate concepts, as
the text names them. Every later occurrence of a defined short form is a mention too. A more
specific form of a vocabulary name keeps the vocabulary's form as a variant ("robust value
iteration", also "value iteration"; "MuJoCo tasks", also "MuJoCo") unless the text names that
form on its own, and a method's name followed by "loss", "regression" or "sampling" has that
form as a variant ("InfoNCE loss", "Gaussian process regression"). An umbrella
term that an acronym brought in ("Deep Learning (DL)") is dropped.

The recogniser's entities type and support the other evidence, and draw the boundary where they
name a more specific form of a vocabulary name: a span that ends where the vocabulary name ends
and adds words before it that make it more specific ("heavy data augmentation", "equivariant
convolutional networks"; not "standard", "aligning", "... of"), over which every other
candidate lies (:meth:`ConceptMerger._more_specific`). Where the added words are lower-case (a
kind of the known thing, not a name of its own such as "Cascading Reinforcement Learning"), the
vocabulary name is kept in ``inner_forms``; the paper-level assembly makes it an alias unless
the paper names it on its own (strict F1 seed_dev2 0.702 -> 0.720, bundled_rest_dev 0.658 ->
0.677, TDMSci held-out 0.667 -> 0.678, SciREX held-out 0.395 -> 0.416; seed_dev 0.784 ->
0.780). When it runs, a task phrase only the rules found (no vocabulary entry, no acronym, no
recogniser span over it) is dropped (right 1 time in 10 on the development sets), except in a
title, which states its problem ("REX: Revisiting Budgeted Training with ..."). A concept
that only the recogniser found goes to ``doc._.kg_backoff`` instead (not a lower-case phrase
that ends in a plural data set noun, "transductive and inductive graph benchmarks", which
describes several sets and names none, nor a task not headed by an activity, "search stage",
as in broad mode below: SciERC dev strict F1 0.439 -> 0.453, bundled_rest_dev 0.700 -> 0.702,
seed_dev2 0.739 -> 0.740, the others unchanged) (default
``ner_alone=False``: on the modern development sets such concepts are right about one time in
six); the paper-level assembly keeps them only where the other evidence found little
(:func:`kg.extract.assemble._backs_off`). With ``ner_alone=True`` (``kg extract --broad``) the
recogniser also leads: its spans win the boundaries over overlapping vocabulary and rule spans,
as the corpora it learned from draw them (TDMSci held-out strict F1 0.580 -> 0.629, SciERC dev
0.470 -> 0.530 against the recogniser filling gaps only). There, a task only the recogniser
found must be headed by an activity ("... parsing", "... detection", "detecting ..."), not a
field or thing ("criminal law"): TDMSci held-out 0.645 -> 0.660, SciERC dev 0.551 -> 0.558.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.abbreviations import chunk_end, is_short_form
from kg.extract.candidates import is_proposal_cue
from kg.extract.sentences import (
    LIST_JOINS,
    after_inner_hyphen,
    inner_hyphen,
    sentences,
    token_strings,
)
from kg.extract.vocabulary import VocabEntry, load_vocabulary
from kg.rules import load_rules

__all__ = [
    "DocConcept",
    "ConceptMerger",
    "known_base",
    "lower_forms",
    "normalise",
    "vocabulary_label",
]

_PRIORITY = {"vocab": 0, "abbrev": 1, "ner": 2, "rule": 3}
_TYPE_ORDER = {"rule": 0, "vocab": 1, "abbrev": 2}
_TYPES = frozenset({"Method", "Dataset", "Metric", "Task"})
# descriptive proposals ("we design the first efficient constant approximation algorithm"):
# the evaluative words before the name, the heads that make the phrase a method, and the
# vague heads dropped from the name ("a layer-adaptive weight-pruning approach")
_EVALUATIVE = frozenset(
    {
        "a",
        "an",
        "the",
        "new",
        "novel",
        "first",
        "simple",
        "efficient",
        "effective",
        "proposed",
        "principled",
        "unified",
        "general",
        "lightweight",
        "practical",
        "scalable",
        "fast",
        "flexible",
        "generic",
        "straightforward",
        "elegant",
        "powerful",
        "robust",
        "provably",
        "theoretically",
        "computationally",
        "highly",
        "more",
        "very",
        "alternative",
        "innovative",
        "here",
        "and",
        "or",
        "yet",
        "both",
        "also",
        "then",
        "further",
        "thus",
        "therefore",
    }
)
# words before a known name that do not make the name more specific ("vanilla Transformer",
# "off-the-shelf LLMs"; with the rules' generic first words: "existing", "several"), verbs of
# change ("reduce runtime"), and the words that end a name rather than extend it ("Joint
# Optimization of Weight Pruning", "a benchmark named X")
_PLAIN_MODIFIERS = frozenset(
    {
        "vanilla",
        "open-source",
        "closed-source",
        "black-box",
        "external",
        "base",
        "optimal",
        "globally",
        "expressive",
        "downstream",
        "pre-trained",
        "pretrained",
        "off-the-shelf",
        "modern",
        "popular",
        "state-of-the-art",
        "classical",
        "typical",
        "naive",
        "baseline",
        "recent",
        # degree, not kind: "the drastic accuracy drop"
        "drastic",
        "dramatic",
        "significant",
        "substantial",
        "considerable",
        "remarkable",
        "notable",
        "sharp",
        "slight",
        "modest",
        "marginal",
        "huge",
        "massive",
        "tremendous",
        "severe",
    }
)
# words before a span that make its first word a counted noun or a verb ("two stage
# evolutionary algorithm", "can prune neural networks")
_COUNTS = frozenset({"one", "two", "three", "four", "five", "single", "multiple"})
_VERB_BEFORE = frozenset(
    {"can", "could", "may", "might", "must", "should", "will", "would", "cannot"}
)
_CHANGE_VERBS = frozenset(
    {
        "reduce",
        "reduces",
        "increase",
        "increases",
        "decrease",
        "decreases",
        "minimize",
        "minimizes",
        "maximize",
        "maximizes",
        "accelerate",
        "accelerates",
        "achieve",
        "achieves",
        "boost",
        "boosts",
        "enhance",
        "enhances",
        "optimize",
        "optimizes",
        "scale",
        "scales",
    }
)
_NOT_IN_A_NAME = frozenset(
    {
        ",",
        "and",
        "or",
        "of",
        "for",
        "with",
        "to",
        "in",
        "on",
        "by",
        "named",
        "called",
        "dubbed",
        "termed",
    }
)
_PROPOSAL_HEADS = frozenset(
    {
        "algorithm",
        "strategy",
        "technique",
        "procedure",
        "mechanism",
        "scheme",
        "architecture",
        "estimator",
        "optimizer",
        "sampler",
        "solver",
        "regularizer",
        "search",
        "pruning",
        "approach",
        "method",
        "framework",
        "paradigm",
        "techniques",
        "module",
        "scheduler",
        "network",
        "loss",
        "pipeline",
        "router",
        "controller",
        "planner",
        "encoder",
        "decoder",
        "objective",
        "filter",
        "model",
    }
)
# endings of adjectives, which describe rather than name ("comprehensive theoretical")
_ADJECTIVE_ENDINGS = ("ive", "al", "ic", "ous", "ful", "able", "ible", "ary")


# verbs of a result or comparison whose subject a phrase is: the phrase ends before them
_RESULT_VERBS = frozenset(
    {"outperform", "outperforms", "surpass", "surpasses", "beat", "beats", "exceed", "exceeds"}
    | {"achieve", "achieves", "improve", "improves", "reduce", "reduces", "attain", "attains"}
)


def _is_head(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a method head and not the first part of a compound ("model" of
    "model-based")."""
    return doc[i].lower_ in _PROPOSAL_HEADS and not (i + 1 < len(doc) and inner_hyphen(doc, i + 1))


# verbs by which the paper's own method names its parts
_OWN_PARTS = frozenset(
    {"employs", "utilizes", "utilises", "leverages", "adopts", "incorporates", "integrates"}
    | {"features", "combines", "uses"}
)
# a present passive that presents the paper's own: "a ... module is designed"
_PASSIVE_PROPOSALS = frozenset(
    {"proposed", "introduced", "designed", "developed", "devised", "presented", "constructed"}
)
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "that", "which", "where", "while"})
_ADVERB_ENDINGS = ("ally", "ively", "ously", "ently")
_EVALUATIVE_COMPOUNDS = frozenset(
    {"top-performing", "best-performing", "high-performing", "high-quality", "well-known"}
    | {"well-established", "state-of-the-art", "off-the-shelf", "easy-to-use"}
)
_VAGUE_HEADS = frozenset({"approach", "method", "framework", "paradigm", "techniques", "module"})
# what a recognised span names when it is no method: a problem, a task or a study
_PROBLEM_HEADS = frozenset(
    {"problem", "problems", "task", "tasks", "analysis", "analyses", "study"}
)
# what joins coordinated objects of a proposal verb: "X and a Y", "X, and Y"
_COORDINATION = frozenset({"and", ","})
# a sentence listing the paper's own parts, and the words after which an item starts
_COMPONENT_CUES = frozenset({"components", "contributions", "comprises", "consists", "composed"})
_LIST_STARTS = frozenset({"include", "includes", "including", ":", ",", "and", ")", ";"})
_MAX_PHRASE = 6
# nouns of named collections ("Europarl corpus") and capitalised words that are not names
_COLLECTION_NOUNS = frozenset(
    {"corpus", "corpora", "treebank", "dataset", "datasets", "benchmark", "collection"}
    | {"leaderboard", "benchmarks", "suite"}
)
_NOT_NAMES = frozenset(
    {
        "the",
        "a",
        "an",
        "we",
        "in",
        "on",
        "for",
        "with",
        "using",
        "from",
        "to",
        "of",
        "and",
        "new",
        "novel",
        "large",
        "public",
        "real",
        "synthetic",
        "english",
        "our",
        "this",
        "that",
        "these",
        "finally",
        "moreover",
        "however",
        "first",
        "second",
        "third",
        "then",
        "here",
        "experiments",
        "results",
        "evaluation",
        "extensive",
        "comprehensive",
        "benchmark",
        "dataset",
        "training",
        "test",
        "unlike",
        "compared",
        "across",
        "both",
        "each",
        "several",
    }
)
# what a data set's name modifies where it names no data set ("GQA models")
_MODEL_HEADS = frozenset({"model", "models"})
# plural nouns of data sets: a lower-case phrase they end describes several sets
_PLURAL_DATA_NOUNS = frozenset({"benchmarks", "datasets", "corpora", "environments", "suites"})
# kinds of artefact a measure's name can qualify without being measured ("runtime environment")
_ARTEFACTS = frozenset(
    {"environment", "environments", "library", "libraries", "toolkit", "platform", "engine"}
    | {"system", "systems", "framework", "frameworks"}
)
# method heads a task name can modify ("rate adaptation algorithm")
_MODIFIED_HEADS = frozenset(
    {
        "algorithm",
        "algorithms",
        "system",
        "systems",
        "framework",
        "frameworks",
        "method",
        "methods",
        "approach",
        "approaches",
        "model",
        "models",
        "module",
        "modules",
        "mechanism",
        "technique",
        "techniques",
        "pipeline",
        "architecture",
        "network",
        "networks",
    }
)
# descriptor words after a name that the text uses as part of it ("the bAbI dataset",
# "the Entity Linking task"): the extended form becomes an alias of the concept
_DESCRIPTORS: dict[str, tuple[tuple[str, ...], ...]] = {
    "Dataset": (
        ("test", "set"),
        ("dev", "set"),
        ("training", "set"),
        ("test", "data"),
        ("training", "data"),
        ("test",),
        ("testset",),
        ("data", "set"),
        ("dataset",),
        ("datasets",),
        ("corpus",),
        ("corpora",),
        ("benchmark",),
        ("benchmarks",),
        ("treebank",),
        ("collection",),
        ("data",),
        ("suite",),
    ),
    "Task": (("shared", "task"), ("task",), ("tasks",), ("problem",), ("problems",)),
    "Metric": (("score",), ("scores",), ("metric",), ("measure",)),
    "Method": (
        ("model",),
        ("models",),
        ("method",),
        ("approach",),
        ("algorithm",),
        ("framework",),
        ("system",),
        ("architecture",),
        ("network",),
        ("technique",),
        ("techniques",),
        ("systems",),
        ("algorithms",),
        ("methods",),
        ("optimizer",),
        ("optimizers",),
    ),
}


# words after a method's name that make a more specific form of it, recorded as a variant
# only, never a type cue ("InfoNCE loss", "Gaussian process regression", "MCMC sampling")
_VARIANT_DESCRIPTORS: dict[str, tuple[tuple[str, ...], ...]] = {
    "Method": (("loss",), ("regression",), ("sampling",), ("features",)),
}
# the words a variant may end or start with, per type: descriptors, then variant-only words
_VARIANT_WORDS = {
    ctype: _DESCRIPTORS.get(ctype, ()) + _VARIANT_DESCRIPTORS.get(ctype, ())
    for ctype in {*_DESCRIPTORS, *_VARIANT_DESCRIPTORS}
}

# a list of names, for the descriptor after its last one
_LIST_JOINS = LIST_JOINS | {"&"}
_LIST_ITEMS = 6

# endings of nouns that name an activity ("parsing", "generation", "analysis", "assessment")
_ACTIVITY_ENDINGS = ("ing", "tion", "sion", "ment", "sis", "ance", "ence")
_ARTICLES = frozenset({"a", "an", "the"})
_PREPOSITIONS = frozenset({"of", "from", "for", "in", "on", "with", "to", "by", "under", "across"})

_SEPARATORS = re.compile(r"[\s\-_]+")
_POSSESSIVE = re.compile(r"[’']s$")


def normalise(text: str) -> str:
    """Matching key of a surface form: case-folded, hyphens as spaces, simple plural removed.

    Examples:
        >>> normalise("Flow-Matching Models") == normalise("flow matching model")
        True
        >>> normalise("LLMs")
        'llm'
    """
    low = _SEPARATORS.sub(" ", text.casefold()).strip()
    low = _POSSESSIVE.sub("", low)
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        low = low[:-1]
    return low


def _names_alone(form: str, ctype: str) -> bool:
    """Whether the words before a descriptor are a name on their own: a capital or a digit
    ("BLEU" of "BLEU scores", "Europarl" of "Europarl corpus"); for a method, a capital inside
    a word or a digit, since a capitalised word is often the first of a title-cased name
    ("Foundation" of "Foundation Models", "Video Large Language" of "Video Large Language
    Models")."""
    if ctype != "Method":
        return any(ch.isupper() or ch.isdigit() for ch in form)
    return any(
        any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word[1:])
        for word in form.split()
    )


def _listed_with(doc: Doc, span: Span) -> str | None:
    """The type of the known names listed around a name of unknown type, where at least two
    are listed and all have one type: "such as GSM8K, MATH, GaoKao, AMC23, and AIME24" makes
    GaoKao a data set."""
    known = {v.start: v for v in doc.spans.get("kg_vocab", [])}
    ends = {v.end: v for v in known.values()}
    lowers = token_strings(doc).lowers
    types: list[str] = []
    i = span.start  # leftwards: "..., MATH, GaoKao"
    while i > 0 and lowers[i - 1] in _LIST_JOINS:
        j = i - 1
        while j > 0 and lowers[j - 1] in _LIST_JOINS:
            j -= 1
        if j not in ends:
            break
        types.append(ends[j].label_)
        i = ends[j].start
    i = span.end  # rightwards: "GaoKao, AMC23, and AIME24"
    while i < len(doc) and lowers[i] in _LIST_JOINS:
        j = i
        while j < len(doc) and lowers[j] in _LIST_JOINS:
            j += 1
        if j not in known:
            break
        types.append(known[j].label_)
        i = known[j].end
    return types[0] if len(types) >= 2 and len(set(types)) == 1 else None


def _absorb(target: DocConcept, other: DocConcept, concepts: dict[str, DocConcept]) -> None:
    """Merge ``other`` into ``target`` (mentions, evidence, flags) and drop it from
    ``concepts``."""
    target.mentions.extend(other.mentions)
    target.sources |= other.sources
    target.proposed |= other.proposed
    target.cue |= other.cue
    for key, c in list(concepts.items()):
        if c is other:
            del concepts[key]


def _link_expanded_forms(doc: Doc, concepts: dict[str, DocConcept]) -> None:
    """A name written with an acronym the text defines is the name written with its long
    form: "differentially private SGD" after "differentially private stochastic gradient
    descent (SGD)" is one concept, the first form its name."""
    pairs = {normalise(sf.text): normalise(lf.text) for lf, sf in doc._.kg_abbreviations or []}
    for key, c in list(concepts.items()):
        words = key.split(" ")
        if len(words) < 2 or not pairs.keys() & set(words):
            continue
        target = concepts.get(" ".join(pairs.get(w, w) for w in words))
        if target is None or target is c or target.type != c.type:
            continue
        if c.name not in target.shorts:
            target.shorts.append(c.name)
        _absorb(target, c, concepts)


def _content_words(text: str) -> set[str]:
    return {w for w in normalise(text).split() if len(w) > 2}


def _spells_entry(long_form: str, vocab_id: str) -> bool:
    """Whether a defined long form shares a content word with a long name of the vocabulary
    entry (an unknown entry, from another vocabulary directory, is taken on trust)."""
    entry = _vocabulary_entries().get(vocab_id)
    if entry is None:
        return True
    words = _content_words(long_form)
    return any(words & _content_words(n) for n in entry.names if not is_short_form(n))


@functools.cache
def _vocabulary_entries() -> dict[str, VocabEntry]:
    return {e.id: e for e in load_vocabulary()}


@functools.cache
def _vocabulary_forms() -> dict[str, tuple[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    for entry in sorted(_vocabulary_entries().values(), key=lambda e: e.id):
        for form in entry.forms:
            forms.setdefault(form.lower(), (entry.id, entry.type))
    return forms


def _vocabulary_form(text: str) -> tuple[str | None, str]:
    """The vocabulary entry id and type a written form names, or ``(None, "")``."""
    return _vocabulary_forms().get(text.lower(), (None, ""))


@functools.cache
def lower_forms(vocab_id: str) -> frozenset[str]:
    """The lower-cased forms of a default-vocabulary entry (empty for an unknown id)."""
    entry = _vocabulary_entries().get(vocab_id)
    return frozenset(f.lower() for f in entry.forms) if entry else frozenset()


def vocabulary_label(vocab_id: str) -> str | None:
    """The preferred label of a default-vocabulary entry (``None`` for an unknown id)."""
    entry = _vocabulary_entries().get(vocab_id)
    return entry.label if entry else None


@functools.cache
def _dataset_forms() -> frozenset[str]:
    return frozenset(
        f.lower() for e in _vocabulary_entries().values() if e.type == "Dataset" for f in e.forms
    )


def _known_data_prefix(name: str) -> str | None:
    """``"Dataset"`` when a name's hyphen-joined start is a known data set's form: a version or
    subset of it the vocabulary does not list ("COCO-30K", "CIFAR-10-C", "ImageNet-R").

    Examples:
        >>> [_known_data_prefix(n) for n in ("COCO-30K", "CIFAR-10-C", "GPT-4o", "HumanEvalFix")]
        ['Dataset', 'Dataset', None, 'Dataset']
    """
    parts = name.split("-")
    forms = _dataset_forms()
    if any("-".join(parts[:k]).lower() in forms for k in range(len(parts) - 1, 0, -1)):
        return "Dataset"
    # a known name with a capitalised part joined to it: "HumanEvalFix", "ImageNetV2"
    if any(name[k].isupper() and name[:k].lower() in forms for k in range(4, len(name) - 1)):
        return "Dataset"
    return None


def known_base(span: Span, vocab_id: str | None) -> bool:
    """Whether ``span`` is a known name only as what a new thing is built on: the vocabulary's
    form before a descriptor noun, just after the span ("a novel federated learning
    framework") or joined to it ("a new RL algorithm, SQIRL").

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("a new RL algorithm and a federated learning framework")
        >>> known_base(doc[2:4], "method:reinforcement-learning"), known_base(doc[6:8],
        ...     "method:federated-learning"), known_base(doc[2:3], None)
        (True, True, False)
    """
    if vocab_id is None:
        return False
    doc, rules, forms = span.doc, load_rules(), lower_forms(vocab_id)
    if (
        len(span) > 1
        and rules.descriptor_type(span[-1].text) in {"Method", "Dataset"}
        and doc[span.start : span.end - 1].text.lower() in forms
    ):
        return True
    return (
        span.text.lower() in forms
        and span.end < len(doc)
        and rules.descriptor_type(doc[span.end].text) in {"Method", "Dataset"}
    )


@dataclass
class DocConcept:
    """One concept of one doc (title or abstract) before assembly into :class:`kg.model.Concept`.

    ``long`` is the defining long form when an acronym is defined, ``shorts`` the short forms;
    ``cue`` says a rule cue (proposal, naming, descriptor) supported it; ``variants`` are the
    forms with a descriptor word the text adds ("bAbI dataset" for "bAbI"); ``inner_forms`` the
    vocabulary names a more specific name ends with ("data augmentation" of "heavy data
    augmentation"), aliases of the paper's concept unless the paper names them on their own.
    """

    type: str
    mentions: list[Span]
    vocab_id: str | None = None
    sources: set[str] = field(default_factory=set)
    long: Span | None = None
    shorts: list[str] = field(default_factory=list)
    proposed: bool = False
    role: str | None = None
    evidence: str | None = None
    cue: bool = False
    variants: list[str] = field(default_factory=list)
    inner_forms: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity of the concept: its normalised name (synonyms stay separate concepts)."""
        return normalise(self.name)

    @property
    def name(self) -> str:
        """Long form when defined, else the most frequent surface form (first on ties)."""
        if self.long is not None:
            return self.long.text
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.text not in self.shorts:
                counts[m.text] = counts.get(m.text, 0) + 1
        if not counts:
            return self.mentions[0].text
        return max(counts, key=lambda t: counts[t])


def _names_more_than(concept: DocConcept, span: Span) -> bool:
    """Whether ``concept`` names a part of ``span`` (a mention inside it, shorter) and also
    something outside it (a mention that does not overlap it)."""
    own = [(m.start, m.end) for m in concept.mentions]
    part = any(span.start <= s and e <= span.end and e - s < len(span) for s, e in own)
    return part and any(e <= span.start or s >= span.end for s, e in own)


def describes_sets(name: str) -> bool:
    """Whether a data set's name is a lower-case phrase ending in a plural data set noun,
    which describes the sets and names none ("four established transductive and inductive
    graph benchmarks").

    Examples:
        >>> describes_sets("inductive graph benchmarks"), describes_sets("Atari benchmarks")
        (True, False)
    """
    return name.islower() and name.split()[-1] in _PLURAL_DATA_NOUNS


@dataclass
class _Cand:
    span: Span
    source: str
    type: str | None
    vocab_id: str | None = None


class ConceptMerger:
    """Merge the evidence into ``doc._.kg_concepts``; see the module docstring."""

    def __init__(
        self,
        name: str = "kg_concepts",
        ner_alone: bool = False,
        with_ner: bool = False,
        bare_forms: list[str] | None = None,
    ) -> None:
        self.name = name
        self.ner_alone = ner_alone
        # the types whose mention's form without its descriptor is a variant even where it is
        # no name ("machine translation" of "machine translation systems"; see _add_variants):
        # by default all where the recogniser leads, none elsewhere
        types = (_TYPES if ner_alone else ()) if bare_forms is None else bare_forms
        self.bare_forms = frozenset(types)
        # the recogniser runs before this component: its support can be asked for
        self.with_ner = with_ner
        self.rules = load_rules()
        # words that do not make a known name more specific (see _more_specific): plain and
        # generic modifiers, prepositions and conjunctions, and verbs (cues of use, proposal,
        # comparison or a task; verbs of change: "reduce runtime")
        rules = self.rules
        cues = [rules.task_cues, rules.use_cues, rules.proposal_verbs, rules.comparison_cues]
        self._not_extending = frozenset(
            _PLAIN_MODIFIERS
            | _NOT_IN_A_NAME
            | _CHANGE_VERBS
            | set(rules.generic_first_words)
            | {w for words in cues for w in words if " " not in w}
        )
        for attr in ("kg_concepts", "kg_backoff", "kg_abbreviations", "kg_proposed"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def _candidates(self, doc: Doc) -> list[_Cand]:
        cands: list[_Cand] = []
        for s in doc.spans.get("kg_vocab", []):
            cands.append(_Cand(s, "vocab", s.label_, s.kb_id_ or None))
        for lf, sf in doc._.kg_abbreviations or []:
            if sf.text not in self.rules.stop_names:
                # "Graphical User Interface (GUI)": no concept when its acronym is none
                cands.append(_Cand(lf, "abbrev", None))
        for s in doc.spans.get("kg_ner", []):
            cands.append(_Cand(s, "ner", s.label_ if s.label_ in _TYPES else None))
        for s in doc.spans.get("kg_rule", []):
            cands.append(_Cand(s, "rule", s.label_ if s.label_ in _TYPES else None))
        for s in self._descriptive_proposals(doc):
            cands.append(_Cand(s, "rule", "Method"))
        for s in self._named_collections(doc):
            cands.append(_Cand(s, "rule", "Dataset"))
        return cands

    def _named_collections(self, doc: Doc) -> list[Span]:
        """Capitalised names followed by a dataset noun: "the Europarl corpus", "the Raindrop
        dataset", "the British National Corpus" (a capitalised noun is part of the name).

        Up to three capitalised words; not a function or generic word ("The", "Existing"), nor
        one word that is a language ("the Chinese corpus") or capitalised as a sentence's first
        ("Parallel corpora have ...");
        a name shaped like an acronym or with digits is left to the shape rule; not in a title,
        where every word is capitalised.
        """
        if doc.user_data.get("kg_field") == "title":
            return []  # every word of a title is capitalised
        strings = token_strings(doc)
        texts, lowers = strings.texts, strings.lowers
        out: list[Span] = []
        for i, low in enumerate(lowers):
            if low not in _COLLECTION_NOUNS or i == 0:
                continue
            end = i + 1 if texts[i][:1].isupper() else i
            start = i
            while start > 0 and i - start < 3:
                if start >= 2 and inner_hyphen(doc, start - 1):
                    # a hyphenated name: "the extended Cohn-Kanade dataset"
                    first, second = texts[start - 2], texts[start]
                    if first[:1].isupper() and first.isalpha() and second[:1].isupper():
                        start -= 2
                        continue
                    break
                word = texts[start - 1]
                acronym = word.isupper() and word.isalpha() and len(word) <= 5  # "Open LLM"
                if not (word[:1].isupper() and (word[1:].islower() or acronym) and word.isalpha()):
                    break
                if (
                    lowers[start - 1] in _NOT_NAMES
                    or lowers[start - 1] in self.rules.generic_first_words
                ):
                    break
                start -= 1
            while start < i and texts[start].isupper():
                start += 1  # an acronym only inside the name: "the GLUE benchmark" is GLUE's
            if start == i - 1 and (
                texts[start] in self.rules.language_modifiers  # "the Chinese corpus"
                or start == 0
                or texts[start - 1] in {".", "!", "?", ":", ";"}  # "Parallel corpora have"
            ):
                continue
            if start < i and end > start:
                out.append(doc[start:end])
            elif start == i and end == i:
                described = self._described_collection(doc, i)
                if described is not None:
                    out.append(described)
        return out

    def _described_collection(self, doc: Doc, i: int) -> Span | None:
        """A name, one or two lower-case words saying what it holds, and a lower-case dataset
        noun at ``i``: "the AMI meeting corpus", "the Twitter keyword dataset", "the Manhattan
        ride-hailing dataset"; the whole phrase is the name. Not after a known name ("COCO
        segmentation dataset" stays COCO's), a language ("Arabic parallel corpus") or a word
        capitalised as a sentence's first ("Unlike existing datasets")."""
        strings = token_strings(doc)
        texts, lowers = strings.texts, strings.lowers
        k = i
        while k > 0 and i - k < 4:
            word = texts[k - 1]
            if inner_hyphen(doc, k - 1) or (word.isalpha() and word.islower()):
                k -= 1
                continue
            break
        words = len(strings.span_text(k, i).split())
        if not 1 <= words <= 2 or k == i or k == 0:
            return None
        if any(
            lowers[j] in _NOT_NAMES
            or lowers[j] in STOP_WORDS
            or lowers[j] in _EVALUATIVE
            or lowers[j] in self.rules.generic_first_words
            for j in range(k, i)
        ):
            return None
        name = texts[k - 1]
        first = k - 1 == 0 or doc[k - 1].is_sent_start or texts[k - 2] in {".", "!", "?", ":", ";"}
        if (
            not name[:1].isupper()
            or after_inner_hyphen(doc, k - 1)  # "non-IID heterogeneous datasets"
            or not name.replace("-", "").isalnum()
            or lowers[k - 1] in _NOT_NAMES
            or lowers[k - 1] in self.rules.generic_first_words
            or name in self.rules.language_modifiers
            # a sentence's first word is a name only when shaped like one ("AMI", "WikiText")
            or (first and not any(ch.isupper() or ch.isdigit() for ch in name[1:]))
            or any(v.start < k and k - 1 < v.end for v in doc.spans.get("kg_vocab", []))
        ):
            return None
        return doc[k - 1 : i + 1]

    def _descriptive_proposals(self, doc: Doc) -> list[Span]:
        """Lower-case method phrases the authors present as theirs.

        The object of a proposal verb whose subject is the authors ("we", "this paper", "we
        ... by introducing": the candidate finder's test), the phrase after "our", the object
        of a verb by which the paper's own method names its parts ("Our algorithm utilizes
        ...", "GDPO leverages ...", after a name the paper proposes) or the subject of a
        present passive ("a policy-based model is proposed"), skipping evaluative
        words and compounds ("top-performing"), when it ends in a method head ("we design the
        first efficient constant approximation algorithm", "our adaptive sampling strategy");
        a vague head ("approach") is left out of the name unless one compound is all that is
        left ("a scaling-based method"). At least two words remain, the parts of a compound
        counted ("a polynomial-time algorithm"), and not only adjectives or adverbs with a
        participle ("a holistically optimized framework"); a phrase that ends in a known
        vocabulary name (and its head: "a reinforcement learning algorithm") is left to the
        vocabulary, and so is a known name with modifiers ("a two-stage reinforcement learning
        framework"). Objects coordinated with it are proposed too ("we propose a motion
        prior-based tracking module and a two-step initialization procedure"). The spans are
        added to ``doc._.kg_proposed``.
        """
        rules = self.rules
        strings = token_strings(doc)
        texts, lowers = strings.texts, strings.lowers
        out: list[Span] = []
        # the names the paper presents as its own, and their acronyms ("GDPO leverages ...")
        own = {doc[s:e].text for s, e in doc._.kg_proposed or set()}
        own |= {sf.text for lf, sf in doc._.kg_abbreviations or [] if lf.text in own}
        for sent in sentences(doc):
            sent_lowers = lowers[sent.start : sent.end]
            # "The main components include X, Y and Z", "(1) X ...; (2) Y", "two novel
            # techniques ...: X and Y", "FooNet comprises two modules: X and Y": each item of
            # the list of the paper's own parts
            # where the sentence first names the paper's own method, if it does
            own_at = next((k for k in range(sent.start, sent.end) if texts[k] in own), sent.end)
            authors = "we" in sent_lowers or "our" in sent_lowers or own_at < sent.end
            listing = bool(_COMPONENT_CUES & set(sent_lowers)) and (
                authors
                or sent.start == 0
                or sent_lowers[:1] == ["the"]
                or sent_lowers[:1] == ["key"]
            )
            for t in sent:
                start = None
                if (
                    t.lower_ == "our"
                    or is_proposal_cue(rules, texts, lowers, t.i, sent.start)
                    or (listing and t.lower_ in _LIST_STARTS)
                ):
                    start = t.i + 1
                elif t.lower_ in _OWN_PARTS and ("our" in lowers[sent.start : t.i] or own_at < t.i):
                    # what the paper's own method is made of: "Our algorithm utilizes a novel
                    # rank-based random estimator", "SPA employs a group-level importance
                    # estimation method"
                    start = t.i + 1
                elif t.lower_ in {"is", "are"} and t.i + 1 < sent.end:
                    # the passive of the present: "a novel dataset pruning algorithm and a
                    # local-loss update strategy are devised" (not "was proposed by ...")
                    if lowers[t.i + 1] in _PASSIVE_PROPOSALS:
                        start = self._subject_start(doc, t.i, sent.start)
                if start is not None:
                    span = self._object_after(doc, start, sent.end, recognised=t.lower_ != "our")
                    if span is not None and lowers[span.end - 1] in _COMPONENT_CUES:
                        # the list's own word: "the added data and new model components"
                        span = None
                    while span is not None:
                        out.append(span)
                        # and the phrases coordinated with it: "we propose a motion prior-based
                        # tracking module and a two-step initialization procedure"
                        k = span.end
                        # past a head word left out of the name ("... tracking module")
                        while k < sent.end and rules.descriptor_type(texts[k]) == "Method":
                            k += 1
                        start = k
                        while k < sent.end and lowers[k] in _COORDINATION:
                            k += 1
                        span = self._object_after(doc, k, sent.end) if k > start else None
        if out:
            proposed = set(doc._.kg_proposed or set())
            proposed.update((s.start, s.end) for s in out)
            doc._.kg_proposed = proposed
        return out

    def _object_after(self, doc: Doc, start: int, end: int, recognised: bool = True) -> Span | None:
        """The new thing named from ``start``: the lower-case phrase with a method head
        (:meth:`_phrase_after`), else, with ``recognised``, the recogniser's span there
        (:meth:`_recognised_after`)."""
        span = self._phrase_after(doc, start, end)
        if span is None and recognised:
            span = self._recognised_after(doc, start, end)
        return span

    @staticmethod
    def _subject_start(doc: Doc, verb: int, sent_start: int) -> int | None:
        """The first "a"/"an" of the clause before ``verb`` (its subject, a list of new
        things), or ``None`` when the clause has none."""
        first = None
        for k in range(verb - 1, sent_start - 1, -1):
            low = doc[k].lower_
            if low in _CLAUSE_BREAKS:
                break
            if low in {"a", "an"}:
                first = k
        return first

    @staticmethod
    def _skip_evaluative(doc: Doc, start: int, end: int) -> int:
        """The first token from ``start`` past evaluative words ("a novel", "top-performing");
        not the start of a compound ("first-order")."""
        i = start
        while i < end:
            if doc[i].lower_ in _EVALUATIVE and doc[i].whitespace_:
                i += 1
                continue
            # an evaluative compound: "top-performing", "high-quality", "sample-efficient"
            k = chunk_end(doc, i)
            if k > i + 1 and (
                doc[i:k].text.lower() in _EVALUATIVE_COMPOUNDS
                or doc[k - 1].lower_ in {"efficient", "effective"}
            ):
                i = k
                continue
            break
        return i

    def _recognised_after(self, doc: Doc, start: int, end: int) -> Span | None:
        """The recogniser's Method span where the object of a proposal starts, past evaluative
        words, when :meth:`_phrase_after` finds no lower-case phrase with a method head: "we
        design a Multi-level Guardrail System", "we introduce an optimization based filtering
        method", "we construct a semantic representation map". The recogniser gives the
        boundaries; the span must look like a name of the paper's own part: words only, no
        function word (but inside a compound: "state-of-the-art"), no known name in it (the
        vocabulary's concept, an acronym or a long form the abbreviation detector bounds:
        "LLM-based optimizer" is the LLM's), not a problem, task or analysis ("the multi-view
        color constancy problem", "a theoretical analysis") nor a generic phrase ("a novel
        loss function"), and two words besides a method head, not an adjective and a noun
        ("semantic representation map", not "statistical framework", "optimization
        algorithm"). Not after "our", which refers to the paper's method rather than
        introduces a part of it ("our inference process")."""
        first = self._skip_evaluative(doc, start, end)
        span = next(
            (
                s
                for s in doc.spans.get("kg_ner", [])
                if s.start == first and s.end <= end and s.label_ == "Method"
            ),
            None,
        )
        if span is None or (first and not doc[first - 1].whitespace_):
            return None  # inside a word: "3D models"
        for tok in span:
            compound = inner_hyphen(doc, tok.i) or after_inner_hyphen(doc, tok.i)
            if tok.text == "-" and compound:
                continue
            if (
                not tok.is_alpha
                or (tok.lower_ in STOP_WORDS and not compound)
                or tok.text[1:] != tok.text[1:].lower()  # an acronym or a camel-case name
            ):
                return None
        known = list(doc.spans.get("kg_vocab", []))
        known += [lf for lf, sf in doc._.kg_abbreviations or []]
        if any(v.start < span.end and span.start < v.end for v in known):
            return None
        if span[-1].lower_ in _PROBLEM_HEADS or span.text.lower() in self.rules.generic_phrases:
            return None
        words = span.text.replace("-", " ").lower().split()
        if words[-1] in _PROPOSAL_HEADS:
            words = words[:-1]
        if len(words) < 2 or words[-1] in _PROBLEM_HEADS:
            return None
        if len(words) == 2 and words[0].endswith(_ADJECTIVE_ENDINGS):
            return None  # an adjective and a noun: "theoretical analysis"
        return span

    def _phrase_after(self, doc: Doc, start: int, end: int) -> Span | None:
        i = self._skip_evaluative(doc, start, end)
        first = i
        stop = self.rules.proposal_stop_words
        while i < end and i - first < _MAX_PHRASE:
            tok = doc[i]
            joined = inner_hyphen(doc, i)
            # the second part of a compound is no clause word: "rank-based"
            compound = i > first and after_inner_hyphen(doc, i)
            acronym = i > first and tok.is_upper and tok.is_alpha and len(tok) <= 4
            if (
                not joined
                and not acronym
                and (
                    not tok.is_alpha
                    or not tok.text.islower()
                    or (tok.lower_ in stop and not compound)
                    or tok.lower_ in _EVALUATIVE
                    or tok.lower_ in _RESULT_VERBS  # "our models outperform every other model"
                )
            ):
                break
            i += 1
            nxt = doc[i].lower_ if i < end else ""
            if _is_head(doc, tok.i) and nxt not in _PROPOSAL_HEADS:
                # the head ends the name: "our method consistently outperforms ...", unless a
                # head follows it ("a dataset pruning algorithm")
                break
        # the head: the last lower-case word of the run that is a method head
        while i > first and not _is_head(doc, i - 1):
            i -= 1
        if i <= first:
            return None
        last = i
        if doc[i - 1].lower_ in _VAGUE_HEADS:
            last = i - 1
        span = doc[first:last]
        # two words besides the head: "constant approximation algorithm", not "adaptive
        # algorithm"; a vague head is not counted and not kept, and what it leaves must hold
        # more than adjectives ("the first comprehensive theoretical framework")
        # the parts of a compound count ("polynomial-time algorithm", "no-regret algorithm");
        # a vague head stays where one compound is left ("a scaling-based method"), unless it
        # counts steps or stages ("a two-step approach")
        if last < i and len(span.text.split()) < 2:
            if doc[first].lower_ in _COUNTS or doc[first].is_digit:
                return None
            last, span = i, doc[first:i]
        words = span.text.replace("-", " ").split()
        if len(words) - (last == i) < 2 or span.text in self.rules.generic_phrases:
            return None
        if last < i and all(w.lower().endswith(_ADJECTIVE_ENDINGS) for w in words):
            return None
        if (
            last < i
            and words[-1].lower().endswith("ed")
            and all(w.lower().endswith(_ADVERB_ENDINGS) for w in words[:-1])
        ):
            return None  # a description: "a holistically optimized framework"
        for v in doc.spans.get("kg_vocab", []):
            if first <= v.start and v.end in (last, i - 1, i):
                # a known name, its head or modifiers ("a two-stage reinforcement learning
                # framework"): the vocabulary's concept, not a new one
                return None
        return span

    def _head_type(self, span: Span, proposed: bool = False) -> str | None:
        """Type announced by the last word: a descriptor ("Benchmark"), else a task head
        ("New Intent Discovery") unless the paper proposes it (then it is its method)."""
        if not len(span):
            return None
        found = self.rules.descriptor_type(span[-1].text)
        if found is None and not proposed and span[-1].lower_ in self.rules.task_heads:
            found = "Task"
        return found

    def _descriptor_after(self, doc: Doc, span: Span) -> str | None:
        """Type announced by the descriptor words right after a name of unknown type ("the
        BNC test set", "the ACE data", "the SemEval-2010 task"): the text says what it is;
        also after the names listed with it ("the TUD-L, LINEMOD, and Occluded-LINEMOD
        datasets"), and after a definition's bracket, where a task's head word says Task too
        ("Part-Of-Speech (POS) tagging")."""
        texts = token_strings(doc).lowers
        at = span.end
        if at + 3 < len(texts) and texts[at] == "(" and texts[at + 2] == ")":
            at += 3
            if texts[at] in self.rules.task_heads:
                return "Task"
        for _ in range(_LIST_ITEMS):
            for ctype in ("Dataset", "Metric", "Task", "Method"):
                for words in _DESCRIPTORS[ctype]:
                    end = at + len(words)
                    if end <= len(texts) and tuple(texts[at:end]) == words:
                        return ctype
            # on past ", NAME", "and NAME", ", and NAME": a name has a capital
            k = at
            while k < len(texts) and texts[k] in _LIST_JOINS:
                k += 1
            if k == at or k >= len(texts) or texts[k] == doc[k].text or doc[k].is_sent_start:
                return None
            at = chunk_end(doc, k)
        return None

    @staticmethod
    def _called_a_task(doc: Doc, span: Span) -> bool:
        """A benchmark the text calls a task ("the RTE task", "the WMT shared tasks") is the
        task; not a suite's tasks ("nine Meta-World tasks")."""
        texts = token_strings(doc).lowers
        after = tuple(texts[span.end : span.end + 2])
        return after[:1] == ("task",) or after in {("shared", "task"), ("shared", "tasks")}

    def __call__(self, doc: Doc) -> Doc:
        cands = self._candidates(doc)
        # the candidates over each candidate (itself included), once for both uses below
        over = [
            [
                j
                for j, o in enumerate(cands)
                if o.span.start < c.span.end and c.span.start < o.span.end
            ]
            for c in cands
        ]
        specific = {} if self.ner_alone else self._more_specific(cands, over)
        order = sorted(
            range(len(cands)),
            key=lambda i: (
                # the recogniser only fills gaps, unless it leads (broad mode) or names a more
                # specific form of a vocabulary name
                (cands[i].source == "ner") != self.ner_alone and i not in specific,
                -len(cands[i].span),
                _PRIORITY[cands[i].source],
                cands[i].span.start,
            ),
        )
        taken = [False] * len(doc)
        chosen: list[tuple[Span, list[_Cand], _Cand | None]] = []
        for i in order:
            c = cands[i]
            if c.span.text.lower() in self.rules.generic_phrases:
                continue
            if any(taken[c.span.start : c.span.end]):
                continue
            for k in range(c.span.start, c.span.end):
                taken[k] = True
            overlapping = [c] + [cands[j] for j in over[i] if j != i]
            chosen.append((c.span, overlapping, specific.get(i)))
        chosen.sort(key=lambda sc: sc[0].start)
        proposed = doc._.kg_proposed or set()
        concepts: dict[str, DocConcept] = {}
        by_span: dict[tuple[int, int], DocConcept] = {}
        for span, group, inner in chosen:
            head = group[0]
            vocab_id = head.vocab_id if head.source == "vocab" else None
            if vocab_id is None:
                exact_vocab = [o for o in group if o.source == "vocab" and o.span == span]
                vocab_id = exact_vocab[0].vocab_id if exact_vocab else None
            ctype = head.type if head.source == "vocab" else None
            if ctype is None:
                typed = sorted(
                    (o for o in group if o.type and o.source != "ner"),
                    key=lambda o: _TYPE_ORDER[o.source],
                )
                exact = [o for o in typed if o.span == span]
                best = exact or typed
                ctype = best[0].type if best else self._head_type(span)
            if ctype is None:
                ctype = (
                    self._descriptor_after(doc, span)
                    or _known_data_prefix(span.text)
                    or _listed_with(doc, span)
                )
            elif ctype == "Dataset" and self._called_a_task(doc, span):
                ctype = "Task"
            if ctype is None:
                # the recogniser's label decides only for its own spans (on the development
                # set its label of rule-found names was mostly wrong, even for bare acronyms:
                # "SGDM", "DLRM"; Method is the usual type)
                ctype = head.type if head.source == "ner" and head.type else "Method"
            concept = DocConcept(type=ctype, mentions=[span], vocab_id=vocab_id)
            concept.sources = {o.source for o in group}
            if inner is not None:
                # supported by the vocabulary name it makes more specific
                if not any(ch.isupper() for ch in doc[span.start : inner.span.start].text):
                    concept.inner_forms.append(inner.span.text)
            elif head.source == "ner":
                # a span the recogniser drew is supported only by evidence for that same span,
                # not by a generic word inside it ("fine-tuning" of "fine-tuning methods")
                concept.sources = {
                    o.source for o in group if (o.span.start, o.span.end) == (span.start, span.end)
                }
            concept.cue = any(o.source == "rule" and o.type for o in group)
            concept.proposed = any(
                s < span.end and span.start < e for s, e in proposed
            ) and not known_base(span, vocab_id)
            key = concept.key
            if key not in concepts and vocab_id:
                # an acronym and its long form from the vocabulary are one concept
                # ("LLMs" ... "large language models"); other synonyms stay apart
                for other in concepts.values():
                    if other.vocab_id == vocab_id and (
                        is_short_form(span.text) != is_short_form(other.name)
                    ):
                        key = other.key
                        if is_short_form(span.text) and span.text not in other.shorts:
                            other.shorts.append(span.text)
                        elif not is_short_form(span.text):
                            other.shorts.append(other.name)
                            other.long = span
                        break
            if key in concepts and concepts[key].type == ctype:
                merged = concepts[key]
                merged.mentions.append(span)
                merged.sources |= concept.sources
                merged.cue |= concept.cue
                merged.proposed |= concept.proposed
                concept = merged
            else:
                concepts[key + "|" + ctype if key in concepts else key] = concept
            by_span[(span.start, span.end)] = concept
        self._link_acronyms(doc, concepts, by_span)
        self._link_bracketed_forms(doc, concepts, by_span)
        _link_expanded_forms(doc, concepts)
        kept = list({id(c): c for c in concepts.values()}.values())
        # an umbrella term its acronym brought in: "Deep Learning (DL)", "Artificial
        # Intelligence (AI)"
        kept = [c for c in kept if c.name.lower() not in self.rules.generic_phrases]
        backoff: list[DocConcept] = []
        if not self.ner_alone:
            backoff = [c for c in kept if c.sources == {"ner"}]
            kept = [c for c in kept if c.sources != {"ner"}]
            if self.with_ner:
                # a task phrase only the rules found, neither known nor seen by the recogniser:
                # right 1 time in 10 on the development sets ("reasoning depth"); a title
                # states its problem
                if doc.user_data.get("kg_field") != "title":
                    kept = [c for c in kept if not (c.type == "Task" and c.sources == {"rule"})]
        else:
            kept = [c for c in kept if c.sources != {"ner"} or self._recogniser_keeps(c)]
        methods = {m.start for c in kept if c.type == "Method" for m in c.mentions}
        kept = [c for c in kept if not self._only_a_modifier(doc, c, methods)]
        backoff = [
            c
            for c in backoff
            if not self._only_a_modifier(doc, c, methods) and self._recogniser_keeps(c)
        ]
        named = {normalise(m.text) for c in kept for m in c.mentions}
        for concept in kept + backoff:
            self._add_variants(doc, concept, names_only=concept.type not in self.bare_forms)
            self._add_vocabulary_form(doc, concept, named)
        doc._.kg_concepts = sorted(kept, key=lambda c: c.mentions[0].start)
        doc._.kg_backoff = sorted(backoff, key=lambda c: c.mentions[0].start)
        return doc

    def _more_specific(self, cands: list[_Cand], over: list[list[int]]) -> dict[int, _Cand]:
        """The recogniser's spans that name a more specific form of a vocabulary name, by index,
        with the candidate they extend: the span ends where a vocabulary name ends and adds
        words before it ("heavy data augmentation", "equivariant convolutional networks",
        "large vocabulary speech recognition"), and every other candidate over it lies inside
        it with the same end. Not when the added words do not make the name more specific: an
        evaluative or plain word ("novel", "vanilla", "existing"), a verb form ("aligning",
        "augments"), a preposition, conjunction or naming cue ("Joint Optimization of ...",
        "named ..."), a plural noun before the name ("scientists search"), a degree word ("the
        drastic accuracy drop"); nor a span that starts inside a compound ("layer" of
        "two-layer"), after a count ("two stage ...") or after a modal ("can prune neural
        networks"), nor lower-case descriptor nouns alone ("our program AlphaGo"). ``over`` lists
        the indices of the candidates over each one."""
        out: dict[int, _Cand] = {}
        for i, c in enumerate(cands):
            if c.source != "ner":
                continue
            inside = [cands[j] for j in over[i] if cands[j].source != "ner"]
            if not any(o.source == "vocab" for o in inside) or any(
                o.span.start <= c.span.start or o.span.end != c.span.end for o in inside
            ):
                continue
            lead = c.span.doc[c.span.start : min(o.span.start for o in inside)].text
            # whole words: a compound ("Two-Stage", "open-source") is one
            words = lead.split()
            if not words:
                continue  # only a whitespace token before the name
            first, last = words[0], words[-1]
            before = c.span.doc[c.span.start - 1].lower_ if c.span.start > 0 else ""
            if (
                # the end of a compound ("layer" of "two-layer"), the noun of a counted one
                # ("stage" of "two stage"), the object of a verb ("can prune neural networks")
                after_inner_hyphen(c.span.doc, c.span.start)
                or before in _COUNTS
                or before.isdigit()
                or before in _VERB_BEFORE
                or "," in lead
                or first.lower() in _EVALUATIVE
                or first.lower() in self.rules.generic_phrases
                or ("-" not in first and first.lower().endswith("ing"))
                or (first.islower() and "-" not in first and first.endswith(("ed", "s")))
                or (last.islower() and last.endswith("s") and not last.endswith("ss"))
                or any(w.lower() in self._not_extending for w in words)
                # only what kind of thing the name is: "our program AlphaGo"
                or all(w.islower() and self.rules.descriptor_type(w) for w in words)
            ):
                continue
            out[i] = max(inside, key=lambda o: (len(o.span), -_PRIORITY[o.source]))
        return out

    def _recogniser_keeps(self, concept: DocConcept) -> bool:
        """Whether a concept only the recogniser found may stand: a task headed by an activity
        (:meth:`_names_an_activity`), a data set's name that is no description of several sets
        (:func:`describes_sets`)."""
        return self._names_an_activity(concept) and not (
            concept.type == "Dataset" and describes_sets(concept.name)
        )

    def _names_an_activity(self, concept: DocConcept) -> bool:
        """Whether a task only the recogniser found is headed by an activity ("... parsing",
        "... detection", "... task"), not a field or a thing ("criminal law", "computer
        forensics"); concepts of the other types pass."""
        if concept.type != "Task":
            return True
        words = concept.name.lower().split()
        # the head: the last word before a prepositional phrase ("extraction from text")
        cut = next((i for i, w in enumerate(words) if i and w in _PREPOSITIONS), len(words))
        last = words[cut - 1]
        single = last[:-1] if last.endswith("s") else last
        return (
            words[0].endswith("ing")  # "detecting questions in spoken conversations"
            or last in self.rules.task_heads
            or single in self.rules.task_heads
            or single.endswith(_ACTIVITY_ENDINGS)
            or single in {"task", "problem"}
        )

    def _only_a_modifier(self, doc: Doc, concept: DocConcept, methods: set[int]) -> bool:
        """A task named only as the modifier of a method ("a learning rate adaptation
        algorithm", "an optimization and alignment system", or before a method's name at
        ``methods``, the starts of the Method mentions: "text-to-image diffusion models"; a task
        defined with an acronym stays): the text names a method there,
        not the task it addresses. So is a data set's name only before "models": "for MHA
        and GQA models" names grouped-query attention, not the GQA benchmark; and a measure's
        only before a kind of artefact: "an executable runtime environment"."""
        texts = token_strings(doc).lowers
        if concept.type == "Metric" and concept.long is None:
            # a measure named only before the kind of artefact it qualifies: "an executable
            # runtime environment" (not "accuracy loss", a drop in accuracy)
            return all(m.end < len(texts) and texts[m.end] in _ARTEFACTS for m in concept.mentions)
        if concept.long is not None or concept.type not in {"Task", "Dataset"}:
            return False
        heads = _MODIFIED_HEADS if concept.type == "Task" else _MODEL_HEADS
        return all(
            m.end < len(texts)
            and (texts[m.end] in heads or (concept.type == "Task" and m.end in methods))
            for m in concept.mentions
        )

    @staticmethod
    def _add_vocabulary_form(doc: Doc, concept: DocConcept, named: set[str]) -> None:
        """The vocabulary's form inside a more specific mention is a variant ("value iteration"
        of "robust value iteration"): the concept keeps the text's most specific name and is
        also known by the name the vocabulary and other papers use; unless the text names that
        form on its own (``named``: normalised mention texts), a concept of its own ("reasoning"
        besides "multi-step reasoning")."""
        forms = lower_forms(concept.vocab_id or "")
        if not forms:
            return
        strings = token_strings(doc)
        for m in concept.mentions:
            # the form at the mention's end ("value iteration" of "robust value iteration"),
            # else at its start ("MuJoCo" of "MuJoCo tasks", "chain-of-thought" of
            # "chain-of-thought reasoning")
            spans = [(start, m.end) for start in range(m.start + 1, m.end)]
            spans += [(m.start, end) for end in range(m.end - 1, m.start, -1)]
            for start, end in spans:
                form = strings.span_text(start, end)
                if form.lower() in forms:
                    if form not in concept.variants and normalise(form) not in named:
                        concept.variants.append(form)
                    break

    def _add_variants(self, doc: Doc, concept: DocConcept, names_only: bool = True) -> None:
        """Record "NAME descriptor" forms the text uses ("the bAbI dataset") as variants, also
        after a definition's bracket ("Markov random field (MRF) models": "Markov random field
        models", "MRF models" and the whole phrase), and the bare name of a mention that ends
        with its lower-case descriptor ("BLEU" of "BLEU scores"; a capitalised one is part of
        the name: "Penn Treebank"), with ``names_only`` when it is a name (a capital or a
        digit), not a modifier ("generative" of "generative models"). Where the recogniser
        leads (broad mode), its spans end with the descriptors that corpora like TDMSci leave
        out ("machine translation systems"), so any bare form is kept (TDMSci held-out 0.614 ->
        0.628). The forms after a bracket: strict F1 SciERC dev 0.428 -> 0.437 (broad 0.546 ->
        0.554), TDMSci held-out 0.678 -> 0.686; the modern sets unchanged. After a task's
        bracket, its head word (the rules' ``task_heads``) does the same: "image-to-video
        (I2V) generation" is also "image-to-video generation" and "I2V generation"."""
        strings = token_strings(doc)
        texts = strings.texts
        descriptors = _VARIANT_WORDS.get(concept.type, ())
        for m in concept.mentions:
            # and the name without the descriptor the mention ends with ("BLEU scores")
            for words in descriptors:
                start = m.end - len(words)
                # a capitalised descriptor is part of a name: "Penn Treebank", "British
                # National Corpus"
                if start > m.start and tuple(texts[start : m.end]) == words:
                    # joined by a hyphen: "F1-score" is also "F1", not "F1-"
                    cut = start - 1 if start - 1 > m.start and texts[start - 1] == "-" else start
                    form = strings.span_text(m.start, cut)
                    if names_only and not _names_alone(form, concept.type):
                        break  # a name ("BLEU"), not a modifier ("generative" of "... models")
                    other = _vocabulary_form(form)[0]
                    if other and concept.vocab_id and other != concept.vocab_id:
                        break  # another known thing: "Inception" of "Inception score"
                    if form not in concept.variants:
                        concept.variants.append(form)
                    break
            for words in descriptors:
                end = m.end + len(words)
                if end <= len(texts) and tuple(texts[m.end : end]) == words:
                    if end < len(texts) and strings.lowers[end] in _ARTICLES:
                        break  # a verb: "CogDPM features a precision estimation method"
                    form = strings.span_text(m.start, end)
                    if form not in concept.variants:
                        concept.variants.append(form)
                    break
            # the descriptor after a definition's bracket: "Markov random field (MRF) models"
            # is also "Markov random field models", "MRF models" and the whole phrase
            after = m.end + 1
            if (
                concept.long is None
                or after >= len(texts)
                or texts[m.end] != ")"
                or m.start == 0
                or texts[m.start - 1] != "("
                or m.text == concept.long.text
            ):
                continue
            head = (
                (texts[after],)
                if concept.type == "Task" and texts[after].lower() in self.rules.task_heads
                else None
            )
            for words in (*descriptors, *([head] if head else [])):
                end = after + len(words)
                if end <= len(texts) and tuple(texts[after:end]) == words:
                    tail = strings.span_text(after, end)
                    for form in (
                        f"{concept.long.text} {tail}",
                        f"{m.text} {tail}",
                        strings.span_text(concept.long.start, end),
                    ):
                        if form not in concept.variants:
                            concept.variants.append(form)
                    break

    def _link_acronyms(
        self, doc: Doc, concepts: dict[str, DocConcept], by_span: dict[tuple[int, int], DocConcept]
    ) -> None:
        for lf, sf in doc._.kg_abbreviations or []:
            long_c = self._concept_at(lf, by_span)
            if self.ner_alone and long_c is not None and _names_more_than(long_c, lf):
                # where the recogniser leads, a concept over part of the long form that the
                # text also names on its own is not the defined one: "reinforcement learning"
                # before "reinforcement learning from human feedback (RLHF)"
                long_c = None
            short_c = self._concept_at(sf, by_span)
            vocab_id, ctype = _vocabulary_form(lf.text)
            inside = vocab_id is not None and long_c is not None and self._names_more(long_c, lf)
            own_name = False
            if inside:
                # the long form is a known name that ends a more specific one: "a
                # meta-reinforcement learning (RL) problem" mentions meta-RL and defines RL as
                # reinforcement learning, two concepts; what is proposed is the specific name
                base = concepts.get(normalise(lf.text))
                if base is None and not self._alone(doc, sf, by_span):
                    # "Online reinforcement learning (RL) methods ... online RL methods": the
                    # paper never names RL alone; the acronym is the specific name's alias
                    inside, own_name = False, True
                else:
                    long_c = base
            if inside:
                if long_c is None and short_c is None:
                    long_c = DocConcept(type=ctype, mentions=[lf], vocab_id=vocab_id)
                    long_c.sources = {"vocab"}
                    concepts[normalise(lf.text)] = long_c
                    by_span[(lf.start, lf.end)] = long_c
            if long_c is None and short_c is None:
                continue
            target = long_c or short_c
            assert target is not None
            if short_c is not None and long_c is not None and short_c is not long_c:
                # the long form decides, unless only the short form is in the vocabulary and
                # the long form spells that entry ("SRL" is semantic role labeling, but not
                # after "Sequence Reinforcement Learning (SRL)")
                if (
                    short_c.vocab_id
                    and not long_c.vocab_id
                    and not own_name
                    and _spells_entry(lf.text, short_c.vocab_id)
                ):
                    target.type, target.vocab_id = short_c.type, short_c.vocab_id
                _absorb(target, short_c, concepts)
            if long_c is None:
                target.mentions.append(lf)
            if short_c is None:
                target.mentions.append(sf)
            if not own_name:
                target.long = lf
            target.sources.add("abbrev")
            if inside:
                target.proposed = False
                target.type, target.vocab_id = ctype, vocab_id
            if sf.text not in target.shorts:
                target.shorts.append(sf.text)
            after = doc[sf.end + 1] if sf.end + 1 < len(doc) else None
            head = self.rules.descriptor_type(after.text) if after is not None else None
            if not target.vocab_id and head and after is not None and after.is_lower:
                # the noun after the definition says what it is: "a Robust New Intent
                # Discovery (RoNID) framework" is a method, whatever its last word
                target.type = head
            elif not target.vocab_id and not any(o for o in (long_c, short_c) if o and o.cue):
                target.type = head or self._head_type(lf, target.proposed) or target.type
            # every other occurrence of the short form
            seen = {(m.start, m.end) for m in target.mentions}
            for i in self._occurrences(doc, sf):
                cand = doc[i : i + len(sf)]
                if (cand.start, cand.end) in seen:
                    continue
                other = by_span.get((cand.start, cand.end))
                if other is not None and other is not target:
                    for key, c in list(concepts.items()):
                        if c is other and len(other.mentions) == 1:
                            del concepts[key]
                target.mentions.append(cand)
                seen.add((cand.start, cand.end))
            target.mentions.sort(key=lambda m: m.start)

    @staticmethod
    def _occurrences(doc: Doc, short: Span) -> list[int]:
        """The token indices where the text of ``short`` occurs in the doc (itself included)."""
        strings = token_strings(doc)
        text, width = short.text, len(short)
        return [
            i
            for i, token in enumerate(strings.texts)
            if token == text[: len(token)]
            and i + width <= len(doc)
            and strings.span_text(i, i + width) == text
        ]

    @staticmethod
    def _alone(doc: Doc, short: Span, by_span: dict[tuple[int, int], DocConcept]) -> bool:
        """Whether the short form occurs again on its own, not inside a longer name ("RL",
        not the "RL" of "online RL")."""
        width = len(short)
        return any(
            i != short.start
            and not any(s <= i and i + width <= e and e - s > width for s, e in by_span)
            for i in ConceptMerger._occurrences(doc, short)
        )

    @staticmethod
    def _names_more(concept: DocConcept, long_form: Span) -> bool:
        """Whether the concept's mention over ``long_form`` is a more specific name that ends
        with it, adding lower-case words ("meta-reinforcement learning" over "reinforcement
        learning"; a sentence's first word may be capitalised). Not a capitalised name the
        acronym leaves a word out of ("Statistical Rejection Sampling Optimization (RSO)")."""
        for m in concept.mentions:
            if m.start < long_form.start < m.end and m.end == long_form.end:
                lead = m.doc[m.start : long_form.start].text
                if m[0].is_sent_start:
                    lead = lead[1:]
                return not any(ch.isupper() for ch in lead)
        return False

    @staticmethod
    def _link_bracketed_forms(
        doc: Doc, concepts: dict[str, DocConcept], by_span: dict[tuple[int, int], DocConcept]
    ) -> None:
        """Another form of one vocabulary entry in brackets right after a mention is that
        concept's short form, where the abbreviation stage found no pair: "the key-value cache
        (KV cache) memory" names one concept, not two."""
        live = {id(c) for c in concepts.values()}  # earlier links merged some away
        starts = {s: (e, c) for (s, e), c in by_span.items() if id(c) in live}
        for (start, end), long_c in sorted(by_span.items()):
            if end + 1 not in starts or doc[end].text != "(" or id(long_c) not in live:
                continue
            inner_end, inner = starts[end + 1]
            if (
                inner is long_c
                or not long_c.vocab_id
                or inner.vocab_id != long_c.vocab_id
                or inner_end >= len(doc)
                or doc[inner_end].text != ")"
                # both forms the entry's own, not a more specific name that ends with one:
                # "distributional dynamic programming (DP)" defines DP as the known name
                or {
                    _vocabulary_form(doc[start:end].text)[0],
                    _vocabulary_form(doc[end + 1 : inner_end].text)[0],
                }
                != {long_c.vocab_id}
            ):
                continue
            if long_c.long is None:
                long_c.long = Span(doc, start, end)  # the name, whatever form is most frequent
            if inner.name not in long_c.shorts:
                long_c.shorts.append(inner.name)
            _absorb(long_c, inner, concepts)
            for where, c in by_span.items():
                if c is inner:
                    by_span[where] = long_c
                    starts[where[0]] = (where[1], long_c)

    @staticmethod
    def _concept_at(span: Span, by_span: dict[tuple[int, int], DocConcept]) -> DocConcept | None:
        exact = by_span.get((span.start, span.end))
        if exact is not None:
            return exact
        for (s, e), c in by_span.items():
            if s < span.end and span.start < e and (e - s) >= len(span) // 2:
                return c
        return None


@Language.factory(
    "kg_concepts",
    assigns=["doc._.kg_concepts", "doc._.kg_backoff"],
    default_config={"ner_alone": False, "bare_forms": None},
)
def make_concept_merger(
    nlp: Language, name: str, ner_alone: bool, bare_forms: list[str] | None
) -> ConceptMerger:
    """Factory of :class:`ConceptMerger` (``nlp.add_pipe("kg_concepts")``).

    Examples:
        >>> import spacy, kg.extract
        >>> nlp = spacy.blank("en")
        >>> for pipe in ("kg_sentences", "kg_abbreviations", "kg_vocab", "kg_candidates",
        ...              "kg_generic_filter", "kg_concepts"):
        ...     _ = nlp.add_pipe(pipe)
        >>> doc = nlp("Large language models (LLMs) are strong. LLMs use PPO on ImageNet 64x64.")
        >>> for c in doc._.kg_concepts:
        ...     print(c.name, c.type, c.shorts, len(c.mentions))
        Large language models Method ['LLMs'] 3
        PPO Method [] 1
        ImageNet 64x64 Dataset [] 1
    """
    return ConceptMerger(
        name, ner_alone=ner_alone, with_ner="ner" in nlp.pipe_names, bare_forms=bare_forms
    )
