"""Stable, injection-safe IRIs for the things in the graph, under a configurable base.

Every IRI is ``<base><kind>/<segment>``: ``paper/`` + the paper id (``arxiv:2312.00001``,
``doi:10.1000/xyz`` ...), ``concept/`` + the concept node's slug, ``author/`` and ``org/`` +
the normalised name. A segment keeps only letters, digits and ``-._~:``; every other character
(``/``, ``#``, ``<``, ``>``, quotes, spaces, non-ASCII ...) is percent-encoded from its UTF-8
bytes, so no text can leave its segment or break a serialisation. Nodes that have no natural
name (statements, mentions, results, links) get a short SHA-1 of what identifies them; the
same input therefore always gives the same IRIs.

Examples:
    >>> m = IRIMinter("https://kg.example.org/")
    >>> m.paper("doi:10.1000/a b")
    rdflib.term.URIRef('https://kg.example.org/paper/doi:10.1000%2Fa%20b')
    >>> m.concept("concept:imagenet-64x64")
    rdflib.term.URIRef('https://kg.example.org/concept/imagenet-64x64')
    >>> m.paper('x"> <y')
    rdflib.term.URIRef('https://kg.example.org/paper/x%22%3E%20%3Cy')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.errors import ExportError

__all__ = ["DEFAULT_BASE", "IRIMinter", "check_base", "segment"]

#: Base IRI of the data when none is given (``--base``).
DEFAULT_BASE = "https://kg.example.org/"

_BASE_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?$")


def check_base(base: str) -> str:
    """Validate a base IRI and return it ending in ``/`` or ``#``.

    Only absolute ``http``/``https`` IRIs without query, spaces or markup are accepted, so a
    base cannot smuggle syntax into any serialisation.

    Examples:
        >>> check_base("https://example.org/kg")
        'https://example.org/kg/'
        >>> check_base("javascript:alert(1)")
        Traceback (most recent call last):
        ...
        kg.errors.ExportError: --base: not an absolute http(s) IRI: 'javascript:alert(1)'
    """
    if not _BASE_RE.match(base):
        raise ExportError("--base", f"not an absolute http(s) IRI: {base!r}")
    return base if base.endswith(("/", "#")) else base + "/"


def segment(text: str) -> str:
    """Percent-encode ``text`` as one IRI path segment (UTF-8, keeps ``-._~:``).

    Examples:
        >>> segment("a/b#c d")
        'a%2Fb%23c%20d'
        >>> segment("Ünïcode")
        '%C3%9Cn%C3%AFcode'
    """
    return quote(text, safe=":~", errors="replace")


def _name_key(name: str) -> str:
    """Normalised person or organisation name: NFKC, case-folded, runs of spaces to ``-``."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"\s+", "-", folded.strip()) or "unnamed"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class IRIMinter:
    """Mints the IRIs of one export under ``base`` (validated by :func:`check_base`)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def _iri(self, kind: str, seg: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{seg}")

    def paper(self, paper_id: str) -> URIRef:
        """IRI of a paper from its ``Paper.id``."""
        return self._iri("paper", segment(paper_id))

    def concept(self, node_id: str) -> URIRef:
        """IRI of a concept from its graph node id (``concept:<slug>``; the prefix is dropped)."""
        slug = node_id.split(":", 1)[1] if node_id.startswith("concept:") else node_id
        return self._iri("concept", segment(slug))

    def author(self, name: str) -> URIRef:
        """IRI of an author from the normalised name (names are not disambiguated)."""
        return self._iri("author", segment(_name_key(name)))

    def organisation(self, name: str) -> URIRef:
        """IRI of an organisation from the normalised name."""
        return self._iri("org", segment(_name_key(name)))

    def source(self, paper_id: str, index: int) -> URIRef:
        """IRI of the ``index``-th source record of a paper."""
        return self._iri("source", f"{segment(paper_id)}-{index}")

    def statement(self, paper_id: str, predicate: str, concept_id: str) -> URIRef:
        """IRI of the reified statement ``paper predicate concept``."""
        return self._iri("statement", _digest(paper_id, predicate, concept_id))

    def mention(self, paper_id: str, concept_id: str, field: str, start: int, end: int) -> URIRef:
        """IRI of one mention (field and offsets) of a concept in a paper."""
        return self._iri("mention", _digest(paper_id, concept_id, field, str(start), str(end)))

    def result(self, paper_id: str, index: int) -> URIRef:
        """IRI of the ``index``-th result reported by a paper."""
        return self._iri("result", _digest(paper_id, str(index)))

    def link(self, a: str, b: str) -> URIRef:
        """IRI of the (undirected) link between two papers."""
        lo, hi = sorted((a, b))
        return self._iri("link", _digest(lo, hi))

    def extraction_run(self, version: str) -> URIRef:
        """IRI of the extraction activity of one extractor version."""
        return self._iri("activity", "extraction-" + segment(version))

    def extractor(self, version: str) -> URIRef:
        """IRI of the extractor (a PROV software agent) of one version."""
        return self._iri("agent", "kg-extractor-" + segment(version))
