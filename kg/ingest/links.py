"""URLs in a paper's text: all of them, the code repository and the project page.

A *code URL* is a repository on GitHub, GitLab, Bitbucket or the Hugging Face Hub (an owner and
a name after the host); every other link is a candidate *project page*. Page captures often
drop the scheme (``github.com/anyasims/edge-of-reach``); such links get ``https://``. Trailing
sentence punctuation and unbalanced closing brackets are not part of a link.

Examples:
    >>> find_links("Code: https://github.com/a/b. Project page: https://x.github.io/p.")
    (['https://github.com/a/b', 'https://x.github.io/p'], 'https://github.com/a/b', 'https://x.github.io/p')
"""  # noqa: E501

from __future__ import annotations

import re

__all__ = ["find_urls", "find_links", "is_code_url"]

# Literal starts keep the scan fast; a bare host must not continue a longer word or address.
_URL = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.|github\.com/|gitlab\.com/|huggingface\.co/)[^\s<>\"'`]+"
)
_HOSTS = (("github.com/", 6), ("gitlab.com/", 6), ("huggingface.co/", 11))  # with len(name)
_SCHEMES = ("http", "HTTP", "Http")  # the case forms of a scheme a link may start with
_BARE_BLOCKERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./@-")
_CODE_HOST = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)"
    r"/[\w.-]+/[\w.-]+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*"


def _trim(url: str) -> str:
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last in ")]}" and url.count(last) > url.count({")": "(", "]": "[", "}": "{"}[last]):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str | None) -> list[str]:
    """Every URL in ``text``, in order of appearance, without duplicates.

    >>> find_urls("see github.com/x/y, and (https://a.org/b_(c)).")
    ['https://github.com/x/y', 'https://a.org/b_(c)']
    """
    if not text:
        return []
    # Every link holds "/" (a scheme, or a code host's path) unless it starts with "www.": most
    # abstracts are ruled out by one single-character search. Candidate starts are found with
    # str.find, far faster than a regex scan of the whole text; a start where no link matches
    # changes nothing, so only starts that can match are collected.
    slash = "/" in text
    if not slash and "www." not in text:
        return []
    starts: set[int] = set()
    i = text.find("www.")
    while i >= 0:
        starts.add(i)
        i = text.find("www.", i + 1)
    if slash:
        i = text.find("://")
        while i >= 0:  # the scheme starts 4 ("http") or 5 ("https") characters before
            starts.update(s for s in (i - 5, i - 4) if s >= 0 and text[s : s + 4] in _SCHEMES)
            i = text.find("://", i + 1)
        i = text.find(".co")
        while i >= 0:  # a code host's name ends where its ".com/" or ".co/" begins
            for host, offset in _HOSTS:
                if i >= offset and text.startswith(host, i - offset):
                    starts.add(i - offset)
            i = text.find(".co", i + 1)
    out: list[str] = []
    consumed = 0
    for start in sorted(starts):
        match = _URL.match(text, start) if start >= consumed else None
        if match is None:
            continue
        consumed = match.end()
        url = _trim(match.group(0))
        if "://" not in url:
            if match.start() and text[match.start() - 1] in _BARE_BLOCKERS:
                continue
            url = "https://" + url
        if len(url) > len("https://") + 3 and url not in out:
            out.append(url)
    return out


def is_code_url(url: str) -> bool:
    """Whether ``url`` points at a code repository (owner and name on a code host).

    >>> is_code_url("https://github.com/nkicsl/Resfusion"), is_code_url("https://github.com")
    (True, False)
    """
    return bool(_CODE_HOST.match(url))


def find_links(text: str | None) -> tuple[list[str], str | None, str | None]:
    """``(urls, code_url, project_url)`` for ``text``: the first code and first other link.

    >>> find_links("no links here")
    ([], None, None)
    """
    urls = find_urls(text)
    code = next((u for u in urls if is_code_url(u)), None)
    project = next((u for u in urls if not is_code_url(u)), None)
    return urls, code, project
