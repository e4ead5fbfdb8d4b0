"""``kg_candidates``: rule candidates for named artefacts and what the paper proposes.

Writes ``doc.spans["kg_rule"]`` (label: the type the rules could decide, else ``"UNKNOWN"``),
``doc.spans["kg_measures"]`` (the compared measures below, also among the rule spans) and
``doc._.kg_proposed``, the ``(start, end)`` token ranges the paper presents as its own.

* **Shape**: a no-space chunk that looks like a name: two or more capitals ("UI-NEXUS", "BOSS",
  "LLaMA"), an inner capital ("HealthBench", "Turbo-GS"), or a capital and a digit ("GPT-4o",
  "LLaMA-2-70B"); minus ``stop_names`` ("GPU", "NeurIPS") and venue-year tags ("NeurIPS'21").
  Typed by a descriptor noun right after it ("X benchmark"), an appositive's head ("X, the first
  open-source dataset with ..."; the phrase ends before a participle: "X, a training system
  optimizing task scheduling" is a system), or a dataset-like suffix ("...Bench", "...QA"); a
  list of names shares one type: the names after "on" in a sentence about evaluation ("state-
  of-the-art results on Caltech, INRIA, and ETH") are data sets, and a plural descriptor types
  the names it introduces, directly or with "like", "such as", "including" ("the public
  benchmarks BRATS 2015 and ISLES 2015", "datasets like Cityscapes, CamVid and COCO-Stuff").
  A year or major version after a name is part of it ("BRATS 2015", "SFEW 2.0").
* **Scored on**: the capitalised name right after a value and "on" ("75.0% on Nordland", "3.1
  points on Tokyo Query") is a data set, typed so before the shape rule sees it; not a
  language, hardware or a known method ("2% on English", "3.2x faster on A100 GPUs").
* **Parts of known data sets**: a vocabulary data set with the name of its part or edition
  after it, up to three capitalised words or words with digits ("WMT14 English-French",
  "MuJoCo Hopper"), so that it stays apart from the other parts the text names (the
  vocabulary knows "WMT14 English-German" as a form of WMT; without this, the known start
  "WMT14" of the French pair counted as a short form of that one and its results went to it).
* **Task phrases**: a task head noun ("prediction", "allocation", "stitching") with one or two
  lower-case modifiers after a cue word ("for", "address", "tackle", "improving"): "for trajectory
  stitching"; a bare head only when it is not the modifier of a noun after it ("enhancing
  reasoning efficiency" names no task); no number among the modifiers ("six math reasoning
  benchmarks"). One to three plain lower-case words listed next to a task are one too
  ("applications in 3D reconstruction, mixed reality").
* **Title tasks**: in a title, the phrase before "via", "with", "using", "through" or "by" or
  after "for", or what a title opening with "Improving" improves, when it ends with a task head
  or a gerund ("Trajectory Stitching via ...", "... for Imbalanced Clustering", "Improving
  Reasoning for ..."), past an adjective built on a name ("Learning-Based Cluster Head
  Selection"), and not when it ends in a known method. Also the title's first phrase before
  "for" or "in", and the phrase after "in", when a task head ends it and it has two words or
  more ("Cluster Head Selection for ...", "... Scaling Law in Large Language Model
  Pretraining"; a gerund there is usually the method: "Anchor Sampling for Federated
  Learning"). Strict F1 seed_dev 0.7878 -> 0.7906, bundled_rest_dev 0.6951 -> 0.6970, SciREX
  held-out 0.4297 -> 0.4302 with the merger keeping a title's rule-only tasks.
* **Metric phrases**: the conjuncts after "in terms of", "measured by", "metrics such as"
  (one to three lower-case words each), up to a clause ("we observe that"), "etc" or a method
  or data set ("with respect to a gold algorithm"). What a value with a unit compares is a
  metric too: one to three words after the comparative ("40% fewer CL calls", "48.07% faster
  convergence", "2.7x higher QoS utility"), not an activity ("2x faster training"), a model or
  data set ("10x larger models") or a bare adjective ("8% more accurate"; but "1.5x more
  compute-efficient"), and what a change verb changes by a value ("improves response
  correctness by 4%", "reduce the usage of long-chain thinking by 50%"; not a known metric's
  phrase, "the recall of accurate facts"). Results F1 seed_dev 0.712 -> 0.805, seed_dev2 0.700
  -> 0.732, bundled_rest_dev 0.737 -> 0.759.
* **Proposal**: after a proposal verb with a subject such as "we", "I" or "this paper" ("we
  propose", "this work introduces", "I introduce"; not "a recent work"), or its gerund after
  "by" in the authors' sentence ("we achieve it by introducing ..."), the names before a
  clause word ("that", "for", "with" ...), a comparison cue or a result verb ("over",
  "improves"), or a description after a comma ("X, a ..."), a lower-case name after a naming cue
  ("a setting named deep imbalanced clustering,"), the long form of an acronym defined there
  (unless after "of", "by" or a gerund: what the new thing is built on; typed by its
  description, "Denoising Task Routing (DTR), a simple add-on strategy", before the words of the
  name), and the name of a naming phrase ("dubbed X") in the same sentence. "X, a novel
  framework ...", a title "X: A Benchmark for ..." and a name released at an address ("X is
  publicly available at https://...", not a known name) count too, as does a name the
  vocabulary knows when it is the proposal verb's whole object ("We propose Sophia, a ...": the
  paper that introduces it; not "we introduce X into ..."), the name after "our" and a
  descriptor ("our fine-tuned model SWE-Llama"), and the parts the authors count and list
  after a colon ("we develop two techniques: mini-batch aware regularization and data adaptive
  activation function").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.abbreviations import chunk_end
from kg.extract.sentences import (
    LIST_JOINS,
    after_inner_hyphen,
    inner_hyphen,
    sentence_of,
    sentences,
    token_strings,
)
from kg.extract.vocabulary import language_start
from kg.rules import Rules, load_rules

__all__ = [
    "CandidateFinder",
    "has_proposal_subject",
    "is_name_shape",
    "is_proposal_cue",
    "sets_a_record",
]

_ROMAN = frozenset("IVXLC")
# title openings that name the problem next: "Improving Reasoning for ...", "Promoting Efficient
# Reasoning with ..."
_IMPROVING = frozenset(
    {"improving", "enhancing", "promoting", "boosting", "advancing"}
    | {"reinforcing", "strengthening", "unlocking", "accelerating", "cultivating", "fostering"}
    | {"elevating", "incentivizing", "incentivising", "eliciting"}
)
# words trimmed from the start of a title's problem: those openings, and "Empowering" ("...
# LLMs to ...", which empowers an agent, not a problem: trimmed, but no lead)
_TITLE_TRIM = _IMPROVING | frozenset(
    {"better", "improved", "enhanced", "towards", "toward", "faster", "the", "a", "an"}
    | {"revisiting", "rethinking", "empowering"}
)
#: words that end a title's head and name the document, not its model: "Qwen2.5 Technical
#: Report", "GPT-4o System Card"
_REPORT_ENDS = (("technical", "report"), ("tech", "report"), ("system", "card"), ("model", "card"))
# "two techniques: A and B": counted parts of the authors' method, listed after a colon
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_PART_NOUNS = frozenset(
    {
        "techniques",
        "strategies",
        "components",
        "modules",
        "mechanisms",
        "innovations",
        "designs",
        "stages",
        "schemes",
        "losses",
        "objectives",
        "methods",
        "algorithms",
    }
)
_ITEM_SEPARATORS = frozenset({",", ";", "and", "a", "an", "the"})
_PART_STOPS = frozenset({"and", "or", "that", "which", "to", "for", "with", "by", "the", "a", "an"})
_MAX_PART = 6


def _enumerator_length(doc: Doc, j: int) -> int:
    """The length in tokens of a list item's number at ``j`` ("(1)", "(i)", "(a)": 3; "1)": 2),
    else 0."""
    if doc[j].text == "(" and j + 2 < len(doc) and doc[j + 2].text == ")":
        return 3 if len(doc[j + 1].text) <= 3 else 0
    if j + 1 < len(doc) and doc[j + 1].text == ")" and len(doc[j].text) <= 2:
        return 2 if doc[j].text.isalnum() else 0
    return 0


# endings of an adjective that shares the next item's head ("linear and nonlinear programming",
# "supervised and unsupervised learning")
_SHARED_HEAD_ENDINGS = ("al", "ar", "ic", "ive", "ous", "ed", "able", "ible", "less", "ful")
_INDEFINITE = frozenset({"a", "an", "any", "each", "every", "some"})
# a title's problem, then how it is solved: "Trajectory Stitching via ..."
_TITLE_MEANS = frozenset({"via", "with", "using", "through", "by"})
# verbs that take an existing method as their object: "SVH-PSL, which integrates Stein
# Variational Gradient Descent (SVGD)", "a framework to study policy evaluation (PE)"
_USED_WITH = frozenset(
    {"integrates", "integrate", "combines", "combine", "incorporates", "incorporate"}
    | {"extends", "extend", "study", "studies", "analyze", "analyzes", "analyse", "analyses"}
)
# what makes an adjective of a name: "Reinforcement Learning-Based"
_BUILT_ON = frozenset({"based", "driven", "guided", "powered", "assisted", "enhanced"})
_TITLE_PREPOSITIONS = frozenset({"for", "with", "of", "in", "through", "using", "by", "on"})
_SPLIT_RE = re.compile(r"[-/]")
_SIZE_RE = re.compile(r"^[\d.,+\-]+(?:[KMBTk]|GB|MB|TB|[xX]|[Bb]n)?\+?$")
_PREPOSITIONS = frozenset(
    {"of", "in", "to", "for", "on", "by", "with", "at", "from", "as", "terms"}
)
_NEW_WORDS = frozenset({"new", "novel", "first", "simple", "unified", "general", "efficient"})
# "X is publicly available at https://...", "X is released on GitHub", "X is open-sourced"
# (tokens "open", "-", "sourced"): the authors' own artefact
_RELEASED = frozenset({"available", "released", "sourced"})
# a subject noun is the authors' own text only after one of these: "this work", "the present
# paper", not "in a recent work, Smith et al. introduce"
_OWN_DETERMINERS = frozenset({"this", "our", "the", "present", "current"})
_SUBJECT_PRONOUNS = frozenset({"we", "here", "this", "our"})
_OR = frozenset({"and", "or"})
# a year or a major version after a name: part of the name
_EDITION_NUMBER = re.compile(r"(?:19|20)\d\d|\d\.0")
# the marks that end a list
_CLAUSE_MARKS = frozenset({".", ";", ":", "(", ")", "[", "]", "!", "?", '"'})
_FUNCTION_WORDS = frozenset(
    {"and", "or", "of", "in", "on", "for", "with", "to", "by", "from", "at", "as", "than", "via"}
    | {"is", "are", "was", "were", "be", "that", "which", "while", "where", "when", "but"}
)
_MAX_PLAIN_NAME = 4
_YEAR = re.compile(r"(?:19|20)\d\d")
_DETERMINERS = frozenset({"its", "their", "the", "a", "an", "this", "these", "our"})
_CLAUSE_WORDS = frozenset(
    {"while", "whereas", "which", "that", "where", "when", "but", "is", "are", "was", "were"}
)
# "40% fewer CL calls": a value with a unit before a comparative (the rules' comparatives)
_UNIT_BEFORE = re.compile(r"(?:\d%|\d(?:x|×|times|fold)|^(?:%|x|×|times|fold))$")
_VAGUE_MEASURES = frozenset({"score", "scores", "results", "values", "numbers", "quality"})
# what may follow the name a proposal verb introduces: "We propose Sophia, a ..."
_OBJECT_ENDS = frozenset({",", "(", ".", ":", ";"})
_ADJECTIVE_ENDS = ("urate", "ent", "ive", "able", "ible", "ous", "ful")
_MEASURE_STOPS = frozenset(
    {"than", "and", "or", "the", "a", "an", "of", "in", "on", "for", "to", "with", "at", "by"}
    | {"while", "whereas", "compared", "over", "per", "across", "when", "via", "as", "from"}
    | {"performance", "improvement", "improvements", "gains", "gain", "speedup", "is", "are"}
)
# words that end a list of metrics, not name one
_NOT_METRICS = frozenset(
    {"etc", "etc.", "others", "hyperparameters", "resources"}
    | {"we", "it", "they", "this", "that", "which", "these", "those", "there"}
)
# one-word comparison cues and result verbs: what follows them is not the proposal
_COMPARED = frozenset(
    {"over", "against", "versus", "vs", "vs.", "outperforms", "outperform", "surpasses"}
    | {"beats", "exceeds", "rivals", "matches"}
)
_RESULT_VERBS = frozenset(
    {"improves", "achieves", "reduces", "increases", "yields", "attains", "boosts", "enables"}
)
# a list of tasks: what separates its items, what may end it, what may open it
_LIST_ENDS = frozenset({",", ".", ";", ":", ")", "and", "or", "--", "–", "—"})
_LIST_OPENERS = frozenset(
    {",", "(", ":", "in", "for", "on", "like", "including", "as", "and", "or"}
)
_MAX_LISTED = 3
_VENUE_YEAR_RE = re.compile(r"[A-Za-z]['’]\d{2}$")
_REFERENCE_RE = re.compile(
    r"(?:[a-z]\.[a-z]\.|(?:Fig|Figs|Tab|Eq|Eqs|Sec|Thm|Alg|Ref)\."
    r"|[A-Z][a-z]+(?:19|20)\d{2}[A-Za-z]"  # a citation key: "Belkin2018ReconcilingMM"
    r"|[Vv]\d+(?:\.\d+)*$)"  # a version alone: "V2.1"
)


def report_words(lowers: list[str]) -> int:
    """How many final words of a title's head name the document ("Technical Report"), not
    the model it reports on; 0 when the head is only those words.

    Examples:
        >>> report_words(["qwen2.5", "technical", "report"]), report_words(["technical", "report"])
        (2, 0)
    """
    for words in _REPORT_ENDS:
        if len(lowers) > len(words) and tuple(lowers[-len(words) :]) == words:
            return len(words)
    return 0


def _part_is_name(part: str) -> bool:
    upper = sum(c.isupper() for c in part)
    if upper >= 2 or (upper == 1 and not part[0].isupper()):
        return True  # "NEXUS", "LLaMA", "vLLM"
    # "GPT4", "Qwen2"; "Reinforce++"
    return part[:1].isupper() and (any(c.isdigit() for c in part) or part.endswith("++"))


def _has_upper(text: str) -> bool:
    """``any(c.isupper() for c in text)``; a lower-case word (the usual token) answers at once."""
    return not text.islower() and any(c.isupper() for c in text)


def _titles(doc: Doc, i: int) -> dict[int, int]:
    """``{i: end}`` when token ``i`` starts a capitalised word."""
    return {i: chunk_end(doc, i)} if i < len(doc) and doc[i].is_title else {}


def _spells_acronym(text: str, capitals: set[str]) -> bool:
    """Whether ``text`` is a word capitalised to spell an acronym of the same text
    (``capitals``: its all-capital words): "ADAptive estimates of the HESSIAN" for ADAHESSIAN,
    "a novel FAir graph geneRatiOn framework" for FAROS.

    Examples:
        >>> [_spells_acronym(t, {"ADAHESSIAN"}) for t in ("ADAptive", "HESSIAN", "ADAM")]
        [True, True, False]
    """
    if not text.isalpha():
        return False
    if text.isupper():  # a word inside a longer acronym: "HESSIAN" of "ADAHESSIAN"
        return len(text) >= 5 and any(c != text and text in c for c in capitals)
    lead = len(text) - len(text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return lead >= 2 and any(c.startswith(text[:lead]) and len(c) > lead for c in capitals)


def is_name_shape(
    text: str,
    stop_names: frozenset[str] = frozenset(),
    adjective_suffixes: frozenset[str] = frozenset(),
) -> bool:
    """Whether a single chunk of text looks like the name of an artefact.

    One hyphen-separated part must look like a name on its own ("GS" in "Turbo-GS"), so
    title-case compounds ("Real-Time", "Model-Based") are not names; neither are adjectives
    built on a name ("LLM-based" with ``adjective_suffixes``), lower-case prefixes ("non-English"),
    sizes ("70B", "8GB"), URLs, or ``stop_names``.

    Examples:
        >>> [is_name_shape(t) for t in ("UI-NEXUS", "Turbo-GS", "LLaMA-2-70B", "GPT-4o", "3DGS")]
        [True, True, True, True, True]
        >>> [is_name_shape(t) for t in ("Flow", "2024", "III", "Two-Stage", "13B", "non-English")]
        [False, False, False, False, False, False]
        >>> is_name_shape("LLM-based", adjective_suffixes=frozenset({"based"}))
        False
        >>> [is_name_shape(t) for t in ("T^{2/3", "epsilon_{RM", "SP^2OT", "MoE^2", "H^3")]
        [False, False, True, True, False]
        >>> [is_name_shape(t) for t in ("NeurIPS'21", "STOC’20", "ICML")]
        [False, False, True]
        >>> [is_name_shape(t) for t in ("GPU-accelerated", "FLOP-for-FLOP", "Reinforce++")]
        [False, False, True]
        >>> [is_name_shape(t) for t in ("MCTS-Boosted", "GPT-4-Turbo", "R1-Zero")]
        [False, True, True]
        >>> [is_name_shape(t) for t in ("K=3", "1B-parameter", "e.g.BERT", "Fig.2", "V2.1")]
        [False, False, False, False, False]
        >>> is_name_shape("Belkin2018ReconcilingMM"), is_name_shape("MAP-")
        (False, False)
        >>> is_name_shape("usIng"), is_name_shape("IT")
        (False, True)
        >>> is_name_shape("A100-80GB", stop_names=frozenset({"A100"}))
        False
    """
    if len(text) < 2 or text in stop_names or not any(c.isalpha() for c in text):
        return False
    if not text.isupper() and text.lower() in STOP_WORDS:
        return False  # a common word capitalised to spell an acronym: "usIng" of "INSTINCT"
    if text.endswith("-"):
        return False  # a word broken at its hyphen: "MAP- Elites"
    if set(text) <= _ROMAN or _SIZE_RE.match(text) or any(c in text for c in "()~:@\\=<>"):
        return False  # numerals, sizes, markup and formulas ("K=3")
    if "_" in text or text.count("{") != text.count("}"):
        return False  # LaTeX left in the text: "T^{2/3", "epsilon_{RM"
    if len(text) > 1 and text[1] == "^":
        return False  # a variable raised to a power: "H^3" of "sqrt(d^2 H^3 T)"
    if _VENUE_YEAR_RE.search(text):
        return False  # a venue and year cited: "NeurIPS'21", "COLT'22"
    if _REFERENCE_RE.match(text):
        return False  # "e.g.BERT", "Fig.2", "Eq.3": an abbreviation glued to what follows
    parts = [p for p in _SPLIT_RE.split(text) if p]
    if not parts or parts[-1].lower() in adjective_suffixes:
        return False
    last = parts[-1]
    if (
        len(parts) > 1
        and last.isalpha()
        and (last.islower() or (last.istitle() and len(last) > 4))
        and last.endswith("ed")
    ):
        # an adjective built on a name: "GPU-accelerated", "ESG-regulated", "MCTS-Boosted"
        return False
    if any(p in _FUNCTION_WORDS for p in parts[1:-1]):
        return False  # a phrase, not a name: "FLOP-for-FLOP"
    if all(p in stop_names or _SIZE_RE.match(p) for p in parts):
        return False  # hardware and sizes: "A100-80GB"
    if _SIZE_RE.match(parts[0]) and all(p.islower() for p in parts[1:]):
        return False  # a size as an adjective: "1B-parameter", "7B-scale"
    if parts[0].isalpha() and parts[0].islower() and len(parts) > 1:
        return False
    return any(_part_is_name(p) for p in parts)


def _named_with_suffix(text: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a name ends with a data-set suffix after a name part of its own ("HotpotQA",
    "MMLU-Bench"); the suffix alone is no name ("QA" is question answering).

    Examples:
        >>> [_named_with_suffix(t, ("QA", "Bench")) for t in ("HotpotQA", "QA", "Bench", "X")]
        [True, False, False, False]
    """
    return any(text.endswith(s) and len(text) > len(s) for s in suffixes)


def has_proposal_subject(
    rules: Rules, texts: list[str], lowers: list[str], verb: int, sent_start: int
) -> bool:
    """Whether the words before a proposal verb make the authors its subject: "we", "here",
    "this paper", "our work", a single author's "I"; or the verb opens the sentence
    ("Introducing X", a heading-like sentence)."""
    if verb == sent_start:
        return True
    subjects = rules.proposal_subjects
    return any(
        texts[i] == "I"  # a single author: "I created X"
        or (
            low in subjects
            and (low in _SUBJECT_PRONOUNS or (i > sent_start and lowers[i - 1] in _OWN_DETERMINERS))
        )
        for i, low in enumerate(lowers[sent_start:verb], sent_start)
    )


def _proposal_gerund(word: str, rules: Rules) -> bool:
    """Whether a lower-case word is the gerund of a proposal verb ("introducing")."""
    stem = word[:-3]
    return word.endswith("ing") and bool({stem, stem + "e"} & rules.proposal_verbs)


# a result stated with a proposal verb: "establishes a new single-model state-of-the-art BLEU
# score" (not "a new state-of-the-art method")
_RECORD_RE = re.compile(
    r"(?:an? |the )?(?:new )?(?:\S+ ){0,2}?(?:state-of-the-art|state of the art|sota|record)\b"
    r"(?! (?:method|model|approach|framework|system|algorithm|architecture|network|benchmark)s?\b)"
)


def sets_a_record(lowers: list[str], verb: int) -> bool:
    """Whether the proposal verb states a result: "establishes a new state-of-the-art BLEU
    score", "sets a new record", "a new SOTA"."""
    after = lowers[verb + 1 : verb + 18]
    text = " ".join(after).replace(" - ", "-")
    return bool(_RECORD_RE.match(text))


def is_proposal_cue(
    rules: Rules, texts: list[str], lowers: list[str], i: int, sent_start: int
) -> bool:
    """Whether word ``i`` presents the authors' own artefact: a proposal verb with the authors
    as its subject (:func:`has_proposal_subject`), or its gerund after "by" in a sentence of
    theirs ("We achieve such sparsity by introducing equivariant convolutional networks")."""
    low = lowers[i]
    if low in rules.proposal_verbs:
        return has_proposal_subject(rules, texts, lowers, i, sent_start) and not sets_a_record(
            lowers, i
        )
    return (
        i > sent_start
        and lowers[i - 1] == "by"
        and _proposal_gerund(low, rules)
        and any(w in _SUBJECT_PRONOUNS for w in lowers[sent_start:i])
    )


class CandidateFinder:
    """Find rule candidates and proposal cues; see the module docstring."""

    def __init__(self, name: str = "kg_candidates", window: int = 14) -> None:
        self.name = name
        self.window = window
        self.rules: Rules = load_rules()
        # the words after which a name is what the new thing uses or studies, not a part of it
        self._used_before = frozenset(
            {cue for cue in self.rules.use_cues if " " not in cue} | _USED_WITH
        )
        for attr in ("kg_proposed", "kg_abbreviations", "kg_names"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        # first-added wins among equal spans: proposals (typed by their cue) before shapes
        spans: list[Span] = []
        proposed: set[tuple[int, int]] = set()
        for span in [*self._proposals(doc), *self._title_name(doc)]:
            proposed.add((span.start, span.end))
            spans.append(span)
        for name, ctype in doc._.kg_names or []:
            spans.append(Span(doc, name.start, name.end, label=ctype or self._head_type(name)))
        # what a value is scored on, typed by that before the shapes of the same names
        spans.extend(self._scored_on(doc))
        for start, end in self._shapes(doc):
            spans.append(Span(doc, start, end, label=self._type_of(doc, start, end) or "UNKNOWN"))
        spans.extend(self._dataset_parts(doc))
        tasks = [*self._task_phrases(doc), *self._title_tasks(doc)]
        spans.extend(tasks)
        spans.extend(self._listed_tasks(doc, tasks))
        spans.extend(self._metric_phrases(doc))
        # what one value compares or a change verb changes by one value: that value's measure
        # alone, for the result extractor
        doc.spans["kg_measures"] = self._compared_measures(doc)
        spans.extend(doc.spans["kg_measures"])
        doc.spans["kg_rule"] = filter_spans(spans)
        doc._.kg_proposed = proposed
        return doc

    def _scored_on(self, doc: Doc) -> list[Span]:
        """The capitalised name a value is scored on: "75.0% on Nordland", "3.1 points on
        Pitts30k" (up to three words; not a language, hardware or a known method, nor the
        sentence's first word)."""
        if doc.user_data.get("kg_field") == "title":
            return []
        methods = [v for v in doc.spans.get("kg_vocab", []) if v.label_ == "Method"]
        out: list[Span] = []
        for tok in doc:
            i = tok.i
            if tok.lower_ != "on" or i == 0 or i + 1 >= len(doc):
                continue
            prev = doc[i - 1]
            if not (
                prev.text in {"%", "x", "×"}
                or prev.lower_ in {"points", "pp"}
                or (prev.like_num and not prev.is_alpha)
            ):
                continue
            start = i + 1
            end = start
            while end < len(doc) and end - start < 3:
                t = doc[end]
                if inner_hyphen(doc, end) or after_inner_hyphen(doc, end):
                    end += 1
                    continue
                if not (t.text[:1].isupper() and t.text.replace("-", "").isalnum()):
                    break
                end += 1
            if end == start or doc[start].is_sent_start:
                continue
            name = doc[start:end]
            if (
                name.text in self.rules.language_modifiers
                or name.text in self.rules.stop_names
                or any(t.text in self.rules.stop_names for t in name)
                or any(m.start < end and start < m.end for m in methods)
                or (end < len(doc) and self.rules.descriptor_type(doc[end].text) is not None)
            ):
                continue
            out.append(Span(doc, start, end, label="Dataset"))
        return out

    def _dataset_parts(self, doc: Doc) -> list[Span]:
        """A known data set's name with the name of its part or edition after it: "WMT14
        English-French", "WMT 2014 English-to-German", "MuJoCo Hopper", "Penn Treebank WSJ".
        Up to three capitalised words (or words with digits and letters, or a year), joined by
        hyphens or spaces, up to a descriptor ("tasks"), a task word, another known name, a
        function word or a punctuation mark; not a longer capitalised run (a name of its own:
        "ImageNet Large Scale Visual Recognition Challenge"); not in a title, where every word
        is capitalised."""
        if doc.user_data.get("kg_field") == "title":
            return []
        known = {v.start for v in doc.spans.get("kg_vocab", [])}
        out: list[Span] = []
        for v in doc.spans.get("kg_vocab", []):
            if v.label_ != "Dataset":
                continue
            end, words = v.end, 0
            while end < len(doc):
                tok = doc[end]
                if inner_hyphen(doc, end):
                    end += 1
                    continue
                joined = after_inner_hyphen(doc, end)
                text = tok.text
                part = (
                    (text[:1].isupper() and text.isalpha())
                    or (any(c.isdigit() for c in text) and any(c.isalpha() for c in text))
                    or _YEAR.fullmatch(text) is not None
                )
                if joined and tok.lower_ == "to" and inner_hyphen(doc, end + 1):
                    end += 1  # a language pair: "WMT 2014 English-to-German"
                    continue
                if (
                    not part
                    or tok.is_sent_start
                    or (end in known and not joined)
                    or tok.lower_ in _FUNCTION_WORDS
                    or tok.lower_ in self.rules.task_heads
                    or tok.lower_ in self.rules.evaluation_words  # "NIST Open MT Evaluation"
                    or self.rules.descriptor_type(text) is not None
                ):
                    break
                words += 0 if joined else 1
                end += 1
            if end > v.end and doc[end - 1].text == "-":
                end -= 1
            if (
                v.end < end
                and words <= 3
                and not (
                    end < len(doc) and doc[end].is_title and doc[end].lower_ not in _FUNCTION_WORDS
                )
            ):
                out.append(Span(doc, v.start, end, label="Dataset"))
        return out

    # -- shapes
    def _shapes(self, doc: Doc) -> list[tuple[int, int]]:
        cached = doc.user_data.get("kg_shapes")
        if cached is not None:
            return cached
        out: list[tuple[int, int]] = []
        strings = token_strings(doc)
        texts, spaces = strings.texts, strings.spaces
        capitals = {t for t in texts if len(t) >= 4 and t.isalpha() and t.isupper()}
        n = len(texts)
        i = 0
        while i < n:
            text = texts[i]
            if not text[:1].isalnum() or (
                i > 0 and not spaces[i - 1] and texts[i - 1][:1].isalnum()
            ):
                i += 1
                continue
            end = i + 1
            while (
                end < n
                and not spaces[end - 1]
                and (texts[end][:1].isalnum() or texts[end] in {"-", "+", "."})
            ):
                end += 1
            if not _has_upper(texts[i] if end == i + 1 else "".join(texts[i:end])):
                i = end
                continue
            end = chunk_end(doc, i)
            if texts[end - 1] in {"'s", "’s"}:
                end -= 1
            text = strings.span_text(i, end)
            if doc[i].like_url or "://" in text or text.startswith("www."):
                i = max(end, i + 1)
                continue
            if (
                end > i
                and is_name_shape(text, self.rules.stop_names, self.rules.adjective_suffixes)
                and not _spells_acronym(text, capitals)
            ):
                # the year or major version after a name is part of it ("BRATS 2015",
                # "SFEW 2.0"), not a value ("BLEU 27.3")
                if end < n and spaces[end - 1] and _EDITION_NUMBER.fullmatch(texts[end]):
                    end += 1
                out.append((i, end))
            i = max(end, i + 1)
        doc.user_data["kg_shapes"] = out
        return out

    def _type_of(self, doc: Doc, start: int, end: int) -> str | None:
        strings = token_strings(doc)
        texts, lowers = strings.texts, strings.lowers
        n = len(texts)
        if end < n:
            nxt = self.rules.descriptor_type(texts[end])
            if nxt:
                return nxt
        if _named_with_suffix(strings.span_text(start, end), self.rules.dataset_name_suffixes):
            return "Dataset"
        # the word before the name, or before the list of names it ends ("on Caltech, INRIA,
        # and ETH"): a list's names are of one kind
        sent = sentence_of(doc, start)
        j = start - 1
        while j > sent.start and (
            lowers[j] in LIST_JOINS or (not texts[j].islower() and texts[j] not in _CLAUSE_MARKS)
        ):
            j -= 1
        if j >= sent.start and (j == start - 1 or lowers[j + 1] not in LIST_JOINS):
            # "evaluate ... on BBOB": a name after "on" in a sentence about evaluation
            if lowers[j] in {"on", "across"}:
                evaluation_words = self.rules.evaluation_words
                if any(low in evaluation_words for low in lowers[sent.start : sent.end]):
                    return "Dataset"
            # "the public benchmarks BRATS 2015 and ISLES 2015"
            plural = self.rules.descriptor_type(texts[j]) if lowers[j].endswith("s") else None
            if plural:
                return plural
            # "datasets like Cityscapes, CamVid and COCO-Stuff", "benchmarks such as X"
            if j > sent.start and (
                lowers[j] in {"like", "including"}
                or (lowers[j] == "as" and lowers[j - 1] == "such" and j - 1 > sent.start)
            ):
                noun = j - 1 if lowers[j] != "as" else j - 2
                found = self.rules.descriptor_type(texts[noun])
                if found and texts[noun].lower().endswith("s"):
                    return found
        # appositive: "X, a (new) benchmark"; the last descriptor is the head ("AutoDroid, a
        # mobile task automation system" is a system, not a task)
        if end + 2 < n and texts[end] == "," and lowers[end + 1] in {"a", "an", "the"}:
            return self._appositive_head(doc, end + 2)
        return None

    def _appositive_head(self, doc: Doc, start: int) -> str | None:
        """Type of the noun phrase at ``start`` by its last descriptor ("a mobile task automation
        system" is a system); the phrase runs to punctuation other than a word-inner hyphen
        ("open-source dataset"), a clause word, or a participle after the head ("a training
        system optimizing task scheduling" is a system)."""
        head = None
        words = 0
        for j in range(start, len(doc)):
            tok = doc[j]
            hyphen = inner_hyphen(doc, j)
            after_hyphen = j > start and after_inner_hyphen(doc, j)
            if (tok.is_punct and not hyphen) or (
                tok.lower_ in self.rules.proposal_stop_words and not after_hyphen
            ):
                break
            words += not (hyphen or after_hyphen)
            if words > 8:
                break
            if head and tok.is_lower and tok.text.endswith(("ing", "ed")):
                break
            if not after_hyphen:  # "multi-task" only modifies: "a multi-task ... dataset"
                head = self.rules.descriptor_type(tok.text) or head
        return head

    def _head_type(self, span: Span) -> str:
        for tok in reversed(span):
            found = self.rules.descriptor_type(tok.text)
            if found:
                return found
        if _named_with_suffix(span.text, self.rules.dataset_name_suffixes):
            return "Dataset"
        return "UNKNOWN"

    # -- tasks
    def _task_phrases(self, doc: Doc) -> list[Span]:
        """ "for trajectory stitching", "address resource allocation": cue, 1-2 modifiers, head;
        or cue and a head that names a task alone ("for parsing")."""
        out = []
        lowers = token_strings(doc).lowers
        heads = self.rules.task_heads
        for h, low in enumerate(lowers):
            if low not in heads or not doc[h].is_lower:
                continue
            start = h
            words = 0
            while start > 0 and words < 2:
                # the word before: a hyphenated compound counts as one ("ego-motion
                # estimation"), unless generic ("real-world")
                unit = start - 1
                if (
                    unit >= 2
                    and inner_hyphen(doc, unit - 1)
                    and doc[unit - 2].is_alpha
                    and doc[unit - 2].text.islower()
                    and doc[unit - 2].lower_ not in self.rules.task_cues
                    and doc[unit - 2 : start].text.lower() not in self.rules.task_modifier_stop
                ):
                    unit -= 2
                prev = doc[start - 1]
                word = prev.text
                if not (word.replace("-", "").isalpha() and word.islower()) or (
                    prev.like_num  # "six math reasoning benchmarks"
                    or prev.is_stop  # "reflecting before answering"
                    or (unit == start - 1 and prev.lower_ in self.rules.task_modifier_stop)
                    or prev.lower_ in self.rules.task_cues
                ):
                    break
                start = unit
                words += 1
            lang = language_start(doc, start, self.rules.language_modifiers)
            if words == 2 and doc[start].lower_.endswith("ing"):
                start += 1  # "achieving concise reasoning": the verb is not part of the task
            elif start == h and (
                low not in self.rules.standalone_task_heads or self._modifies_next(doc, h)
            ):
                # a bare head is a task only if it names one alone ("for parsing"), not as a
                # modifier ("enhancing reasoning efficiency")
                continue
            elif lang < start:
                start = lang  # the languages make it a task: "Czech-English translation"
            elif start == 0 or doc[start - 1].lower_ not in self.rules.task_cues:
                continue
            out.append(Span(doc, start, h + 1, label="Task"))
        return out

    def _listed_tasks(self, doc: Doc, tasks: list[Span]) -> list[Span]:
        """Plain phrases listed with a task ("applications in 3D reconstruction, mixed reality,
        and robotics", "like drug discovery and material design"): one to three lower-case
        words between list separators, next to a task the vocabulary or the rules found."""
        lowers = token_strings(doc).lowers
        anchors = [s for s in doc.spans.get("kg_vocab", []) if s.label_ == "Task"] + tasks
        taken = {i for s in doc.spans.get("kg_vocab", []) for i in range(s.start, s.end)}
        out: list[Span] = []
        seen = {(s.start, s.end) for s in anchors}
        for anchor in anchors:
            found = []
            # the item after: "TASK, item", "TASK and item", "TASK, and item"
            k = anchor.end
            while k < len(doc) and lowers[k] in LIST_JOINS:
                k += 1
            if k > anchor.end:
                end = k
                while end < len(doc) and end - k < _MAX_LISTED and self._list_word(doc, end):
                    end += 1
                if k < end and (end == len(doc) or lowers[end] in _LIST_ENDS):
                    found.append(Span(doc, k, end, label="Task"))
            # the item before: "item, TASK", "item and TASK"
            k = anchor.start
            while k > 0 and lowers[k - 1] in LIST_JOINS:
                k -= 1
            if k < anchor.start:
                start = k
                while start > 0 and k - start < _MAX_LISTED and self._list_word(doc, start - 1):
                    start -= 1
                # a lone adjective shares the task's head: "linear and nonlinear programming"
                shared = (
                    start == k - 1
                    and lowers[k] in _OR
                    and k + 1 == anchor.start
                    and lowers[start].endswith(_SHARED_HEAD_ENDINGS)
                )
                if start < k and start > 0 and lowers[start - 1] in _LIST_OPENERS and not shared:
                    found.append(Span(doc, start, k, label="Task"))
            for span in found:
                if (span.start, span.end) not in seen:
                    seen.add((span.start, span.end))
                    out.append(span)
        return [s for s in out if not any(i in taken for i in range(s.start, s.end))]

    def _list_word(self, doc: Doc, i: int) -> bool:
        """A word of a plainly named task in a list: lower case, no function or cue word."""
        token = doc[i]
        word = token.text
        return (
            word.replace("-", "").isalpha()
            and word.islower()
            and not token.is_stop
            and not word.endswith("ly")
            and word not in self.rules.task_modifier_stop
            and word not in self.rules.task_cues
            and word not in self.rules.generic_phrases
        )

    def _modifies_next(self, doc: Doc, i: int) -> bool:
        """Whether token ``i`` modifies the lower-case noun after it ("reasoning efficiency"),
        other than a word for tasks or benchmarks ("reasoning tasks")."""
        if i + 1 >= len(doc) or not doc[i].whitespace_:
            return False
        nxt = doc[i + 1]
        return (
            nxt.is_alpha
            and nxt.is_lower
            and nxt.lower_ not in _FUNCTION_WORDS
            and self.rules.descriptor_type(nxt.text) not in {"Task", "Dataset"}
        )

    def _title_tasks(self, doc: Doc) -> list[Span]:
        """Titles state their problem: "Trajectory Stitching via ...", "... for Imbalanced
        Clustering". The phrase before "via" or after "for" (up to the next preposition, at most
        five words), or what a title opening with "Improving" improves ("Improving Reasoning for
        ..."), is a Task when its last word is a task head or a gerund ("Prompting"). So is
        the first phrase before "for" or "in" and the phrase after "in" when a task head ends it
        and it has two words or more ("Cluster Head Selection for Sensor Networks")."""
        if doc.user_data.get("kg_field") != "title":
            return []
        out: list[Span] = []
        colon = next((t.i for t in doc if t.text == ":"), -1)
        lead = colon + 1 < len(doc) and doc[colon + 1].lower_ in _IMPROVING
        first_preposition = next(
            (t.i for t in doc[colon + 2 :] if t.lower_ in _TITLE_PREPOSITIONS), None
        )
        stops = self.rules.proposal_stop_words

        def phrase_end(i: int) -> int:
            """The end of the phrase from ``i``: the next preposition or punctuation mark."""
            while i < len(doc) and (
                doc[i].text == "-" or not (doc[i].is_punct or doc[i].lower_ in stops)
            ):
                i += 1
            return i

        spans: list[tuple[int, int]] = []
        # the phrases that need a task head: before the first "for" or "in", and after "in"
        extra: set[tuple[int, int]] = set()
        for tok in doc:
            if (
                tok.lower_ in {"for", "in"}
                and tok.i > colon + 1
                and not lead
                and not any(t.lower_ in _TITLE_PREPOSITIONS for t in doc[colon + 1 : tok.i])
            ):
                extra.add((colon + 1, tok.i))
            if tok.lower_ == "in" and tok.i > colon:
                extra.add((tok.i + 1, phrase_end(tok.i + 1)))
            if tok.lower_ in _TITLE_MEANS and tok.i > colon + 1 and not lead:
                # "Trajectory Stitching via ...", "Automatic Triton Programming with ..."
                start, end = colon + 1, tok.i
            elif lead and tok.i == first_preposition:
                # "Improving Reasoning for Diffusion Language Models": what is improved
                start, end = colon + 2, tok.i
            elif tok.lower_ == "for" and tok.i > colon:
                start, end = tok.i + 1, phrase_end(tok.i + 1)
            else:
                continue
            spans.append((start, end))
        for start, end in dict.fromkeys(spans + sorted(extra - set(spans))):
            strict = (start, end) in extra and (start, end) not in spans
            while start < end and doc[start].lower_ in _TITLE_TRIM:
                start += 1
            # past an adjective built on a name: "Reinforcement Learning-Based Cluster Head
            # Selection" is "Cluster Head Selection"
            for k in range(end - 3, start, -1):
                if after_inner_hyphen(doc, k) and doc[k].lower_ in _BUILT_ON:
                    start = k + 1
                    break
            if (
                not 0 < end - start <= 5
                or self._known_method(doc, start, end)
                or any(t.lower_ in _TITLE_PREPOSITIONS for t in doc[start:end])
            ):
                continue
            head = doc[end - 1].lower_
            if strict and (head not in self.rules.task_heads or end - start < 2):
                continue
            if head in self.rules.task_heads or (head.endswith("ing") and head != "learning"):
                out.append(Span(doc, start, end, label="Task"))
        return out

    @staticmethod
    def _known_method(doc: Doc, start: int, end: int) -> bool:
        """Whether the phrase ends in a known method ("... via Diffusion Models"); one that
        only modifies its head is no method ("Language Model Pre-training")."""
        return any(
            v.label_ == "Method" and v.start < end <= v.end for v in doc.spans.get("kg_vocab", [])
        )

    # -- metrics
    def _metric_phrases(self, doc: Doc) -> list[Span]:
        """ "in terms of resource utilization and image quality": each conjunct a Metric."""
        out: list[Span] = []
        words = token_strings(doc).lowers
        firsts = {cue[0] for cue in self.rules.metric_cues}
        for i in range(len(doc)):
            if words[i] not in firsts:
                continue
            for cue in self.rules.metric_cues:
                if tuple(words[i : i + len(cue)]) != cue:
                    continue
                j = i + len(cue)
                if j < len(doc) and words[j] in _INDEFINITE:
                    continue  # a thing, not a measure: "with respect to a certain ad"
                start = j
                while j <= len(doc):
                    in_word = (
                        j < len(doc)
                        and doc[j].text == "-"
                        and not doc[j - 1].whitespace_
                        and not doc[j].whitespace_
                    )
                    at_end = not in_word and (
                        j == len(doc)
                        or not (doc[j].is_lower and doc[j].text.replace("-", "").isalpha())
                        or words[j] in {"and", "or", "both", "the", "its", "their"}
                        or words[j] in _CLAUSE_WORDS  # "accuracy while eliminating ..."
                    )
                    if at_end:
                        # "measured in terms of WER", "measured by a reimplementation of":
                        # a preposition inside is not a metric name
                        if _PREPOSITIONS & set(words[start:j]):
                            break
                        item = doc[start:j]
                        if (
                            any(t.lower_ in _NOT_METRICS for t in item)
                            or (
                                len(item)
                                and self.rules.descriptor_type(item[-1].text)
                                in {"Method", "Dataset"}
                            )
                            or (j < len(doc) and words[j] in _DETERMINERS)
                        ):
                            # a clause ("we observe that"), "etc", a method ("a gold
                            # algorithm"), a verb and its object ("and adjusts its speed")
                            break
                        if 0 < j - start <= 3:
                            out.append(Span(doc, start, j, label="Metric"))
                        if j < len(doc) and (
                            words[j] in {"and", "or", "both", "the", ","} or doc[j].text == ","
                        ):
                            j += 1
                            start = j
                            continue
                        break
                    j += 1
        return out

    def _compared_measures(self, doc: Doc) -> list[Span]:
        """What a value with a unit compares: "40% fewer CL calls", "48.07% faster convergence",
        "2.7x higher QoS utility" (one to three words after the comparative), and what a change
        verb changes by a value: "improves response correctness by 4%", "reduce the usage of
        long-chain thinking by 50%" (up to seven tokens, "of" inside; not where a known metric
        opens them: "the recall of accurate facts")."""
        out: list[Span] = []
        words = token_strings(doc).lowers
        known = {s.start for s in doc.spans.get("kg_vocab", []) if s.label_ == "Metric"}
        for i in range(1, len(doc) - 1):
            if words[i] in self.rules.comparatives and _UNIT_BEFORE.search(doc[i - 1].text):
                end = self._measure_end(doc, i + 1, 3, of=False)
                if end > i + 1 and self._names_measure(doc, i + 1, end):
                    out.append(Span(doc, i + 1, end, label="Metric"))
            elif words[i] in self.rules.change_verbs:
                start = i + 1
                while start < len(doc) and words[start] in _DETERMINERS:
                    start += 1
                end = self._measure_end(doc, start, 7, of=True)
                if (
                    end > start
                    and end + 1 < len(doc)
                    and words[end] == "by"
                    and any(t.like_num for t in doc[end + 1 : end + 5])
                    and start not in known
                    and self._names_measure(doc, start, end)
                ):
                    out.append(Span(doc, start, end, label="Metric"))
        return out

    def _measure_end(self, doc: Doc, start: int, limit: int, of: bool) -> int:
        """End of the plain words of a measure's name from ``start``: lower-case words or
        acronyms, hyphen compounds, "of" inside when ``of``; at most ``limit`` tokens."""
        words = token_strings(doc).lowers
        end = start
        while end < len(doc) and end - start < limit:
            tok = doc[end]
            if tok.text == "-" and not tok.whitespace_ and end > start:
                end += 1
                continue
            if of and words[end] == "of" and end > start:
                end += 1
                continue
            if not tok.text.replace("-", "").isalnum() or words[end] in _MEASURE_STOPS:
                break
            named = tok.is_upper or is_name_shape(tok.text, self.rules.stop_names)
            if not (tok.is_lower or named):
                break
            end += 1
        while end > start and (doc[end - 1].text == "-" or words[end - 1] == "of"):
            end -= 1
        return end

    def _names_measure(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words name a measure: not an activity ("2x faster training"), a model
        or data set ("10x larger models"), a bare adjective ("8% more accurate"; but "1.5x
        more compute-efficient" is), a bare vague word ("a 0.032% better score") or a bare
        plural ("10 times fewer samples"). The head is the word before "of" where there is
        one."""
        last = next((t.i - 1 for t in doc[start:end] if t.lower_ == "of"), end - 1)
        head = doc[last].lower_
        return not (
            head in self.rules.task_heads
            or head.endswith("ing")
            or self.rules.descriptor_type(doc[last].text) in {"Method", "Dataset", "Task"}
            or head in _NOT_METRICS
            # a bare "score": which is not said ("0.032% better score"); a bare plural counts
            # things ("10 times fewer samples"), a name says what
            or (
                end - start == 1
                and (
                    head in _VAGUE_MEASURES
                    or head.endswith(_ADJECTIVE_ENDS)
                    or (doc[start].is_lower and head.endswith("s") and not head.endswith("ss"))
                )
            )
        )

    # -- proposals
    def _proposals(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        sents = sentences(doc)
        longs = {lf.start: lf for lf, _sf in doc._.kg_abbreviations or []}
        # a naming phrase's name, typed by the artefact descriptor before its cue ("a new
        # corpus of scientific abstracts, termed SciAbs"); what a paper proposes is a method or
        # a data set, so a task word there ("a new setting, named X") does not type it
        names = [
            Span(doc, n.start, n.end, label=t if t in {"Method", "Dataset"} else "")
            for n, t in doc._.kg_names or []
        ]
        shapes = dict(self._shapes(doc))
        strings = token_strings(doc)
        texts, lowers = strings.texts, strings.lowers
        for sent in sents:
            sent_lowers = lowers[sent.start : sent.end]
            verbs = [
                i
                for i, low in enumerate(sent_lowers, sent.start)
                if is_proposal_cue(self.rules, texts, lowers, i, sent.start)
            ]
            authors = verbs or "we" in sent_lowers or "our" in sent_lowers
            if authors:  # "which we call EvoLLM", "a benchmark dubbed X" in our sentence
                out.extend(n for n in names if sent.start <= n.start < sent.end)
            for verb in verbs[:1]:
                out.extend(self._after_verb(doc, verb, sent.end, longs, shapes))
                out.extend(self._known_object(doc, verb))
            if authors:
                out.extend(self._counted_parts(doc, sent.start, sent.end))
            for k in range(sent.start, sent.end - 2):
                if lowers[k] == "our":
                    out.extend(self._our_named(doc, k, sent.end, shapes))
            # a new acronym defined after "our" or a proposal verb: "our method is a
            # Decoupled GRPO (DeGRPO) algorithm"
            cues = [*verbs, *(i for i, low in enumerate(sent_lowers, sent.start) if low == "our")]
            if cues:
                for start, lf in longs.items():
                    if (
                        min(cues) < start < sent.end
                        and not self._known(doc, lf)
                        and not self._built_on(doc, start, sent.start)
                    ):
                        ctype = self._defined_type(doc, lf) or self._head_type(lf)
                        out.append(Span(doc, lf.start, lf.end, label=ctype))
            # "X, a novel framework ..." / "X is a new benchmark"
            first = sent.start
            if first in shapes:
                end = shapes[first]
                tail = [t.lower_ for t in doc[end : min(end + 5, sent.end)]]
                # released at an address ("LOTUS is publicly available at https://..."), not
                # a known name available through an API ("GPT-4 is available via ...")
                released = (
                    tail[:1] == ["is"]
                    and bool(_RELEASED & set(tail[1:5]))
                    and any("://" in low or "github" in low for low in lowers[end : sent.end])
                    and not self._known(doc, doc[first:end])
                )
                described = tail[:1] in ([","], ["is"]) and bool(_NEW_WORDS & set(tail))
                if described or released:
                    kind = self._type_of(doc, first, end) or self._descriptor_in(doc, end, sent.end)
                    out.append(Span(doc, first, end, label=kind or "Method"))
        return out

    def _counted_parts(self, doc: Doc, sent_start: int, sent_end: int) -> list[Span]:
        """The parts a sentence of the authors counts and then lists after a colon: "we develop
        two techniques: mini-batch aware regularization and data adaptive activation function",
        "Our framework employs two strategies: Backward progressive training and Branch-based
        sampling". Each item is a short noun phrase (at most :data:`_MAX_PART` tokens, no
        clause word), after an article or a number ("(1)", "(i)", "1)"); the list must be as
        long as counted, and a bare lower-case word ("a critic") names no part of its own."""
        lowers = token_strings(doc).lowers
        for k in range(sent_start, sent_end - 3):
            count = _COUNT_WORDS.get(lowers[k], 0)
            if not count or lowers[k + 1] not in _PART_NOUNS or lowers[k + 2] != ":":
                continue
            items: list[Span] = []
            j = k + 3
            while j < sent_end and len(items) < count:
                while j < sent_end:  # separators, numbers and an article before the item
                    skip = _enumerator_length(doc, j) or int(lowers[j] in _ITEM_SEPARATORS)
                    if not skip:
                        break
                    j += skip
                start = j
                while (
                    j < sent_end
                    and (doc[j].is_alpha or doc[j].text == "-")
                    and lowers[j] not in _PART_STOPS
                ):
                    j += 1
                last = len(items) == count - 1  # the last may run into a clause: "... which"
                if not 0 < j - start <= _MAX_PART or not (last or lowers[j] in _ITEM_SEPARATORS):
                    return []
                items.append(Span(doc, start, j, label="Method"))
            if len(items) != count:
                return []
            return [i for i in items if len(i) > 1 or not i.text.islower()]
        return []

    def _our_named(self, doc: Doc, our: int, sent_end: int, shapes: dict[int, int]) -> list[Span]:
        """The name after "our" and a descriptor noun: "our method, FooNet"; also after a few
        lower-case modifiers, without the comma when the name is shaped as one ("our
        fine-tuned model SWE-Llama"; not "our model and data") or between two commas ("our
        smallest math-specific model, Qwen2.5-Math-1.5B-Instruct, achieves")."""
        j = our + 1
        while j < min(sent_end, our + 6) and not self.rules.descriptor_type(doc[j].text):
            if not (doc[j].is_lower or doc[j].text == "-"):
                return []
            j += 1
        if j >= sent_end - 1 or not doc[j].is_lower:
            return []
        ctype = self.rules.descriptor_type(doc[j].text)
        if not ctype:
            return []
        k = j + 1
        comma = doc[k].text == ","
        k += comma
        if k >= sent_end or k not in (shapes | _titles(doc, k) if comma else shapes):
            return []
        end = shapes.get(k) or chunk_end(doc, k)
        if (
            comma
            and j > our + 1
            and not (
                end + 1 < sent_end
                and doc[end].text == ","
                and doc[end + 1].is_lower
                and doc[end + 1].lower_ not in _OR
            )
        ):
            # after modifiers, an appositive the commas close ("our smallest math-specific
            # model, Qwen2.5-Math-1.5B-Instruct, achieves"), not a list ("our fine-tuned
            # model, GPT-4, and Llama")
            return []
        return [Span(doc, k, end, label=ctype)]

    def _known_object(self, doc: Doc, verb: int) -> list[Span]:
        """A known name that is the whole object of the proposal verb: "We propose Sophia, a
        simple ... optimizer", "we present GPT-4." (the paper that introduces a name the
        vocabulary knows); not a name the sentence goes on to use ("we introduce LoRA into
        the attention layers") nor a lower-case family ("we propose diffusion models for")
        unless described as a new thing of a kind ("We present conditional random fields, a
        framework for ...")."""
        for v in doc.spans.get("kg_vocab", []):
            if (
                v.start == verb + 1
                and v.label_ in {"Method", "Dataset"}
                and (any(c.isupper() for c in v.text) or self._described_as_new(doc, v.end))
                and (v.end == len(doc) or doc[v.end].text in _OBJECT_ENDS)
            ):
                return [Span(doc, v.start, v.end, label=v.label_)]
        return []

    def _described_as_new(self, doc: Doc, end: int) -> bool:
        """Whether ", a/an <up to two words> <descriptor>" follows a lower-case known name
        the authors present: "We present conditional random fields, a framework for building
        probabilistic models" (the paper that introduced them)."""
        words = [t.lower_ for t in doc[end : end + 5]]
        if words[:1] != [","] or words[1:2] not in (["a"], ["an"]):
            return False
        return any(self.rules.descriptor_type(w) for w in words[2:5])

    @staticmethod
    def _known(doc: Doc, span: Span) -> bool:
        """Whether the curated vocabulary knows the span (then it is not new)."""
        return any(
            v.start <= span.start and span.end <= v.end for v in doc.spans.get("kg_vocab", [])
        )

    def _built_on(self, doc: Doc, start: int, sent_start: int) -> bool:
        """Whether the name at ``start`` is what the new thing is made of or with: after "of",
        "by", a verb of use or study or a gerund other than a proposal verb's ("a variant of
        Rejection Sampling Finetuning (RSF)", "by solving diffusion ordinary differential
        equations (diffusion ODEs)", "which integrates Stein Variational Gradient Descent
        (SVGD)", not "by introducing Foo Bar (FB)")."""
        i = start - 1
        while i > sent_start and doc[i].lower_ in {"a", "an", "the"}:
            i -= 1
        word = doc[i].lower_
        if word in {"of", "by"} or word in self._used_before:
            return True
        return (
            word.endswith("ing")
            and doc[i].is_lower
            and word.isalpha()
            and not _proposal_gerund(word, self.rules)
        )

    def _descriptor_in(self, doc: Doc, start: int, end: int) -> str | None:
        for j in range(start, min(end, start + 8)):
            found = self.rules.descriptor_type(doc[j].text)
            if found:
                return found
        return None

    def _after_verb(
        self, doc: Doc, verb: int, sent_end: int, longs: dict[int, Span], shapes: dict[int, int]
    ) -> list[Span]:
        out: list[Span] = []
        descriptor: str | None = None
        j = verb + 1
        limit = min(sent_end, verb + self.window)
        while j < limit:
            tok = doc[j]
            in_compound = j > 0 and doc[j - 1].text == "-" and not doc[j - 2].whitespace_
            if (
                tok.lower_ in self.rules.proposal_stop_words
                or tok.lower_ in _COMPARED
                or tok.lower_ in _RESULT_VERBS
            ) and not in_compound:
                break  # what follows is a comparison or a result: "FooNet improves ... over X"
            if out and tok.text == "," and self._describes(doc, j + 1):
                # "ZeroQAT, a ... QAT framework", "MBRCSL, granting RCSL methods ...": what
                # follows the name describes or uses it; a list ("X, Y and Z") or a citation
                # ("[6, 7]") goes on
                break
            if descriptor and doc[j - 1].text == "," and tok.is_title and j not in shapes:
                # "an optimization framework, Trace, which ...", "a new method, Normalized
                # LR+GD": the capitalised words and names that follow
                end = chunk_end(doc, j)
                while end < limit and (end in shapes or doc[end].is_title):
                    end = shapes.get(end) or chunk_end(doc, end)
                out.append(Span(doc, j, end, label=descriptor))
                j = end
                continue
            if tok.lower_ in self.rules.naming_cues and not out:
                # "a more practical problem setting named deep imbalanced clustering, where":
                # a lower-case name (capitalised ones are the abbreviation stage's)
                end = self._plain_name_end(doc, j + 1, limit)
                if end > j + 1:
                    out.append(Span(doc, j + 1, end, label=descriptor or "Method"))
                    j = end
                    continue
            found = self.rules.descriptor_type(tok.text)
            if found and tok.text.islower():
                descriptor = found
            if j in longs:
                lf = longs[j]
                ctype = descriptor or self._defined_type(doc, lf) or self._head_type(lf)
                out.append(Span(doc, lf.start, lf.end, label=ctype))
                j = lf.end
                continue
            if j in shapes:
                end = shapes[j]
                ctype = self._type_of(doc, j, end) or descriptor or "Method"
                out.append(Span(doc, j, end, label=ctype))
                j = end
                continue
            if tok.text in {".", ";", ":"}:
                break
            j += 1
        return out

    def _defined_type(self, doc: Doc, long_form: Span) -> str | None:
        """Type a long form's description gives it: "Denoising Task Routing (DTR), a simple
        add-on strategy" is a method, whatever words the name holds."""
        end = long_form.end
        if end < len(doc) and doc[end].text == "(":
            close = next((t.i for t in doc[end : end + 6] if t.text == ")"), None)
            if close is None:
                return None
            end = close + 1
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"a", "an"}:
            return self._appositive_head(doc, end + 2)
        return None

    def _plain_name_end(self, doc: Doc, start: int, limit: int) -> int:
        """End of a lower-case name of at most four words at ``start`` that a comma, a clause
        word or the sentence's end closes ("named deep imbalanced clustering, where"), else
        ``start``."""
        end = start
        while end < limit and end - start < _MAX_PLAIN_NAME:
            tok = doc[end]
            if not (tok.is_lower and tok.text.replace("-", "").isalpha()) or (
                tok.lower_ in self.rules.proposal_stop_words
            ):
                break
            end += 1
        closed = (
            end == len(doc)
            or doc[end].is_punct
            or doc[end].lower_ in self.rules.proposal_stop_words
        )
        return end if closed and doc[end - 1].text != "-" else start

    @staticmethod
    def _describes(doc: Doc, j: int) -> bool:
        """Whether token ``j``, after a comma, starts a description: a lower-case word other
        than a conjunction (", a ...", ", granting ...")."""
        return j < len(doc) and doc[j].is_alpha and doc[j].is_lower and doc[j].lower_ not in _OR

    def _title_name(self, doc: Doc) -> list[Span]:
        """Title "NAME: A Benchmark for ...": the name before the colon (field ``title``); in a
        phrase of plain words around names ("AlphaMath Almost Zero:"), the names alone."""
        if doc.user_data.get("kg_field") != "title":
            return []
        colon = next((t.i for t in doc[:8] if t.text == ":"), None)
        if colon is None or colon == 0:
            return []
        first = 1 if doc[0].lower_ == "the" else 0
        end = colon - report_words(token_strings(doc).lowers[first:colon])
        head = doc[first:end]
        if len(head) == 0 or len(head.text.split()) > 4:
            return []
        words = head.text.split()
        if not any(is_name_shape(t.text, self.rules.stop_names) for t in head) and not (
            len(words) <= 3 and all(w[:1].isupper() for w in words) and not self._known(doc, head)
        ):
            return []
        ctype = self._descriptor_in(doc, colon + 1, len(doc))
        if ctype not in {"Dataset", "Method"}:
            ctype = "Method"  # "X: Measure and Improve ...": a verb, not a metric
        shaped = [t.i for t in head if is_name_shape(t.text, self.rules.stop_names)]
        plain = [t for t in head if t.is_alpha and t.text.istitle() and t.i not in shaped]
        if shaped and plain and all(doc[i].whitespace_ for i in shaped if i + 1 < colon):
            # "AlphaMath Almost Zero:", "OptiBench Meets ReSocratic:": the names, not the
            # catch-phrase around them
            names = [Span(doc, i, i + 1, label=ctype) for i in shaped]
            return [n for n in names if not self._known(doc, n)]
        if end < colon and self._known(doc, head):
            return []  # "GPT-4 Technical Report": the vocabulary's name
        if (
            not shaped
            and len(words) > 1
            # a letter names: "Agent Q"
            and not any(len(w) == 1 and w.isupper() for w in words)
            and not self._named_in_abstract(doc, head)
        ):
            # a catch-phrase the abstract never uses: "Rewarding Progress:", "Towards Better
            # Alignment:", "Predictable Scale:"
            return []
        return [Span(doc, first, end, label=ctype)]

    @staticmethod
    def _named_in_abstract(doc: Doc, head: Span) -> bool:
        """Whether the abstract (``doc.user_data["kg_abstract"]``) uses a title's plain-word
        name: in full (its last word singular or plural) or as the acronym of its initials
        ("Structurally Prune Anything" ... "SPA"). Without the abstract, yes."""
        abstract = doc.user_data.get("kg_abstract")
        if abstract is None:
            return True
        words = [w for w in re.split(r"[\s,\-]+", head.text) if w]
        stem = " ".join(words).lower().rstrip("s")
        initials = "".join(w[0] for w in words).upper()
        return stem in " ".join(re.split(r"[\s,\-]+", abstract)).lower() or bool(
            re.search(rf"\b{re.escape(initials)}s?\b", abstract)
        )


@Language.factory(
    "kg_candidates",
    assigns=["doc.spans", "doc._.kg_proposed"],
    default_config={"window": 14},
)
def make_candidate_finder(nlp: Language, name: str, window: int) -> CandidateFinder:
    """Factory of :class:`CandidateFinder` (``nlp.add_pipe("kg_candidates")``).

    Examples:
        >>> import spacy, kg.extract
        >>> nlp = spacy.blank("en")
        >>> for pipe in ("kg_sentences", "kg_abbreviations", "kg_candidates"):
        ...     _ = nlp.add_pipe(pipe)
        >>> doc = nlp("This work introduces UI-NEXUS, a comprehensive benchmark. "
        ...           "We compare GPT-4o with LLaMA-2-70B here.")
        >>> [(s.text, s.label_) for s in doc.spans["kg_rule"]]
        [('UI-NEXUS', 'Dataset'), ('GPT-4o', 'UNKNOWN'), ('LLaMA-2-70B', 'UNKNOWN')]
        >>> [doc[s:e].text for s, e in sorted(doc._.kg_proposed)]
        ['UI-NEXUS']
    """
    return CandidateFinder(name, window=window)
