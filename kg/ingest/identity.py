"""Paper identity: arXiv ids, DOIs, normalised titles and the ``Paper.id`` built from them.

``Paper.id`` is, in this order of preference:

1. ``arxiv:<id>`` with the version stripped (``arxiv:2312.00001``, ``arxiv:hep-th/9901001``);
2. ``doi:<doi>`` lower-cased, without a resolver prefix (``doi:10.18653/v1/n19-1423``); a
   DataCite arXiv DOI (``10.48550/arXiv.2312.00001``) counts as the arXiv id;
3. the input's own id, verbatim, for generic JSON Lines and CSV records (``kg extract`` keeps
   the ids it was given);
4. ``title:<first 16 hex digits of the SHA-1 of the normalised title>``.

The normalised title (:func:`normalise_title`) is also the key that merges the same paper read
from different pages or formats (see :mod:`kg.ingest.merge`).

Examples:
    >>> paper_id(arxiv_id="2312.00001v2")
    'arxiv:2312.00001'
    >>> paper_id(doi="https://doi.org/10.1000/ABC")
    'doi:10.1000/abc'
    >>> paper_id(title="Attention Is All You Need")
    'title:37f63852cdfb0690'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "normalise_arxiv_id",
    "normalise_doi",
    "normalise_title",
    "title_key",
    "paper_id",
    "id_from_normalised",
    "id_strength",
]

_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"(?<![\w-])([a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?!\d)")
_DOI = re.compile(r"(10\.\d{4,9}/\S+)")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_arxiv_id(value: str | None) -> str | None:
    """The bare arXiv id (no version, no URL, no ``arXiv:`` prefix) in ``value``, or ``None``.

    Examples:
        >>> normalise_arxiv_id("http://arxiv.org/abs/2106.09685v2")
        '2106.09685'
        >>> normalise_arxiv_id("arXiv:hep-th/9901001v1")
        'hep-th/9901001'
        >>> normalise_arxiv_id("not an id") is None
        True
    """
    if not value:
        return None
    value = value.strip()
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1) if match else None


def normalise_doi(value: str | None) -> str | None:
    """The DOI in ``value`` (a bare DOI, ``doi:`` form or resolver URL), lower-cased.

    Examples:
        >>> normalise_doi("https://doi.org/10.1145/3292500.3330701")
        '10.1145/3292500.3330701'
        >>> normalise_doi("none") is None
        True
    """
    if not value:
        return None
    match = _DOI.search(value.strip())
    if not match:
        return None
    return match.group(1).rstrip(".,;").lower()


def normalise_title(title: str | None) -> str:
    """Title folded for comparison: accents removed, case folded, punctuation as spaces.

    Examples:
        >>> normalise_title("  Müller's  Net: A Study ")
        'muller s net a study'
    """
    if not title:
        return ""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", text.casefold()).strip()


def title_key(title: str | None) -> str | None:
    """``title:<16 hex>`` for a non-empty normalised title, else ``None``.

    >>> title_key("Attention is all you need!") == title_key("attention is ALL you need")
    True
    """
    norm = normalise_title(title)
    if not norm:
        return None
    return "title:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def paper_id(
    *,
    arxiv_id: str | None = None,
    doi: str | None = None,
    input_id: str | None = None,
    title: str | None = None,
) -> str | None:
    """The ``Paper.id`` for the identifiers a record carries (preference in the module doc).

    Returns ``None`` when the record has no identifier and no title.

    Examples:
        >>> paper_id(doi="10.48550/arXiv.2106.09685")
        'arxiv:2106.09685'
        >>> paper_id(input_id="P-17", title="Some title")
        'P-17'
        >>> paper_id() is None
        True
    """
    return id_from_normalised(normalise_arxiv_id(arxiv_id), normalise_doi(doi), input_id, title)


def id_from_normalised(
    arxiv: str | None, norm_doi: str | None, input_id: str | None, title: str | None
) -> str | None:
    """:func:`paper_id` for identifiers already normalised (saves the readers a second pass).

    >>> id_from_normalised(None, "10.48550/arxiv.2106.09685", None, None)
    'arxiv:2106.09685'
    """
    if arxiv is None and norm_doi:
        match = _ARXIV_DOI.match(norm_doi)
        if match:
            arxiv = normalise_arxiv_id(match.group(1))
    if arxiv:
        return "arxiv:" + arxiv
    if norm_doi:
        return "doi:" + norm_doi
    if input_id is not None and str(input_id).strip():
        return str(input_id).strip()
    return title_key(title)


def id_strength(pid: str) -> int:
    """0 for a title-hash id, 1 for any real identifier; merged papers keep the stronger one.

    >>> id_strength("title:0123456789abcdef"), id_strength("arxiv:2106.09685")
    (0, 1)
    """
    return 0 if pid.startswith("title:") else 1
