"""Sentence splitting and acronym/naming detection on spacy.blank("en")."""

from __future__ import annotations

import pytest
import spacy

import kg.extract  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_abbreviations")
    return nlp


def pairs(nlp, text):
    return [(lf.text, sf.text) for lf, sf in nlp(text)._.kg_abbreviations]


def test_sentences_respect_abbreviations_and_decimals(nlp):
    doc = nlp(
        "Prior work (e.g. Smith et al. 2020) fails. We reach 71.2% accuracy vs. 60.1%. "
        "Code is public. tpSGD is faster. It varies in timing, effort, etc. To fix it we act."
    )
    assert [s.text for s in doc.sents] == [
        "Prior work (e.g. Smith et al. 2020) fails.",
        "We reach 71.2% accuracy vs. 60.1%.",
        "Code is public.",
        # a name written with a lower-case first letter opens a sentence too
        "tpSGD is faster.",
        # "etc." ends a sentence before a capital
        "It varies in timing, effort, etc.",
        "To fix it we act.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We introduce Bellman Optimal Step-size Straightening (BOSS), a method.",
            [("Bellman Optimal Step-size Straightening", "BOSS")],
        ),
        (
            "aligned with Reinforcement Learning from Human Feedback (RLHF) using Proximal Policy "
            "Optimization (PPO).",
            [
                ("Reinforcement Learning from Human Feedback", "RLHF"),
                ("Proximal Policy Optimization", "PPO"),
            ],
        ),
        ("Large language models (LLMs) can plan.", [("Large language models", "LLMs")]),
        (
            "We present Turbo Gaussian Splatting (Turbo-GS).",
            [("Turbo Gaussian Splatting", "Turbo-GS")],
        ),
        ("the SPIN (Self-Play Fine-Tuning) method", [("Self-Play Fine-Tuning", "SPIN")]),
        ("reinforcement learning (RL; Sutton and Barto) works", [("reinforcement learning", "RL")]),
        (  # quotes around the long form are not part of it
            'the SemEval-2010 "Cross-Lingual Word Sense Disambiguation" (CLWSD) task',
            [("Cross-Lingual Word Sense Disambiguation", "CLWSD")],
        ),
        (
            "We use \u201cProximal Policy Optimization\u201d (PPO).",
            [("Proximal Policy Optimization", "PPO")],
        ),
        (  # counted letters: a leading number is its word, a digit repeats a capital
            "This work addresses two-stage robust optimization (2RO) problems.",
            [("two-stage robust optimization", "2RO")],
        ),
        (
            "a new reward signal: the Reasoning Reflection Reward (R3).",
            [("Reasoning Reflection Reward", "R3")],
        ),
        (
            "We train an Asynchronous Advantage Actor-Critic (A3C) agent.",
            [("Asynchronous Advantage Actor-Critic", "A3C")],
        ),
        (  # "long form, or SF,"
            "we develop Meta Reinforcement Fine-Tuning, or MRT, a new class of methods.",
            [("Meta Reinforcement Fine-Tuning", "MRT")],
        ),
        (
            "reconstruction on demand by tensor voting, or ROD-TV.",
            [("reconstruction on demand by tensor voting", "ROD-TV")],
        ),
        (  # a long form does not start at a function word that carries the first letter
            "we propose an Optimistic variant of the Proximal Policy Optimization algorithm "
            "(OPPO), which follows",
            [("Optimistic variant of the Proximal Policy Optimization algorithm", "OPPO")],
        ),
        (  # in text order with the bracketed ones
            "Large language models (LLMs) with Meta Reinforcement Fine-Tuning, or MRT.",
            [("Large language models", "LLMs"), ("Meta Reinforcement Fine-Tuning", "MRT")],
        ),
    ],
)
def test_acronym_definitions(nlp, text, expected):
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The mean (see below) is high.",
        "We use n samples (n=5).",
        "As shown before (2023), it works.",
        "A model (Figure 2) and a method (XYZ) differ.",
        # an alternative, not a definition: the letters do not spell a long form before it
        "We train on GPUs, or TPUs, for speed.",
        "We use Adam, or SGD, here.",
        # one capital does not spell three words
        "We maximise the expected reward (R3) here.",
    ],
)
def test_no_false_definitions(nlp, text):
    assert pairs(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "name", "ctype"),
    [
        ("We build a new benchmark dubbed UI-NEXUS for agents.", "UI-NEXUS", "Dataset"),
        (
            "We propose a new method called Self-Play Fine-Tuning (SPIN).",
            "Self-Play Fine-Tuning",
            "Method",
        ),
        (
            "an LLM-based prompt adaptation framework, termed as Prompt-A-Video, which",
            "Prompt-A-Video",
            "Method",
        ),
        ("a strategy, which we call `EvoLLM', that wins", "EvoLLM", "Method"),
        ("a metric named DreamSim measures similarity", "DreamSim", "Metric"),
        # a lower-case long form its acronym defines
        (
            "The new methods, which we call proximal policy optimization (PPO), are simple.",
            "proximal policy optimization",
            "Method",
        ),
    ],
)
def test_naming_phrases(nlp, text, name, ctype):
    assert [(n.text, t) for n, t in nlp(text)._.kg_names] == [(name, ctype)]


def test_function_call_is_not_a_naming_phrase(nlp):
    assert nlp("Each function call costs GPU time.")._.kg_names == []
