"""The one data model every stage passes on: Paper, Mention, Concept, Result, Extraction.

Ingest produces :class:`Paper` records; extraction produces one :class:`Extraction` per paper
(its :class:`Concept` list and :class:`Result` list); the graph and the exporters read both.
No stage re-parses another stage's output from strings.

Offsets in a :class:`Mention` are character offsets into ``Paper.title`` or ``Paper.abstract``
(the cleaned, stored text), end exclusive, so ``paper.abstract[m.start:m.end] == m.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "CONCEPT_TYPES",
    "ROLES",
    "DEFAULT_ROLE",
    "Source",
    "Paper",
    "Mention",
    "Concept",
    "Result",
    "Extraction",
]

ConceptType = Literal["Method", "Dataset", "Metric", "Task"]
Role = Literal["proposes", "uses", "compares", "evaluates_on", "measures", "addresses"]
Field = Literal["title", "abstract"]

#: The four concept types, in the order used for reports and exports.
CONCEPT_TYPES: tuple[str, ...] = ("Method", "Dataset", "Metric", "Task")
#: The roles a concept can play for a paper.
ROLES: tuple[str, ...] = ("proposes", "uses", "compares", "evaluates_on", "measures", "addresses")
#: Role given to a concept of each type when nothing more specific is detected.
DEFAULT_ROLE: dict[str, str] = {
    "Method": "uses",
    "Dataset": "evaluates_on",
    "Metric": "measures",
    "Task": "addresses",
}


@dataclass
class Source:
    """Where a paper record was read: file, format and position (1-based record index).

    ``line`` is the 1-based line of the record's start where the format has lines.
    """

    file: str
    format: str
    position: int
    line: int | None = None


@dataclass
class Paper:
    """One paper, whatever format it came from.

    ``id`` is the stable identity used everywhere (graph nodes, IRIs): ``arxiv:<id>`` (version
    stripped), ``doi:<doi>`` (lower-cased), the input's own id for JSON Lines, else
    ``title:<hash of the normalised title>``. ``abstract`` is the cleaned text that mention offsets
    refer to; ``abstract_raw`` is the text as read, kept when clean-up changed it.
    ``date`` is an ISO date (``YYYY-MM-DD``) or ``None``; ``date_year_inferred`` says that the year
    was not in the source but inferred (see the HF Daily Papers reader).

    Examples:
        >>> p = Paper(id="arxiv:2312.00001", title="T", abstract="A.")
        >>> Paper.from_dict(p.to_dict()) == p
        True
    """

    id: str
    title: str
    abstract: str
    abstract_raw: str | None = None
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None
    organisation: str | None = None
    date: str | None = None
    date_year_inferred: bool = False
    upvotes: int | None = None
    urls: list[str] = field(default_factory=list)
    code_url: str | None = None
    project_url: str | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    categories: list[str] = field(default_factory=list)
    venue: str | None = None
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (lists and dicts only), stable key order."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["sources"] = [Source(**s) for s in known.get("sources", [])]
        return cls(**known)


@dataclass
class Mention:
    """One occurrence of a concept: field, character offsets (end exclusive) and the text."""

    field: str
    start: int
    end: int
    text: str


@dataclass
class Concept:
    """A typed concept found in one paper (each concept once per paper).

    ``name`` is the preferred surface form in this paper (the long form when an acronym is
    defined); ``aliases`` the other forms (acronyms, variants). ``vocab_id`` is the curated
    vocabulary entry it matched, if any; ``sources`` the components that found it
    (``"vocab"``, ``"ner"``, ``"abbrev"``, ``"rule"``); ``evidence`` the sentence of the first
    mention that decided the role.
    """

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    proposed: bool = False
    role: str = "uses"
    confidence: float = 0.5
    mentions: list[Mention] = field(default_factory=list)
    vocab_id: str | None = None
    sources: list[str] = field(default_factory=list)
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``kg extract`` entity object (contract in the README) plus the extra keys."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Concept:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["mentions"] = [Mention(**m) for m in known.get("mentions", [])]
        return cls(**known)


@dataclass
class Result:
    """A quantitative result stated in the text: metric, value as written (with unit), context.

    ``start``/``end`` locate ``evidence`` (the sentence) in ``field``.
    """

    metric: str
    value: str
    dataset: str | None = None
    method: str | None = None
    evidence: str = ""
    field: str = "abstract"
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Extraction:
    """What the extractor found in one paper: the ``kg extract`` JSON object.

    Examples:
        >>> c = Concept(type="Task", name="image synthesis")
        >>> e = Extraction(id="x", title="T", entities=[c])
        >>> Extraction.from_dict(e.to_dict()) == e
        True
    """

    id: str
    title: str
    entities: list[Concept] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "entities": [c.to_dict() for c in self.entities],
            "results": [r.to_dict() for r in self.results],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            id=data["id"],
            title=data.get("title", ""),
            entities=[Concept.from_dict(c) for c in data.get("entities", [])],
            results=[Result.from_dict(r) for r in data.get("results", [])],
        )
