"""Where the package's data lives: the ontology, its shapes, queries and curated vocabulary.

``kg/data/ontology`` is the repository's ``ontology/`` folder (a symbolic link in the source
tree, copied as package data into a wheel), so the same path works in a checkout, an editable
install and a normal install. ``KG_ONTOLOGY_DIR`` overrides it.

Examples:
    >>> (ontology_dir() / "kg.ttl").is_file() and (vocab_dir() / "methods.jsonl").is_file()
    True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ontology_dir", "vocab_dir", "queries_dir", "PACKAGE_ONTOLOGY"]

#: The ontology folder shipped with the package.
PACKAGE_ONTOLOGY = Path(__file__).resolve().parent / "data" / "ontology"


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl``, ``queries/`` and ``vocab/``."""
    env = os.environ.get("KG_ONTOLOGY_DIR")
    return Path(env) if env else PACKAGE_ONTOLOGY


def vocab_dir() -> Path:
    """The curated vocabulary folder (``ontology/vocab``)."""
    return ontology_dir() / "vocab"


def queries_dir() -> Path:
    """The example SPARQL queries (``ontology/queries``)."""
    return ontology_dir() / "queries"
