"""End to end: ``kg build`` / ``kg extract`` / ``kg query`` through the CLI, as a user runs them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.cli import main
from kg.model import CONCEPT_TYPES, ROLES

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.slow

ENTITY_KEYS = {"type", "name", "aliases", "proposed", "role", "confidence", "mentions"}


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag in {"script", "link", "img", "iframe"} and name in {"src", "href"} and value:
                self.urls.append(value)


def _external_resources(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return [u for u in parser.urls if u.startswith(("http:", "https:", "//"))]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]


def test_bundled_build_has_288_papers_with_all_sources(bundled_build: Path) -> None:
    corpus = _jsonl(bundled_build / "corpus.jsonl")
    assert len(corpus) == 288
    assert sum(len(p["sources"]) for p in corpus) == 308
    assert any(len(p["sources"]) > 1 for p in corpus)


def test_bundled_build_finds_all_four_types_with_contract(bundled_build: Path) -> None:
    records = _jsonl(bundled_build / "papers.jsonl")
    corpus = {p["id"]: p for p in _jsonl(bundled_build / "corpus.jsonl")}
    assert [r["id"] for r in records] == list(corpus)
    types = {e["type"] for r in records for e in r["entities"]}
    assert types == set(CONCEPT_TYPES)
    for r in records:
        assert set(r) >= {"id", "title", "entities", "results"}
        for e in r["entities"]:
            assert set(e) >= ENTITY_KEYS
            assert e["role"] in ROLES
            assert 0.0 <= e["confidence"] <= 1.0
            for m in e["mentions"]:
                text = corpus[r["id"]][m["field"]]
                assert text[m["start"] : m["end"]] == m["text"]


def test_boss_acronym_is_one_concept_with_alias(bundled_build: Path) -> None:
    records = {r["title"]: r for r in _jsonl(bundled_build / "papers.jsonl")}
    boss = records["Bellman Optimal Step-size Straightening of Flow-Matching Models"]
    hits = [e for e in boss["entities"] if "BOSS" in [e["name"], *e["aliases"]]]
    assert len(hits) == 1
    assert hits[0]["proposed"] is True
    assert "Bellman Optimal Step-size Straightening" in hits[0]["name"]


def test_exports_read_back(bundled_build: Path) -> None:
    g = rdflib.Graph().parse(bundled_build / "kg.ttl", format="turtle")
    assert len(g) > 1000
    gml = nx.read_graphml(bundled_build / "kg.graphml")
    kinds = {d.get("kind") for _, d in gml.nodes(data=True)}
    assert {"paper", "concept"} <= kinds
    assert sum(1 for _, d in gml.nodes(data=True) if d.get("kind") == "paper") == 288
    html = (bundled_build / "kg.html").read_text(encoding="utf-8")
    assert "new vis.Network" in html
    assert _external_resources(html) == []  # vis-network inlined: opens offline


def test_build_is_deterministic(bundled_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["build", "-o", str(again), "--quiet"]) == 0
    names = sorted(p.name for p in bundled_build.iterdir() if p.is_file())
    assert names == sorted(p.name for p in again.iterdir() if p.is_file())
    for name in names:
        assert (bundled_build / name).read_bytes() == (again / name).read_bytes(), name


def test_summary_reports_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(DATA / "small" / "papers.jsonl"), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "paper nodes: 5" in out
    assert "concept nodes: Method" in out
    assert "kg.ttl" in out


def test_extract_jsonl_keeps_ids_and_order(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "p-2", "title": "", "abstract": "We fine-tune BERT on GLUE and report accuracy."},
        {"id": "p-1", "title": "PPO agents", "abstract": "We train agents with PPO on MuJoCo."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    got = _jsonl(out)
    assert [r["id"] for r in got] == ["p-2", "p-1"]
    names = {e["name"] for e in got[1]["entities"]}
    assert any("PPO" in n or "Proximal" in n for n in names)


def test_readme_query_returns_rows(bundled_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    query = "ontology/queries/paper_shares_concepts.rq"
    assert f"kg query {query}" in readme
    path = Path(__file__).parent.parent / query
    assert main(["query", str(path), "--graph", str(bundled_build / "store")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = lines[2:-1]  # header, rule, ..., count
    assert len(rows) >= 3
    assert all(row.rsplit("|", 1)[1].strip() for row in rows)  # each names a shared concept
    # the README quotes the output: its first rows and their count
    assert f"(first 6 of {len(rows)} rows," in readme
    assert lines[-1] == f"({len(rows)} rows)"
    for row in rows[:6]:
        assert row.split("|", 1)[0].strip() in readme


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.jsonl", b"", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "format"),
        ("bad.jsonl", b'{"id": "a", "title": "\xff\xfe bad", "abstract": "x"}\n', "decode"),
    ],
)
def test_bad_input_one_line_error_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out"
    code = main(["build", str(src), "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and err.startswith("kg: error:")
    assert name in err
    assert not out.exists() or not any(out.iterdir())


def test_missing_path_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(tmp_path / "nope.bib"), "-o", str(tmp_path / "x.jsonl")])
    err = capsys.readouterr().err.strip()
    assert code != 0 and "nope.bib" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_bundled_export_validates_with_shacl(bundled_build: Path) -> None:
    from kg.export import validate

    conforms, report = validate(bundled_build / "kg.ttl")
    assert conforms, report


def test_rdf_formats_of_bundled_build_agree(bundled_build: Path) -> None:
    from rdflib.compare import isomorphic

    turtle = rdflib.Graph().parse(bundled_build / "kg.ttl", format="turtle")
    for name, fmt in (("kg.nt", "nt"), ("kg.jsonld", "json-ld"), ("kg.rdf", "xml")):
        assert isomorphic(turtle, rdflib.Graph().parse(bundled_build / name, format=fmt)), name


QUERIES = sorted((Path(__file__).parent.parent / "ontology" / "queries").glob("*.rq"))


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_queries_answer_on_bundled_corpus(bundled_build: Path, query_file: Path) -> None:
    from kg.query import open_graph, query

    result = query(query_file.read_text(encoding="utf-8"), open_graph(bundled_build / "store"))
    assert result.kind == "select"
    assert result.rows, f"{query_file.name} returned no rows on the bundled corpus"
    declared = re.search(r"^# columns: (.*)$", query_file.read_text(), flags=re.M)
    if declared:
        assert result.variables == declared.group(1).split()
