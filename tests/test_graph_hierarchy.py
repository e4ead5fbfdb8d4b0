"""Concept hierarchy: variants point to their general concept (kg.graph.hierarchy)."""

from __future__ import annotations

import subprocess
import sys

from kg.graph import build_graph
from kg.graph.vocabulary import VocabEntry
from kg.model import Concept, Extraction, Paper


def _kg(names: dict[str, list[tuple[str, str]]], vocabulary=()):
    papers = [Paper(id=pid, title=pid, abstract="") for pid in names]
    exs = [
        Extraction(id=pid, title=pid, entities=[Concept(type=t, name=n) for n, t in ents])
        for pid, ents in names.items()
    ]
    return build_graph(papers, exs, vocabulary=list(vocabulary))


def _broader(kg) -> set[tuple[str, str]]:
    return {(a, b) for a, b, d in kg.graph.edges(data=True) if d["kind"] == "broader"}


def test_imagenet_64x64_is_narrower_than_imagenet():
    kg = _kg({"a": [("ImageNet 64x64", "Dataset")], "b": [("ImageNet", "Dataset")]})
    assert _broader(kg) == {("concept:imagenet-64x64", "concept:imagenet")}
    assert kg.concepts["concept:imagenet-64x64"].broader == ["concept:imagenet"]
    assert kg.concepts["concept:imagenet"].broader == []


def test_model_sizes_and_versions_form_a_chain_without_shortcut():
    kg = _kg(
        {
            "a": [("LLaMA-2-70B", "Method")],
            "b": [("LLaMA-2", "Method")],
            "c": [("LLaMA", "Method"), ("Qwen2.5-7B-Instruct", "Method")],
            "d": [("Qwen2.5", "Method")],
        }
    )
    assert _broader(kg) == {
        ("concept:llama-2-70b", "concept:llama-2"),
        ("concept:llama-2", "concept:llama"),
        ("concept:qwen2-5-7b-instruct", "concept:qwen2-5"),
    }


def test_modifier_plus_concept_points_to_the_concept_of_the_same_type():
    kg = _kg(
        {
            "a": [("multimodal large language models", "Method"), ("image generation", "Task")],
            "b": [("large language model", "Method"), ("text-to-image generation", "Task")],
            "c": [("offline reinforcement learning", "Task"), ("language model", "Dataset")],
        }
    )
    assert _broader(kg) == {
        ("concept:multimodal-large-language-models", "concept:large-language-model"),
        ("concept:text-to-image-generation", "concept:image-generation"),
    }


def test_vocabulary_broader_followed_to_the_nearest_concept_in_the_corpus():
    vocab = [
        VocabEntry(id="t:rl", label="reinforcement learning", type="Task"),
        VocabEntry(id="t:offline-rl", label="offline RL", type="Task", broader=("t:rl",)),
        VocabEntry(id="t:ml", label="machine learning", type="Task"),
        VocabEntry(id="m:ppo", label="PPO", type="Method", broader=("m:pg",)),
        VocabEntry(id="m:pg", label="policy gradient", type="Method", broader=("m:ml",)),
        VocabEntry(id="m:ml", label="machine learning method", type="Method"),
    ]
    kg = _kg(
        {
            "a": [("offline RL", "Task"), ("PPO", "Method")],
            "b": [("reinforcement learning", "Task"), ("machine learning method", "Method")],
        },
        vocab,
    )
    edges = {(a, b, d["source"]) for a, b, d in kg.graph.edges(data=True) if d["kind"] == "broader"}
    assert edges == {
        ("concept:offline-rl", "concept:reinforcement-learning", "vocabulary"),
        ("concept:ppo", "concept:machine-learning-method", "vocabulary"),
    }


def test_vocabulary_cycle_does_not_make_a_cycle():
    vocab = [
        VocabEntry(id="x", label="alpha method", type="Method", broader=("y",)),
        VocabEntry(id="y", label="beta method", type="Method", broader=("x",)),
    ]
    kg = _kg({"a": [("alpha method", "Method"), ("beta method", "Method")]}, vocab)
    assert len(_broader(kg)) == 1


def test_fixture_imagenet_variant_points_to_imagenet(small_kg):
    assert small_kg.graph.edges["concept:imagenet-64x64", "concept:imagenet"]["kind"] == "broader"


def test_size_suffix_is_not_a_general_concept():
    # "7B" extracted on its own must not become the broader concept of "Mistral 7B"
    kg = _kg(
        {
            "a": [("Mistral 7B", "Method"), ("7B", "Method"), ("LLaMA-2-70B", "Method")],
            "b": [("70B", "Method"), ("Mistral", "Method")],
        }
    )
    assert _broader(kg) == {("concept:mistral-7b", "concept:mistral")}


def test_variant_needs_the_same_type_and_urls_are_no_concepts():
    kg = _kg(
        {
            "a": [("GUI-R1", "Method"), ("https://github.com/x/Step-DPO", "Method")],
            "b": [("GUI", "Task"), ("Step-DPO", "Method")],
        }
    )
    assert _broader(kg) == set()


def test_one_word_head_only_when_curated():
    vocab = [VocabEntry(id="t:cls", label="classification", type="Task")]
    ents = {
        "a": [("image classification", "Task"), ("training loss", "Metric")],
        "b": [("classification", "Task"), ("loss", "Metric")],
    }
    assert _broader(_kg(ents, vocab)) == {
        ("concept:image-classification", "concept:classification")
    }


def test_a_one_word_head_written_as_a_name_must_be_spelled_like_it():
    vocab = [
        VocabEntry(id="m:zero", label="ZeRO", type="Method"),
        VocabEntry(id="m:rl", label="reinforcement learning", aliases=("RL",), type="Method"),
        VocabEntry(id="t:cls", label="classification", type="Task"),
    ]
    ents = {
        "a": [("AlphaGo Zero", "Method"), ("Multi-task RL", "Method")],
        "b": [("ZeRO", "Method"), ("RL", "Method")],
        "c": [("Image Classification", "Task"), ("classification", "Task")],
    }
    assert _broader(_kg(ents, vocab)) == {
        ("concept:multi-task-rl", "concept:reinforcement-learning"),
        ("concept:image-classification", "concept:classification"),
    }


def test_the_graph_and_the_extractor_read_one_edition_list():
    # "Llama-3-8B-Instruct" grows over the words the graph folds as editions; the rules'
    # capitalised variant words are editions too
    from kg.graph.hierarchy import VARIANT_WORDS
    from kg.rules import load_rules

    rules = load_rules()
    assert VARIANT_WORDS == rules.edition_words
    assert {"instruct", "zero", "math", "uncased"} <= VARIANT_WORDS
    assert {w.lower() for w in rules.variant_words} <= VARIANT_WORDS


def test_the_graph_reads_the_rule_data_without_loading_spacy():
    # the shared rule reader lives outside the extraction stage: building or reading a graph
    # must not pay for importing spaCy
    code = "import sys, kg.graph, kg.rules; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_benchmark_or_model_of_its_own_is_a_narrower_node_not_an_alias():
    # the shipped vocabulary lists a derived benchmark (VisualWebArena, HumanEval+) or model
    # (PointNet++) as an entry of its own under the one it derives from, so that the papers
    # using each stay apart and are joined by a broader edge
    from kg.graph.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    kg = _kg(
        {
            "a": [("VisualWebArena", "Dataset"), ("PointNet++", "Method")],
            "b": [("WebArena", "Dataset"), ("PointNet", "Method")],
            "c": [("HumanEval+", "Dataset"), ("HumanEval", "Dataset")],
            "d": [("WikiText-2", "Dataset"), ("WikiText", "Dataset")],
            "e": [("WikiText-103", "Dataset"), ("BLIP-2", "Method"), ("BLIP", "Method")],
            "f": [("denoising score matching", "Method"), ("score matching", "Method")],
        },
        vocab,
    )
    # editions of a family the vocabulary lists apart are nodes of their own
    by_label = {c.label: cid for cid, c in kg.concepts.items()}
    assert {"WikiText-2", "WikiText-103", "BLIP", "BLIP-2"} <= set(by_label)
    by_label = {c.label: cid for cid, c in kg.concepts.items()}
    for narrow, wide in [
        ("VisualWebArena", "WebArena"),
        ("PointNet++", "PointNet"),
        ("HumanEval+", "HumanEval"),
        ("WikiText-2", "WikiText"),
        ("WikiText-103", "WikiText"),
        ("denoising score matching", "score matching"),
    ]:
        assert narrow in by_label and wide in by_label, (narrow, wide)
        assert (by_label[narrow], by_label[wide]) in _broader(kg)
        assert wide not in kg.concepts[by_label[narrow]].aliases
    # score matching estimates a density's score; it is not a score-based generative model
    assert "score-based generative model" not in kg.concepts[by_label["score matching"]].aliases
    # the serving system and its attention algorithm are two things
    kg = _kg({"g": [("PagedAttention", "Method"), ("vLLM", "Method")]}, vocab)
    assert {c.label for c in kg.concepts.values()} >= {"PagedAttention", "vLLM"}
