"""Assemble the processed title and abstract of one paper into an :class:`Extraction`.

Concepts of the two fields are one concept when they share a normalised name or an alias, or
are an acronym and a long form of one vocabulary entry (the abstract decides name, type and
role; the title adds mentions and may set the proposed flag). Each concept appears once per
paper. A new name (not the vocabulary's) that the title leads with is the paper's own: proposed
("Multi-Objective GFlowNets"; "Real-Time Iteration Scheme for Diffusion Policy"). So is a
known name that stands alone before the title's colon, shaped as a name or spelled by the
vocabulary as a proper name ("Mamba: Linear-Time Sequence Modeling ...", the paper that
introduced it), unless the title reviews it ("X: A Survey").

A result whose sentence names no data set is on the paper's benchmark when the paper proposes
exactly one data set and no method ("We introduce MedVerse, a benchmark ... The best model
reaches only 61.3% accuracy").

Back-off: the concepts only the recogniser found (``doc._.kg_backoff``) join the paper when
the rules and the vocabulary found at most four concepts in a title and abstract of at least
60 words and the recogniser adds at most five new ones (:func:`_backs_off`). The limits were
chosen on the development sets (SciERC dev strict F1 0.254 -> 0.421, SciREX held-out 0.376 ->
0.395, the modern seed sets within 0.002 of before). A short title and abstract (at most 200
words, as the corpora's are) backs off with up to five concepts found and seven added (SciERC
dev 0.488 -> 0.540, SciREX held-out 0.429 -> 0.440; a modern abstract with few known names is
long, and the held-out seed sets are unchanged). The data descriptions of such a paper
(``doc._.kg_materials``, :mod:`kg.extract.materials`) join it too and do not count towards the
limit on what the recogniser adds (SciERC dev 0.453 -> 0.488, Dataset 0.135 -> 0.451;
seed_dev2 and bundled_rest_dev 0.0015 lower, the held-out seed sets unchanged). Given ``redo``
(as :mod:`kg.extract` gives it), a paper that backs off is redone as the recogniser draws
concepts: the broad mode's merger, where the recogniser's spans win the boundaries ("RANSAC
techniques", "JAVELIN system"), since its text is like the corpora the recogniser learned from
(SciERC dev 0.546 -> 0.561, SciREX held-out 0.440 -> 0.446, the seed sets within 0.001).

Confidence (documented formula, capped at 0.99, two decimals)::

    0.30                          base: some component found it
    + 0.30  if the curated vocabulary matched it
    + 0.20  if the statistical recogniser found it
    + 0.15  if an acronym definition links long and short form
    + 0.15  if a rule cue supports it (proposal, naming phrase, descriptor noun)
    + 0.10  if it is mentioned two or more times

so a name found by shape alone scores 0.30, a vocabulary term 0.60, and a vocabulary term that
the recogniser also found, mentioned twice, 0.90.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Doc

from kg.extract.abbreviations import is_short_form
from kg.extract.candidates import is_name_shape, report_words
from kg.extract.concepts import DocConcept, lower_forms, normalise, vocabulary_label
from kg.extract.results import OURS
from kg.extract.sentences import token_strings
from kg.model import Concept, Extraction, Mention, Paper, Result
from kg.rules import load_rules

__all__ = ["assemble", "confidence", "may_back_off"]

_WEIGHTS = {"vocab": 0.30, "ner": 0.20, "abbrev": 0.15}


def confidence(sources: set[str], cue: bool, n_mentions: int) -> float:
    """The confidence formula of the module docstring.

    Examples:
        >>> confidence({"rule"}, False, 1)
        0.3
        >>> confidence({"vocab", "ner"}, False, 2)
        0.9
        >>> confidence({"vocab", "ner", "abbrev", "rule"}, True, 3)
        0.99
    """
    score = 0.30 + sum(w for s, w in _WEIGHTS.items() if s in sources)
    score += 0.15 if cue else 0.0
    score += 0.10 if n_mentions >= 2 else 0.0
    return round(min(score, 0.99), 2)


class _Acc:
    """Accumulates one paper-level concept from the doc concepts of both fields."""

    def __init__(self, first: DocConcept, name: str, field: str, text: str) -> None:
        self.main = first
        self.type = first.type
        self.vocab_id = first.vocab_id
        self.name = name
        self.shorts: list[str] = list(first.shorts)
        self.mentions: list[Mention] = []
        self.forms: list[str] = []
        self.inner: list[str] = []
        self.sources: set[str] = set()
        self.proposed = False
        self.cue = False
        self.role = first.role or "uses"
        self.evidence = first.evidence
        self.add(first, field, text)

    def keys(self) -> set[str]:
        return {normalise(self.name), *(normalise(s) for s in self.shorts)}

    def add(self, c: DocConcept, field: str, text: str) -> None:
        """Add ``c``'s evidence; ``text`` is the field's text (a mention's text is its slice:
        ``Span.text`` would join the span's tokens again)."""
        for m in c.mentions:
            start, end = m.start_char, m.end_char
            mention = Mention(field=field, start=start, end=end, text=text[start:end])
            if mention not in self.mentions:
                self.mentions.append(mention)
            if mention.text not in self.forms:
                self.forms.append(mention.text)
        for s in c.shorts:
            if s not in self.shorts:
                self.shorts.append(s)
        for v in c.variants:
            if v not in self.forms:
                self.forms.append(v)
        for v in c.inner_forms:
            if v not in self.inner:
                self.inner.append(v)
        self.sources |= c.sources
        self.cue |= c.cue
        self.proposed |= c.proposed
        if c.role == "compares" and self.role != "proposes":
            self.role = "compares"
        self.vocab_id = self.vocab_id or c.vocab_id

    def to_concept(self) -> Concept:
        seen = {self.name.casefold()}
        aliases = []
        for form in [*self.shorts, *self.forms]:
            if form.casefold() not in seen:
                seen.add(form.casefold())
                aliases.append(form)
        role = "proposes" if self.proposed else self.role
        if role == "proposes" and not self.proposed:
            role = "uses"
        order = {"title": 0, "abstract": 1}
        mentions = sorted(self.mentions, key=lambda m: (order.get(m.field, 2), m.start, m.end))
        return Concept(
            type=self.type,
            name=self.name,
            aliases=aliases,
            proposed=self.proposed,
            role=role,
            confidence=confidence(self.sources, self.cue, len(mentions)),
            mentions=mentions,
            vocab_id=self.vocab_id,
            sources=sorted(self.sources),
            evidence=self.evidence,
        )


_HEAD_WORDS = frozenset(
    {"model", "method", "algorithm", "framework", "approach", "technique", "architecture"}
)


def _bare(key: str) -> str:
    """A normalised name without a final head word: "flow matching model" -> "flow matching"."""
    words = key.split(" ")
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _HEAD_WORDS else key


def assemble(
    paper: Paper,
    docs: dict[str, Doc],
    redo: Callable[[dict[str, Doc]], None] | None = None,
) -> Extraction:
    """Build the paper's :class:`Extraction` from its processed ``{"title": doc, "abstract": doc}``.

    ``redo``, where given, is called with the docs of a paper that backs off and processes them
    again as the recogniser draws concepts (:func:`kg.extract.load_pipeline` gives it); the
    paper then has those concepts and its data descriptions.

    Examples:
        >>> from kg.extract import load_pipeline
        >>> nlp = load_pipeline(ner=False)
        >>> p = Paper(id="x", title="BOSS: Fast Sampling",
        ...           abstract="We introduce Bellman Optimal Step-size Straightening (BOSS).")
        >>> docs = {"title": nlp(p.title), "abstract": nlp(p.abstract)}
        >>> [(c.name, c.aliases, c.proposed) for c in assemble(p, docs).entities]
        [('Bellman Optimal Step-size Straightening', ['BOSS'], True)]
    """
    texts = {field: token_strings(doc).text for field, doc in docs.items()}
    accs = _paper_concepts(docs, texts, redo)
    _find_more_mentions(accs, texts)
    _add_inner_forms(accs)
    _title_names_proposal(accs, paper.title)
    order = {"title": 0, "abstract": 1}
    concepts = _distinct(
        sorted(
            (a.to_concept() for a in accs),
            key=lambda c: (order[c.mentions[0].field], c.mentions[0].start),
        )
    )
    results: list[Result] = []
    own = [c.name for c in concepts if c.proposed and c.type == "Method"]
    # a benchmark paper's results are on its benchmark where a sentence names no data set
    own_data = [c.name for c in concepts if c.proposed and c.type == "Dataset"]
    benchmark = own_data[0] if len(own_data) == 1 and not own else None
    for field in ("title", "abstract"):
        doc = docs.get(field)
        if doc is None:
            continue
        for r in doc._.kg_results or []:
            fields = _result_fields(r)
            if fields["method"] in (OURS, None):
                # "our method", or no method the sentence names: the paper's single proposed
                # one, also where only the title proposes it ("wav2vec 2.0: A Framework ...")
                fields["method"] = own[0] if len(own) == 1 else None
            if fields["dataset"] is None:
                fields["dataset"] = benchmark
            result = Result(field=field, **fields)
            if result not in results:
                results.append(result)
    return Extraction(id=paper.id, title=paper.title, entities=concepts, results=results)


def _paper_concepts(
    docs: dict[str, Doc], texts: dict[str, str], redo: Callable[[dict[str, Doc]], None] | None
) -> list[_Acc]:
    """The paper's concepts from its docs: the rules' and the vocabulary's, and where the paper
    backs off (:func:`_backs_off`) the recogniser's own and the data descriptions; or, given
    ``redo``, the docs redone as the recogniser draws them and their data descriptions."""
    accs: list[_Acc] = []
    index: dict[str, _Acc] = {}
    for field, c in _doc_concepts(docs, "kg_concepts"):
        _merge(accs, index, c, field, texts[field])
    backoff = [
        (field, c, _keys(c, c.name, texts[field])) for field, c in _doc_concepts(docs, "kg_backoff")
    ]
    materials = list(_doc_concepts(docs, "kg_materials"))
    backoff_keys = [keys for _f, _c, keys in backoff]
    if not ((backoff or materials) and _backs_off(accs, index, backoff_keys, texts)):
        return accs
    if redo is not None:
        redo(docs)
        accs, index = [], {}
        for attr in ("kg_concepts", "kg_materials"):
            for field, c in _doc_concepts(docs, attr):
                _merge(accs, index, c, field, texts[field])
        return accs
    for field, c, keys in backoff:
        _merge(accs, index, c, field, texts[field], keys)
    for field, c in materials:
        _merge(accs, index, c, field, texts[field])
    return accs


def _doc_concepts(docs: dict[str, Doc], attr: str) -> Iterator[tuple[str, DocConcept]]:
    """The doc concepts of ``doc._.<attr>``, abstract first, with their field."""
    for field in ("abstract", "title"):
        doc = docs.get(field)
        if doc is not None:
            for c in getattr(doc._, attr, None) or []:
                yield field, c


def _keys(c: DocConcept, name: str, text: str) -> set[str]:
    keys = {normalise(name), *(normalise(s) for s in c.shorts)}
    keys |= {normalise(text[m.start_char : m.end_char]) for m in c.mentions}
    if c.vocab_id:
        # a known name with or without its head word is one concept of the paper
        # ("Flow-Matching Models" in the title, "flow-matching" in the abstract)
        keys |= {_bare(k) for k in keys}
    return keys


def _merge(
    accs: list[_Acc],
    index: dict[str, _Acc],
    c: DocConcept,
    field: str,
    text: str,
    keys: set[str] | None = None,
) -> None:
    """Add doc concept ``c`` to the paper's concept it names, or start a new one; ``keys``
    are its :func:`_keys` where the caller has them already."""
    name = c.name  # a property that reads the mentions' texts: once
    if keys is None:
        keys = _keys(c, name, text)
    found = next((index[k] for k in sorted(keys) if k in index), None)
    if found is None and c.vocab_id:
        found = next(
            (
                a
                for a in accs
                if a.vocab_id == c.vocab_id and is_short_form(a.name) != is_short_form(name)
            ),
            None,
        )
    if found is None:
        found = _Acc(c, name, field, text)
        accs.append(found)
    else:
        found.add(c, field, text)
    for k in found.keys() | keys:
        index.setdefault(k, found)


#: Back-off (see :func:`_backs_off`): at most this many concepts from the other evidence ...
BACKOFF_MAX_FOUND = 4
#: ... at most this many new concepts from the recogniser alone ...
BACKOFF_MAX_ADDED = 5
#: ... in a title and abstract of at least this many words
BACKOFF_MIN_WORDS = 60
#: A title and abstract of at most this many words (short, as in the corpora the recogniser
#: learned from) ...
BACKOFF_SHORT_WORDS = 200
#: ... backs off with at most this many concepts found ...
BACKOFF_SHORT_MAX_FOUND = 5
#: ... and this many added
BACKOFF_SHORT_MAX_ADDED = 7


def may_back_off(found: int, words: int) -> bool:
    """Whether a title and abstract of at least ``words`` words in which the rules and the
    vocabulary found at least ``found`` concepts can back off (:func:`_backs_off`'s limits on
    what was found; the components ask it of one field's doc, before the paper is assembled).

    Examples:
        >>> may_back_off(5, 120), may_back_off(5, 250), may_back_off(4, 250)
        (True, False, True)
    """
    limit = BACKOFF_SHORT_MAX_FOUND if words <= BACKOFF_SHORT_WORDS else BACKOFF_MAX_FOUND
    return found <= limit


def _backs_off(
    accs: list[_Acc],
    index: dict[str, _Acc],
    backoff: list[set[str]],
    texts: dict[str, str],
) -> bool:
    """Whether the paper keeps the concepts only the recogniser found (``doc._.kg_backoff``,
    given by their :func:`_keys`).

    The rules and the vocabulary lead; the recogniser's own concepts are kept only when they
    found little (at most :data:`BACKOFF_MAX_FOUND` concepts in a paper of at least
    :data:`BACKOFF_MIN_WORDS` words, which would otherwise stand almost unlinked in the graph)
    and the recogniser adds few (at most :data:`BACKOFF_MAX_ADDED` new concepts). On text like
    the corpora it learned from, the recogniser adds a few concepts and most are right (SciERC
    dev: about two in three); on modern ML abstracts full of names it adds many, mostly
    descriptive phrases an annotator leaves out (about one in six right on the seed sets).

    A short title and abstract (at most :data:`BACKOFF_SHORT_WORDS` words) backs off with up to
    :data:`BACKOFF_SHORT_MAX_FOUND` concepts found and :data:`BACKOFF_SHORT_MAX_ADDED` added:
    the corpora's abstracts are short, a modern ML abstract with few known names is long and
    its recogniser's concepts are mostly descriptive phrases.
    """
    words = sum(len(t.split()) for t in texts.values())
    if words < BACKOFF_MIN_WORDS or not may_back_off(len(accs), words):
        return False
    short = words <= BACKOFF_SHORT_WORDS
    new: set[str] = set()
    for keys in backoff:
        if not keys & index.keys():
            new.add(min(keys))
    return len(new) <= (BACKOFF_SHORT_MAX_ADDED if short else BACKOFF_MAX_ADDED)


_FINAL_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")
_TITLE_JOINS = re.compile(r"\s(?:for|with|via|in|through|using|on|by|from|to)\s", re.IGNORECASE)


def _title_lead(title: str) -> set[str]:
    """Normalised forms a title gives its paper's own contribution: the whole title ("Multi-
    Objective GFlowNets"), the part before a colon, and the words before the first
    preposition ("Real-Time Iteration Scheme for Diffusion Policy"), each also without a final
    descriptor word ("Scheme"), and without a final bracketed part, usually an acronym
    ("Probabilistic Partitive Partitioning (PPP)")."""
    rules = load_rules()
    parts = {title.strip(), title.split(":", 1)[0].strip()}
    parts |= {_FINAL_BRACKET.sub("", part) for part in list(parts)}
    parts |= {_TITLE_JOINS.split(part, maxsplit=1)[0].strip() for part in list(parts)}
    out: set[str] = set()
    for part in parts:
        words = part.split()
        if not words or len(words) > 6:
            continue
        out.add(normalise(part))
        if len(words) > 1 and rules.descriptor_type(words[-1]) in {"Method", "Dataset"}:
            out.add(normalise(" ".join(words[:-1])))
    return out


_REVIEW_WORDS = frozenset({"survey", "review", "tutorial", "overview", "revisited", "revisiting"})


def _title_names_proposal(accs: list[_Acc], title: str) -> None:
    """A new name the title leads with is the paper's own (its method or data set): "Multi-
    Objective GFlowNets", "Real-Time Iteration Scheme for ..." with "Real-Time Iteration (RTI)"
    in the abstract. Known names (the vocabulary's) are what the paper builds on."""
    leads = _title_lead(title)
    for acc in accs:
        if acc.type not in {"Method", "Dataset"}:
            continue
        matched = acc.keys() & leads
        if acc.vocab_id:
            # a known name is the paper's only in a form of its own ("Decentralized Diffusion
            # Models"), not as the vocabulary spells it ("Diffusion Models for ...")
            known = {normalise(f) for f in lower_forms(acc.vocab_id)}
            matched -= known
        if matched:
            acc.proposed = True
    # "Mamba: Linear-Time Sequence Modeling ...": a known name alone before the colon is the
    # paper's too (the paper that introduced it), unless the paper reviews it ("X: A Survey")
    head = title.split(":", 1)[0].strip() if ":" in title else ""
    # "Qwen2.5-Math Technical Report: ...": the model the report presents
    words = head.split()
    head = " ".join(words[: len(words) - report_words([w.lower() for w in words])])
    if head and not _REVIEW_WORDS & set(title.lower().replace(":", " ").split()):
        key = normalise(head)
        # a word shaped as a name ("DINOv2", "BERT"), or the name as the vocabulary spells a
        # proper name ("Mamba", "wav2vec 2.0", "Llama 2"; not a family it writes in lower case:
        # "Transformers", "Diffusion Models")
        shaped = " " not in head and is_name_shape(head)
        for acc in accs:
            if acc.type not in {"Method", "Dataset"} or key not in acc.keys():
                continue
            if shaped or (acc.vocab_id and vocabulary_label(acc.vocab_id) == head):
                acc.proposed = True


def _add_inner_forms(accs: list[_Acc]) -> None:
    """A more specific name keeps the vocabulary name it ends with as an alias ("heavy data
    augmentation", also "data augmentation"), so the graph joins it to the papers that use the
    plain name; not when the paper names that form on its own, where it is a concept of its own
    ("data augmentation" besides "heavy data augmentation")."""
    named = {normalise(f) for a in accs for f in (a.name, *a.shorts, *(m.text for m in a.mentions))}
    for a in accs:
        for f in a.inner:
            if normalise(f) not in named and f not in a.forms:
                a.forms.append(f)


def _distinct(concepts: list[Concept]) -> list[Concept]:
    """No name or alias names two concepts of one paper: a later concept sharing a normalised
    form with an earlier one (typed differently in title and abstract) joins the earlier."""
    out: list[Concept] = []
    seen: dict[str, Concept] = {}
    for c in concepts:
        forms = {normalise(n) for n in (c.name, *c.aliases)}
        first = next((seen[f] for f in sorted(forms) if f in seen), None)
        if first is None:
            out.append(c)
            first = c
        else:
            first.mentions.extend(m for m in c.mentions if m not in first.mentions)
            first.aliases.extend(
                a
                for a in (c.name, *c.aliases)
                if a.casefold() != first.name.casefold()
                and a.casefold() not in {x.casefold() for x in first.aliases}
            )
            if c.proposed:
                first.proposed, first.role = True, "proposes"
        for f in forms:
            seen.setdefault(f, first)
    return out


def _find_more_mentions(accs: list[_Acc], texts: dict[str, str]) -> None:
    """Add occurrences of each concept's name and aliases that no component marked.

    A title often repeats the abstract's long form ("Conservative Policy Distillation for ...")
    where no rule fires. Forms are searched at word boundaries (case-insensitive unless the form
    has a capital after its first letter), longest first, never over another concept's mention.
    """
    claimed = {
        field: [(m.start, m.end) for a in accs for m in a.mentions if m.field == field]
        for field in texts
    }
    # deterministic order: longest form first, then concept order, then the form itself
    forms = sorted(
        (
            (-len(form), k, form, a)
            for k, a in enumerate(accs)
            for form in {a.name, *a.shorts, *a.forms}
            if len(form) > 2
        ),
        key=lambda item: item[:3],
    )
    lowered = {field: text.lower() for field, text in texts.items()}
    for _neg_len, _k, form, acc in forms:
        low = form.lower()
        if not any(low in text for text in lowered.values()):
            continue
        for field in texts:
            if low not in lowered[field]:
                continue
            for start, end in _occurrences(form, texts[field], lowered[field]):
                overlaps = [(s, e) for s, e in claimed[field] if s < end and start < e]
                if any(s < start or e > end or (s, e) == (start, end) for s, e in overlaps):
                    continue
                # a longer known form replaces mentions inside it ("Distillation" in the title)
                for a in accs:
                    a.mentions = [
                        x
                        for x in a.mentions
                        if not (x.field == field and start <= x.start and x.end <= end)
                    ]
                claimed[field] = [r for r in claimed[field] if r not in overlaps]
                acc.mentions.append(
                    Mention(field=field, start=start, end=end, text=texts[field][start:end])
                )
                claimed[field].append((start, end))
    accs[:] = [a for a in accs if a.mentions]


def _occurrences(form: str, text: str, lowered: str) -> Iterator[tuple[int, int]]:
    r"""Where ``form`` occurs in ``text`` at word boundaries: the matches of
    ``(?<![\w-])FORM(?![\w-])``, case-insensitive unless ``form`` has a capital after its
    first letter; ``lowered`` is ``text.lower()``.

    Compiling one pattern per form costs more than the search (the forms are mostly new to
    ``re``'s cache), so ASCII text and forms are searched with ``str.find`` instead, with the
    same result; other text goes through the pattern.

    Examples:
        >>> t = "Flow matching, flow-matching and Flow Matching2; flow matching."
        >>> list(_occurrences("flow matching", t, t.lower()))
        [(0, 13), (49, 62)]
        >>> list(_occurrences("Flow Matching", t, t.lower()))  # "Matching2": another word
        []
    """
    ignore_case = not any(c.isupper() for c in form[1:])
    if not (text.isascii() and form.isascii()):
        flags = re.IGNORECASE if ignore_case else 0
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)
        for m in pattern.finditer(text):
            yield m.start(), m.end()
        return
    haystack, needle = (lowered, form.lower()) if ignore_case else (text, form)
    size, n = len(text), len(needle)
    pos = haystack.find(needle)
    while pos >= 0:
        end = pos + n
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (
            end == size or not _is_word_char(text[end])
        ):
            yield pos, end
            pos = haystack.find(needle, end)
        else:
            pos = haystack.find(needle, pos + 1)


def _is_word_char(c: str) -> bool:
    r"""``[\w-]`` for an ASCII character."""
    return c.isalnum() or c in "_-"


def _result_fields(r: dict[str, Any]) -> dict[str, Any]:
    keys = ("metric", "value", "dataset", "method", "evidence", "start", "end")
    return {k: r[k] for k in keys}
