"""Surface forms of concept names: the comparison key, acronyms and their definitions.

Two spellings are the same surface form when their keys are equal. The key folds Unicode
variants (NFKC, accents, dashes), case, hyphens and spacing, British/American ``-ise``/``-ize``
spelling, the plural of the head noun (``large language models`` / ``LLMs``), a leading article
and a generic trailing word after a name (``the MMLU benchmark`` / ``MMLU``, ``F1 score``), and
a trailing ``based`` (``RL-based`` / ``RL``).

Examples:
    >>> surface_key("Large Language Models") == surface_key("large-language model")
    True
    >>> surface_key("LLMs") == surface_key("LLM")
    True
    >>> is_acronym("PPO"), is_acronym("ImageNet")
    (True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "surface_tokens",
    "surface_key",
    "is_acronym",
    "defines",
    "same_meaning",
    "is_plural",
    "acronym_initials",
    "word_overlap",
]

_TOKEN = re.compile(r"[^\W\d_]+\*?|\d+(?:\.\d+)*|[@+#]")
_ACRONYM_PLURAL = re.compile(r"[A-Z0-9][A-Za-z0-9]*[A-Z0-9]s")
_KEEP_S = frozenset(
    "alias analysis atlas bias canvas chaos corpus cosmos ethos gas kudos lens news process "
    "series species this thanos pros physics robotics dynamics mathematics statistics".split()
)
_DETERMINERS = frozenset({"the", "a", "an", "our"})
#: Generic words that add nothing after a proper name ("MMLU benchmark", "PPO algorithm").
_GENERIC_TAIL = frozenset(
    "dataset benchmark model method algorithm framework suite metric score corpus".split()
)
#: Function words ignored when comparing two long forms of one acronym.
_FUNCTION_WORDS = frozenset("a an and by for from in of on the to via with".split())
_BRITISH = (
    ("isation", "ization"),
    ("ised", "ized"),
    ("iser", "izer"),
    ("ising", "izing"),
    ("elling", "eling"),
    ("elled", "eled"),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00d7", "x")
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def _singular(token: str) -> str:
    """Singular of one token as written (case kept)."""
    if _ACRONYM_PLURAL.fullmatch(token) and sum(ch.isupper() for ch in token) >= 2:
        return token[:-1]
    low = token.casefold()
    if len(low) < 4 or not low.isalpha() or low in _KEEP_S or not low.endswith("s"):
        return token
    if low.endswith(("ss", "us", "is", "ics")):
        return token
    if low.endswith("ies") and len(low) > 4:
        return token[:-3] + ("Y" if token[-1].isupper() else "y")
    if low.endswith(("ches", "shes", "sses", "xes")):
        return token[:-2]
    return token[:-1]


def _spelling(token: str) -> str:
    for british, american in _BRITISH:
        if token.endswith(british):
            return token[: -len(british)] + american
    return token


@lru_cache(maxsize=65536)
def _tokens(form: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = _TOKEN.findall(_fold(form))
    if raw and raw[-1].isalpha():
        raw[-1] = _singular(raw[-1])
    folded = [_spelling(t.casefold()) for t in raw]
    while len(folded) > 1 and folded[0] in _DETERMINERS:
        folded.pop(0)
        raw.pop(0)
    if len(folded) > 1 and folded[-1] == "based":  # "RL-based" is said of RL
        folded.pop()
        raw.pop()
    if len(folded) > 1 and folded[-1] in _GENERIC_TAIL:
        head = raw[:-1]
        # only after a name ("MMLU", "F1", "LLaMA"), never after a common noun ("diffusion")
        if any(any(c.isdigit() for c in t) or sum(c.isupper() for c in t) >= 2 for t in head):
            folded.pop()
            raw.pop()
    return tuple(raw), tuple(folded)


def surface_tokens(form: str) -> tuple[str, ...]:
    """Normalised tokens of a form: letter runs, numbers, ``@``/``+``/``#``, folded.

    Letters and digits are split apart so ``GPT4o`` and ``GPT-4o`` give the same tokens.

    Examples:
        >>> surface_tokens("LLaMA-2-70B")
        ('llama', '2', '70', 'b')
        >>> surface_tokens("the ImageNet 64x64 dataset")
        ('imagenet', '64', 'x', '64')
    """
    return _tokens(form)[1]


def surface_key(form: str) -> str:
    """The comparison key of a form: its normalised tokens joined without spaces.

    Examples:
        >>> surface_key("Flow-Matching"), surface_key("flow matching")
        ('flowmatching', 'flowmatching')
        >>> surface_key("Policy Optimisation") == surface_key("policy optimization")
        True
        >>> surface_key("pass@1")
        'pass@1'
    """
    return "".join(_tokens(form)[1])


@lru_cache(maxsize=65536)
def is_plural(form: str) -> bool:
    """Whether the head noun of ``form`` is plural (its key differs from the form as written).

    Examples:
        >>> is_plural("large language models"), is_plural("Large Language Model")
        (True, False)
    """
    raw = _TOKEN.findall(_fold(form))
    return bool(raw) and raw[-1].isalpha() and _singular(raw[-1]) != raw[-1]


@lru_cache(maxsize=65536)
def is_acronym(form: str) -> bool:
    """Whether a form looks like an acronym: one short word, mostly capitals (a leading article
    or a trailing generic word such as ``score`` or ``benchmark`` aside).

    Examples:
        >>> [is_acronym(f) for f in ["MoE", "LLMs", "ViT", "3DGS", "DreamBooth", "flow matching"]]
        [True, True, True, True, False, False]
        >>> is_acronym("FID score"), is_acronym("the MMLU benchmark"), is_acronym("RL-based")
        (True, True, True)
    """
    words = form.split()
    while len(words) > 1 and words[0].casefold() in _DETERMINERS:
        words.pop(0)
    if len(words) > 1 and _singular(words[-1]).casefold() in _GENERIC_TAIL:
        words.pop()
    if len(words) != 1:
        return False
    word = re.sub(r"-based$", "", words[0])
    if not 2 <= len(word) <= 12 or not word[0].isalnum():
        return False
    upper = sum(ch.isupper() for ch in word)
    lower = sum(ch.islower() for ch in word)
    return upper >= 2 and upper >= lower


def defines(acronym: str, long_form: str) -> bool:
    """Whether ``long_form`` can be what ``acronym`` stands for.

    The acronym's letters must appear in order in the long form, starting with its first
    letter; the long form must have at least two words and must not merely extend the acronym
    (``GPT-4`` does not stand for ``GPT-4 Turbo``).

    Examples:
        >>> defines("PPO", "Proximal Policy Optimization"), defines("LLMs", "large language models")
        (True, True)
        >>> defines("ImageNet", "ImageNet 64x64"), defines("GPT-4", "GPT-4 Turbo")
        (False, False)
    """
    short = "".join(_tokens(acronym)[1])
    words = _tokens(long_form)[1]
    long = "".join(words)
    if len(words) < 2 or not short or long.startswith(short):
        return False
    if short[0] != long[0]:
        return False
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def same_meaning(first: str, second: str) -> bool:
    """Whether two long forms of one acronym say the same thing in other words.

    Function words (and ``based``) are ignored; the remaining words must pair up in order, each
    pair equal or sharing its first four letters (``Adaptation``/``Adapters``), or one form may
    add one last word to the other's two or more (``maximum likelihood (estimation)``).

    Examples:
        >>> same_meaning("Reinforcement Learning from Human Feedback",
        ...              "reinforcement learning with human feedback")
        True
        >>> same_meaning("reinforcement learning", "representation learning")
        False
        >>> same_meaning("outcome reward model", "outcome-based reward models")
        True
        >>> same_meaning("maximum likelihood", "Maximum Likelihood Estimation")
        True
    """
    a = [t for t in surface_tokens(first) if t not in _FUNCTION_WORDS and t != "based"]
    b = [t for t in surface_tokens(second) if t not in _FUNCTION_WORDS and t != "based"]
    if len(a) > len(b):
        a, b = b, a
    if len(a) >= 2 and len(b) == len(a) + 1:
        b = b[: len(a)]
    if len(a) != len(b) or not a:
        return False
    pairs = zip(a, b, strict=True)
    return all(x == y or (min(len(x), len(y)) >= 4 and x[:4] == y[:4]) for x, y in pairs)


def acronym_initials(long_form: str) -> str:
    """First letters of the words of a long form, function words left out, folded.

    Examples:
        >>> acronym_initials("Large Language Models"), acronym_initials("Mixture-of-Experts")
        ('llm', 'me')
    """
    words = [t for t in surface_tokens(long_form) if t not in _FUNCTION_WORDS]
    if len(words) < 2 or not all(t[0].isalpha() for t in words):
        return ""
    return "".join(t[0] for t in words)


def word_overlap(first: str, second: str) -> float:
    """Jaccard overlap of the content words of two forms (function words left out).

    Examples:
        >>> word_overlap("Direct Policy Optimization", "direct preference optimization")
        0.5
        >>> round(word_overlap("Bilevel Optimization", "Bayesian optimization"), 2)
        0.33
    """
    a = {t for t in surface_tokens(first) if t not in _FUNCTION_WORDS}
    b = {t for t in surface_tokens(second) if t not in _FUNCTION_WORDS}
    return len(a & b) / len(a | b) if a | b else 0.0
