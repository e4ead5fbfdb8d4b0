"""The persisted SPARQL store: a pyoxigraph (RocksDB) directory that ``kg build`` writes.

``kg build`` writes ``exports/store/``; ``kg query`` opens it read-only (no parsing, so queries
on a large graph start at once) and ``kg serve`` runs ``oxigraph serve-read-only --location``
on it. The store is built under a temporary name and swapped into place, so a reader never
sees a half-written store. Unlike the export files, a store directory is not byte-identical
between builds (RocksDB writes its own ids and logs); its triples are.

Examples:
    >>> import tempfile, pathlib
    >>> from kg.graph import build_graph
    >>> from kg.model import Paper
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> _ = write_store(build_graph([Paper(id="p1", title="T", abstract="")], []), d)
    >>> is_store(d), bool(open_store(d).query("ASK { ?p a kg:Paper }", prefixes={"kg": KG_NS}))
    (True, True)
"""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_dir
from kg.errors import InputError, QueryError
from kg.export.iri import DEFAULT_BASE
from kg.export.rdf_syntax import nt_line
from kg.graph.model import KnowledgeGraph
from kg.namespace import KG_NS

__all__ = ["write_store", "open_store", "is_store", "load_rdf_file", "RDF_FILE_FORMATS", "KG_NS"]

#: File suffix -> pyoxigraph format, for RDF files given to ``write_store`` or ``kg query``.
RDF_FILE_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def is_store(path: str | os.PathLike[str]) -> bool:
    """``True`` if ``path`` is a directory holding an Oxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def _rdf_format(path: Path) -> ox.RdfFormat:
    fmt = RDF_FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            str(path), f"not an RDF file or store (RDF suffixes: {' '.join(RDF_FILE_FORMATS)})"
        )
    return fmt


def _load_file(store: ox.Store, path: Path, *, bulk: bool) -> None:
    fmt = _rdf_format(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        if bulk:
            store.bulk_load(path=str(path), format=fmt)
        else:
            store.load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise InputError(str(path), f"not valid {path.suffix[1:]}: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot load: {exc}") from exc


def load_rdf_file(path: str | os.PathLike[str]) -> ox.Store:
    """An in-memory store holding the RDF file ``path`` (format from its suffix)."""
    store = ox.Store()
    _load_file(store, Path(path), bulk=False)
    return store


def _load_kg(store: ox.Store, kg: KnowledgeGraph, base: str, tmp_dir: Path) -> None:
    """Stream the graph's triples as N-Triples to a temporary file and bulk-load it."""
    from kg.export.rdf import iter_triples

    fd, name = tempfile.mkstemp(prefix=".kg-store.", suffix=".nt", dir=tmp_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for s, p, o in iter_triples(kg, base=base):
                fh.write(nt_line(s, p, o))
        store.bulk_load(path=name, format=ox.RdfFormat.N_TRIPLES)
    finally:
        os.unlink(name)


def write_store(
    kg_or_rdf_path: KnowledgeGraph | str | os.PathLike[str],
    directory: str | os.PathLike[str],
    *,
    base: str = DEFAULT_BASE,
) -> Path:
    """Persist a graph (or an RDF file) as a pyoxigraph store in ``directory``; return it.

    An existing store there is replaced only once the new one is complete.
    """
    target = Path(directory)
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        try:
            if isinstance(kg_or_rdf_path, KnowledgeGraph):
                _load_kg(store, kg_or_rdf_path, base, target.parent)
            else:
                _load_file(store, Path(kg_or_rdf_path), bulk=True)
            store.optimize()
            store.flush()
        finally:
            del store
            gc.collect()  # closes RocksDB before the directory moves
    return target


def open_store(path: str | os.PathLike[str]) -> ox.Store:
    """Open a store written by :func:`write_store`, read-only (``kg serve`` may share it)."""
    p = Path(path)
    if not is_store(p):
        raise QueryError(str(p), "no SPARQL store here; run `kg build` first")
    try:
        return ox.Store.read_only(str(p))
    except OSError as exc:
        raise QueryError(str(p), f"cannot open the store: {exc}") from exc
