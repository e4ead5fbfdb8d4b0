"""`kg query` and kg.query: files and stores, result formats, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.export import write_rdf
from kg.query import format_result, open_graph, query
from kg.store import write_store

TITLES = "SELECT ?p ?title WHERE { ?p a kg:Paper ; dcterms:title ?title } ORDER BY ?p"


@pytest.fixture(scope="module")
def graph_files(small_kg, tmp_path_factory):
    d = tmp_path_factory.mktemp("graph")
    for fmt, name in (
        ("turtle", "kg.ttl"),
        ("nt", "kg.nt"),
        ("json-ld", "kg.jsonld"),
        ("xml", "kg.rdf"),
    ):
        write_rdf(small_kg, d / name, fmt)
    write_store(small_kg, d / "store")
    return d


@pytest.mark.parametrize("name", ["kg.ttl", "kg.nt", "kg.jsonld", "kg.rdf", "store"])
def test_same_answer_from_every_file_and_the_store(small_kg, graph_files, name) -> None:
    result = query(TITLES, graph_files / name)
    assert result.variables == ["p", "title"]
    titles = [row[1].value for row in result.rows]
    assert titles == [small_kg.papers[p].title for p in sorted(small_kg.papers)]


def test_store_replaces_atomically_and_loads_rdf_files(small_kg, graph_files, tmp_path) -> None:
    store_dir = write_store(graph_files / "kg.ttl", tmp_path / "store")
    n = len(query("SELECT * WHERE { ?s ?p ?o }", store_dir).rows)
    write_store(small_kg, store_dir)  # rebuild over it
    assert len(query("SELECT * WHERE { ?s ?p ?o }", store_dir).rows) == n
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_formats_are_w3c_results(graph_files) -> None:
    result = query(TITLES, graph_files / "store")
    parsed = ox.parse_query_results(
        format_result(result, "json").encode(), format=ox.QueryResultsFormat.JSON
    )
    assert [s["title"].value for s in parsed] == [r[1].value for r in result.rows]
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"), newline="")))
    assert rows[0] == ["p", "title"] and len(rows) == 6
    assert any("<script>" in r[1] for r in rows)
    tsv = ox.parse_query_results(
        format_result(result, "tsv").encode(), format=ox.QueryResultsFormat.TSV
    )
    assert len(list(tsv)) == 5
    table = format_result(result, "table").splitlines()
    assert table[0].split(" | ")[0].strip() == "p" and table[-1] == "(5 rows)"


def test_ask_and_construct(graph_files) -> None:
    assert query("ASK { ?p kg:proposes ?m }", graph_files / "kg.ttl").boolean is True
    r = query("CONSTRUCT { ?p kg:proposes ?m } WHERE { ?p kg:proposes ?m }", graph_files / "kg.ttl")
    assert r.kind == "graph" and len(r.rows) == 1
    assert format_result(r, "json").count(" .\n") == 1


def test_query_a_knowledge_graph_directly(small_kg) -> None:
    r = query("SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Concept }", small_kg)
    assert int(r.rows[0][0].value) == len(small_kg.concepts)


def test_syntax_error_names_line_and_column(graph_files) -> None:
    with pytest.raises(QueryError) as info:
        query("SELECT ?p\nWHERE {\n  ?p a kg:Paper\n", graph_files / "kg.ttl")
    assert info.value.line == 4
    assert info.value.reason.startswith("SPARQL syntax error at column")


def test_a_build_directory_means_its_store(graph_files) -> None:
    assert query("ASK { ?p a kg:Paper }", graph_files).boolean is True


def test_missing_or_bad_graph(tmp_path) -> None:
    with pytest.raises(QueryError, match="run `kg build` first"):
        open_graph(tmp_path / "nope.ttl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(QueryError, match="no SPARQL store"):
        open_graph(tmp_path / "empty")
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match="bad.ttl"):
        open_graph(tmp_path / "bad.ttl")
    (tmp_path / "x.pdf").write_text("x", encoding="utf-8")
    with pytest.raises(QueryError, match="not an RDF file"):
        open_graph(tmp_path / "x.pdf")


def test_cli_query_formats_and_rq_files(graph_files, tmp_path, capsys) -> None:
    rc = main(["query", TITLES, "--graph", str(graph_files / "kg.ttl"), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert rc == 0 and len(doc["results"]["bindings"]) == 5
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?m WHERE { ?p kg:proposes ?m }", encoding="utf-8")
    rc = main(["query", str(rq), "--graph", str(graph_files / "store"), "--format", "tsv"])
    out = capsys.readouterr().out.splitlines()
    assert rc == 0 and out[0] == "?m" and len(out) == 2


def test_cli_errors_are_one_line(graph_files, tmp_path, capsys, monkeypatch) -> None:
    rc = main(["query", "SELECT WHERE {", "--graph", str(graph_files / "kg.ttl")])
    err = capsys.readouterr().err
    assert rc != 0 and err.startswith("kg: error: query:1: SPARQL syntax error at column")
    assert err.count("\n") == 1
    monkeypatch.chdir(tmp_path)  # no exports/ here
    rc = main(["query", "ASK {}"])
    err = capsys.readouterr().err
    assert rc != 0 and "exports/kg.ttl" in err and "kg build" in err
    rc = main(["query", str(tmp_path / "missing.rq")])
    assert rc != 0 and "no such query file" in capsys.readouterr().err
