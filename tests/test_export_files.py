"""Graph files read back by the libraries that consume them; write_all; `kg export`."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import ExportError
from kg.export import EXPORT_FORMATS, write_all
from kg.export.csv import write_csv
from kg.export.graphml import write_gexf, write_graphml
from kg.export.nodelink import write_cytoscape, write_node_link
from kg.graph import KnowledgeGraph, build_graph

XSS = "doi:10.1000/xss"


def _counts(kg: KnowledgeGraph) -> tuple[int, int]:
    return kg.graph.number_of_nodes(), kg.graph.number_of_edges()


@pytest.mark.parametrize(
    "writer,reader", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)]
)
def test_graphml_and_gexf_read_back(small_kg: KnowledgeGraph, tmp_path, writer, reader) -> None:
    path = tmp_path / "kg.out"
    writer(small_kg, path)
    g = reader(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == _counts(small_kg)
    paper = g.nodes[XSS]
    title = small_kg.papers[XSS].title
    assert paper.get("title") == title and paper["type"] == "Paper"
    concept = next(n for n in small_kg.concept_nodes() if small_kg.graph.nodes[n]["aliases"])
    attrs = g.nodes[concept]
    assert attrs["aliases"] == "; ".join(small_kg.graph.nodes[concept]["aliases"])
    assert int(attrs["papers"]) == small_kg.graph.nodes[concept]["papers"]
    u, v, d = next(
        (u, v, d) for u, v, d in small_kg.graph.edges(data=True) if d["kind"] == "related"
    )
    assert float(g.edges[u, v]["weight"]) == pytest.approx(d["weight"])
    assert g.edges[u, v]["shared"] == "; ".join(d["shared"])


def test_graphml_has_scalar_typed_keys(small_kg, tmp_path) -> None:
    write_graphml(small_kg, tmp_path / "kg.graphml")
    text = (tmp_path / "kg.graphml").read_text(encoding="utf-8")
    assert re.search(r'attr.name="papers" attr.type="(int|long)"', text)
    assert 'attr.name="confidence" attr.type="double"' in text
    assert "<script>" not in text  # markup in titles is escaped


def test_node_link_json_keeps_lists(small_kg, tmp_path) -> None:
    write_node_link(small_kg, tmp_path / "kg.json")
    data = json.loads((tmp_path / "kg.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert (g.number_of_nodes(), g.number_of_edges()) == _counts(small_kg)
    for u, v, d in small_kg.graph.edges(data=True):
        back = {("source" if k == "source_attr" else k): val for k, val in g.edges[u, v].items()}
        assert back == d
    assert g.nodes[XSS]["title"] == small_kg.papers[XSS].title


def test_cytoscape_json(small_kg, tmp_path) -> None:
    write_cytoscape(small_kg, tmp_path / "kg.cytoscape.json")
    data = json.loads((tmp_path / "kg.cytoscape.json").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert (len(nodes), len(edges)) == _counts(small_kg)
    assert all({"id", "label"} <= set(n["data"]) for n in nodes)
    ids = [e["data"]["id"] for e in edges]
    assert len(set(ids)) == len(ids)
    g = nx.cytoscape_graph(data)
    assert set(g.nodes) == set(small_kg.graph.nodes)


def test_neo4j_csv(small_kg, tmp_path) -> None:
    write_csv(small_kg, tmp_path / "nodes.csv", tmp_path / "relationships.csv")
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "relationships.csv", newline="", encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    assert (len(nodes), len(rels)) == _counts(small_kg)
    header = list(nodes[0])
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "aliases:string[]" in header and "papers:int" in header
    by_id = {n["id:ID"]: n for n in nodes}
    assert by_id[XSS][":LABEL"] == "Paper"
    assert by_id[XSS]["title"] == small_kg.papers[XSS].title
    concept = next(n for n in small_kg.concept_nodes() if small_kg.graph.nodes[n]["aliases"])
    row = by_id[concept]
    assert row[":LABEL"] == "Concept;" + small_kg.graph.nodes[concept]["type"]
    assert row["aliases:string[]"].split(";") == small_kg.graph.nodes[concept]["aliases"]
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    types = {r[":TYPE"] for r in rels}
    assert {
        "PROPOSES",
        "USES",
        "COMPARES",
        "EVALUATES_ON",
        "MEASURES",
        "ADDRESSES",
        "RELATED_TO",
    } <= types
    ids = set(by_id)
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    proposes = next(r for r in rels if r[":TYPE"] == "PROPOSES")
    assert proposes["proposed:boolean"] == "true"
    assert float(proposes["confidence:float"]) == pytest.approx(0.9)


def test_write_all_writes_every_file_byte_identically(
    small_papers, small_extractions, tmp_path
) -> None:
    names = [n for files in EXPORT_FORMATS.values() for n in files]
    assert names == [
        "kg.ttl",
        "kg.nt",
        "kg.jsonld",
        "kg.rdf",
        "kg.graphml",
        "kg.gexf",
        "kg.json",
        "kg.cytoscape.json",
        "nodes.csv",
        "relationships.csv",
    ]
    outs = []
    for run in ("a", "b"):
        kg = build_graph(small_papers, small_extractions)
        written = write_all(kg, tmp_path / run)
        assert [p.name for p in written] == names
        outs.append({p.name: p.read_bytes() for p in written})
    assert outs[0] == outs[1]
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp


def test_write_all_rejects_unknown_format_before_writing(small_kg, tmp_path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        write_all(small_kg, tmp_path / "out", formats=["turtle", "pdf"])
    assert not (tmp_path / "out").exists()


@pytest.fixture()
def build_dir(small_papers, small_extractions, tmp_path) -> Path:
    from kg.build import write_jsonl

    d = tmp_path / "build"
    write_jsonl((p.to_dict() for p in small_papers), d / "corpus.jsonl")
    write_jsonl((e.to_dict() for e in small_extractions), d / "papers.jsonl")
    return d


def test_cli_export_formats_store_and_validate(build_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    rc = main(
        [
            "export",
            "--graph-dir",
            str(build_dir),
            "-o",
            str(out),
            "--format",
            "nt,graphml",
            "--format",
            "store",
            "--validate",
            "--base",
            "https://data.example.com/",
        ]
    )
    assert rc == 0
    printed = capsys.readouterr().out
    assert "conforms" in printed
    assert sorted(p.name for p in out.iterdir()) == ["kg.graphml", "kg.nt", "store"]
    assert "<https://data.example.com/paper/" in (out / "kg.nt").read_text(encoding="utf-8")
    rc = main(["query", "ASK { ?p a kg:Paper }", "--graph", str(out / "store")])
    assert rc == 0 and capsys.readouterr().out == "true\n"


def test_cli_export_errors_are_one_line(build_dir, tmp_path, capsys) -> None:
    rc = main(
        ["export", "--graph-dir", str(build_dir), "-o", str(tmp_path / "o"), "--format", "docx"]
    )
    err = capsys.readouterr().err
    assert rc != 0 and err.count("\n") == 1 and "unknown export format 'docx'" in err
    rc = main(
        ["export", "--graph-dir", str(build_dir), "-o", str(tmp_path / "o"), "--base", "ftp://x"]
    )
    err = capsys.readouterr().err
    assert rc != 0 and "--base" in err and "Traceback" not in err
