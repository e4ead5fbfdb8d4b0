"""``kg_candidates``: rule candidates for named artefacts and what the paper proposes.

Writes ``doc.spans["kg_rule"]`` (label: the type the rules could decide, else ``"UNKNOWN"``) and
``doc._.kg_proposed``, the ``(start, end)`` token ranges the paper presents as its own.

* **Shape**: a no-space chunk that looks like a name: two or more capitals ("UI-NEXUS", "BOSS",
  "LLaMA"), an inner capital ("HealthBench", "Turbo-GS"), or a capital and a digit ("GPT-4o",
  "LLaMA-2-70B"); minus ``stop_names`` ("GPU", "NeurIPS"). Typed by a descriptor noun right after
  it ("X benchmark"), an appositive ("X, a new benchmark"), or a dataset-like suffix ("...Bench",
  "...QA").
* **Proposal**: after a proposal verb with a subject such as "we" or "this paper" ("we propose",
  "this work introduces"), the first name before a clause word ("that", "for", "with" ...), the
  long form of an acronym defined there, and the name of a naming phrase ("dubbed X") in the same
  sentence. "X, a novel framework ..." and a title "X: A Benchmark for ..." count too.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.abbreviations import chunk_end
from kg.extract.rules import Rules, load_rules

__all__ = ["CandidateFinder", "is_name_shape"]

_ROMAN = frozenset("IVXLC")
_NEW_WORDS = frozenset({"new", "novel", "first", "simple", "unified", "general", "efficient"})


def is_name_shape(text: str, stop_names: frozenset[str] = frozenset()) -> bool:
    """Whether a single chunk of text looks like the name of an artefact.

    Examples:
        >>> [is_name_shape(t) for t in ("UI-NEXUS", "Turbo-GS", "LLaMA-2-70B", "GPT-4o")]
        [True, True, True, True]
        >>> [is_name_shape(t) for t in ("Flow", "x", "2024", "III", "state-of-the-art")]
        [False, False, False, False, False]
    """
    if len(text) < 2 or text in stop_names or not any(c.isalpha() for c in text):
        return False
    if set(text) <= _ROMAN:
        return False
    upper = sum(c.isupper() for c in text)
    if upper >= 2:
        return True
    if upper == 1 and not text[0].isupper():
        return True  # "vLLM", "iPhone"-like inner capital
    if upper == 1 and any(c.isupper() for c in text[1:]):
        return True
    if text[0].isupper() and any(c.isdigit() for c in text):
        return True
    return False


class CandidateFinder:
    """Find rule candidates and proposal cues; see the module docstring."""

    def __init__(self, name: str = "kg_candidates", window: int = 14) -> None:
        self.name = name
        self.window = window
        self.rules: Rules = load_rules()
        for attr in ("kg_proposed", "kg_abbreviations", "kg_names"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        # first-added wins among equal spans: proposals (typed by their cue) before shapes
        spans: list[Span] = []
        proposed: set[tuple[int, int]] = set()
        title = self._title_name(doc)
        for span in [*self._proposals(doc), *([title] if title is not None else [])]:
            proposed.add((span.start, span.end))
            spans.append(span)
        for name, ctype in doc._.kg_names or []:
            spans.append(Span(doc, name.start, name.end, label=ctype or self._head_type(name)))
        for start, end in self._shapes(doc):
            spans.append(Span(doc, start, end, label=self._type_of(doc, start, end) or "UNKNOWN"))
        doc.spans["kg_rule"] = filter_spans(spans)
        doc._.kg_proposed = proposed
        return doc

    # -- shapes
    def _shapes(self, doc: Doc) -> list[tuple[int, int]]:
        out = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not tok.text[:1].isalnum() or (i > 0 and not doc[i - 1].whitespace_
                                              and doc[i - 1].text[:1].isalnum()):
                i += 1
                continue
            end = chunk_end(doc, i)
            if doc[end - 1].text in {"'s", "’s"}:
                end -= 1
            text = doc[i:end].text
            if end > i and is_name_shape(text, self.rules.stop_names):
                out.append((i, end))
            i = max(end, i + 1)
        return out

    def _type_of(self, doc: Doc, start: int, end: int) -> str | None:
        text = doc[start:end].text
        if end < len(doc):
            nxt = self.rules.descriptor_type(doc[end].text)
            if nxt:
                return nxt
        if text.endswith(self.rules.dataset_name_suffixes):
            return "Dataset"
        # appositive: "X, a (new) benchmark"
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"a", "an", "the"}:
            for j in range(end + 2, min(end + 7, len(doc))):
                found = self.rules.descriptor_type(doc[j].text)
                if found:
                    return found
                if doc[j].is_punct:
                    break
        return None

    def _head_type(self, span: Span) -> str:
        for tok in reversed(span):
            found = self.rules.descriptor_type(tok.text)
            if found:
                return found
        if span.text.endswith(self.rules.dataset_name_suffixes):
            return "Dataset"
        return "UNKNOWN"

    # -- proposals
    def _has_subject(self, doc: Doc, verb: int, sent_start: int) -> bool:
        if verb == sent_start:
            return True  # "Introducing X", a heading-like sentence
        return any(
            doc[j].lower_ in self.rules.proposal_subjects for j in range(sent_start, verb)
        )

    def _proposals(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        longs = {lf.start: lf for lf, _sf in doc._.kg_abbreviations or []}
        names = [n for n, _t in doc._.kg_names or []]
        shapes = dict(self._shapes(doc))
        for sent in sentences:
            verbs = [
                t.i for t in sent
                if t.lower_ in self.rules.proposal_verbs and self._has_subject(doc, t.i, sent.start)
            ]
            if verbs:
                out.extend(n for n in names if sent.start <= n.start < sent.end)
            for verb in verbs[:1]:
                out.extend(self._after_verb(doc, verb, sent.end, longs, shapes))
            # "X, a novel framework ..." / "X is a new benchmark"
            first = sent.start
            if first in shapes:
                end = shapes[first]
                tail = [t.lower_ for t in doc[end : min(end + 5, sent.end)]]
                if (tail[:1] == [","] or tail[:1] == ["is"]) and _NEW_WORDS & set(tail):
                    ctype = self._type_of(doc, first, end) or self._descriptor_in(doc, end, sent.end)
                    out.append(Span(doc, first, end, label=ctype or "Method"))
        return out

    def _descriptor_in(self, doc: Doc, start: int, end: int) -> str | None:
        for j in range(start, min(end, start + 8)):
            found = self.rules.descriptor_type(doc[j].text)
            if found:
                return found
        return None

    def _after_verb(self, doc: Doc, verb: int, sent_end: int, longs: dict[int, Span],
                    shapes: dict[int, int]) -> list[Span]:
        out: list[Span] = []
        descriptor: str | None = None
        j = verb + 1
        limit = min(sent_end, verb + self.window)
        while j < limit:
            tok = doc[j]
            if tok.lower_ in self.rules.proposal_stop_words:
                break
            found = self.rules.descriptor_type(tok.text)
            if found and tok.text.islower():
                descriptor = found
            if j in longs:
                lf = longs[j]
                out.append(Span(doc, lf.start, lf.end, label=descriptor or self._head_type(lf)))
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

    def _title_name(self, doc: Doc) -> Span | None:
        """Title "NAME: A Benchmark for ...": the name before the colon (field ``title``)."""
        if doc.user_data.get("kg_field") != "title":
            return None
        colon = next((t.i for t in doc[:8] if t.text == ":"), None)
        if colon is None or colon == 0:
            return None
        head = doc[:colon]
        if not any(is_name_shape(t.text, self.rules.stop_names) for t in head) and len(head) > 1:
            return None
        if len(head.text.split()) > 4:
            return None
        ctype = self._descriptor_in(doc, colon + 1, len(doc)) or "Method"
        return Span(doc, 0, colon, label=ctype)


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
