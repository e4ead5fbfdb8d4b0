"""Shared fixtures: a small hand-made corpus with hand-made extractions, and its graph.

``tests/data/small/papers.jsonl`` is JSON Lines input (id, title, abstract, authors, date, url);
``extractions.jsonl`` holds what a careful annotator would extract from it, so graph, export
and view tests do not depend on the statistical extractor. The fifth paper's title carries
markup (``<script>``, quotes, ``&``) for escaping tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph, build_graph
from kg.model import Extraction, Paper

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small"


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def small_papers() -> list[Paper]:
    return [
        Paper(
            id=r["id"],
            title=r["title"],
            abstract=r["abstract"],
            authors=r.get("authors", []),
            date=r.get("date"),
            urls=[r["url"]] if r.get("url") else [],
        )
        for r in _read_jsonl(SMALL / "papers.jsonl")
    ]


@pytest.fixture(scope="session")
def small_extractions() -> list[Extraction]:
    return [Extraction.from_dict(r) for r in _read_jsonl(SMALL / "extractions.jsonl")]


@pytest.fixture(scope="session")
def small_kg(small_papers: list[Paper], small_extractions: list[Extraction]) -> KnowledgeGraph:
    return build_graph(small_papers, small_extractions)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build`` of the bundled corpus, once per test session; returns its output directory."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("bundled") / "exports"
    assert main(["build", "-o", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def bundled_kg(bundled_build: Path) -> KnowledgeGraph:
    """The graph of the bundled corpus, read back from :func:`bundled_build`."""
    from kg.build import read_build

    return read_build(bundled_build)
