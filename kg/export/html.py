"""Interactive HTML views of the knowledge graph (pyvis / vis-network), one self-contained file.

pyvis builds the node and edge records and the vis-network options; the page is rendered from
our own template (``kg/export/assets/view.html``) because pyvis's template links Bootstrap from a
CDN. vis-network's JavaScript and CSS are read from the files bundled in the pyvis package and
inlined, so a view opens from ``file://`` with no network.

Safety: all graph text travels as JSON inside ``<script type="application/json">`` with ``<``,
``>`` and ``&`` escaped, and the page's script puts it in the DOM with ``textContent`` only, so a
title holding ``<script>`` shows as text.

Views: the whole graph (the ``max_nodes`` strongest nodes by degree when larger), the
neighbourhood of a concept (``focus``) or of a paper (``paper``) up to ``depth`` hops.
Positions are precomputed with a fixed seed; physics is off above :data:`PHYSICS_MAX_NODES`.

Examples:
    >>> import tempfile, pathlib
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph import build_graph
    >>> ps = [Paper(id="a", title="A", abstract=""), Paper(id="b", title="B", abstract="")]
    >>> ex = [Extraction(id=p.id, title=p.title, entities=[Concept(type="Method", name="PPO")])
    ...       for p in ps]
    >>> out = write_html(build_graph(ps, ex), pathlib.Path(tempfile.mkdtemp()) / "kg.html")
    >>> "https://" in out.read_text().split("<body")[0]  # nothing fetched from the network
    False
"""

from __future__ import annotations

import difflib
import json
import math
import os
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_write
from kg.errors import ExportError
from kg.graph.model import KnowledgeGraph
from kg.model import CONCEPT_TYPES

__all__ = [
    "NODE_STYLES",
    "PHYSICS_MAX_NODES",
    "select_nodes",
    "to_network",
    "render_html",
    "write_html",
    "json_for_script",
]

#: Colour and vis-network shape of each node type (also the legend and the filter).
NODE_STYLES: dict[str, dict[str, str]] = {
    "Paper": {"color": "#4e79a7", "shape": "dot"},
    "Method": {"color": "#f28e2b", "shape": "diamond"},
    "Dataset": {"color": "#59a14f", "shape": "square"},
    "Metric": {"color": "#e15759", "shape": "triangle"},
    "Task": {"color": "#b07aa1", "shape": "star"},
}
#: Above this many nodes the view starts still: precomputed positions, physics off.
PHYSICS_MAX_NODES = 150
_EXCERPT = 300
_SEED = 7


def json_for_script(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (``<``, ``>``, ``&`` escaped).

    Examples:
        >>> json_for_script({"t": "</script><b>&"})
        '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _type_of(data: dict[str, Any]) -> str:
    return "Paper" if data.get("kind") == "paper" else str(data.get("type", "Method"))


def _resolve(kg: KnowledgeGraph, query: str, *, kind: str) -> str:
    """Node id of the concept (``kind="concept"``) or paper named by ``query``."""
    g = kg.graph
    if query in g and g.nodes[query].get("kind") == kind:
        return query
    wanted = query.casefold().strip()
    names: dict[str, str] = {}
    for node, data in g.nodes(data=True):
        if data.get("kind") != kind:
            continue
        keys = [str(data.get("label", "")), *data.get("aliases", [])]
        if kind == "concept":
            keys.append(node.removeprefix("concept:").replace("-", " "))
        else:
            keys.append(node.split(":", 1)[-1])
        for key in keys:
            names.setdefault(key.casefold().strip(), node)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    hint = f"; did you mean: {', '.join(repr(c) for c in close)}" if close else ""
    raise ExportError(None, f"no {kind} matches {query!r}{hint}")


def select_nodes(
    kg: KnowledgeGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    paper: str | None = None,
    max_nodes: int = 400,
) -> list[str]:
    """The node ids a view shows, strongest first.

    Whole graph: the ``max_nodes`` nodes of highest degree (ties by id). With ``focus`` (a
    concept label, alias or id) or ``paper`` (a paper id or title): the nodes within ``depth``
    hops, nearest first, then by degree. Raises :class:`ExportError` when nothing matches.

    Examples:
        >>> from kg.model import Paper, Extraction, Concept
        >>> from kg.graph import build_graph
        >>> ps = [Paper(id="a", title="A", abstract=""), Paper(id="b", title="B", abstract="")]
        >>> ex = [Extraction(id="a", title="A", entities=[Concept(type="Method", name="PPO")])]
        >>> shown = select_nodes(build_graph(ps, ex), focus="PPO", depth=1)
        >>> shown[0].startswith("concept:"), shown[1:]
        (True, ['a'])
    """
    if max_nodes < 1 or depth < 0:
        raise ExportError(None, "max_nodes must be >= 1 and depth >= 0")
    g = kg.graph
    degree = dict(g.degree())
    if focus is None and paper is None:
        ranked = sorted(g.nodes, key=lambda n: (-degree[n], n))
        return ranked[:max_nodes]
    if paper:
        center = _resolve(kg, paper, kind="paper")
    else:
        center = _resolve(kg, focus or "", kind="concept")
    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center, depth)
    ranked = sorted(dist, key=lambda n: (dist[n], -degree[n], n))
    return ranked[:max_nodes]


def _force_layout(g: nx.Graph, seed: int, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold with repulsion from a fixed sample of pivot nodes (seeded).

    O((n * pivots + edges) * iterations) instead of networkx's O(n^2): a 5,000-node component
    takes about a second where ``spring_layout`` takes over a minute.
    """
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    edges = np.array([(index[u], index[v]) for u, v in g.edges()], dtype=np.int64).reshape(-1, 2)
    pivots = rng.choice(n, size=min(n, 100), replace=False)
    k, weight = 1.0 / math.sqrt(n), n / len(pivots)
    step = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, pivots, :]
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-6)
        disp = (delta * (k * k / dist2)[:, :, None]).sum(axis=1) * weight
        d = pos[edges[:, 0]] - pos[edges[:, 1]]
        pull = d * (np.sqrt((d**2).sum(axis=1)) / k)[:, None]
        np.add.at(disp, edges[:, 0], -pull)
        np.add.at(disp, edges[:, 1], pull)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _pack_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic positions: each connected component laid out, then packed in rows.

    Components under 500 nodes use networkx's spring layout (fixed seed); larger ones
    :func:`_force_layout`, as the spring layout is quadratic there.
    """
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed: dict[str, tuple[float, float]] = {}
    row_width = 2400.0 * max(1.0, math.sqrt(g.number_of_nodes() / 150))
    x = y = row_h = 0.0
    for comp in comps:
        radius = 60.0 * math.sqrt(len(comp)) if len(comp) > 1 else 20.0
        sub = g.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        elif len(comp) < 500:
            local = nx.spring_layout(sub, seed=_SEED, iterations=60)
        else:
            local = _force_layout(sub, _SEED)
        local = nx.rescale_layout_dict(local, scale=radius) if len(comp) > 1 else local
        if x + 2 * radius > row_width and x > 0:
            x, y, row_h = 0.0, y + row_h + 40.0, 0.0
        for node, (px, py) in local.items():
            placed[node] = (round(float(px) + x + radius, 1), round(float(py) + y + radius, 1))
        x += 2 * radius + 40.0
        row_h = max(row_h, 2 * radius)
    return placed


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _node_tip(kg: KnowledgeGraph, node: str, data: dict[str, Any]) -> list[list[str]]:
    if data.get("kind") == "paper":
        p = kg.papers.get(node)
        code = (p.code_url if p and p.code_url else "") or data.get("url", "")
        rows = [
            ["Paper", str(data.get("title", ""))],
            ["id", node],
            ["date", str(data.get("date") or "unknown")],
            ["abstract", _excerpt(p.abstract) if p else ""],
            ["code", code],
        ]
        return [r for r in rows if r[1]]
    aliases = ", ".join(data.get("aliases", []))
    rows = [
        [str(data.get("type", "")), str(data.get("label", ""))],
        ["aliases", aliases],
        ["papers", str(data.get("papers", 0))],
    ]
    return [r for r in rows if r[1]]


def _edge_tip(kg: KnowledgeGraph, u: str, v: str, data: dict[str, Any]) -> list[list[str]]:
    if data.get("kind") == "related":
        shared = [c for c in data.get("shared", []) if c in kg.graph]
        labels = [str(kg.graph.nodes[c].get("label", c)) for c in shared]
        return [
            ["related papers", f"weight {data.get('weight', 0)}"],
            ["shared concepts", ", ".join(labels)],
            ["why", "; ".join(str(r) for r in data.get("reasons", []))],
        ]
    if data.get("kind") == "role":
        rows = [
            ["role", str(data.get("role", "")) + (" (proposed)" if data.get("proposed") else "")],
            ["confidence", str(data.get("confidence", ""))],
            ["mentions", str(data.get("mentions", ""))],
            ["evidence", _excerpt(str(data.get("evidence") or ""))],
        ]
        return [r for r in rows if r[1]]
    label_u, label_v = (str(kg.graph.nodes[n].get("label", n)) for n in (u, v))
    if data.get("kind") == "broader":
        return [["broader", f"{label_u} is a kind of {label_v}"]]
    return [[str(data.get("kind", "edge")), f"{label_u} \u2192 {label_v}"]]


def to_network(kg: KnowledgeGraph, nodes: list[str]) -> Any:
    """A :class:`pyvis.network.Network` of ``nodes`` and the edges among them, styled.

    Node records carry ``kgType`` (legend/filter), ``search`` (lower-cased label and aliases) and
    ``tip`` (tooltip rows, turned into DOM text by the page's script).
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    g = kg.graph
    keep = set(nodes)
    shape = nx.Graph()
    shape.add_nodes_from(nodes)
    shape.add_edges_from((u, v) for u, v in g.edges(nodes) if v in keep)
    pos = _pack_layout(shape)
    degree = dict(g.degree(nodes))
    physics = len(nodes) <= PHYSICS_MAX_NODES
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(nodes):
        data = g.nodes[node]
        kind = _type_of(data)
        style = NODE_STYLES.get(kind, NODE_STYLES["Method"])
        label = str(data.get("label") or node)
        short = label if len(label) <= 40 else label[:39] + "\u2026"
        search = " ".join([label, node, *data.get("aliases", [])]).casefold()
        x, y = pos[node]
        net.add_node(
            node,
            label=short,
            shape=style["shape"],
            color=style["color"],
            size=round(8 + 4 * math.sqrt(degree.get(node, 0)), 2),
            x=x,
            y=y,
            physics=physics,
            kgType=kind,
            search=search,
            tip=_node_tip(kg, node, data),
        )
    # pyvis's add_edge checks membership in a list per edge (quadratic); every endpoint here is
    # a node just added, so the Edge records are built directly.
    for u, v, data in sorted(g.edges(nodes, data=True), key=lambda e: (e[0], e[1])):
        if v not in keep:
            continue
        related = data.get("kind") == "related"
        rec = Edge(
            u,
            v,
            True,
            kgKind=str(data.get("kind", "")),
            tip=_edge_tip(kg, u, v, data),
            arrows="" if related else "to",
            dashes=related,
            width=round(1 + min(float(data.get("weight", 1.0)), 8.0) / 2, 2) if related else 1,
            color="#9aa7b8" if related else "#c8ccd2",
        )
        net.edges.append(rec.options)
    net.options = {
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(nodes) > 1000},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 120},
            "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
        },
        "layout": {"improvedLayout": False, "randomSeed": _SEED},
        "edges": {"smooth": False},
        "nodes": {"font": {"size": 12}},
    }
    return net


def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath("assets", name).read_text(encoding="utf-8")


def _vis_files() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    dirs = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in p.name[4:].split(".")])
    if not dirs:
        raise ExportError(str(lib), "pyvis ships no vis-network files")
    js = (dirs[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (dirs[-1] / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def render_html(net: Any, *, heading: str, subtitle: str = "") -> str:
    """The complete HTML page of a pyvis ``net`` (vis-network inlined, data as safe JSON).

    Examples:
        >>> from pyvis.network import Network
        >>> net = Network()
        >>> net.add_node("n", label="<b>")
        >>> page = render_html(net, heading="T & <i>")
        >>> "T &amp; &lt;i&gt;" in page and '"\\\\u003cb\\\\u003e"' in page
        True
    """
    from jinja2 import Environment

    nodes, edges, _, _, _, options = net.get_network_data()
    types = [t for t in ("Paper", *CONCEPT_TYPES) if any(n.get("kgType") == t for n in nodes)]
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "legend": [{"type": t, **NODE_STYLES[t]} for t in types],
    }
    js, css = _vis_files()
    if "</script" in js.lower() or "</style" in css.lower():
        raise ExportError(None, "vis-network files cannot be inlined safely")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("view.html"))
    from markupsafe import Markup

    return template.render(
        heading=heading,
        subtitle=subtitle,
        vis_js=Markup(js),
        vis_css=Markup(css),
        view_js=Markup(_asset("view.js")),
        view_css=Markup(_asset("view.css")),
        payload=Markup(json_for_script(payload)),
    )


def write_html(
    kg: KnowledgeGraph,
    path: str | os.PathLike[str],
    *,
    focus: str | None = None,
    depth: int = 2,
    paper: str | None = None,
    max_nodes: int = 400,
) -> Path:
    """Write an interactive, self-contained view of ``kg`` to ``path``; return the path.

    See :func:`select_nodes` for which nodes are shown. The file is written atomically and is
    byte-identical for the same graph and arguments.

    Examples:
        >>> import tempfile, pathlib
        >>> from kg.model import Paper
        >>> from kg.graph import build_graph
        >>> kg = build_graph([Paper(id="a", title="<script>x</script>", abstract="")], [])
        >>> page = write_html(kg, pathlib.Path(tempfile.mkdtemp()) / "v.html").read_text()
        >>> "<script>x</script>" in page
        False
    """
    nodes = select_nodes(kg, focus=focus, depth=depth, paper=paper, max_nodes=max_nodes)
    total = kg.graph.number_of_nodes()
    if paper:
        heading = f"Paper {kg.graph.nodes[nodes[0]].get('label', nodes[0])}"
    elif focus:
        heading = f"Concept {kg.graph.nodes[nodes[0]].get('label', nodes[0])}"
    else:
        heading = "Knowledge graph"
    scope = f"within {depth} hops, " if (paper or focus) else ""
    subtitle = f"{scope}{len(nodes)} of {total} nodes" + (
        f" (the {max_nodes} strongest)" if len(nodes) == max_nodes < total else ""
    )
    page = render_html(to_network(kg, nodes), heading=heading, subtitle=subtitle)
    target = Path(path)
    with atomic_write(target) as fh:
        fh.write(page)
    return target
