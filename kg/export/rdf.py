"""The knowledge graph as RDF, in the terms of ``ontology/kg.ttl``.

:func:`iter_triples` maps a :class:`~kg.graph.KnowledgeGraph` to triples (no blank nodes, so
every node has a stable IRI, see :mod:`kg.export.iri`); :func:`to_rdf` collects them in an
``rdflib.Graph``; :func:`write_rdf` serialises them deterministically in Turtle, N-Triples,
JSON-LD or RDF/XML (:mod:`kg.export.rdf_syntax`).

Provenance is stated with standard RDF reification: every paper -> concept statement
(``paper kg:uses concept`` ...) also has an ``rdf:Statement`` node carrying ``kg:confidence``,
``kg:proposed``, the evidence (``kg:evidenceText`` and ``kg:hasMention`` nodes with field,
character offsets and text) and ``prov:wasGeneratedBy`` an extraction run whose
``kg:extractorVersion`` names the extractor. Results are nodes of their own with the same
provenance properties. Reification was chosen over RDF-star and named graphs because it is
plain RDF 1.1: it survives all four formats, SHACL validates it and every SPARQL 1.1 engine
queries it. ``ontology/README.md`` shows the queries.

Examples:
    >>> from kg.graph import build_graph
    >>> from kg.model import Concept, Extraction, Paper
    >>> p = Paper(id="arxiv:1", title="T", abstract="We use PPO.")
    >>> e = Extraction(id="arxiv:1", title="T", entities=[Concept(type="Method", name="PPO")])
    >>> g = to_rdf(build_graph([p], [e]), extractor_version="1")
    >>> paper = URIRef("https://kg.example.org/paper/arxiv:1")
    >>> len(list(g.objects(paper, KG.uses)))
    1
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO

from rdflib import Graph, Literal, URIRef

from kg.export.iri import DEFAULT_BASE, IRIMinter
from kg.export.rdf_syntax import RDF_FORMATS, Triple, serialize_triples
from kg.graph.model import KnowledgeGraph
from kg.model import Concept, Extraction, Result
from kg.namespace import (
    CITO,
    CONCEPT_CLASSES,
    DCTERMS,
    FABIO,
    FOAF,
    KG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    ROLE_PROPERTIES,
    SDO,
    SKOS,
    XSD,
)

__all__ = [
    "iter_triples",
    "to_rdf",
    "write_rdf",
    "extractor_version",
    "parse_value",
    "RDF_FORMATS",
]

# Characters XML 1.0 cannot carry (and lone surrogates UTF-8 cannot): removed from literals so
# that all four formats hold the same graph.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NUMBER = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*(.*?)\s*$")
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)
#: ``cito:usesMethodIn`` is stated only for methods proposed by at most this many papers.
CITO_MAX_PROPOSERS = 3
_CONCEPT_OF_RESULT = {"metric": "Metric", "dataset": "Dataset", "method": "Method"}


def extractor_version() -> str:
    """``kg.extract.EXTRACTOR_VERSION`` if the extractor defines it, else ``kg-<version>``.

    Examples:
        >>> extractor_version() != ""
        True
    """
    try:
        from kg import extract

        version = getattr(extract, "EXTRACTOR_VERSION", None)
    except ImportError:
        version = None
    if not version:
        from kg import __version__

        version = f"kg-{__version__}"
    return str(version)


_default_version = extractor_version


def _text(value: str) -> Literal:
    return Literal(_BAD_CHARS.sub("", value))


def _decimal(value: float | Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (always a point, never an exponent)."""
    lex = format(Decimal(str(value)).normalize(), "f")
    if "." not in lex:
        lex += ".0"
    return Literal(lex, datatype=XSD.decimal)


def _integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def parse_value(text: str) -> tuple[Decimal | None, str]:
    """Split a result value as written into a number and its unit.

    Examples:
        >>> parse_value("71.2%")
        (Decimal('71.2'), '%')
        >>> parse_value("1,024 tokens")
        (Decimal('1024'), 'tokens')
        >>> parse_value("n/a")
        (None, '')
    """
    m = _NUMBER.match(text)
    if not m:
        return None, ""
    try:
        return Decimal(m.group(1).replace(",", "")), m.group(2)
    except InvalidOperation:
        return None, ""


def _date(value: str) -> Literal:
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return _text(value)


class _Mapper:
    """Holds the minter and lookup tables of one export."""

    def __init__(self, kg: KnowledgeGraph, base: str, version: str) -> None:
        self.kg = kg
        self.iri = IRIMinter(base)
        self.version = version
        self.run = self.iri.extraction_run(version)
        # (type, case-folded label or alias) -> concept node id, for results naming a concept
        # the paper's own entity list does not hold.
        self.by_label: dict[tuple[str, str], str] = {}
        for cid in sorted(kg.concepts):
            node = kg.concepts[cid]
            for name in [node.label, *node.aliases]:
                self.by_label.setdefault((node.type, name.casefold()), cid)

    def triples(self) -> Iterator[Triple]:
        yield from self._provenance_agents()
        for pid in sorted(self.kg.papers):
            yield from self._paper(pid)
        for cid in sorted(self.kg.concepts):
            yield from self._concept(cid)
        yield from self._edges()

    def _provenance_agents(self) -> Iterator[Triple]:
        agent = self.iri.extractor(self.version)
        yield self.run, RDF.type, PROV.Activity
        yield self.run, RDF.type, KG.ExtractionRun
        yield self.run, PROV.wasAssociatedWith, agent
        yield self.run, KG.extractorVersion, _text(self.version)
        yield self.run, RDFS.label, _text(f"kg extraction, extractor {self.version}")
        yield agent, RDF.type, PROV.SoftwareAgent
        yield agent, RDF.type, KG.Extractor
        yield agent, KG.extractorVersion, _text(self.version)
        yield agent, RDFS.label, _text(f"kg extractor {self.version}")

    def _paper(self, pid: str) -> Iterator[Triple]:
        p = self.kg.papers[pid]
        s = self.iri.paper(pid)
        yield s, RDF.type, KG.Paper
        yield s, RDF.type, SDO.ScholarlyArticle
        yield s, RDF.type, FABIO.ScholarlyWork
        yield s, DCTERMS.identifier, _text(pid)
        yield s, DCTERMS.title, _text(p.title)
        yield s, RDFS.label, _text(p.title)
        if p.abstract:
            yield s, DCTERMS.abstract, _text(p.abstract)
        if p.date:
            yield s, DCTERMS.date, _date(p.date)
            yield s, KG.dateYearInferred, _boolean(p.date_year_inferred)
        for name in (a for a in p.authors if a.strip()):
            a = self.iri.author(name)
            yield s, DCTERMS.creator, a
            yield a, RDF.type, KG.Author
            yield a, RDF.type, FOAF.Person
            yield a, FOAF.name, _text(name)
        if p.author_count is not None:
            yield s, KG.authorCount, _integer(p.author_count)
        if p.organisation and p.organisation.strip():
            o = self.iri.organisation(p.organisation)
            yield s, SDO.sourceOrganization, o
            yield o, RDF.type, KG.Organisation
            yield o, RDF.type, FOAF.Organization
            yield o, FOAF.name, _text(p.organisation)
        if p.upvotes is not None:
            yield s, KG.upvotes, _integer(p.upvotes)
        for url in p.urls:
            yield s, SDO.url, _text(url)
        if p.code_url:
            yield s, SDO.codeRepository, _text(p.code_url)
        if p.project_url:
            yield s, KG.projectPage, _text(p.project_url)
        if p.arxiv_id:
            yield s, KG.arxivId, _text(p.arxiv_id)
        if p.doi:
            yield s, KG.doi, _text(p.doi)
        for cat in p.categories:
            yield s, SDO.keywords, _text(cat)
        if p.venue:
            yield s, SDO.isPartOf, _text(p.venue)
        for i, src in enumerate(p.sources, start=1):
            r = self.iri.source(pid, i)
            yield s, KG.hasSource, r
            yield r, RDF.type, KG.SourceRecord
            yield r, KG.sourceFile, _text(src.file)
            yield r, KG.sourceFormat, _text(src.format)
            yield r, KG.position, _integer(src.position)
            if src.line is not None:
                yield r, KG.line, _integer(src.line)
        ex = self.kg.extractions.get(pid)
        if ex is not None:
            yield from self._statements(pid, s, ex)
            for i, res in enumerate(ex.results):
                yield from self._result(pid, s, ex, i, res)

    def _statements(self, pid: str, s: URIRef, ex: Extraction) -> Iterator[Triple]:
        done: set[tuple[URIRef, str]] = set()
        for i, c in enumerate(ex.entities):
            cid = self.kg.concept_of.get((pid, i))
            if cid is None or cid not in self.kg.concepts:
                continue
            o = self.iri.concept(cid)
            props = [ROLE_PROPERTIES.get(c.role, KG.mentionsConcept)]
            if c.proposed and KG.proposes not in props:
                props.append(KG.proposes)
            yield s, KG.mentionsConcept, o
            for prop in props:
                if (prop, cid) in done:  # two entities normalised to one concept
                    continue
                done.add((prop, cid))
                yield s, prop, o
                yield from self._statement(pid, s, prop, cid, o, c)

    def _statement(
        self, pid: str, s: URIRef, prop: URIRef, cid: str, o: URIRef, c: Concept
    ) -> Iterator[Triple]:
        st = self.iri.statement(pid, str(prop), cid)
        yield st, RDF.type, RDF.Statement
        yield st, RDF.type, PROV.Entity
        yield st, RDF.subject, s
        yield st, RDF.predicate, prop
        yield st, RDF.object, o
        yield st, KG.confidence, _decimal(min(max(float(c.confidence), 0.0), 1.0))
        yield st, KG.proposed, _boolean(c.proposed)
        yield st, PROV.wasGeneratedBy, self.run
        if c.evidence:
            yield st, KG.evidenceText, _text(c.evidence)
        for m in c.mentions:
            mi = self.iri.mention(pid, cid, m.field, m.start, m.end)
            yield st, KG.hasMention, mi
            yield mi, RDF.type, KG.Mention
            yield mi, KG.field, _text(m.field)
            yield mi, KG.start, _integer(m.start)
            yield mi, KG.end, _integer(m.end)
            yield mi, KG.exactText, _text(m.text)

    def _resolve(self, pid: str, ex: Extraction, kind: str, name: str) -> str | None:
        ctype = _CONCEPT_OF_RESULT[kind]
        key = name.casefold()
        for i, c in enumerate(ex.entities):
            names = [c.name, *c.aliases]
            if c.type == ctype and any(n.casefold() == key for n in names):
                cid = self.kg.concept_of.get((pid, i))
                if cid in self.kg.concepts:
                    return cid
        return self.by_label.get((ctype, key))

    def _result(self, pid: str, s: URIRef, ex: Extraction, i: int, res: Result) -> Iterator[Triple]:
        r = self.iri.result(pid, i)
        yield s, KG.reportsResult, r
        yield r, RDF.type, KG.Result
        yield r, RDF.type, PROV.Entity
        yield r, PROV.wasGeneratedBy, self.run
        yield r, KG.valueText, _text(res.value)
        number, unit = parse_value(res.value)
        if number is not None:
            yield r, KG.value, _decimal(number)
            if unit:
                yield r, KG.unit, _text(unit)
        links = (
            ("metric", res.metric, KG.ofMetric, KG.metricLabel),
            ("dataset", res.dataset, KG.onDataset, KG.datasetLabel),
            ("method", res.method, KG.ofMethod, KG.methodLabel),
        )
        for kind, name, prop, label_prop in links:
            if not name:
                continue
            yield r, label_prop, _text(name)
            cid = self._resolve(pid, ex, kind, name)
            if cid is not None:
                yield r, prop, self.iri.concept(cid)
        yield r, KG.evidenceText, _text(res.evidence)
        yield r, KG.field, _text(res.field)
        if res.start is not None and res.end is not None:
            yield r, KG.start, _integer(res.start)
            yield r, KG.end, _integer(res.end)
        confidence = getattr(res, "confidence", None)
        if confidence is not None:
            yield r, KG.confidence, _decimal(min(max(float(confidence), 0.0), 1.0))

    def _concept(self, cid: str) -> Iterator[Triple]:
        node = self.kg.concepts[cid]
        c = self.iri.concept(cid)
        yield c, RDF.type, CONCEPT_CLASSES.get(node.type, KG.Concept)
        yield c, RDF.type, KG.Concept
        yield c, RDF.type, SKOS.Concept
        yield c, SKOS.prefLabel, _text(node.label)
        yield c, RDFS.label, _text(node.label)
        for alias in node.aliases:
            if alias != node.label:
                yield c, SKOS.altLabel, _text(alias)
        for b in node.broader:
            if b in self.kg.concepts:
                yield c, SKOS.broader, self.iri.concept(b)
        if node.vocab_id:
            yield c, KG.vocabId, _text(node.vocab_id)
        # precomputed: top-N lists read it instead of counting every mention
        yield c, KG.paperCount, _integer(len(set(node.papers)))

    def _edges(self) -> Iterator[Triple]:
        g = self.kg.graph
        proposers: dict[str, list[str]] = {}
        for u, v, d in g.edges(data=True):
            if d.get("kind") == "role" and d.get("proposed") and v in self.kg.concepts:
                proposers.setdefault(v, []).append(u)
        for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
            kind = d.get("kind")
            if kind == "broader" and u in self.kg.concepts and v in self.kg.concepts:
                yield self.iri.concept(u), SKOS.broader, self.iri.concept(v)
            elif kind == "related" and u in self.kg.papers and v in self.kg.papers:
                yield from self._link(u, v, d)
            elif kind == "role" and self.kg.concepts.get(v) is not None:
                # CiTO: u uses a method that another paper proposes. A "method" many papers
                # claim to propose is a generic one: no citation-like link (and no n^2 blowup).
                by = proposers.get(v, [])
                if (
                    self.kg.concepts[v].type == "Method"
                    and not d.get("proposed")
                    and len(by) <= CITO_MAX_PROPOSERS
                ):
                    for q in sorted(by):
                        if q != u:
                            yield self.iri.paper(u), CITO.usesMethodIn, self.iri.paper(q)

    def _link(self, a: str, b: str, d: dict) -> Iterator[Triple]:
        pa, pb = self.iri.paper(a), self.iri.paper(b)
        link = self.iri.link(a, b)
        yield pa, KG.relatedPaper, pb
        yield pb, KG.relatedPaper, pa
        yield link, RDF.type, KG.PaperLink
        yield link, KG.linkedPaper, pa
        yield link, KG.linkedPaper, pb
        yield link, KG.weight, _decimal(max(float(d.get("weight", 0.0)), 0.0))
        for cid in d.get("shared", []):
            if cid in self.kg.concepts:
                yield link, KG.sharedConcept, self.iri.concept(cid)
        for t in d.get("link_types", []):
            yield link, KG.linkType, _text(str(t))


def iter_triples(
    kg: KnowledgeGraph, *, base: str = DEFAULT_BASE, extractor_version: str | None = None
) -> Iterator[Triple]:
    """The triples of ``kg`` (duplicates possible; writers sort and de-duplicate).

    Examples:
        >>> from kg.graph import build_graph
        >>> n = sum(1 for _ in iter_triples(build_graph([], []), extractor_version="1"))
        >>> n  # only the extraction run and the extractor
        9
    """
    return _Mapper(kg, base, extractor_version or _default_version()).triples()


def to_rdf(
    kg: KnowledgeGraph, *, base: str = DEFAULT_BASE, extractor_version: str | None = None
) -> Graph:
    """``kg`` as an ``rdflib.Graph`` with the ontology's prefixes bound.

    Examples:
        >>> from kg.graph import build_graph
        >>> len(to_rdf(build_graph([], []), extractor_version="1"))
        9
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    for t in iter_triples(kg, base=base, extractor_version=extractor_version):
        g.add(t)
    return g


def write_rdf(
    kg: KnowledgeGraph | Graph | Iterable[Triple],
    path: str | os.PathLike[str] | IO[bytes],
    format: str = "turtle",
    *,
    base: str = DEFAULT_BASE,
    extractor_version: str | None = None,
) -> None:
    """Write ``kg`` (or its already mapped triples) as RDF, byte-identically on rebuild.

    ``format`` is one of :data:`RDF_FORMATS` (``turtle``, ``nt``, ``json-ld``, ``xml``).
    ``path`` is a file name (written atomically) or a binary file object.

    Examples:
        >>> import io
        >>> from kg.graph import build_graph
        >>> buf = io.BytesIO()
        >>> write_rdf(build_graph([], []), buf, "nt", extractor_version="1")
        >>> buf.getvalue().count(b"\\n")
        9
    """
    if isinstance(kg, KnowledgeGraph):
        triples: Iterable[Triple] = iter_triples(kg, base=base, extractor_version=extractor_version)
    else:
        triples = kg  # an rdflib.Graph iterates over its triples
    minter = IRIMinter(base)
    kinds = ("author", "concept", "link", "mention", "org", "paper", "result", "source")
    data_prefixes = {k: f"{minter.base}{k}/" for k in kinds} | {"stmt": f"{minter.base}statement/"}
    serialize_triples(triples, path, format, data_prefixes=data_prefixes)
