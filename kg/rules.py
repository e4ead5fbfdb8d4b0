"""Cue words and phrase lists for the rule components, read from ``ontology/vocab/rules.json``.

Rules are data, not literals in code: the proposal verbs ("we propose X"), naming cues ("dubbed
X"), comparison cues ("outperforms X"), descriptor nouns that type a name ("a new *benchmark*"),
generic phrases that are never concepts ("our approach"), and names that are not artefacts
("GPU", "NeurIPS").

The module imports no spaCy: the graph layer reads the same lists (``edition_words``) without
loading the extraction stage.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ExtractError
from kg.resources import vocab_dir

__all__ = ["RULES_FILE", "Rules", "load_rules"]

#: The rule data file.
RULES_FILE = vocab_dir() / "rules.json"


@dataclass(frozen=True)
class Rules:
    """The rule lists, as frozensets (phrases in lower case, ``stop_names`` as written)."""

    descriptor_types: dict[str, str]
    proposal_verbs: frozenset[str]
    naming_cues: frozenset[str]
    comparison_cues: tuple[str, ...]
    training_cues: tuple[str, ...]
    use_cues: tuple[str, ...]
    generic_phrases: frozenset[str]
    generic_first_words: frozenset[str]
    umbrella_words: frozenset[str]
    stop_names: frozenset[str]
    result_link_cues: tuple[str, ...]
    dataset_name_suffixes: tuple[str, ...]
    proposal_subjects: frozenset[str]
    proposal_stop_words: frozenset[str]
    adjective_suffixes: frozenset[str]
    metric_value_links: frozenset[str]
    comparatives: frozenset[str]
    change_verbs: frozenset[str]
    variant_words: frozenset[str]
    edition_words: frozenset[str]
    evaluation_words: frozenset[str]
    task_heads: frozenset[str]
    standalone_task_heads: frozenset[str]
    task_cues: frozenset[str]
    task_modifier_stop: frozenset[str]
    metric_cues: tuple[tuple[str, ...], ...]
    technical_modifiers: frozenset[str]
    language_modifiers: frozenset[str]

    def descriptor_type(self, word: str) -> str | None:
        """Concept type a descriptor noun announces, or ``None``.

        Examples:
            >>> load_rules().descriptor_type("Benchmark")
            'Dataset'
            >>> load_rules().descriptor_type("framework")
            'Method'
        """
        low = word.lower()
        found = self.descriptor_types.get(low)
        if found is None and low.endswith("s"):
            found = self.descriptor_types.get(low[:-1])
        return found


@functools.cache
def load_rules(path: str | Path | None = None) -> Rules:
    """Read the rule file (default :data:`RULES_FILE`); cached.

    A missing key or unreadable file raises :class:`kg.errors.ExtractError`.

    Examples:
        >>> "dubbed" in load_rules().naming_cues
        True
        >>> "our approach" in load_rules().generic_phrases
        True
    """
    file = Path(path) if path else RULES_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExtractError(str(file), f"cannot read rules: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ExtractError(str(file), f"not JSON: {exc.msg}", line=exc.lineno) from None
    try:
        descriptors = {
            word.lower(): ctype
            for ctype, words in data["descriptor_types"].items()
            for word in words
        }
        return Rules(
            descriptor_types=descriptors,
            proposal_verbs=frozenset(data["proposal_verbs"]),
            naming_cues=frozenset(data["naming_cues"]),
            comparison_cues=tuple(data["comparison_cues"]),
            training_cues=tuple(data["training_cues"]),
            use_cues=tuple(data["use_cues"]),
            generic_phrases=frozenset(p.lower() for p in data["generic_phrases"]),
            generic_first_words=frozenset(data["generic_first_words"]),
            umbrella_words=frozenset(data["umbrella_words"]),
            stop_names=frozenset(data["stop_names"]),
            result_link_cues=tuple(data["result_link_cues"]),
            dataset_name_suffixes=tuple(data["dataset_name_suffixes"]),
            proposal_subjects=frozenset(data["proposal_subjects"]),
            proposal_stop_words=frozenset(data["proposal_stop_words"]),
            adjective_suffixes=frozenset(data["adjective_suffixes"]),
            metric_value_links=frozenset(data["metric_value_links"]),
            comparatives=frozenset(data["comparatives"]),
            change_verbs=frozenset(data["change_verbs"]),
            variant_words=frozenset(data["variant_words"]),
            edition_words=frozenset(w.lower() for w in data["edition_words"]),
            evaluation_words=frozenset(data["evaluation_words"]),
            task_heads=frozenset(data["task_heads"]),
            standalone_task_heads=frozenset(data["standalone_task_heads"]),
            task_cues=frozenset(data["task_cues"]),
            task_modifier_stop=frozenset(data["task_modifier_stop"]),
            metric_cues=tuple(tuple(c.split()) for c in data["metric_cues"]),
            technical_modifiers=frozenset(data["technical_modifiers"]),
            language_modifiers=frozenset(data["language_modifiers"]),
        )
    except KeyError as exc:
        raise ExtractError(str(file), f"missing key {exc.args[0]!r}") from None
