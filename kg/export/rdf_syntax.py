"""Deterministic RDF serialisers: Turtle, N-Triples, JSON-LD and RDF/XML from sorted triples.

rdflib's own serialisers do not promise a stable order (subjects, prefixes and JSON-LD nodes
can come out differently between runs), so the exports are written here from one sorted,
de-duplicated triple list: subjects by IRI, ``rdf:type`` first, then predicates and objects by
their N-Triples form. Literal text is escaped for each syntax; IRIs are checked so that no
character can break out of ``<...>``. Tests parse every format back with rdflib and check the
graphs are isomorphic.

Examples:
    >>> import io
    >>> from rdflib import Literal, URIRef
    >>> t = (URIRef("https://e.org/a"), URIRef("https://e.org/p"), Literal('say "hi"\\n'))
    >>> buf = io.BytesIO()
    >>> serialize_triples([t], buf, "nt")
    >>> buf.getvalue().decode()
    '<https://e.org/a> <https://e.org/p> "say \\\\"hi\\\\"\\\\n" .\\n'
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.atomic import atomic_write
from kg.errors import ExportError
from kg.namespace import PREFIXES, RDF, XSD

__all__ = ["RDF_FORMATS", "Triple", "serialize_triples", "nt_term", "nt_line"]

Triple = tuple[Node, Node, Node]

#: Format name -> conventional file suffix.
RDF_FORMATS: dict[str, str] = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf"}

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_DATA_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESC_RE = re.compile(r'[\\"\n\r\t\x00-\x1f\x7f]')
_BARE = {
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?\d*\.\d+$"),
    str(XSD.boolean): re.compile(r"^(true|false)$"),
}
_RDF_TYPE = str(RDF.type)


def _iri(term: URIRef) -> str:
    if _BAD_IRI.search(term):
        raise ExportError(None, f"IRI with characters RDF forbids: {str(term)!r}")
    return str(term)


def _escape(text: str) -> str:
    return _ESC_RE.sub(lambda m: _ESC.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax.

    Examples:
        >>> nt_term(Literal("0.5", datatype=XSD.decimal))
        '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    if isinstance(term, URIRef):
        return f"<{_iri(term)}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lex = f'"{_escape(str(term))}"'
        if term.language:
            return f"{lex}@{term.language}"
        if term.datatype is not None:
            return f"{lex}^^<{_iri(term.datatype)}>"
        return lex
    raise ExportError(None, f"not an RDF 1.1 term: {term!r}")


def nt_line(s: Node, p: Node, o: Node) -> str:
    """One N-Triples line (with its newline)."""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"


def _sorted_unique(triples: Iterable[Triple]) -> list[tuple[str, str, str, Triple]]:
    keyed = {(nt_term(s), nt_term(p), nt_term(o)): (s, p, o) for s, p, o in triples}
    return sorted((k[0], k[1], k[2], t) for k, t in keyed.items())


def _by_subject(rows: list[tuple[str, str, str, Triple]]) -> Iterator[tuple[Node, list[Triple]]]:
    """Group sorted rows by subject, ``rdf:type`` triples first."""
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j][0] == rows[i][0]:
            j += 1
        group = rows[i:j]
        group.sort(key=lambda r: (r[3][1] != RDF.type, r[1], r[2]))
        yield group[0][3][0], [r[3] for r in group]
        i = j


class _Names:
    """Prefixed names for IRIs whose local part is safe in every syntax."""

    def __init__(self, prefixes: Mapping[str, str], data_prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(sorted(prefixes.items()))
        self.data = dict(sorted(data_prefixes.items()))
        self._ns = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self._data_ns = sorted(self.data.items(), key=lambda kv: -len(kv[1]))

    def curie(self, iri: str, *, data: bool = False) -> str | None:
        for prefix, ns in self._ns:
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        if data:
            for prefix, ns in self._data_ns:
                if iri.startswith(ns) and _DATA_LOCAL.match(iri[len(ns) :]):
                    return f"{prefix}:{iri[len(ns) :]}"
        return None


def _turtle(rows: list[tuple[str, str, str, Triple]], names: _Names) -> Iterator[str]:
    for prefix, ns in {**names.prefixes, **names.data}.items():
        yield f"@prefix {prefix}: <{_iri(URIRef(ns))}> .\n"

    def term(t: Node, *, data: bool = True) -> str:
        if isinstance(t, URIRef):
            return names.curie(_iri(t), data=data) or f"<{t}>"
        if isinstance(t, Literal) and not t.language and t.datatype is not None:
            pattern = _BARE.get(str(t.datatype))
            if pattern is not None and pattern.match(str(t)):
                return str(t)
            dt = names.curie(_iri(t.datatype)) or f"<{t.datatype}>"
            return f'"{_escape(str(t))}"^^{dt}'
        return nt_term(t)

    for subject, triples in _by_subject(rows):
        yield f"\n{term(subject)}"
        last_p: Node | None = None
        for _, p, o in triples:
            if p == last_p:
                yield f" ,\n        {term(o)}"
                continue
            pred = "a" if p == RDF.type else term(p, data=False)
            yield f"{' ;' if last_p is not None else ''}\n    {pred} {term(o)}"
            last_p = p
        yield " .\n"


def _jsonld(rows: list[tuple[str, str, str, Triple]], names: _Names) -> Iterator[str]:
    def iri(t: Node) -> str:
        if isinstance(t, BNode):
            return f"_:{t}"
        return names.curie(_iri(t)) or str(t)  # type: ignore[arg-type]

    def value(o: Node) -> Any:
        if not isinstance(o, Literal):
            return {"@id": iri(o)}
        lex = str(o)
        if o.language:
            return {"@value": lex, "@language": o.language}
        if o.datatype is None:
            return lex
        if o.datatype == XSD.boolean and lex in ("true", "false"):
            return lex == "true"
        if o.datatype == XSD.integer and re.match(r"^(0|-?[1-9]\d{0,19})$", lex):
            return int(lex)
        return {"@value": lex, "@type": iri(o.datatype)}

    nodes = []
    for subject, triples in _by_subject(rows):
        node: dict[str, Any] = {"@id": iri(subject)}
        for _, p, o in triples:
            key = "@type" if p == RDF.type and isinstance(o, URIRef) else iri(p)
            node.setdefault(key, []).append(iri(o) if key == "@type" else value(o))
        nodes.append({k: v[0] if k != "@id" and len(v) == 1 else v for k, v in node.items()})
    doc = {"@context": names.prefixes, "@graph": nodes}
    yield json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    yield "\n"


def _xml_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _xml_attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _rdfxml(rows: list[tuple[str, str, str, Triple]], names: _Names) -> Iterator[str]:
    def qname(p: Node) -> str:
        q = names.curie(_iri(p)) if isinstance(p, URIRef) else None
        if q is None or "." in q:
            raise ExportError(None, f"predicate has no XML qualified name: {p}")
        return q

    yield '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF'
    for prefix, ns in names.prefixes.items():
        yield f'\n  xmlns:{prefix}="{_xml_attr(ns)}"'
    yield ">\n"
    for subject, triples in _by_subject(rows):
        if isinstance(subject, BNode):
            yield f'  <rdf:Description rdf:nodeID="{subject}">\n'
        else:
            yield f'  <rdf:Description rdf:about="{_xml_attr(_iri(subject))}">\n'  # type: ignore[arg-type]
        for _, p, o in triples:
            q = qname(p)
            if isinstance(o, URIRef):
                yield f'    <{q} rdf:resource="{_xml_attr(_iri(o))}"/>\n'
            elif isinstance(o, BNode):
                yield f'    <{q} rdf:nodeID="{o}"/>\n'
            elif isinstance(o, Literal):
                attr = ""
                if o.language:
                    attr = f' xml:lang="{o.language}"'
                elif o.datatype is not None:
                    attr = f' rdf:datatype="{_xml_attr(_iri(o.datatype))}"'
                yield f"    <{q}{attr}>{_xml_text(str(o))}</{q}>\n"
            else:
                raise ExportError(None, f"not an RDF 1.1 term: {o!r}")
        yield "  </rdf:Description>\n"
    yield "</rdf:RDF>\n"


def _nt(rows: list[tuple[str, str, str, Triple]], names: _Names) -> Iterator[str]:
    for s, p, o, _ in rows:
        yield f"{s} {p} {o} .\n"


_WRITERS: dict[str, Callable[[list[tuple[str, str, str, Triple]], _Names], Iterator[str]]] = {
    "turtle": _turtle,
    "nt": _nt,
    "json-ld": _jsonld,
    "xml": _rdfxml,
}


@contextlib.contextmanager
def _sink(path: str | os.PathLike[str] | IO[bytes]) -> Iterator[Callable[[str], Any]]:
    if hasattr(path, "write"):
        out: IO[bytes] = path  # type: ignore[assignment]
        yield lambda s: out.write(s.encode("utf-8"))
    else:
        with atomic_write(path) as fh:  # type: ignore[arg-type]
            yield fh.write


def serialize_triples(
    triples: Iterable[Triple],
    path: str | os.PathLike[str] | IO[bytes],
    format: str = "turtle",
    *,
    data_prefixes: Mapping[str, str] | None = None,
) -> None:
    """Write ``triples`` sorted and de-duplicated in ``format`` (see :data:`RDF_FORMATS`).

    ``data_prefixes`` adds Turtle prefixes for data IRIs (``paper:`` ...); vocabulary terms
    always use :data:`kg.namespace.PREFIXES`. ``path`` is a file name (written atomically) or
    a binary file object.

    Examples:
        >>> import io
        >>> from rdflib import URIRef
        >>> from kg.namespace import KG
        >>> buf = io.BytesIO()
        >>> serialize_triples([(URIRef("https://e.org/p/1"), RDF.type, KG.Paper)], buf,
        ...                   data_prefixes={"p": "https://e.org/p/"})
        >>> buf.getvalue().decode().splitlines()[-2:]
        ['p:1', '    a kg:Paper .']
    """
    writer = _WRITERS.get(format)
    if writer is None:
        raise ExportError(None, f"unknown RDF format {format!r}; use one of {sorted(_WRITERS)}")
    names = _Names(PREFIXES, data_prefixes or {})
    rows = _sorted_unique(triples)
    with _sink(path) as write:
        for chunk in writer(rows, names):
            write(chunk)
