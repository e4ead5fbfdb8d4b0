"""Corpus-wide concept normalisation, case by case (kg.graph.normalize, kg.graph.surface)."""

from __future__ import annotations

import random

import pytest

from kg.graph import build_graph, normalise_concepts
from kg.graph.hierarchy import infer_broader
from kg.graph.vocabulary import VocabEntry
from kg.model import Concept, Extraction, Paper


def _ex(pid: str, *concepts: Concept) -> Extraction:
    return Extraction(id=pid, title=pid, entities=list(concepts))


def _c(name: str, ctype: str = "Method", *aliases: str, **kw: object) -> Concept:
    return Concept(type=ctype, name=name, aliases=list(aliases), **kw)  # type: ignore[arg-type]


def _ids(n, pid: str) -> list[str]:
    return sorted({cid for (p, _), cid in n.concept_of.items() if p == pid})


def test_llms_large_language_models_one_node_across_papers():
    n = normalise_concepts(
        [
            _ex("a", _c("LLMs")),
            _ex("b", _c("large language models")),
            _ex("c", _c("Large Language Model")),
            _ex("d", _c("large-language model")),
        ]
    )
    assert len(n.concepts) == 1
    node = next(iter(n.concepts.values()))
    assert node.papers == ["a", "b", "c", "d"]
    assert node.label == "Large Language Model"  # tie on the key: singular, then sorted
    assert {"LLMs", "large language models", "large-language model"} <= set(node.aliases)


def test_definition_in_one_paper_resolves_bare_acronym_in_another():
    n = normalise_concepts(
        [
            _ex("a", _c("Proximal Policy Optimization", "Method", "PPO")),
            _ex("b", _c("PPO")),
            _ex("c", _c("PPO"), _c("MoE"), _c("RL", "Task")),
            _ex(
                "d",
                _c("Mixture of Experts", "Method", "MoE"),
                _c("reinforcement learning", "Task", "RL"),
            ),
        ]
    )
    ppo = "concept:proximal-policy-optimization"
    assert n.concept_of[("b", 0)] == ppo
    assert n.concept_of[("c", 0)] == ppo
    assert n.concepts[ppo].aliases == ["PPO"]
    assert n.concept_of[("c", 1)] == "concept:mixture-of-experts"
    assert n.concept_of[("c", 2)] == "concept:reinforcement-learning"
    assert not n.ambiguous


def test_a_name_with_an_acronym_for_a_word_is_the_name_spelled_out():
    n = normalise_concepts(
        [
            _ex("a", _c("state space models", "Method", "SSMs")),
            _ex("b", _c("Deep Selective SSMs")),
            _ex("c", _c("deep selective state space models")),
            # an acronym with two meanings is not spelled out
            _ex("d", _c("policy optimization", "Method", "PO"), _c("Fast PO")),
            _ex("e", _c("partial observability", "Method", "PO"), _c("fast policy optimization")),
        ]
    )
    assert n.concept_of[("b", 0)] == n.concept_of[("c", 0)]
    assert n.concept_of[("d", 1)] != n.concept_of[("e", 1)]


def test_acronym_with_two_meanings_is_kept_apart():
    n = normalise_concepts(
        [
            _ex("a", _c("reinforcement learning", "Task", "RL")),
            _ex("b", _c("representation learning", "Task", "RL")),
            _ex("c", _c("RL", "Task")),
        ]
    )
    assert n.concept_of[("a", 0)] == "concept:reinforcement-learning"
    assert n.concept_of[("b", 0)] == "concept:representation-learning"
    assert n.concept_of[("c", 0)] == "concept:rl"
    assert n.concepts["concept:rl"].papers == ["c"]
    assert n.ambiguous == {
        "rl": ["concept:reinforcement-learning", "concept:representation-learning"]
    }


def test_long_forms_in_other_words_are_one_meaning():
    n = normalise_concepts(
        [
            _ex("a", _c("Reinforcement Learning from Human Feedback", "Method", "RLHF")),
            _ex("b", _c("reinforcement learning with human feedback", "Method", "RLHF")),
            _ex("c", _c("RLHF")),
        ]
    )
    assert len(n.concepts) == 1
    assert not n.ambiguous


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Fréchet Inception Distance", "Frechet Inception Distance"),
        ("ImageNet 64×64", "ImageNet-64x64"),
        ("flow-matching", "Flow Matching"),
        ("GPT-4", "GPT4"),
        ("Proximal Policy Optimisation", "proximal policy optimization"),
        ("Vision Transformers", "vision transformer"),
        ("the MMLU benchmark", "MMLU"),
        ("LLaMA-2", "Llama 2"),
        ("ＢＥＲＴ", "BERT"),  # full-width Unicode
        ("image  synthesis", "Image synthesis"),
    ],
)
def test_spelling_variants_are_one_concept(first: str, second: str):
    n = normalise_concepts([_ex("a", _c(first)), _ex("b", _c(second))])
    assert len(n.concepts) == 1, n.concepts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("GPT-4", "GPT-4 Turbo"),
        ("ImageNet", "ImageNet 64x64"),
        ("diffusion model", "diffusion"),
        ("LLaMA", "LLaMA-2"),
        ("reinforcement learning", "representation learning"),
        ("C++", "C"),
        ("A* search", "search"),  # the star is part of the name, not an article "A"
    ],
)
def test_different_concepts_stay_apart(first: str, second: str):
    n = normalise_concepts([_ex("a", _c(first)), _ex("b", _c(second))])
    assert len(n.concepts) == 2
    assert len({c.id for c in n.concepts.values()}) == 2


def test_vocabulary_aliases_and_vocab_id_join_the_entry():
    vocab = [
        VocabEntry(
            id="metric:fid",
            label="Fréchet Inception Distance",
            type="Metric",
            aliases=("FID", "FID score"),
        ),
        VocabEntry(id="dataset:coco", label="MS COCO", type="Dataset", aliases=("COCO",)),
    ]
    n = normalise_concepts(
        [
            _ex("a", _c("FID", "Metric")),
            _ex("b", _c("FID score", "Metric")),
            _ex("c", _c("Microsoft COCO captions", "Dataset", vocab_id="dataset:coco")),
            _ex("d", _c("COCO", "Dataset")),
        ],
        vocab,
    )
    fid = n.concepts["concept:frechet-inception-distance"]
    assert fid.papers == ["a", "b"] and fid.vocab_id == "metric:fid"
    assert {"FID", "FID score"} <= set(fid.aliases)
    coco = n.concepts[n.concept_of[("c", 0)]]
    assert coco.papers == ["c", "d"] and coco.vocab_id == "dataset:coco"


def test_preferred_label_is_most_frequent_full_form_and_type_is_majority():
    n = normalise_concepts(
        [
            _ex("a", _c("diffusion models", "Method")),
            _ex("b", _c("Diffusion Model", "Method")),
            _ex("c", _c("diffusion models", "Task")),
            _ex("d", _c("diffusion models", "Method")),
            _ex("e", _c("DM", "Method")),
        ]
    )
    [node] = [c for c in n.concepts.values() if "a" in c.papers]
    assert node.label == "diffusion models"
    assert node.type == "Method"
    assert node.aliases[0] == "Diffusion Model"


def test_type_tie_breaks_in_concept_type_order():
    n = normalise_concepts([_ex("a", _c("ROUGE", "Metric")), _ex("b", _c("ROUGE", "Dataset"))])
    assert next(iter(n.concepts.values())).type == "Dataset"


def test_ids_do_not_depend_on_input_order():
    exs = [
        _ex("a", _c("Proximal Policy Optimization", "Method", "PPO"), _c("LLMs")),
        _ex("b", _c("PPO"), _c("large language models"), _c("ImageNet 64x64", "Dataset")),
        _ex("c", _c("Large Language Model"), _c("ImageNet", "Dataset"), _c("RL", "Task")),
        _ex("d", _c("reinforcement learning", "Task", "RL")),
    ]
    ref = normalise_concepts(exs)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = [Extraction(id=e.id, title=e.title, entities=list(e.entities)) for e in exs]
        rng.shuffle(shuffled)
        got = normalise_concepts(shuffled)
        assert list(got.concepts) == list(ref.concepts)
        assert got.concept_of == ref.concept_of
        assert [c.label for c in got.concepts.values()] == [c.label for c in ref.concepts.values()]


def test_built_graph_is_identical_for_reversed_input(small_papers, small_extractions):
    a = build_graph(small_papers, small_extractions)
    b = build_graph(list(reversed(small_papers)), list(reversed(small_extractions)))
    assert sorted(a.graph.nodes(data=True)) == sorted(b.graph.nodes(data=True))
    assert sorted(a.graph.edges(data=True)) == sorted(b.graph.edges(data=True))


def test_fixture_corpus_merges_llms_and_ppo(small_kg):
    llm = small_kg.concept_of[("arxiv:2403.00004", 1)]  # bare "LLMs"
    assert llm == small_kg.concept_of[("arxiv:2402.00003", 0)]  # "large language models (LLMs)"
    ppo = small_kg.concept_of[("doi:10.1000/xss", 0)]
    assert small_kg.graph.nodes[ppo]["label"].casefold() == "proximal policy optimization"
    assert small_kg.graph.nodes[ppo]["papers"] == 3


def test_build_graph_reads_paper_nodes_without_extraction():
    kg = build_graph([Paper(id="x", title="X", abstract="")], [], vocabulary=[])
    assert kg.paper_nodes() == ["x"] and kg.concept_nodes() == []


# Cases found reviewing the bundled corpus (see kg.graph.review)


def test_x_based_is_said_of_x():
    n = normalise_concepts(
        [
            _ex("a", _c("reinforcement learning", "Method", "RL")),
            _ex("b", _c("RL-based")),
            _ex("c", _c("LLM-based agent")),
        ]
    )
    assert n.concept_of[("b", 0)] == "concept:reinforcement-learning"
    assert n.concept_of[("c", 0)] == "concept:llm-based-agent"


@pytest.mark.parametrize(
    ("first", "second", "acronym"),
    [
        ("maximum likelihood", "maximum likelihood estimation", "MLE"),
        ("outcome-based reward models", "outcome reward models", "ORM"),
        ("Proximal Policy Optimisation", "Proximal Policy Optimization", "PPO"),
    ],
)
def test_one_acronym_spelled_out_in_other_words_is_one_concept(first, second, acronym):
    n = normalise_concepts(
        [
            _ex("a", _c(first, "Method", acronym)),
            _ex("b", _c(second, "Method", acronym)),
            _ex("c", _c(acronym)),
        ]
    )
    assert len(n.concepts) == 1 and not n.ambiguous


def test_extractor_vocabulary_match_is_trusted_over_a_sloppy_expansion():
    vocab = [
        VocabEntry(
            id="m:dpo", label="direct preference optimization", type="Method", aliases=("DPO",)
        )
    ]
    n = normalise_concepts(
        [
            _ex("a", _c("Direct Policy Optimization", "Method", "DPO", vocab_id="m:dpo")),
            _ex("b", _c("Direct Preference Optimization", "Method", "DPO", vocab_id="m:dpo")),
            _ex("c", _c("DPO")),
        ],
        vocab,
    )
    assert len(n.concepts) == 1 and not n.ambiguous
    assert n.concepts["concept:direct-preference-optimization"].papers == ["a", "b", "c"]


def test_meaning_known_only_to_the_vocabulary_does_not_make_an_acronym_ambiguous():
    vocab = [
        VocabEntry(id="t:asr", label="automatic speech recognition", type="Task", aliases=("ASR",))
    ]
    n = normalise_concepts(
        [_ex("a", _c("attack success rate", "Metric", "ASR")), _ex("b", _c("ASR", "Metric"))],
        vocab,
    )
    assert n.concept_of[("b", 0)] == "concept:attack-success-rate"


def test_bare_acronym_resolved_through_a_vocabulary_alias_spelling_it():
    vocab = [
        VocabEntry(
            id="m:sa", label="self-attention", type="Method", aliases=("multi-head attention",)
        )
    ]
    n = normalise_concepts([_ex("a", _c("MHA")), _ex("b", _c("self-attention"))], vocab)
    assert n.concept_of[("a", 0)] == "concept:self-attention"


def test_two_letter_acronym_is_not_guessed_from_initials():
    n = normalise_concepts([_ex("a", _c("RL", "Task")), _ex("b", _c("robot learning", "Task"))])
    assert len(n.concepts) == 2


def test_vocabulary_match_contradicted_by_the_long_form_is_not_trusted():
    vocab = [VocabEntry(id="m:bo", label="Bayesian optimization", type="Method", aliases=("BO",))]
    n = normalise_concepts(
        [
            _ex("a", _c("Bilevel Optimization", "Method", "BO", vocab_id="m:bo")),
            _ex("b", _c("Bayesian optimization", "Method", "BO", vocab_id="m:bo")),
            _ex("c", _c("BO", "Method")),
        ],
        vocab,
    )
    assert n.concept_of[("a", 0)] == "concept:bilevel-optimization"
    assert n.concept_of[("b", 0)] == "concept:bayesian-optimization"
    assert n.concept_of[("c", 0)] == "concept:bo"  # two meanings in the corpus
    assert n.concepts["concept:bilevel-optimization"].vocab_id is None


def test_slug_clashes_get_distinct_stable_ids():
    exs = [
        _ex("a", _c("C++"), _c("C"), _c("C 2")),
        _ex("b", _c("C")),
    ]
    n = normalise_concepts(exs)
    labels = {cid: node.label for cid, node in n.concepts.items()}
    assert labels == {"concept:c": "C", "concept:c-2": "C 2", "concept:c-3": "C++"}
    assert normalise_concepts(list(reversed(exs))).concept_of == n.concept_of


_GPT = VocabEntry(
    id="method:gpt",
    label="GPT",
    type="Method",
    aliases=("Generative Pre-trained Transformer",),
)


def test_an_acronym_the_extractor_knows_gets_no_guessed_long_form():
    # "grid pattern tracking" spells GPT, but the extractor matched GPT to the vocabulary
    n = normalise_concepts(
        [
            _ex("a", _c("GPT", "Method", vocab_id="method:gpt")),
            _ex("b", _c("grid pattern tracking", "Task")),
        ],
        [_GPT],
    )
    assert n.concept_of[("a", 0)] != n.concept_of[("b", 0)]
    assert "grid pattern tracking" not in n.concepts[n.concept_of[("a", 0)]].aliases


def test_an_edition_of_a_known_name_does_not_name_its_concept():
    n = normalise_concepts(
        [
            _ex("a", _c("GPT-35-turbo", "Method", vocab_id="method:gpt")),
            _ex("b", _c("GPT", "Method", vocab_id="method:gpt")),
        ],
        [_GPT],
    )
    (node,) = n.concepts.values()
    assert (node.id, node.label) == ("concept:gpt", "GPT")
    assert "GPT-35-turbo" in node.aliases


def test_the_label_is_the_vocabulary_spelling_even_when_it_looks_like_an_acronym():
    vocab = [VocabEntry(id="dataset:cifar-10", label="CIFAR-10", type="Dataset")]
    exs = [_ex(p, _c("Cifar10", "Dataset", vocab_id="dataset:cifar-10")) for p in "ab"]
    (node,) = normalise_concepts(exs, vocab).concepts.values()
    assert (node.id, node.label) == ("concept:cifar-10", "CIFAR-10")


def test_a_title_cased_spelling_does_not_label_a_lower_case_concept():
    exs = [_ex(p, _c("Human Alignment", "Task")) for p in "abc"]
    exs.append(_ex("d", _c("human alignment", "Task")))
    (node,) = normalise_concepts(exs).concepts.values()
    assert node.label == "human alignment"


_RL = VocabEntry(
    id="method:reinforcement-learning",
    label="reinforcement learning",
    type="Method",
    aliases=("RL",),
)


def test_a_kind_of_a_named_concept_is_a_node_of_its_own_below_it():
    # the extractor keeps the known base as an alias and its vocabulary id; the corpus names
    # reinforcement learning on its own, so the specific name is another concept
    rl = "method:reinforcement-learning"
    exs = [
        _ex(
            "a",
            _c(
                "constrained reinforcement learning",
                "Method",
                "reinforcement learning",
                vocab_id=rl,
            ),
        ),
        _ex("b", _c("reinforcement learning", "Method", "RL", vocab_id=rl)),
    ]
    n = normalise_concepts(exs, [_RL])
    assert n.concept_of[("a", 0)] == "concept:constrained-reinforcement-learning"
    assert n.concept_of[("b", 0)] == "concept:reinforcement-learning"
    specific = n.concepts["concept:constrained-reinforcement-learning"]
    assert "reinforcement learning" not in specific.aliases and specific.vocab_id is None
    broader = infer_broader(n.concepts, [_RL])
    assert (
        "concept:constrained-reinforcement-learning",
        "concept:reinforcement-learning",
        "head",
    ) in broader


def test_a_kind_of_a_concept_no_paper_names_alone_stays_in_its_node():
    # nothing else would hold the papers of "online fine-tuning" and "quantized fine-tuning"
    # together: both stay "fine-tuning"
    exs = [
        _ex("a", _c("online fine-tuning", "Method", "fine-tuning")),
        _ex("b", _c("quantized fine-tuning", "Method", "fine-tuning")),
    ]
    n = normalise_concepts(exs)
    assert n.concept_of[("a", 0)] == n.concept_of[("b", 0)]


def test_a_metric_on_something_is_the_metric():
    exs = [
        _ex("a", _c("prediction accuracy", "Metric", "accuracy")),
        _ex("b", _c("accuracy", "Metric")),
    ]
    n = normalise_concepts(exs)
    assert n.concept_of[("a", 0)] == n.concept_of[("b", 0)] == "concept:accuracy"


def test_an_acronym_of_the_general_name_does_not_define_the_specific_one():
    # "FL" stands for federated learning, not for the decentralized kind
    exs = [
        _ex(
            "a", _c("Decentralized Federated Learning", "Method", "FL", "Federated Learning", "DFL")
        ),
        _ex("b", _c("federated learning", "Method", "FL")),
        _ex("c", _c("FL")),
    ]
    n = normalise_concepts(exs)
    assert n.concept_of[("a", 0)] != n.concept_of[("b", 0)] == n.concept_of[("c", 0)]
    assert "FL" not in n.concepts[n.concept_of[("a", 0)]].aliases


def test_the_acronym_of_a_general_name_stays_with_the_general_concept():
    # "Online reinforcement learning (RL) methods": RL stands for reinforcement learning,
    # which other papers name; a bare RL elsewhere is reinforcement learning, not online RL
    exs = [
        _ex("a", _c("Online reinforcement learning", "Method", "online RL", "RL")),
        _ex("b", _c("reinforcement learning", "Method", "RL")),
        _ex("c", _c("RL")),
    ]
    n = normalise_concepts(exs)
    online = n.concepts[n.concept_of[("a", 0)]]
    assert online.label == "Online reinforcement learning" and "RL" not in online.aliases
    assert n.concept_of[("c", 0)] == n.concept_of[("b", 0)] == "concept:reinforcement-learning"
    assert not n.ambiguous


def test_an_acronym_with_the_general_names_initials_goes_with_the_general_name():
    # PPO's letters are in "pairwise proximal policy optimization" too, but it spells the
    # initials of proximal policy optimization, which another paper names
    exs = [
        _ex("a", _c("pairwise proximal policy optimization", "Method", "PPO", "PPO algorithm")),
        _ex("b", _c("Proximal Policy Optimization", "Method", "PPO")),
        _ex("c", _c("PPO")),
    ]
    n = normalise_concepts(exs)
    assert not n.ambiguous
    assert n.concept_of[("c", 0)] == n.concept_of[("b", 0)] != n.concept_of[("a", 0)]
    assert n.concepts[n.concept_of[("a", 0)]].aliases == []


def test_a_metric_keyed_like_a_model_is_no_form_of_the_model():
    # "CLIP score" and "D4RL score" lose the generic "score" in their keys, which are then
    # CLIP's and D4RL's; each stays its own entry's node
    vocab = [
        VocabEntry(id="method:clip", label="CLIP", type="Method"),
        VocabEntry(id="metric:clip-score", label="CLIP score", type="Metric"),
        VocabEntry(id="dataset:d4rl", label="D4RL", type="Dataset"),
        VocabEntry(
            id="metric:normalized-score",
            label="normalized score",
            type="Metric",
            aliases=("D4RL score",),
        ),
    ]
    n = normalise_concepts(
        [
            _ex(
                "a",
                _c("CLIP", vocab_id="method:clip"),
                _c("D4RL", "Dataset", vocab_id="dataset:d4rl"),
            ),
            _ex(
                "b",
                _c("CLIP score", "Metric", vocab_id="metric:clip-score"),
                _c("normalized score", "Metric", vocab_id="metric:normalized-score"),
            ),
        ],
        vocab,
    )
    assert _ids(n, "a") == ["concept:clip", "concept:d4rl"]
    assert _ids(n, "b") == ["concept:clip-score", "concept:normalized-score"]
