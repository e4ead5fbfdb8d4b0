"""The views, the index page and the query page in a real headless Chromium (offline).

Needs Debian's ``chromium`` and ``chromium-driver`` (.ci/install-browser.sh). Screenshots go to
``tests/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium_driver, screenshot, severe_logs, wait_ready

from kg.export.html import select_nodes, write_html
from kg.export.index import write_index
from kg.graph import KnowledgeGraph

pytestmark = pytest.mark.slow

XSS_ID = "doi:10.1000/xss"
XSS_TITLE = "<script>alert('x')</script> \"Quoted\" <b>Title</b> > & friends"
DRAWN = "return [kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]"


@pytest.fixture(scope="module")
def pages(small_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    views = {
        "whole": write_html(small_kg, out / "kg.html"),
        "focus": write_html(small_kg, out / "focus.html", focus="diffusion models", depth=2),
        "paper": write_html(small_kg, out / "paper.html", paper="arxiv:2402.00003", depth=1),
    }
    views["index"] = write_index(small_kg, out, [views["whole"], views["focus"], views["paper"]])
    return views


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium_driver() as d:
        yield d


def _open(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    wait_ready(driver)


def _drawn(driver: Any) -> tuple[int, int]:
    nodes, edges = driver.execute_script(DRAWN)
    return nodes, edges


def _searchable(kg: KnowledgeGraph, node: str) -> str:
    d = kg.graph.nodes[node]
    return " ".join([str(d.get("label") or node), node, *d.get("aliases", [])]).casefold()


def test_whole_view_draws_every_node_without_errors(
    driver: Any, pages: dict[str, Path], small_kg: KnowledgeGraph
) -> None:
    _open(driver, pages["whole"])
    assert severe_logs(driver) == []
    assert _drawn(driver) == (small_kg.graph.number_of_nodes(), small_kg.graph.number_of_edges())
    status = driver.find_element("id", "kg-status").text
    assert (
        status
        == f"{small_kg.graph.number_of_nodes()} of {small_kg.graph.number_of_nodes()} nodes shown"
    )
    legend = [e.text for e in driver.find_elements("css selector", "#kg-legend label")]
    assert legend == ["Paper", "Method", "Dataset", "Metric", "Task"]
    screenshot(driver, "view-whole")


def test_search_box_shows_only_matches(
    driver: Any, pages: dict[str, Path], small_kg: KnowledgeGraph
) -> None:
    _open(driver, pages["whole"])
    box = driver.find_element("id", "kg-search")
    box.send_keys("ppo")
    matches = [n for n in small_kg.graph.nodes if "ppo" in _searchable(small_kg, n)]
    assert 2 <= len(matches) < small_kg.graph.number_of_nodes()
    nodes, _ = _drawn(driver)
    assert nodes == len(matches)
    shown = driver.execute_script("return kgView.network.body.nodeIndices.slice().sort()")
    assert shown == sorted(matches)
    screenshot(driver, "view-search-ppo")
    box.clear()
    box.send_keys(" ")  # an input event with an empty query shows everything again
    assert _drawn(driver)[0] == small_kg.graph.number_of_nodes()


def test_type_filter_hides_a_type(
    driver: Any, pages: dict[str, Path], small_kg: KnowledgeGraph
) -> None:
    _open(driver, pages["whole"])
    g = small_kg.graph
    concepts = [n for n, d in g.nodes(data=True) if d.get("kind") == "concept"]
    among = [(u, v) for u, v in g.edges if u in concepts and v in concepts]
    driver.find_element("id", "kg-type-Paper").click()
    assert _drawn(driver) == (len(concepts), len(among))
    screenshot(driver, "view-filter-no-papers")
    driver.find_element("id", "kg-type-Paper").click()
    driver.find_element("id", "kg-type-Method").click()
    methods = [n for n in concepts if g.nodes[n]["type"] == "Method"]
    assert _drawn(driver)[0] == g.number_of_nodes() - len(methods)


def test_script_title_is_inert_text(driver: Any, pages: dict[str, Path]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, pages["whole"])
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check
    canvas = driver.find_element("css selector", "#kg-network canvas")
    x, y, w, h = driver.execute_script(
        """const net = kgView.network, id = arguments[0];
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = arguments[1].getBoundingClientRect();
        return [p.x, p.y, r.width, r.height];""",
        XSS_ID,
        canvas,
    )
    offset = (round(x - w / 2), round(y - h / 2))
    ActionChains(driver).move_to_element_with_offset(canvas, *offset).perform()
    tip = WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "const t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility === 'visible' ? t : null;"
        )
    )
    assert XSS_TITLE in tip.get_attribute("textContent")
    screenshot(driver, "view-tooltip-script-title")
    ActionChains(driver).move_to_element_with_offset(canvas, *offset).click().perform()
    details = driver.find_element("id", "kg-details")
    values = [dd.get_attribute("textContent") for dd in details.find_elements("tag name", "dd")]
    assert values[0] == XSS_TITLE
    assert (
        driver.execute_script(
            "return document.querySelectorAll('#kg-details script, #kg-details b,"
            " div.vis-tooltip script').length"
        )
        == 0
    )
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert severe_logs(driver) == []


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("focus", {"focus": "diffusion models", "depth": 2}),
        ("paper", {"paper": "arxiv:2402.00003", "depth": 1}),
    ],
)
def test_focus_and_paper_views_draw_their_neighbourhood(
    driver: Any, pages: dict[str, Path], small_kg: KnowledgeGraph, name: str, kwargs: dict
) -> None:
    _open(driver, pages[name])
    assert severe_logs(driver) == []
    expected = select_nodes(small_kg, **kwargs)
    shown = driver.execute_script("return kgView.network.body.nodeIndices.slice().sort()")
    assert shown == sorted(expected)
    screenshot(driver, f"view-{name}")


def test_index_page_links_views_and_draws_charts(driver: Any, pages: dict[str, Path]) -> None:
    driver.get(pages["index"].as_uri())
    assert severe_logs(driver) == []
    charts = driver.find_elements("css selector", "svg")
    assert len(charts) == 6
    assert all(c.size["width"] > 100 and c.size["height"] > 40 for c in charts)
    bars = driver.find_elements("css selector", "#top-concepts svg rect")
    assert bars and all(b.size["width"] > 0 for b in bars)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, full + 140)
    screenshot(driver, "index")
    driver.set_window_size(1400, 900)
    driver.find_element("link text", "focus.html").click()
    wait_ready(driver)
    assert driver.current_url.endswith("/focus.html")
    assert severe_logs(driver) == []


def test_query_page_runs_a_query(driver: Any, tmp_path: Path) -> None:
    import socket

    import pyoxigraph
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.serve import start_server

    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.load(
        b'<http://e/p1> <http://e/label> "flow matching" .', format=pyoxigraph.RdfFormat.TURTLE
    )
    store.flush()
    del store
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with start_server(tmp_path / "store", port=port) as server:
        driver.get(server.page)
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script("return !!document.querySelector('.CodeMirror')")
        )
        driver.execute_script(
            "document.querySelector('.CodeMirror').CodeMirror.setValue("
            "'SELECT ?label WHERE { ?s <http://e/label> ?label }')"
        )
        driver.find_element("css selector", ".yasqe_queryButton").click()
        WebDriverWait(driver, 30).until(
            lambda d: "flow matching" in d.find_element("css selector", ".yasr").text
        )
        screenshot(driver, "query-page")
        # YASGUI's prefix autocompletion asks prefix.cc; offline that one request fails
        errors = [e for e in severe_logs(driver) if "prefix.cc" not in e["message"]]
        assert errors == []
