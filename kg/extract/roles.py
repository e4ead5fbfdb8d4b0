"""``kg_roles``: the role of each concept for the paper, and the ``proposed`` flag.

Per mention, in its sentence:

* **compares** (Methods): a comparison cue ("compared to", "outperforms", "than", "over",
  "baselines such as", "versus") at most ``window`` tokens before the mention (the other names
  of a list and its separators not counted: "baselines (e.g., DPO, IPO, and KTO)", a
  hyphenated compound counted as one word: "the state-of-the-art systems, such as X"), with no
  use cue ("using", "based on", not "with") or proposal verb in between; not a cue word inside
  another name ("denoising score matching with X") nor "over a/an" ("defined over a
  quantization"); a comparison that opens the sentence ends at the comma after its object
  ("Compared with the 72B counterpart, X achieves ...", "Compared to DDIM, X is faster");
* **proposed**: the candidate rules marked the mention (``doc._.kg_proposed``: "we propose X",
  "dubbed X", "X, a novel ...", a title "X: ..."), or "our" / "our proposed" / "the proposed"
  precedes it, or "a novel" unless it is a known name as the vocabulary spells it before the
  new thing's head noun ("a novel federated learning framework"), or it names what "we" just
  called new, known or not ("We introduce a new framework for language model inference, Tree
  of Thoughts (ToT)", "a new simple network architecture, the Transformer"); not a lower-case
  description that a naming cue then names ("a data synthesis method namely X"), nor what "a
  new" state-of-the-art result qualifies ("establishes a new state-of-the-art BLEU score";
  :func:`kg.extract.candidates.sets_a_record`, which also keeps such a verb from proposing).

The mentions of methods named as what the paper compares against go to
``doc.spans["kg_compared"]``, for the result extractor.

Per concept: ``proposes`` when proposed; else ``compares`` for a Method with a comparison
mention ("outperforms X", "existing methods such as X"); ``uses`` for a Dataset whose every
mention follows a training cue ("trained on X", "fine-tuned on the X data"; ``training_cues``
in ``rules.json``) or a training verb and its object ("we fine-tune Llama-2 on X"; not in a
bracket nor in a name, "Supervised Fine-Tuning"); else the type's default
(:data:`kg.model.DEFAULT_ROLE`: Method ``uses``, Dataset ``evaluates_on``, Metric
``measures``, Task ``addresses``). ``evidence`` is the sentence of the mention that decided
the role.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.candidates import sets_a_record
from kg.extract.concepts import DocConcept, known_base
from kg.extract.sentences import LIST_JOINS, inner_hyphen, sentence_of, token_strings
from kg.model import DEFAULT_ROLE
from kg.rules import load_rules

__all__ = ["RoleDetector"]

_ARTICLES = frozenset({"a", "an", "the"})
# what ends the clause of a verb: "we train X, and evaluate on Y"
_CLAUSE_ENDS = frozenset(
    {",", ";", ":", "(", ")", "and", "or", "while", "which", "that", "evaluate"}
)
# what joins the items of a list of names: "(e.g., DPO, IPO, and KTO)"
_LIST_TOKENS = LIST_JOINS | {"(", "e.g.", "e.g", "i.e.", "such", "as", "including"}
_NOVELTY = frozenset({"novel", "new"})
# verbs of creation beyond the rule file's proposal verbs, used only after "we"
_MAKE_VERBS = frozenset({"synthesize", "collect", "frame", "define", "derive"})
# words that open a sentence with a comparison: "Compared with X, ...", "Unlike X, ..."
_OPENING_COMPARISONS = frozenset({"compared", "comparing", "relative", "unlike", "in"})
# a purpose phrase between a description and its name: "a model for LSTF, named Informer"
_PURPOSE = frozenset({"for", "of", "on", "in", "to"})
# words that end the reach of a comparison cue: "over vLLM *on* Llama-2-70B"
_BLOCKERS = frozenset({".", ";", ":", "on", "in", "for", "at", "across", "which", "that"})
# words that may stand between a use cue and the name it governs ("utilizing the guided X")
_USE_GAP = frozenset({"a", "an", "the", "guided", "standard", "classic", "classical", "vanilla"})
_USE_EXTRA = frozenset(
    {
        "utilizing",
        "utilising",
        "utilize",
        "utilizes",
        "employing",
        "combines",
        "combining",
        "adopting",
        "applying",
        "incorporating",
        "incorporates",
    }
)


def _phrase_set(phrases: tuple[str, ...]) -> dict[int, set[tuple[str, ...]]]:
    out: dict[int, set[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(p.split())
        out.setdefault(len(words), set()).add(words)
    return out


def _ends_with(words: list[str], phrases: dict[int, set[tuple[str, ...]]]) -> bool:
    """Whether ``words`` end with one of the phrases (a :func:`_phrase_set`)."""
    return any(len(words) >= n and tuple(words[-n:]) in found for n, found in phrases.items())


class RoleDetector:
    """Set ``role``, ``proposed`` and ``evidence`` on ``doc._.kg_concepts``."""

    def __init__(self, name: str = "kg_roles", window: int = 8) -> None:
        self.name = name
        self.window = window
        rules = self.rules = load_rules()
        self.naming = rules.naming_cues
        self.compare = _phrase_set(rules.comparison_cues)
        self.training = _phrase_set(rules.training_cues)
        # the verbs of the training cues: "train", "pre-train", "fine-tuned" ...
        verbs = {c.split()[0] for c in rules.training_cues if c.endswith(" on")}
        # and their last part, a token of its own after a hyphen ("fine", "-", "tune")
        self.training_verbs = verbs | {v.split("-")[-1] for v in verbs}
        # "compared to 138.66 *with* DDIM": prepositions do not end a comparison
        uses = set(rules.use_cues) - {"with", "via", "through"}
        self.introduce_verbs = {v for v in rules.proposal_verbs if " " not in v} | _MAKE_VERBS
        self.use_words = {u for u in rules.use_cues if " " not in u} | _USE_EXTRA
        self.blockers = uses | set(rules.proposal_verbs) | _BLOCKERS
        for attr in ("kg_concepts", "kg_backoff", "kg_materials"):
            if not Doc.has_extension(attr):
                Doc.set_extension(attr, default=None)

    def _sentence(self, span: Span) -> Span:
        return sentence_of(span.doc, span.start)

    def compares(self, mention: Span, listed: frozenset[int] = frozenset()) -> bool:
        """Whether a comparison cue governs ``mention`` (see the module docstring). The
        tokens of the other names listed before it (``listed``: token indices of the doc's
        concept mentions) and the list's separators do not count toward the window: "baselines
        (e.g., DPO, IPO, and KTO)" compares all three."""
        doc = mention.doc
        sent_start = self._sentence(mention).start
        start, budget = mention.start, self.window
        while start > sent_start and budget > 0:
            start -= 1
            if start not in listed and doc[start].lower_ not in _LIST_TOKENS:
                # a hyphenated compound counts as one word: "the state-of-the-art systems,
                # such as X"
                if not (
                    doc[start].text == "-"
                    or (start + 1 < len(doc) and inner_hyphen(doc, start + 1))
                ):
                    budget -= 1
        words = [t.lower_ for t in doc[start : mention.start]]
        # a comparison that opens the sentence ("Compared with the 72B counterpart, X
        # achieves ...") ends at the comma after its object, unless a list goes on there
        opening = doc[sent_start].lower_ in _OPENING_COMPARISONS
        closed = False
        for i in range(len(words) - 1, -1, -1):
            if start + i in listed:
                continue  # a cue word inside another name: "denoising score matching with X"
            if opening and words[i] == "," and doc[start + i + 1].lower_ not in _LIST_TOKENS:
                # after a plain phrase, after the last name of a list ("DDIM and UniPC,"), or
                # where the mention goes on with no list ("Compared to DDIM, FooNet is")
                closed |= (
                    start + i - 1 not in listed
                    or bool({"and", "or"} & set(words[:i]))
                    or mention.end >= len(doc)
                    or doc[mention.end].lower_ not in {",", "and", "or"}
                )
            if words[i] == "over" and words[i + 1 : i + 2] in (["a"], ["an"]):
                continue  # "defined over a quantization of ...": no comparison
            if _ends_with(words[: i + 1], self.compare):
                return not (opening and closed)
            if words[i] in self.blockers:
                return False
        return False

    def trained_on(self, mention: Span) -> bool:
        """Whether a training cue governs the mention ("trained on LAION-5B", "fine-tuned on
        the Alpaca data"): data the paper learns from, not data it evaluates on."""
        doc = mention.doc
        sent_start = self._sentence(mention).start
        i = mention.start
        while i > sent_start and doc[i - 1].lower_ in _USE_GAP:
            i -= 1
        words = [t.lower_ for t in doc[max(sent_start, i - 4) : i]]
        # "pre-trained" may be one token or three ("pre", "-", "trained")
        joined = " ".join(words).replace(" - ", "-").split()
        if _ends_with(joined, self.training):
            return True
        # the verb and its object before "on": "we train process reward models on PRM800K"
        if i <= sent_start or doc[i - 1].lower_ != "on":
            return False
        for k in range(i - 2, max(sent_start, i - 8) - 1, -1):
            low = doc[k].lower_
            if low in _CLAUSE_ENDS:
                return False
            if low in self.training_verbs and doc[k].is_lower:  # not "Supervised Fine-Tuning"
                return True
        return False

    @staticmethod
    def ours(mention: Span) -> bool:
        """Whether "our" (or "our proposed") directly precedes the mention, or "the proposed"
        with at most a few modifier words between."""
        doc = mention.doc
        before = [t.lower_ for t in doc[max(0, mention.start - 3) : mention.start]]
        if "our" in before[-2:] and before[-1:] != ["and"]:
            return True
        # "the proposed X", "the proposed AI-powered X": one modifier between, a word or a
        # hyphenated chunk
        i = mention.start - 1
        while i > 0 and mention.start - i <= 4 and doc[i].lower_ != "proposed":
            i -= 1
        between = doc[i + 1 : mention.start]
        return (
            i > 0
            and doc[i].lower_ == "proposed"
            and doc[i - 1].lower_ in {"the", "our"}
            and all(not t.whitespace_ for t in between[:-1])
            and not any(t.is_punct and t.text != "-" for t in between)
        )

    @staticmethod
    def novel(mention: Span) -> bool:
        """Whether "a novel" / "a new" directly precedes the mention ("a novel X procedure")."""
        doc = mention.doc
        before = [t.lower_ for t in doc[max(0, mention.start - 2) : mention.start]]
        if len(before) != 2 or before[0] not in {"a", "an"} or before[1] not in _NOVELTY:
            return False
        if sets_a_record(token_strings(doc).lowers, mention.start - 3):
            return False  # "establishes a new state-of-the-art BLEU score": a result
        # "a novel optimal transport-based framework": the mention only modifies the new thing
        return mention.end >= len(doc) or doc[mention.end].lower_ not in {"-", "based"}

    def introduced(self, mention: Span) -> bool:
        """Whether the mention is the object of "we <proposal verb>" ("we synthesize the X").

        At most one determiner may stand between the verb and the mention.
        """
        doc = mention.doc
        sent_start = self._sentence(mention).start
        i = mention.start - 1
        if i >= sent_start and doc[i].lower_ in _ARTICLES:
            i -= 1
        if i < sent_start + 1 or doc[i].lower_ not in self.introduce_verbs:
            return False
        return doc[i - 1].lower_ == "we"

    def introduced_acronym(self, mention: Span) -> bool:
        """Whether the mention is the acronym in brackets closing the object of "we <proposal
        verb>": "we propose the Learning to Reweight for Generalizable Graph Neural Network
        (L2R-GNN)", whose long form other rules may not take as one name."""
        doc = mention.doc
        sent_start = self._sentence(mention).start
        if not (
            mention.start - 2 > sent_start
            and doc[mention.start - 1].text == "("
            and mention.end < len(doc)
            and doc[mention.end].text == ")"
        ):
            return False
        i = mention.start - 2
        while (
            i > sent_start and mention.start - i <= 14 and doc[i].lower_ not in self.introduce_verbs
        ):
            if (doc[i].is_punct and doc[i].text != "-") or doc[i].lower_ in {"we", "which", "that"}:
                return False
            i -= 1
        return doc[i].lower_ in self.introduce_verbs and doc[i - 1].lower_ == "we"

    def used(self, mention: Span) -> bool:
        """Whether a use cue governs the mention ("by utilizing the Monte Carlo Tree Search
        (MCTS) framework", "combines guided MCTS with ..."): a tool the paper uses."""
        doc = mention.doc
        i = mention.start - 1
        sent_start = self._sentence(mention).start
        while i >= sent_start and doc[i].lower_ in _USE_GAP:
            i -= 1
        return i >= sent_start and doc[i].lower_ in self.use_words

    def appositive(self, mention: Span) -> bool:
        """Whether the mention names what "we" just called new: "We frame a new mathematical
        setup of iterative optimization, Optimization with Trace Oracle (OPTO)", "We propose a
        new simple network architecture, the Transformer"."""
        doc = mention.doc
        sent = self._sentence(mention)
        i = mention.start - 1
        if i > sent.start and doc[i].lower_ == "the":
            i -= 1  # "a new simple network architecture, the Transformer"
        if i <= sent.start or doc[i].text != ",":
            return False
        window = [t.lower_ for t in doc[max(sent.start, i - 8) : i]]
        if not any(w in _NOVELTY for w in window) or any(w in {",", ";", ":"} for w in window):
            return False
        return any(t.lower_ == "we" for t in doc[sent.start : i])

    def described_name(self, mention: Span) -> bool:
        """Whether a lower-case mention only describes what a naming cue then names ("a data
        synthesis method namely ReSocratic", "a reward-guided pipeline, called PromptEvo", "a
        transformer-based model for LSTF, named Informer") or what the paper presents right
        after it ("our fine-tuned model SWE-Llama")."""
        if not mention.text.islower():
            return False
        doc = mention.doc
        end = self._sentence(mention).end
        i = mention.end
        while i < min(end, mention.end + 2) and (
            doc[i].text == "," or self.rules.descriptor_type(doc[i].text)
        ):
            i += 1
        if i < end and doc[i].lower_ in _PURPOSE:
            # and what it is for: "an efficient transformer-based model for LSTF, named
            # Informer"
            j = i + 1
            while j < min(end, i + 5) and not (doc[j].is_punct or doc[j].lower_ in self.naming):
                j += 1
            if j < end and doc[j].text == ",":
                j += 1
            i = j
        if i + 1 < end and doc[i].lower_ in self.naming and not doc[i + 1].is_lower:
            return True
        # "our fine-tuned model SWE-Llama": the name the paper presents follows directly
        return i < end and any(s == i for s, _e in doc._.kg_proposed or ())

    def __call__(self, doc: Doc) -> Doc:
        concepts = [
            *(doc._.kg_concepts or []),
            *(doc._.kg_backoff or []),
            *(doc._.kg_materials or []),
        ]
        methods = [m for c in concepts if c.type == "Method" for m in c.mentions]
        listed = frozenset(i for m in methods for i in range(m.start, m.end))
        # each method mention a comparison cue governs, decided once for the roles and for
        # the result extractor
        compared = {(m.start, m.end) for m in methods if self.compares(m, listed)}
        for concept in concepts:
            self.assign(concept, compared)
        # the mentions of methods named as what the paper compares against, for the result
        # extractor ("Compared with EAGLE-2, it reduces latency by 35%": not EAGLE-2's result)
        doc.spans["kg_compared"] = [
            m
            for c in concepts
            if c.type == "Method" and not c.proposed
            for m in c.mentions
            if (m.start, m.end) in compared
        ]
        return doc

    def assign(self, concept: DocConcept, compared: set[tuple[int, int]]) -> DocConcept:
        """Decide role, proposed flag and evidence of one concept; ``compared`` holds the
        ``(start, end)`` of the doc's method mentions a comparison cue governs."""
        deciding: Span | None = None
        if (
            concept.proposed
            and concept.long is not None
            and all(self.used(m) for m in concept.mentions if m.start <= concept.long.start)
        ):
            # an acronym defined where the paper says it uses the method is not its own
            concept.proposed = False
        described = any(self.described_name(m) for m in concept.mentions)
        if described:
            # the paper's own thing is the name it gives, not the description before it ("a
            # new language representation model called BERT")
            concept.proposed = False
        if not concept.proposed and not described:
            for m in concept.mentions:
                if self.ours(m) and concept.type in {"Method", "Dataset"} and not concept.vocab_id:
                    concept.proposed = True
                    deciding = m
                    break
                if concept.type in {"Method", "Dataset"} and (
                    (self.novel(m) and not known_base(m, concept.vocab_id))
                    # the name of what "we" just called new, known or not: "We introduce a new
                    # framework for language model inference, Tree of Thoughts (ToT)"
                    or self.appositive(m)
                    or (not concept.vocab_id and (self.introduced(m) or self.introduced_acronym(m)))
                ):
                    concept.proposed = True
                    deciding = m
                    break
        if concept.proposed:
            concept.role = "proposes"
        else:
            concept.role = DEFAULT_ROLE[concept.type]
            if concept.type == "Method":
                for m in concept.mentions:
                    if (m.start, m.end) in compared:
                        concept.role = "compares"
                        deciding = m
                        break
            elif concept.type == "Dataset" and all(self.trained_on(m) for m in concept.mentions):
                concept.role = "uses"  # training data only
                deciding = concept.mentions[0]
        first = deciding or concept.mentions[0]
        concept.evidence = self._sentence(first).text.strip()
        return concept


@Language.factory(
    "kg_roles", assigns=["doc._.kg_concepts", "doc._.kg_backoff"], default_config={"window": 8}
)
def make_role_detector(nlp: Language, name: str, window: int) -> RoleDetector:
    """Factory of :class:`RoleDetector` (``nlp.add_pipe("kg_roles")``).

    Examples:
        >>> import spacy, kg.extract
        >>> nlp = spacy.blank("en")
        >>> for pipe in ("kg_sentences", "kg_abbreviations", "kg_vocab", "kg_candidates",
        ...              "kg_generic_filter", "kg_concepts", "kg_roles"):
        ...     _ = nlp.add_pipe(pipe)
        >>> doc = nlp("We propose Turbo-GS, a new method. It outperforms 3DGS on MipNeRF360 "
        ...           "in PSNR.")
        >>> for c in doc._.kg_concepts:
        ...     print(c.name, c.role, c.proposed)
        Turbo-GS proposes True
        3DGS compares False
        MipNeRF360 evaluates_on False
        PSNR measures False
    """
    return RoleDetector(name, window=window)
