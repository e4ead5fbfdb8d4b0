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
            id=r["id"], title=r["title"], abstract=r["abstract"], authors=r.get("authors", []),
            date=r.get("date"), urls=[r["url"]] if r.get("url") else [],
        )
        for r in _read_jsonl(SMALL / "papers.jsonl")
    ]


@pytest.fixture(scope="session")
def small_extractions() -> list[Extraction]:
    return [Extraction.from_dict(r) for r in _read_jsonl(SMALL / "extractions.jsonl")]


@pytest.fixture(scope="session")
def small_kg(small_papers: list[Paper], small_extractions: list[Extraction]) -> KnowledgeGraph:
    return build_graph(small_papers, small_extractions)
