"""Concept hierarchy: specific variants point to their general concept (``kind="broader"``).

Three sources, tried in this order, each edge kept only if it does not close a cycle:

``vocabulary``
    the curated entry's ``broader`` ids (followed upwards to the nearest entry in the corpus).
``variant``
    a form minus trailing variant tokens (sizes, versions, resolutions, editions) is another
    concept of the same type: ``ImageNet 64x64`` -> ``ImageNet``, ``LLaMA-2-70B`` ->
    ``LLaMA-2`` -> ``LLaMA``.
``head``
    a form minus leading modifiers is another concept of the same type, of at least two words
    or curated in the vocabulary: ``multimodal large language model`` -> ``large language
    model``, ``image classification`` -> ``classification``; a one-word name written with inner
    capitals only as written (``Multi-task RL`` -> ``RL``, not ``AlphaGo Zero`` -> ``ZeRO``).

Only the nearest general concept is linked (the longest matching rest); a transitive edge
(A -> C when A -> B -> C) is dropped.

Examples:
    >>> from kg.graph.model import ConceptNode
    >>> nodes = {
    ...     "concept:imagenet": ConceptNode(
    ...         id="concept:imagenet", type="Dataset", label="ImageNet"),
    ...     "concept:imagenet-64x64": ConceptNode(
    ...         id="concept:imagenet-64x64", type="Dataset", label="ImageNet 64x64"),
    ... }
    >>> infer_broader(nodes)
    [('concept:imagenet-64x64', 'concept:imagenet', 'variant')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from kg.graph.model import ConceptNode
from kg.graph.surface import surface_key, surface_tokens
from kg.graph.vocabulary import VocabEntry
from kg.rules import load_rules

__all__ = ["infer_broader", "is_variant_token", "VARIANT_WORDS"]


#: Words that name an edition or size of a model or dataset rather than a different concept:
#: the ``edition_words`` of the rule data, the list the extractor grows a known name over
#: ("Llama-3-8B-Instruct"), so the graph folds the same editions the extractor finds.
VARIANT_WORDS = load_rules().edition_words
_NUMBERISH = re.compile(r"\d+(?:\.\d+)*|v\d+|[a-z]|[@+#]")


def is_variant_token(token: str) -> bool:
    """Whether a surface token names an edition or size ("70b", "v3", "turbo", "2")."""
    return token in VARIANT_WORDS or bool(_NUMBERISH.fullmatch(token))


def _forms(node: ConceptNode) -> list[str]:
    # a URL extracted as a name ends in a repository name, not in a general concept
    return [f for f in (node.label, *node.aliases) if "://" not in f]


def _variant_parent(
    tokens: Sequence[str], index: Mapping[str, str], own: str, nodes: Mapping[str, ConceptNode]
) -> str | None:
    for cut in range(len(tokens) - 1, 0, -1):
        if not all(is_variant_token(t) for t in tokens[cut:]):
            break
        parent = index.get("".join(tokens[:cut]))
        if parent and parent != own and nodes[parent].type == nodes[own].type:
            return parent
    return None


def _head_parent(
    tokens: Sequence[str],
    index: Mapping[str, str],
    own: str,
    nodes: Mapping[str, ConceptNode],
    form: str = "",
) -> str | None:
    for cut in range(1, len(tokens)):
        rest = tokens[cut:]
        if not all(t.isalpha() for t in rest):
            break  # the rest must be words ("language model"), not a size ("70B")
        words = sum(len(t) >= 3 for t in rest)
        parent = index.get("".join(rest))
        if not parent or parent == own or nodes[parent].type != nodes[own].type:
            continue
        # one word ("loss", "classification") only when curated as a concept of its own, and
        # spelled as that concept is when it is a name ("Zero" of "AlphaGo Zero" is not ZeRO)
        if words >= 2 or (nodes[parent].vocab_id and _spelled_as(form, rest, nodes[parent])):
            return parent
    return None


_SEPARATORS = re.compile(r"[\s\-]+")


def _spelled_as(form: str, rest: Sequence[str], parent: ConceptNode) -> bool:
    """Whether the last words of ``form`` (``rest``, as surface tokens) can name ``parent``:
    unless every form of the parent with that key is written with inner capitals ("ZeRO",
    "RLHF-V"), any casing does ("Navigation" in a title, "transformer"); else only the same
    spelling ("RL" of "Multi-task RL", "DPO" of "Step-DPO"; "Zero" of "AlphaGo Zero" is not
    ZeRO)."""
    pieces = [p for p in _SEPARATORS.split(form) if p]
    if len(pieces) < len(rest):
        return True
    tail = "".join(pieces[-len(rest) :])
    names = [f for f in _forms(parent) if surface_key(f) == "".join(rest)]
    special = [_SEPARATORS.sub("", f) for f in names if f[1:] != f[1:].lower()]
    return not names or len(special) < len(names) or tail in special


def infer_broader(
    nodes: Mapping[str, ConceptNode],
    vocabulary: Sequence[VocabEntry] = (),
    key_to_concept: Mapping[str, str] | None = None,
) -> list[tuple[str, str, str]]:
    """Broader edges ``(specific id, general id, source)`` over ``nodes``, sorted.

    Also sets each node's ``broader`` list. ``key_to_concept`` (from
    :func:`kg.graph.normalize.normalise_concepts`) maps surface keys to node ids; without it the
    nodes' labels and aliases are used.

    Examples:
        >>> from kg.graph.model import ConceptNode
        >>> ids = ["llama", "llama-2", "llama-2-70b"]
        >>> labels = ["LLaMA", "LLaMA-2", "LLaMA-2-70B"]
        >>> nodes = {f"concept:{i}": ConceptNode(id=f"concept:{i}", type="Method", label=lab)
        ...          for i, lab in zip(ids, labels)}
        >>> [(a, b) for a, b, _ in infer_broader(nodes)]
        [('concept:llama-2', 'concept:llama'), ('concept:llama-2-70b', 'concept:llama-2')]
    """
    index: dict[str, str] = dict(key_to_concept or {})
    for cid in sorted(nodes):
        for form in _forms(nodes[cid]):
            index.setdefault(surface_key(form), cid)
    index = {k: v for k, v in index.items() if v in nodes}

    candidates: list[tuple[str, str, str]] = []
    candidates.extend(_vocabulary_edges(nodes, vocabulary, index))
    for source in ("variant", "head"):
        for cid in sorted(nodes):
            found: set[str] = set()
            for form in _forms(nodes[cid]):
                tokens = surface_tokens(form)
                parent = (
                    _variant_parent(tokens, index, cid, nodes)
                    if source == "variant"
                    else _head_parent(tokens, index, cid, nodes, form)
                )
                if parent:
                    found.add(parent)
            candidates.extend((cid, p, source) for p in sorted(found))

    dag = nx.DiGraph()
    dag.add_nodes_from(sorted(nodes))
    sources: dict[tuple[str, str], str] = {}
    for child, parent, source in candidates:
        if child == parent or dag.has_edge(child, parent) or nx.has_path(dag, parent, child):
            continue
        dag.add_edge(child, parent)
        sources[(child, parent)] = source
    reduced = nx.transitive_reduction(dag)
    edges = sorted((a, b, sources[(a, b)]) for a, b in reduced.edges())
    for node in nodes.values():
        node.broader = []
    for child, parent, _ in edges:
        nodes[child].broader.append(parent)
    return edges


def _vocabulary_edges(
    nodes: Mapping[str, ConceptNode], vocabulary: Iterable[VocabEntry], index: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    vocab = {e.id: e for e in vocabulary}
    node_of_entry: dict[str, str] = {}
    for cid in sorted(nodes):
        vid = nodes[cid].vocab_id
        if vid and vid in vocab:
            node_of_entry.setdefault(vid, cid)
    for vid, entry in vocab.items():
        found = index.get(surface_key(entry.label))
        if found is not None:
            node_of_entry.setdefault(vid, found)
    edges: list[tuple[str, str, str]] = []
    for vid in sorted(node_of_entry):
        child = node_of_entry[vid]
        frontier, seen = list(vocab[vid].broader), {vid}
        while frontier:
            up = frontier.pop(0)
            if up in seen or up not in vocab:
                continue
            seen.add(up)
            if up in node_of_entry and node_of_entry[up] != child:
                edges.append((child, node_of_entry[up], "vocabulary"))
            else:
                frontier.extend(vocab[up].broader)
    return sorted(set(edges))
