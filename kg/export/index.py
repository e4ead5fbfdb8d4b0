"""``index.html``: the entry page of an export directory.

Links the interactive views and the downloadable files, and summarises the graph with charts
drawn as inline SVG (no JavaScript, nothing fetched): the top concepts of each type and the
frequency of concepts over time (papers per month mentioning each type, and the top concepts).
All text is escaped; the page is deterministic (no timestamps).

Examples:
    >>> import tempfile, pathlib
    >>> from kg.model import Paper, Extraction, Concept
    >>> from kg.graph import build_graph
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> p = Paper(id="a", title="A", abstract="", date="2024-01-02")
    >>> e = Extraction(id="a", title="A", entities=[Concept(type="Task", name="<i>x & y</i>")])
    >>> page = write_index(build_graph([p], [e]), d, []).read_text()
    >>> "<i>x" in page, "&lt;i&gt;x &amp; y&lt;/i&gt;" in page
    (False, True)
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from urllib.parse import quote

from kg.atomic import atomic_write
from kg.errors import ExportError
from kg.export.html import NODE_STYLES
from kg.graph.model import KnowledgeGraph
from kg.model import CONCEPT_TYPES

__all__ = ["FILE_KINDS", "write_index", "bar_chart_svg", "line_chart_svg", "concept_timeline"]

#: What a downloadable file is, by suffix.
FILE_KINDS: dict[str, str] = {
    ".ttl": "RDF Turtle",
    ".nt": "RDF N-Triples",
    ".rdf": "RDF/XML",
    ".jsonld": "JSON-LD",
    ".graphml": "GraphML (networkx, Gephi, Cytoscape)",
    ".gexf": "GEXF",
    ".jsonl": "JSON Lines",
    ".json": "JSON",
    ".csv": "CSV",
    ".html": "interactive view",
    ".rq": "SPARQL query",
}
_PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948")
_TOP = 10


def bar_chart_svg(title: str, items: list[tuple[str, int]], color: str) -> str:
    """A horizontal bar chart (label, value) as an inline ``<svg>`` element; text escaped.

    Examples:
        >>> svg = bar_chart_svg("Top <x>", [("a&b", 3), ("c", 1)], "#000")
        >>> svg.startswith("<svg") and "a&amp;b" in svg and "Top &lt;x&gt;" in svg
        True
    """
    width, label_w, bar_h, gap = 460, 190, 18, 6
    height = 28 + len(items) * (bar_h + gap) + 4
    top = max((v for _, v in items), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 28 + i * (bar_h + gap)
        w = round((width - label_w - 40) * value / top, 1)
        shown = label if len(label) <= 28 else label[:27] + "\u2026"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(shown)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{color}">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text x="{label_w + w + 4}" y="{y + 13}">{value}</text>'
        )
    if not items:
        parts.append('<text x="0" y="44" class="muted">none found</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart_svg(
    title: str, buckets: list[str], series: dict[str, list[int]], colors: dict[str, str]
) -> str:
    """A line chart: one line per series over ``buckets`` (x labels), with a legend; escaped.

    Examples:
        >>> svg = line_chart_svg("T", ["2024-01", "2024-02"], {"<m>": [1, 3]}, {"<m>": "#000"})
        >>> "&lt;m&gt;" in svg and "<polyline" in svg
        True
    """
    width, height, left, right, top, bottom = 760, 260, 40, 190, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for vals in series.values() for v in vals), default=1) or 1
    step = plot_w / max(len(buckets) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#999"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    every = max(1, math.ceil(len(buckets) / max(plot_w // 70, 1)))  # labels ~60 px wide
    last = len(buckets) - 1
    for i, b in enumerate(buckets):
        if i % every == 0 and (i == last or last - i >= every / 2) or i == last:
            x = round(left + i * step, 1)
            parts.append(
                f'<text x="{x}" y="{top + plot_h + 16}" text-anchor="middle">{escape(b)}</text>'
            )
    for j, (name, vals) in enumerate(series.items()):
        color = colors.get(name, _PALETTE[j % len(_PALETTE)])
        pts = " ".join(
            f"{round(left + i * step, 1)},{round(top + plot_h - plot_h * v / peak, 1)}"
            for i, v in enumerate(vals)
        )
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2">'
            f"<title>{escape(name)}</title></polyline>"
        )
        if len(vals) == 1:
            cx, cy = pts.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{color}"/>')
        ly = top + 8 + j * 18
        shown = name if len(name) <= 26 else name[:25] + "\u2026"
        parts.append(
            f'<rect x="{left + plot_w + 12}" y="{ly - 9}" width="10" height="10" '
            f'fill="{color}"/><text x="{left + plot_w + 26}" y="{ly}">{escape(shown)}</text>'
        )
    if not buckets:
        parts.append(f'<text x="{left + 8}" y="{top + 20}" class="muted">no dated papers</text>')
    parts.append("</svg>")
    return "".join(parts)


def concept_timeline(
    kg: KnowledgeGraph, *, top: int = 5
) -> tuple[list[str], dict[str, list[int]], dict[str, list[int]]]:
    """Papers per period that mention each concept type and each of the ``top`` concepts.

    Periods are months (``2024-03``), or quarters (``2024-Q1``) when the dated papers span more
    than three years, so that the lines stay readable. Returns ``(periods, by_type,
    by_concept)``; periods without papers inside the span count 0.

    Examples:
        >>> from kg.model import Paper
        >>> from kg.graph import build_graph
        >>> concept_timeline(build_graph([Paper(id="a", title="A", abstract="")], []))
        ([], {}, {})
    """
    g = kg.graph
    month_of = {
        n: str(d.get("date") or "")[:7] for n, d in g.nodes(data=True) if d.get("kind") == "paper"
    }
    dated = sorted({m for m in month_of.values() if re.fullmatch(r"\d{4}-\d{2}", m)})
    if not dated:
        return [], {}, {}
    months = _month_span(dated[0], dated[-1])
    if len(months) > 36:
        period = {m: f"{m[:4]}-Q{(int(m[5:7]) - 1) // 3 + 1}" for m in months}
    else:
        period = {m: m for m in months}
    periods = list(dict.fromkeys(period.values()))
    of = {p: period[m] for p, m in month_of.items() if m in period}
    by_type: dict[str, set[str]] = defaultdict(set)
    by_concept: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("kind") != "role" or u not in of:
            continue
        by_type[str(g.nodes[v].get("type", ""))].add(u)
        by_concept[v].add(u)
    ranked = sorted(by_concept, key=lambda c: (-len(by_concept[c]), c))[:top]
    types: dict[str, list[int]] = {}
    for t in CONCEPT_TYPES:
        counts = Counter(of[p] for p in by_type.get(t, ()))
        if counts:
            types[t] = [counts.get(b, 0) for b in periods]
    concepts: dict[str, list[int]] = {}
    for c in ranked:
        counts = Counter(of[p] for p in by_concept[c])
        concepts[str(g.nodes[c].get("label", c))] = [counts.get(b, 0) for b in periods]
    return periods, types, concepts


def _month_span(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _size(n: int) -> str:
    """Human-readable size.

    >>> _size(512), _size(2048), _size(5 * 1024**3)
    ('512 B', '2.0 KB', '5.0 GB')
    """
    if n < 1024:
        return f"{n} B"
    value = float(n)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


def _file_rows(out_dir: Path, files: list[Path]) -> tuple[list[str], list[str]]:
    views: list[str] = []
    downloads: list[str] = []
    for f in sorted({Path(f) for f in files}, key=lambda p: p.as_posix()):
        # as given (absolute, or relative to the current directory, as writers return them),
        # else relative to out_dir
        path = f if f.is_absolute() or f.exists() else out_dir / f
        if not path.exists():
            raise ExportError(str(path), "listed for the index page but missing")
        rel = Path(os.path.relpath(path, out_dir)).as_posix()
        if rel == "index.html":
            continue
        href = escape(quote(rel), quote=True)
        kind = "directory" if path.is_dir() else FILE_KINDS.get(path.suffix.lower(), "file")
        size = "" if path.is_dir() else _size(path.stat().st_size)
        row = f'<li><a href="{href}">{escape(rel)}</a> <span class="muted">{escape(kind)}' + (
            f", {size}</span></li>" if size else "</span></li>"
        )
        (views if path.suffix.lower() == ".html" else downloads).append(row)
    return views, downloads


_CSS = """body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;
color:#222}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
.muted{color:#777}.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;
border-radius:6px;padding:8px 14px;min-width:8em}.card b{display:block;font-size:1.4em}
.charts{display:flex;flex-wrap:wrap;gap:18px}svg{font-size:12px;font-family:inherit}
svg .chart-title{font-weight:600;font-size:13px}svg .muted{fill:#777}li{margin:3px 0}"""


def write_index(kg: KnowledgeGraph, out_dir: str | os.PathLike[str], files: list[Path]) -> Path:
    """Write ``out_dir/index.html`` linking ``files`` (views: ``*.html``) with a summary.

    ``files`` are paths inside ``out_dir``, as the writers return them (absolute, or relative to
    the current directory), or relative to ``out_dir``; each must exist.

    Examples:
        >>> import tempfile, pathlib
        >>> from kg.model import Paper
        >>> from kg.graph import build_graph
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "kg.ttl").write_text("")
        >>> page = write_index(build_graph([], []), d, [d / "kg.ttl"]).read_text()
        >>> '<a href="kg.ttl">' in page
        True
    """
    out = Path(out_dir)
    g = kg.graph
    views, downloads = _file_rows(out, files)
    papers = kg.paper_nodes()
    concepts = kg.concept_nodes()
    per_type = Counter(str(g.nodes[c].get("type", "")) for c in concepts)
    edges = Counter(str(d.get("kind", "")) for _, _, d in g.edges(data=True))
    dates = sorted(str(g.nodes[p].get("date")) for p in papers if g.nodes[p].get("date"))
    cards = [("papers", len(papers)), ("concepts", len(concepts))]
    cards += [(t, per_type.get(t, 0)) for t in CONCEPT_TYPES]
    cards += [
        ("paper\u2013concept links", edges.get("role", 0)),
        ("related-paper links", edges.get("related", 0)),
    ]
    span = f"Papers dated {dates[0]} to {dates[-1]}." if dates else "No paper carries a date."
    bars = []
    for t in CONCEPT_TYPES:
        ranked = sorted(
            (c for c in concepts if g.nodes[c].get("type") == t),
            key=lambda c: (-int(g.nodes[c].get("papers", 0)), str(g.nodes[c].get("label", c))),
        )[:_TOP]
        items = [
            (str(g.nodes[c].get("label", c)), int(g.nodes[c].get("papers", 0))) for c in ranked
        ]
        bars.append(bar_chart_svg(f"Top {t} concepts (papers)", items, NODE_STYLES[t]["color"]))
    months, by_type, by_concept = concept_timeline(kg)
    type_colors = {t: NODE_STYLES[t]["color"] for t in CONCEPT_TYPES}
    unit = "quarter" if months and "Q" in months[0] else "month"
    lines = [
        line_chart_svg(f"Papers per {unit} mentioning each type", months, by_type, type_colors),
        line_chart_svg(f"Papers per {unit} mentioning the top concepts", months, by_concept, {}),
    ]
    card_html = "".join(f'<div class="card"><b>{n}</b>{escape(label)}</div>' for label, n in cards)
    none = '<li class="muted">none</li>'
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Knowledge graph of {len(papers)} papers</title>\n<style>{_CSS}</style>\n"
        "</head>\n<body>\n"
        f"<h1>Knowledge graph of {len(papers)} papers</h1>\n<p>{escape(span)}</p>\n"
        f'<div class="cards" id="summary">{card_html}</div>\n'
        f'<h2>Interactive views</h2>\n<ul id="views">{"".join(views) or none}</ul>\n'
        f'<h2>Downloads</h2>\n<ul id="downloads">{"".join(downloads) or none}</ul>\n'
        f'<h2>Top concepts</h2>\n<div class="charts" id="top-concepts">{"".join(bars)}</div>\n'
        f'<h2>Concepts over time</h2>\n<div class="charts" id="timeline">{"".join(lines)}</div>\n'
        "</body>\n</html>\n"
    )
    target = out / "index.html"
    with atomic_write(target) as fh:
        fh.write(page)
    return target
