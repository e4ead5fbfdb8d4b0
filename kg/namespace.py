"""The ontology's terms as Python names, so that a typo fails loudly.

:class:`KG` lists every class and property declared in ``ontology/kg.ttl`` (a test checks that
the two agree); referring to an undeclared term raises ``AttributeError``. The standard
vocabularies the ontology aligns with are re-exported under their usual prefixes, and
:data:`PREFIXES` is the one prefix table used by the RDF writers, ``kg query`` and the example
queries.

Examples:
    >>> str(KG.Paper)
    'https://kg.example.org/ontology#Paper'
    >>> KG.Papr
    Traceback (most recent call last):
    ...
    AttributeError: term 'Papr' not in namespace 'https://kg.example.org/ontology#'
    >>> PREFIXES["skos"]
    'http://www.w3.org/2004/02/skos/core#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = [
    "KG",
    "KG_NS",
    "CITO",
    "DCTERMS",
    "FABIO",
    "FOAF",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "XSD",
    "PREFIXES",
    "ROLE_PROPERTIES",
    "CONCEPT_CLASSES",
]

#: Namespace IRI of the ontology (fixed; the data's base IRI is configurable separately).
KG_NS = "https://kg.example.org/ontology#"

#: FaBiO and CiTO (SPAR ontologies), which rdflib does not bundle.
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")


class KG(DefinedNamespace):
    """Terms of the ``kg`` ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(KG_NS)
    _fail = True

    # Classes
    Paper: URIRef
    Concept: URIRef
    Method: URIRef
    Dataset: URIRef
    Metric: URIRef
    Task: URIRef
    Result: URIRef
    Author: URIRef
    Organisation: URIRef
    Mention: URIRef
    PaperLink: URIRef
    SourceRecord: URIRef
    ExtractionRun: URIRef
    Extractor: URIRef
    # Paper -> concept relations (one per role) and their common super-property
    mentionsConcept: URIRef
    proposes: URIRef
    uses: URIRef
    comparesWith: URIRef
    evaluatesOn: URIRef
    measures: URIRef
    addresses: URIRef
    # Results
    reportsResult: URIRef
    ofMetric: URIRef
    onDataset: URIRef
    ofMethod: URIRef
    metricLabel: URIRef
    datasetLabel: URIRef
    methodLabel: URIRef
    value: URIRef
    valueText: URIRef
    unit: URIRef
    # Paper-paper links
    relatedPaper: URIRef
    linkedPaper: URIRef
    sharedConcept: URIRef
    weight: URIRef
    linkType: URIRef
    # Provenance of extracted statements
    confidence: URIRef
    proposed: URIRef
    hasMention: URIRef
    evidenceText: URIRef
    field: URIRef
    start: URIRef
    end: URIRef
    exactText: URIRef
    extractorVersion: URIRef
    # Paper metadata beyond DCTERMS / schema.org
    arxivId: URIRef
    doi: URIRef
    upvotes: URIRef
    authorCount: URIRef
    paperCount: URIRef
    projectPage: URIRef
    dateYearInferred: URIRef
    vocabId: URIRef
    hasSource: URIRef
    sourceFile: URIRef
    sourceFormat: URIRef
    position: URIRef
    line: URIRef


#: Prefix -> namespace IRI, for writers and queries (sorted by prefix).
PREFIXES: dict[str, str] = {
    "cito": str(CITO),
    "dcterms": str(DCTERMS),
    "fabio": str(FABIO),
    "foaf": str(FOAF),
    "kg": KG_NS,
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}

#: Role of a paper -> concept edge (``kg.model.ROLES``) -> the property that states it.
ROLE_PROPERTIES: dict[str, URIRef] = {
    "proposes": KG.proposes,
    "uses": KG.uses,
    "compares": KG.comparesWith,
    "evaluates_on": KG.evaluatesOn,
    "measures": KG.measures,
    "addresses": KG.addresses,
}

#: Concept type (``kg.model.CONCEPT_TYPES``) -> its class.
CONCEPT_CLASSES: dict[str, URIRef] = {
    "Method": KG.Method,
    "Dataset": KG.Dataset,
    "Metric": KG.Metric,
    "Task": KG.Task,
}
