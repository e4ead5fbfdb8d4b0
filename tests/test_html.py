"""HTML views (kg.export.html) and the index page (kg.export.index), read back as files.

The in-browser behaviour is tested in test_browser.py; here: what the written page contains.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.export.html import NODE_STYLES, select_nodes, write_html
from kg.export.index import write_index
from kg.graph import KnowledgeGraph

XSS_ID = "doi:10.1000/xss"


class _Tags(HTMLParser):
    """Collects start tags with attributes, and the text of <script> and <svg> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _cid(kg: KnowledgeGraph, name: str) -> str:
    """The concept node named ``name`` (label or alias, any case): ids follow normalisation."""
    wanted = name.casefold()
    return next(
        n
        for n, d in kg.graph.nodes(data=True)
        if d.get("kind") == "concept"
        and wanted in [x.casefold() for x in (d["label"], *d.get("aliases", []))]
    )


def _payload(path: Path) -> dict:
    scripts = _parse(path).scripts
    data = [text for attrs, text in scripts if attrs.get("id") == "kg-data"]
    assert len(data) == 1
    return json.loads(data[0])


@pytest.fixture(scope="module")
def whole(small_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(small_kg, tmp_path_factory.mktemp("view") / "kg.html")


def test_view_is_self_contained(whole: Path) -> None:
    page = _parse(whole)
    external = [
        (tag, attrs)
        for tag, attrs in page.tags
        if attrs.get("src") or (tag == "link" and attrs.get("href"))
    ]
    assert external == []  # no <script src>, no stylesheet links: nothing to fetch
    code = "".join(text for attrs, text in page.scripts if "type" not in attrs)
    assert "vis.Network" in code and "DataSet" in code  # vis-network itself is inlined
    assert "kgView" in code


def test_view_holds_every_node_and_edge_with_style(whole: Path, small_kg: KnowledgeGraph) -> None:
    data = _payload(whole)
    g = small_kg.graph
    assert sorted(n["id"] for n in data["nodes"]) == sorted(g.nodes)
    assert sorted((e["from"], e["to"]) for e in data["edges"]) == sorted(g.edges)
    for node in data["nodes"]:
        kind = "Paper" if g.nodes[node["id"]]["kind"] == "paper" else g.nodes[node["id"]]["type"]
        assert node["kgType"] == kind
        assert (node["color"], node["shape"]) == (
            NODE_STYLES[kind]["color"],
            NODE_STYLES[kind]["shape"],
        )
        assert isinstance(node["x"], float) and isinstance(node["y"], float)
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    hub = max(g.nodes, key=lambda n: g.degree(n))
    leaf = min(g.nodes, key=lambda n: g.degree(n))
    assert sizes[hub] > sizes[leaf]  # sized by degree
    assert [e["type"] for e in data["legend"]] == ["Paper", "Method", "Dataset", "Metric", "Task"]
    assert data["options"]["physics"]["enabled"] is True  # small graph: physics settles it


def test_tooltips_carry_paper_concept_and_edge_details(
    whole: Path, small_kg: KnowledgeGraph
) -> None:
    data = _payload(whole)
    tips = {n["id"]: dict(n["tip"]) for n in data["nodes"]}
    paper = tips["arxiv:2312.00001"]
    assert paper["Paper"].startswith("BOSS: Bellman Optimal")
    assert paper["date"] == small_kg.graph.nodes["arxiv:2312.00001"]["date"]
    assert paper["abstract"].startswith("Flow matching is a powerful framework")
    assert paper["code"] == small_kg.graph.nodes["arxiv:2312.00001"]["url"] != ""
    ppo = _cid(small_kg, "PPO")
    assert tips[ppo]["Method"] == small_kg.graph.nodes[ppo]["label"]
    assert "PPO" in tips[ppo]["aliases"].split(", ")
    assert tips[ppo]["papers"] == "3"
    edge_tips = {(e["from"], e["to"]): dict(e["tip"]) for e in data["edges"]}
    related = edge_tips[("arxiv:2312.00001", "arxiv:2401.00002")]
    assert "flow matching" in related["shared concepts"]
    assert related["why"].startswith("both mention")
    role = edge_tips[("arxiv:2312.00001", _cid(small_kg, "BOSS"))]
    assert role["role"] == "proposes (proposed)"
    assert role["mentions"] == str(
        small_kg.graph.edges["arxiv:2312.00001", _cid(small_kg, "BOSS")]["mentions"]
    )
    label = {n: d.get("label") for n, d in small_kg.graph.nodes(data=True)}
    broader = [(u, v) for u, v, d in small_kg.graph.edges(data=True) if d["kind"] == "broader"]
    for u, v in broader:
        assert edge_tips[(u, v)] == {"broader": f"{label[u]} is a kind of {label[v]}"}


def test_markup_in_titles_stays_text(whole: Path) -> None:
    html = whole.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>Title</b>" not in html
    tips = {n["id"]: dict(n["tip"]) for n in _payload(whole)["nodes"]}
    # the exact title survives, to be shown as text by textContent
    assert (
        tips[XSS_ID]["Paper"] == "<script>alert('x')</script> \"Quoted\" <b>Title</b> > & friends"
    )
    scripts = _parse(whole).scripts
    assert len(scripts) == 3  # data, vis-network, the view's script: nothing injected
    assert "innerHTML" not in scripts[-1][1]  # the view's script writes text only


def test_same_graph_same_bytes(small_kg: KnowledgeGraph, whole: Path, tmp_path: Path) -> None:
    again = write_html(small_kg, tmp_path / "again.html")
    assert again.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize(
    ("kwargs", "center"),
    [
        ({"focus": "diffusion models", "depth": 1}, "diffusion models"),
        ({"focus": "PPO", "depth": 1}, "PPO"),
        ({"paper": "arxiv:2402.00003", "depth": 1}, "arxiv:2402.00003"),
        ({"paper": "PPO for LLM agents", "depth": 1}, "arxiv:2403.00004"),
    ],
)
def test_focus_and_paper_views_show_the_neighbourhood(
    small_kg: KnowledgeGraph, tmp_path: Path, kwargs: dict, center: str
) -> None:
    g = small_kg.graph.to_undirected(as_view=True)
    center = center if center in g else _cid(small_kg, center)
    expected = {center, *g.neighbors(center)}
    shown = {
        n["id"] for n in _payload(write_html(small_kg, tmp_path / "v.html", **kwargs))["nodes"]
    }
    assert shown == expected
    assert select_nodes(small_kg, **kwargs)[0] == center


def test_depth_two_reaches_further(small_kg: KnowledgeGraph) -> None:
    one = set(select_nodes(small_kg, focus="diffusion models", depth=1))
    two = set(select_nodes(small_kg, focus="diffusion models", depth=2))
    assert one < two
    assert _cid(small_kg, "CIFAR-10") in two - one


def test_large_graph_is_cut_to_strongest_nodes_and_still(
    small_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    data = _payload(write_html(small_kg, tmp_path / "top.html", max_nodes=5))
    degree = dict(small_kg.graph.degree())
    shown = [n["id"] for n in data["nodes"]]
    assert len(shown) == 5
    assert min(degree[n] for n in shown) >= max(
        degree[n] for n in small_kg.graph.nodes if n not in shown
    )
    assert all(set((e["from"], e["to"])) <= set(shown) for e in data["edges"])
    total = small_kg.graph.number_of_nodes()
    assert f"5 of {total} nodes (the 5 strongest)" in (tmp_path / "top.html").read_text()


def test_physics_off_for_large_graphs(tmp_path: Path) -> None:
    from kg.graph import build_graph
    from kg.model import Concept, Extraction, Paper

    papers = [Paper(id=f"p{i:03d}", title=f"Paper {i}", abstract="") for i in range(200)]
    ex = [
        Extraction(id=p.id, title=p.title, entities=[Concept(type="Task", name=f"task {i % 20}")])
        for i, p in enumerate(papers)
    ]
    data = _payload(write_html(build_graph(papers, ex), tmp_path / "big.html"))
    assert len(data["nodes"]) == 220
    assert data["options"]["physics"]["enabled"] is False
    assert all(n["physics"] is False for n in data["nodes"])
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == 220  # precomputed and distinct


def test_unknown_focus_is_one_clear_error(small_kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no concept matches 'difusion model'.*diffusion"):
        write_html(small_kg, tmp_path / "x.html", focus="difusion model")
    with pytest.raises(ExportError, match="no paper matches 'arxiv:9999.99999'"):
        write_html(small_kg, tmp_path / "x.html", paper="arxiv:9999.99999")
    assert not (tmp_path / "x.html").exists()


# -- index page ------------------------------------------------------------------------------


@pytest.fixture
def export_dir(small_kg: KnowledgeGraph, tmp_path: Path) -> tuple[Path, list[Path]]:
    view = write_html(small_kg, tmp_path / "kg.html")
    ttl = tmp_path / "kg.ttl"
    ttl.write_text("@prefix ex: <http://e/> .\n", encoding="utf-8")
    (tmp_path / "store").mkdir()
    return tmp_path, [tmp_path / "papers & more.jsonl", view, ttl, tmp_path / "store"]


def test_index_links_views_and_downloads(
    small_kg: KnowledgeGraph, export_dir: tuple[Path, list[Path]]
) -> None:
    out, files = export_dir
    files[0].write_text("{}\n", encoding="utf-8")
    index = write_index(small_kg, out, files)
    assert index == out / "index.html"
    tags = _parse(index).tags
    hrefs = [a["href"] for t, a in tags if t == "a"]
    assert hrefs == ["kg.html", "kg.ttl", "papers%20%26%20more.jsonl", "store"]
    for href in hrefs:
        from urllib.parse import unquote

        assert (out / unquote(href)).exists()
    page = index.read_text(encoding="utf-8")
    assert "papers &amp; more.jsonl" in page and "RDF Turtle" in page
    assert [a for t, a in tags if t in ("script", "link")] == []  # no JavaScript, no CDN


def test_index_charts_are_inline_svg_with_the_data(
    small_kg: KnowledgeGraph, export_dir: tuple[Path, list[Path]]
) -> None:
    out, files = export_dir
    page = write_index(small_kg, out, files[1:]).read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 6  # top concepts of 4 types + 2 timelines
    for svg in svgs:
        ET.fromstring(svg)  # well-formed: escaping held
    top_methods = ET.fromstring(svgs[0])
    ns = "{http://www.w3.org/2000/svg}"
    bars = top_methods.findall(f"{ns}rect")
    labels = [t.text for t in top_methods.findall(f"{ns}text")][1::2]
    assert labels[0] == small_kg.graph.nodes[_cid(small_kg, "PPO")]["label"]
    assert len(bars) == sum(
        1 for _, d in small_kg.graph.nodes(data=True) if d.get("type") == "Method"
    )
    assert float(bars[0].get("width")) > float(bars[-1].get("width"))
    timeline = ET.fromstring(svgs[4])
    axis = [t.text for t in timeline.findall(f"{ns}text")]
    assert "2023-12" in axis and "2024-03" in axis
    n_papers = sum(1 for _, d in small_kg.graph.nodes(data=True) if d.get("kind") == "paper")
    assert f"Knowledge graph of {n_papers} papers" in page


def test_timeline_uses_quarters_over_long_spans() -> None:
    from kg.export.index import concept_timeline
    from kg.graph import build_graph
    from kg.model import Concept, Extraction, Paper

    papers = [
        Paper(id="a", title="A", abstract="", date="2018-02-01"),
        Paper(id="b", title="B", abstract="", date="2024-05-30"),
        Paper(id="c", title="C", abstract="", date="2024-06-01"),
    ]
    ex = [
        Extraction(id=p.id, title="", entities=[Concept(type="Task", name="denoising")])
        for p in papers
    ]
    periods, by_type, by_concept = concept_timeline(build_graph(papers, ex))
    assert periods[0] == "2018-Q1" and periods[-1] == "2024-Q2" and len(periods) == 26
    assert by_type["Task"][0] == 1 and by_type["Task"][-1] == 2 and sum(by_type["Task"]) == 3
    assert list(by_concept.values()) == [by_type["Task"]]


def test_index_accepts_paths_as_build_returns_them(
    small_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path("exports")  # the default, relative output directory of `kg build`
    out.mkdir()
    (out / "kg.ttl").write_text("", encoding="utf-8")
    (out / "nodes.csv").write_text("", encoding="utf-8")
    page = write_index(small_kg, out, [out / "kg.ttl", Path("nodes.csv")]).read_text()
    assert '<a href="kg.ttl">' in page and '<a href="nodes.csv">' in page


def test_index_missing_file_is_an_error(
    small_kg: KnowledgeGraph, export_dir: tuple[Path, list[Path]]
) -> None:
    out, files = export_dir
    with pytest.raises(ExportError, match="papers & more.jsonl: listed for the index page"):
        write_index(small_kg, out, files)
    assert not (out / "index.html").exists()


def test_index_is_deterministic(
    small_kg: KnowledgeGraph, export_dir: tuple[Path, list[Path]]
) -> None:
    out, files = export_dir
    first = write_index(small_kg, out, files[1:]).read_bytes()
    assert write_index(small_kg, out, list(reversed(files[1:]))).read_bytes() == first


# -- kg view ---------------------------------------------------------------------------------


@pytest.fixture
def graph_dir(small_papers: list, small_extractions: list, tmp_path: Path) -> Path:
    d = tmp_path / "build"
    d.mkdir()
    for name, records in (("corpus.jsonl", small_papers), ("papers.jsonl", small_extractions)):
        lines = [json.dumps(r.to_dict(), sort_keys=True) for r in records]
        (d / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def _read_build(graph_dir: Path) -> KnowledgeGraph:
    from kg.build import read_build

    return read_build(graph_dir)


def test_cli_view_focus(graph_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from kg.cli import main

    out = tmp_path / "focus.html"
    argv = ["view", "--graph-dir", str(graph_dir), "--focus", "diffusion models", "--depth", "1"]
    assert main([*argv, "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    ids = {n["id"] for n in _payload(out)["nodes"]}
    kg = _read_build(graph_dir)
    center = _cid(kg, "diffusion models")
    assert ids == {center, *kg.graph.to_undirected(as_view=True).neighbors(center)}
    assert "arxiv:2401.00002" in ids


def test_cli_view_bad_focus_is_one_line(
    graph_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from kg.cli import main

    out = tmp_path / "none.html"
    code = main(["view", "--graph-dir", str(graph_dir), "--paper", "nope", "-o", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert err.strip().splitlines() == ["kg: error: no paper matches 'nope'"]
