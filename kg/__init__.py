"""kg: a knowledge-graph builder for research papers.

Flow: ingest (``kg.ingest``) -> extract (``kg.extract``) -> graph (``kg.graph``) ->
export (``kg.export``) / query (``kg.query``). ``kg.build.build`` runs it all.
"""

from __future__ import annotations

from kg.errors import KGError
from kg.model import Concept, Extraction, Mention, Paper, Result, Source

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "KGError",
    "Concept",
    "Extraction",
    "Mention",
    "Paper",
    "Result",
    "Source",
]
