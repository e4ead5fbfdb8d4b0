"""RDF export: ontology, IRIs, the four syntaxes round-tripped, SHACL, provenance, determinism."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from kg.errors import ExportError
from kg.export import to_rdf, validate, write_rdf
from kg.export.iri import IRIMinter
from kg.graph import KnowledgeGraph, build_graph
from kg.model import Concept, Extraction, Mention, Paper, Result
from kg.namespace import CITO, DCTERMS, KG, KG_NS, PREFIXES, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY = Path(__file__).parent.parent / "ontology"
FORMATS = [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"), ("xml", "xml")]
BASE = "https://kg.example.org/"


@pytest.fixture(scope="module")
def small_rdf(small_kg: KnowledgeGraph) -> Graph:
    return to_rdf(small_kg)


def _paper(g: Graph, pid: str) -> URIRef:
    return URIRef(BASE + "paper/" + pid.replace("/", "%2F"))


def test_ontology_declares_exactly_the_namespace_terms() -> None:
    onto = Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")
    declared = {
        str(s)[len(KG_NS) :]
        for s in onto.subjects()
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }
    python_names = set(KG.__annotations__)
    assert declared == python_names
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    for name in python_names:
        term = URIRef(KG_NS + name)
        assert any((term, RDF.type, k) in onto for k in kinds), f"{name} has no OWL type"
    assert (KG.Method, RDFS.subClassOf, KG.Concept) in onto


def test_namespace_typo_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        _ = KG.proposses


def test_papers_concepts_and_roles(small_kg: KnowledgeGraph, small_rdf: Graph) -> None:
    g = small_rdf
    papers = set(g.subjects(RDF.type, KG.Paper))
    assert papers == {_paper(g, pid) for pid in small_kg.papers}
    boss = _paper(g, "arxiv:2312.00001")
    assert g.value(boss, DCTERMS.date) == Literal("2023-12-27", datatype=XSD.date)
    proposed = list(g.objects(boss, KG.proposes))
    assert [str(g.value(c, SKOS.altLabel)) for c in proposed] == ["BOSS"]
    assert (proposed[0], RDF.type, KG.Method) in g
    assert len(set(g.subjects(RDF.type, KG.Concept))) == len(small_kg.concepts)
    for c in g.subjects(RDF.type, KG.Concept):
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1
    authors = {
        str(g.value(a, URIRef("http://xmlns.com/foaf/0.1/name")))
        for a in g.objects(boss, DCTERMS.creator)
    }
    assert authors == {"A. One", "B. Two"}
    compared = {str(g.value(c, SKOS.prefLabel)) for c in g.objects(boss, KG.comparesWith)}
    assert compared == {"DDIM"}


def test_every_statement_has_provenance(small_kg: KnowledgeGraph, small_rdf: Graph) -> None:
    g = small_rdf
    statements = set(g.subjects(RDF.type, RDF.Statement))
    role_triples = {
        (s, p, o)
        for s, p, o in g
        if p in (KG.proposes, KG.uses, KG.comparesWith, KG.evaluatesOn, KG.measures, KG.addresses)
    }
    assert len(statements) == len(role_triples) > 20
    for st in statements:
        triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        assert triple in role_triples
        assert 0 <= g.value(st, KG.confidence).toPython() <= 1
        run = g.value(st, PROV.wasGeneratedBy)
        assert str(g.value(run, KG.extractorVersion))
        mentions = list(g.objects(st, KG.hasMention))
        assert mentions, st
        paper = small_kg.papers[str(g.value(triple[0], DCTERMS.identifier))]
        for m in mentions:
            field = str(g.value(m, KG.field))
            start, end = int(g.value(m, KG.start)), int(g.value(m, KG.end))
            text = paper.abstract if field == "abstract" else paper.title
            assert text[start:end] == str(g.value(m, KG.exactText))


def test_results_are_decimal_with_unit_and_linked_concepts(small_rdf: Graph) -> None:
    g = small_rdf
    by_text = {str(g.value(r, KG.valueText)): r for r in g.subjects(RDF.type, KG.Result)}
    assert set(by_text) == {"17.86", "138.66", "71.2%"}
    pass1 = by_text["71.2%"]
    assert g.value(pass1, KG.value) == Literal("71.2", datatype=XSD.decimal)
    assert g.value(pass1, KG.value).toPython() == Decimal("71.2")
    assert str(g.value(pass1, KG.unit)) == "%"
    assert str(g.value(g.value(pass1, KG.onDataset), SKOS.prefLabel)) == "HumanEval"
    boss = by_text["17.86"]
    method = g.value(boss, KG.ofMethod)
    assert str(g.value(method, SKOS.altLabel)) == "BOSS"  # resolved through the alias
    assert (g.value(boss, KG.ofMetric), RDF.type, KG.Metric) in g
    assert "17.86 FID" in str(g.value(boss, KG.evidenceText))


def test_related_papers_carry_weight_and_shared_concepts(
    small_kg: KnowledgeGraph, small_rdf: Graph
) -> None:
    g = small_rdf
    related = [(u, v) for u, v, d in small_kg.graph.edges(data=True) if d["kind"] == "related"]
    links = set(g.subjects(RDF.type, KG.PaperLink))
    assert len(links) == len(related) > 0
    for link in links:
        a, b = sorted(g.objects(link, KG.linkedPaper))
        assert (a, KG.relatedPaper, b) in g and (b, KG.relatedPaper, a) in g
        assert g.value(link, KG.weight).datatype == XSD.decimal
        assert list(g.objects(link, KG.sharedConcept))


def test_cito_uses_method_in(small_papers, small_extractions) -> None:
    extra = Paper(id="arxiv:2405.00005", title="Using BOSS", abstract="We use BOSS.")
    ex = Extraction(
        id=extra.id,
        title=extra.title,
        entities=[
            Concept(
                type="Method",
                name="BOSS",
                role="uses",
                mentions=[Mention("abstract", 7, 11, "BOSS")],
            )
        ],
    )
    kg = build_graph([*small_papers, extra], [*small_extractions, ex])
    g = to_rdf(kg)
    assert (_paper(g, extra.id), CITO.usesMethodIn, _paper(g, "arxiv:2312.00001")) in g


@pytest.mark.parametrize("fmt,parser", FORMATS)
def test_round_trip_is_isomorphic(small_kg, small_rdf, tmp_path, fmt, parser) -> None:
    path = tmp_path / f"kg.{fmt}"
    write_rdf(small_kg, path, fmt)
    back = Graph().parse(path, format=parser)
    assert len(back) == len(small_rdf)
    assert isomorphic(back, small_rdf)


@pytest.mark.parametrize("fmt", [f for f, _ in FORMATS])
def test_rebuild_is_byte_identical(small_papers, small_extractions, tmp_path, fmt) -> None:
    outs = []
    for i in range(2):
        kg = build_graph(small_papers, small_extractions)
        write_rdf(kg, tmp_path / f"{i}.out", fmt)
        outs.append((tmp_path / f"{i}.out").read_bytes())
    assert outs[0] == outs[1]


def test_jsonld_has_compact_context(small_kg, tmp_path) -> None:
    import json

    write_rdf(small_kg, tmp_path / "kg.jsonld", "json-ld")
    doc = json.loads((tmp_path / "kg.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == KG_NS

    def types(node: dict) -> list:
        t = node.get("@type", [])
        return t if isinstance(t, list) else [t]

    paper = next(n for n in doc["@graph"] if "kg:Paper" in types(n))
    assert "dcterms:title" in paper


def test_shacl_conforms_and_catches_violations(small_kg, small_rdf) -> None:
    ok, report = validate(small_kg)
    assert ok, report
    broken = Graph()
    for t in small_rdf:
        if t[1] != KG.confidence:
            broken.add(t)
    ok, report = validate(broken)
    assert not ok
    assert "confidence" in report


def test_shacl_validates_a_file(small_kg, tmp_path) -> None:
    write_rdf(small_kg, tmp_path / "kg.ttl")
    assert validate(tmp_path / "kg.ttl")[0]


INJECTION = 'x> <https://evil.org/p> "owned" .\n#</rdf:RDF><script>&amp;'


@pytest.mark.parametrize("fmt,parser", FORMATS)
def test_hostile_ids_and_text_cannot_inject(tmp_path, fmt, parser) -> None:
    p = Paper(
        id=INJECTION,
        title=INJECTION + '"""\'\\',
        abstract="a\x00b\x1fc\u2028d\U0001f600",
        authors=[INJECTION],
        organisation="Org <&>",
    )
    ex = Extraction(
        id=p.id,
        title=p.title,
        entities=[Concept(type="Task", name='"><script>', mentions=[Mention("title", 0, 1, "x")])],
        results=[Result(metric="acc", value="9.5 <b>", evidence=INJECTION)],
    )
    kg = build_graph([p], [ex])
    expected = to_rdf(kg)
    write_rdf(kg, tmp_path / "out", fmt)
    back = Graph().parse(tmp_path / "out", format=parser)
    assert isomorphic(back, expected)
    subjects = {str(s) for s in back.subjects()}
    assert all(s.startswith(BASE) for s in subjects)
    evil = URIRef("https://evil.org/p")
    assert evil not in set(back.predicates()) and evil not in set(back.objects())
    vocab = tuple(PREFIXES.values())
    assert all(str(p).startswith(vocab) for p in back.predicates())
    paper = next(back.subjects(RDF.type, KG.Paper))
    assert str(back.value(paper, DCTERMS.title)) == INJECTION + '"""\'\\'
    assert str(back.value(paper, DCTERMS.abstract)) == "abc\u2028d\U0001f600"
    assert validate(back)[0]


def test_iris_are_stable_and_percent_encoded() -> None:
    base = "https://data.example.com/kg"
    m = IRIMinter(base)
    assert m.paper("doi:10.1/a b#c") == URIRef(base + "/paper/doi:10.1%2Fa%20b%23c")
    assert m.statement("p", "u", "c") == IRIMinter(base + "/").statement("p", "u", "c")
    assert m.author("Ada  Lovelace") == m.author("ada lovelace")


def test_base_is_configurable_and_checked(small_kg) -> None:
    g = to_rdf(small_kg, base="https://data.example.com/graph/")
    assert all(str(s).startswith("https://data.example.com/graph/") for s in g.subjects())
    with pytest.raises(ExportError):
        to_rdf(small_kg, base='https://x.org/"><script>')
    with pytest.raises(ExportError):
        to_rdf(small_kg, base="file:///etc/passwd")


def test_every_format_parses_to_the_same_triples_in_oxigraph(small_kg, tmp_path) -> None:
    """A second, independent parser (Oxigraph's) reads the same graph from all four files."""
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "json-ld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }
    parsed = {}
    for fmt, ox_format in formats.items():
        write_rdf(small_kg, tmp_path / fmt, fmt)
        parsed[fmt] = {str(q) for q in ox.parse(path=str(tmp_path / fmt), format=ox_format)}
    assert len(parsed["nt"]) == len(to_rdf(small_kg))
    assert all(triples == parsed["nt"] for triples in parsed.values())


def test_paper_count_is_the_number_of_papers_mentioning_the_concept(small_rdf: Graph) -> None:
    concepts = set(small_rdf.subjects(RDF.type, KG.Concept))
    assert concepts
    for c in concepts:
        counts = list(small_rdf.objects(c, KG.paperCount))
        assert len(counts) == 1 and counts[0].datatype == XSD.integer
        papers = set(small_rdf.subjects(KG.mentionsConcept, c))
        assert counts[0].toPython() == len(papers) >= 1
