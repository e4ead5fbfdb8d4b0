"""Text clean-up shared by every reader: LaTeX remnants, HTML, hyphenation, whitespace.

The cleaned text is what ``Paper.title`` and ``Paper.abstract`` store, so every later offset
refers to it. The steps, in order:

1. words hyphenated across a line break are joined (``optimi-\\nzation`` -> ``optimization``),
   unless the word is already a hyphenated compound (``state-of-the-\\nart`` keeps its hyphen);
2. HTML tags are dropped and entities decoded (``<i>x</i> &amp; y`` -> ``x & y``);
3. LaTeX: inline math ``$...$`` loses its dollars; font commands keep their argument, with or
   without the backslash that page captures lose (``\\mathcal{O}``, ``mathcal{O}`` -> ``O``);
   ``{\\em x}`` -> ``x``; accents and symbols become Unicode through pylatexenc
   (``\\"u`` -> ``ü``, ``\\alpha`` -> ``α``); TeX quotes ````x''`` -> ``"x"``; grouping braces
   go, except the ones after ``^``, ``_`` or a word character (``T^{2/3}`` stays readable,
   ``1{KT}`` from a lost ``\\frac`` is not made worse);
4. runs of whitespace become one space; the ends are stripped.

Text without any of the trigger characters skips the expensive steps, so clean-up costs little
on plain abstracts.

Examples:
    >>> clean_text('Aky\\\\"urek et al. show $\\\\mathcal{O}(T^{2/3})$ regret')
    'Akyürek et al. show O(T^{2/3}) regret'
    >>> clean_text("Theta(T/B_{mathrm{ex}}) with  <b>bold</b> &amp; optimi-\\n  zation")
    'Theta(T/B_{ex}) with bold & optimization'
"""

from __future__ import annotations

import html
import operator
import re
from functools import lru_cache

__all__ = ["clean_text", "clean_pair", "clean_name", "collapse_whitespace"]

_HYPHEN_BREAK = re.compile(r"(?<![\w-])([A-Za-z]*[a-z])-[ \t]*\r?\n\s*([a-z])")
_COMPOUND_BREAK = re.compile(r"(\w)-[ \t]*\r?\n\s*(\w)")
# Step 1 runs on text holding "-\n", "- \n" or "-\r\n".
_HYPHEN_GATE = re.compile(r"-[ \r]?\n")
# Only real HTML/JATS/MathML tags: ``<think>`` in an abstract about LLM tokens is content.
_TAG = re.compile(
    r"</?((?:jats|mml):[A-Za-z-]+|p|br|hr|i|b|u|em|strong|sub|sup|span|div|a|code|tt|li|ul|ol"
    r"|font|small|big|h[1-6]|blockquote|pre|img|table|tr|td|th|abstract|title|italic|bold"
    r")(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Tags that separate text (a paragraph break) become a space; inline ones (<i>x</i>) vanish.
_BLOCK_TAGS = frozenset(
    "p br hr div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th abstract title "
    "jats:p jats:title jats:sec jats:list-item".split()
)


def _tag(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in _BLOCK_TAGS else ""


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+\d*);")
_MATH = re.compile(r"\$(?=\S)([^$\n]{1,120}?)(?<=\S)\$")
_FONTS = (
    "mathcal|mathrm|mathbf|mathbb|mathit|mathsf|mathtt|mathfrak|mathscr|boldsymbol|bm|"
    "textbf|textit|textrm|texttt|textsf|textsc|emph|text|operatorname|underline|url"
)
_FONT_TAIL = re.compile(r"(?:\\|(?<![A-Za-z]))(?:" + _FONTS + r")\s*\Z")
_BRACES = re.compile(r"\{([^{}]*)\}")
_FONT_GROUP = re.compile(r"\{\\(?:em|it|bf|sc|tt|rm|sf|sl|small|large|Large)\s+([^{}]*)\}")
_ACCENT = re.compile(r"\\(?:[\"'`^~=.]|[uvHckbdr](?![A-Za-z]))\s*(?:\{\\?[A-Za-z]?\}|\\?[A-Za-z])")
_BRACED_ACCENT = re.compile(r"\{(" + _ACCENT.pattern + r")\}")
_ESCAPED = re.compile(r"\\([%&_#$])")
_REFERENCE = re.compile(
    r"\\(?:cite[tp]?|citeauthor|ref|eqref|label|footnote)\*?(?:\[[^\]]*\])?\{[^{}]*\}"
)
_URL_CMD = re.compile(r"\\(?:url|href)\{([^{}]*)\}(?:\{[^{}]*\})?")
_COMMAND = re.compile(r"\\([A-Za-z]+)\b\s?")
_TEX_QUOTES = re.compile(r"``(.*?)''")
# A C-level replacement callable: a template such as r"\1" costs a Python-level template
# expansion per ``sub`` call and per match.
_GROUP1 = operator.methodcaller("group", 1)


@lru_cache(maxsize=4096)
def _latex_fragment(fragment: str) -> str:
    """Unicode for one accent or symbol command, through pylatexenc (imported lazily)."""
    from pylatexenc.latex2text import LatexNodes2Text

    text = LatexNodes2Text(math_mode="verbatim").latex_to_text(fragment)
    return text


def _accent(match: re.Match[str]) -> str:
    return _latex_fragment(match.group(0))


def _command(match: re.Match[str]) -> str:
    name = match.group(1)
    space = " " if match.group(0)[-1].isspace() else ""
    text = _latex_fragment("\\" + name).strip()
    # Unknown macros come back empty: keep the name rather than silently dropping a word.
    return (text or name) + space


def _strip_fonts(text: str) -> str:
    """``\\mathcal{O}`` and ``mathcal{O}`` -> ``O``: find braces (fast), then look behind."""
    out: list[str] = []
    last = 0
    for match in _BRACES.finditer(text):
        font = _FONT_TAIL.search(text, max(last, match.start() - 16), match.start())
        if font:
            out.append(text[last : font.start()])
            out.append(match.group(1))
            last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _ungroup(match: re.Match[str]) -> str:
    start = match.start()
    before = match.string[start - 1] if start else " "
    if before in "^_\\" or before.isalnum() or before == "_":
        return match.group(0)
    return match.group(1)


def _latexy(text: str) -> bool:
    # One-character searches are much cheaper than two-character ones: they go first.
    return (
        "\\" in text
        or "$" in text
        or "{" in text
        or ("`" in text and "``" in text)
        or ("'" in text and "''" in text)
    )


def _clean_latex(text: str) -> str:
    # Each step only runs when its trigger characters are present (one-character searches
    # are cheap, regex scans of a whole abstract are not): most abstracts have few of them.
    if "{" in text and "{,}" in text:  # thousands separator in math: 10{,}000
        text = text.replace("{,}", ",")
    if "`" in text and "``" in text:
        text = _TEX_QUOTES.sub(r'"\1"', text)
    if "$" in text:
        text = _MATH.sub(_GROUP1, text)
    braces = "{" in text
    if not braces and "\\" not in text:
        return text
    for _ in range(3 if braces else 0):  # nested font commands: \textbf{\emph{x}}
        new = _strip_fonts(text)
        if "{\\" in new:
            new = _FONT_GROUP.sub(_GROUP1, new)
        if new == text:
            break
        text = new
        if "{" not in text:  # no braces left: another pass would change nothing
            break
    if "\\" in text:
        if "{" in text:
            text = _BRACED_ACCENT.sub(lambda m: _latex_fragment(m.group(1)), text)
        text = _ACCENT.sub(_accent, text)
        text = _ESCAPED.sub(_GROUP1, text)
        if "{" in text:
            text = _URL_CMD.sub(_GROUP1, _REFERENCE.sub("", text))
        if "\\" in text:
            text = _COMMAND.sub(_command, text)
    for _ in range(3 if "{" in text else 0):
        new = _BRACES.sub(_ungroup, text)
        if new == text:
            break
        text = new
    return text


#: Every character ``str.split()`` splits on besides " " and "\n": ASCII ones, then all.
_ASCII_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
_OTHER_SPACE = (
    *_ASCII_SPACE,
    *"\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
    *"\u2028\u2029\u202f\u205f\u3000",
)


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace become one space; ends stripped (``" ".join(text.split())``).

    >>> collapse_whitespace("  a\\n\\t b ")
    'a b'
    """
    # Wrapped lines (the arXiv snapshot's abstracts) only need their line ends and runs of
    # spaces turned into single spaces: a few C-speed passes instead of splitting and joining
    # every word. Other whitespace (tabs, Unicode spaces) takes the general way.
    flat = text.strip()
    if "\n" in flat:
        flat = flat.replace("\n", " ")
    for char in _ASCII_SPACE if flat.isascii() else _OTHER_SPACE:
        if char in flat:
            return " ".join(text.split())
    i = flat.find("  ")
    if i < 0:
        return flat
    # A few runs of spaces (paragraph indents): cut them out in one pass.
    parts: list[str] = []
    start = 0
    while i >= 0:
        if len(parts) == 16:  # many runs: splitting is cheaper after all
            return " ".join(flat.split())
        parts.append(flat[start : i + 1])
        start = i + 2
        while flat[start] == " ":  # in range: ``flat`` ends with a non-space
            start += 1
        i = flat.find("  ", start)
    parts.append(flat[start:])
    return "".join(parts)


def _steps(text: str) -> str:
    """Steps 1-3 (everything but whitespace); returns ``text`` itself when none applies."""
    if _HYPHEN_GATE.search(text):  # one scan instead of three substring searches
        text = _COMPOUND_BREAK.sub(r"\1-\2", _HYPHEN_BREAK.sub(r"\1\2", text))
    if "<" in text:
        text = _TAG.sub(_tag, text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if _latexy(text):
        text = _clean_latex(text)
    return text


# Text with single spaces and none of the trigger characters needs no clean-up at all.
_PLAIN = re.compile(r"[^\\$`{}<&'\s]+(?: [^\\$`{}<&'\s]+)*")


def clean_text(text: str | None) -> str:
    """Cleaned form of ``text`` (see the module docstring for the steps); ``None`` gives ``""``.

    Examples:
        >>> clean_text("{BERT}: Pre-training of Deep Bidirectional Transformers")
        'BERT: Pre-training of Deep Bidirectional Transformers'
        >>> clean_text("SP$^2$OT costs $100K+ a year")
        'SP^2OT costs $100K+ a year'
    """
    if not text:
        return ""
    if _PLAIN.fullmatch(text):
        return text
    return collapse_whitespace(_steps(text))


def clean_pair(text: str | None) -> tuple[str, str | None]:
    """``(cleaned, raw)``: ``raw`` is the input when clean-up changed more than whitespace.

    Whitespace-only changes (line wrapping, indentation) do not keep a raw copy: the raw text
    would say nothing the cleaned one does not.

    Examples:
        >>> clean_pair("  plain\\n text ")
        ('plain text', None)
        >>> clean_pair("caf\\\\'e")
        ('café', "caf\\\\'e")
    """
    if not text:
        return "", None
    stepped = _steps(text)
    cleaned = collapse_whitespace(stepped)
    # Every step that changes text removes or replaces non-space characters, so a changed
    # ``stepped`` means more than whitespace changed.
    if stepped is text or stepped == text:
        return cleaned, None
    return cleaned, text


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """:func:`clean_text` for short, often repeated strings (author names), memoised.

    >>> clean_name("C. Bal\\\\'azs")
    'C. Balázs'
    """
    return clean_text(name)
