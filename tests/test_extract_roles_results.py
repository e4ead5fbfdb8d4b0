"""Role detection, the proposed flag and result extraction, on spacy.blank("en")."""

from __future__ import annotations

import pytest
import spacy

import kg.extract  # noqa: F401  (registers the factories)
from kg.extract.results import find_values


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    for pipe in (
        "kg_sentences",
        "kg_abbreviations",
        "kg_vocab",
        "kg_candidates",
        "kg_generic_filter",
        "kg_concepts",
        "kg_roles",
        "kg_results",
    ):
        nlp.add_pipe(pipe)
    return nlp


def roles(nlp, text):
    doc = nlp(text)
    return {c.name: (c.type, c.role, c.proposed) for c in doc._.kg_concepts}


def results(nlp, text):
    doc = nlp(text)
    return [(r["metric"], r["value"], r["dataset"], r["method"]) for r in doc._.kg_results]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("We propose Turbo-GS, a new method.", "Turbo-GS", ("Method", "proposes", True)),
        ("Turbo-GS is compared to 3DGS.", "3DGS", ("Method", "compares", False)),
        (
            "Our model outperforms strong baselines such as DDIM and PPO.",
            "PPO",
            ("Method", "compares", False),
        ),
        ("It is 2x faster than DPO.", "DPO", ("Method", "compares", False)),
        ("We fine-tune LLaMA with LoRA.", "LoRA", ("Method", "uses", False)),
        ("Our model outperforms SAC on MuJoCo.", "MuJoCo", ("Dataset", "evaluates_on", False)),
        ("Our model outperforms SAC on MuJoCo.", "SAC", ("Method", "compares", False)),
        ("We report FID and PSNR.", "PSNR", ("Metric", "measures", False)),
        ("We study novel view synthesis.", "novel view synthesis", ("Task", "addresses", False)),
        # a bandit setting is the problem studied; bandit algorithms solve it
        (
            "We study contextual bandits with delays.",
            "contextual bandits",
            ("Task", "addresses", False),
        ),
        (
            "We give regret bounds for linear misspecified bandits.",
            "linear misspecified bandits",
            ("Task", "addresses", False),
        ),
        ("We use bandit algorithms such as EXP3.", "bandit algorithms", ("Method", "uses", False)),
        (
            "We introduce HealthBench, an open benchmark.",
            "HealthBench",
            ("Dataset", "proposes", True),
        ),
        # the names listed after a comparison cue all compare, however long the list
        (
            "We compare against several baselines (e.g., DPO, IPO, SimPO, and KTO) on TL;DR.",
            "KTO",
            ("Method", "compares", False),
        ),
        # named prior methods are what the paper sets itself against
        (
            "Existing methods such as DreamBooth and Textual Inversion need tuning.",
            "Textual Inversion",
            ("Method", "compares", False),
        ),
        # data the paper trains on, not data it evaluates on
        ("Our model, trained on LAION-5B, beats SDXL.", "LAION-5B", ("Dataset", "uses", False)),
        ("We pre-train on C4 and evaluate on GLUE.", "C4", ("Dataset", "uses", False)),
        ("We pre-train on C4 and evaluate on GLUE.", "GLUE", ("Dataset", "evaluates_on", False)),
        # the training verb and its object before "on"
        ("We fine-tune Llama-2 on Alpaca.", "Alpaca", ("Dataset", "uses", False)),
        # not a training verb in a bracket or in a name
        (
            "It improves a model (already fine-tuned with RL) on GSM8K by 12%.",
            "GSM8K",
            ("Dataset", "evaluates_on", False),
        ),
        (
            "It beats the Supervised Fine-Tuning (SFT) baseline on GSM8K by 9%.",
            "GSM8K",
            ("Dataset", "evaluates_on", False),
        ),
        # the name of what "we" just called new is proposed, known or not
        (
            "We introduce a new framework for inference, Tree of Thoughts (ToT).",
            "Tree of Thoughts",
            ("Method", "proposes", True),
        ),
        (
            "We train on ImageNet and evaluate on ImageNet.",
            "ImageNet",
            ("Dataset", "evaluates_on", False),
        ),
        # the noun after an acronym's definition types it ("schedule" is a method word)
        (
            "We propose a new learning rate profile called the Reflected Cosine (RECO) schedule.",
            "Reflected Cosine",
            ("Method", "proposes", True),
        ),
    ],
)
def test_roles(nlp, text, name, expected):
    assert roles(nlp, text)[name] == expected


def test_comparison_cue_does_not_reach_across_a_use(nlp):
    found = roles(nlp, "BOSS outperforms DDIM while using PPO.")
    assert found["DDIM"][1] == "compares" and found["PPO"][1] == "uses"


def test_evidence_is_the_deciding_sentence(nlp):
    doc = nlp("DDIM is a sampler. Our method beats DDIM by far.")
    ddim = next(c for c in doc._.kg_concepts if c.name == "DDIM")
    assert ddim.role == "compares" and ddim.evidence == "Our method beats DDIM by far."


def test_issue_example_gives_two_results(nlp):
    text = (
        "BOSS achieves 17.86 FID on ImageNet 64 times 64 with only four steps, compared to "
        "138.66 with DDIM."
    )
    assert results(nlp, text) == [
        ("FID", "17.86", "ImageNet 64 times 64", "BOSS"),
        ("FID", "138.66", "ImageNet 64 times 64", "DDIM"),
    ]


def test_a_figure_in_brackets_after_a_method_is_that_methods(nlp):
    text = "FooNet achieves an FID of 2.31, outperforming DiT-XL/2 (2.27 FID) and SiT (2.06 FID)."
    assert [(r[1], r[3]) for r in results(nlp, text)] == [
        ("2.31", "FooNet"),
        ("2.27", "DiT-XL/2"),
        ("2.06", "SiT"),
    ]


def test_a_list_of_values_shares_the_unit_written_at_its_end(nlp):
    text = "SALAD-VPR reaches 92.2% recall on Pitts30k, surpassing MixVPR by 3.1 and 1.6 points."
    assert [(r[0], r[1]) for r in results(nlp, text)] == [
        ("recall", "92.2%"),
        ("recall", "3.1"),
        ("recall", "1.6 points"),
    ]
    # digits a PDF spaced apart are no list ("2 8%")
    assert [r[1] for r in results(nlp, "It uses only 2 8% of the inference time.")] == ["8%"]


def test_the_name_a_value_is_scored_on_is_its_data_set(nlp):
    text = "SALAD-VPR reaches a recall of 92.2% on Pitts30k and 75.0% on Nordland."
    assert [(r[1], r[2]) for r in results(nlp, text)] == [
        ("92.2%", "Pitts30k"),
        ("75.0%", "Nordland"),
    ]


def test_a_list_of_values_takes_the_metric_after_it_and_the_data_sets_in_order(nlp):
    text = "Our detector achieves 82.1, 45.3 and 78.9 mAP on Pascal VOC, COCO and Cityscapes."
    assert [(r[0], r[1], r[2]) for r in results(nlp, text)] == [
        ("mAP", "82.1", "Pascal VOC"),
        ("mAP", "45.3", "COCO"),
        ("mAP", "78.9", "Cityscapes"),
    ]
    text = "It obtains mIoU of 48.1/81.3 on ADE20K/Cityscapes."
    assert [(r[1], r[2]) for r in results(nlp, text)] == [
        ("48.1", "ADE20K"),
        ("81.3", "Cityscapes"),
    ]
    # as many data sets as values only: else each keeps the nearest
    text = "Our detector achieves 82.1 and 45.3 mAP on Pascal VOC, COCO and Cityscapes."
    assert [r[2] for r in results(nlp, text)] == ["Pascal VOC", "Pascal VOC"]


def test_a_method_a_value_is_within_of_is_not_its_method(nlp):
    text = "SparseGNN keeps accuracy within 0.5% of the dense GCN baseline."
    assert [(r[1], r[3]) for r in results(nlp, text)] == [("0.5%", "SparseGNN")]


def test_a_list_of_values_each_with_its_data_set_shares_the_metric(nlp):
    text = "Our model reaches FID 1.5 on ImageNet 64x64 and 2.1 on ImageNet 256x256."
    assert [(r[0], r[1], r[2]) for r in results(nlp, text)] == [
        ("FID", "1.5", "ImageNet 64x64"),
        ("FID", "2.1", "ImageNet 256x256"),
    ]
    # two data sets between the values: no list item ("8 steps" elsewhere is no value)
    text = "It reaches FID 1.5 on CIFAR-10 and ImageNet 64x64 after 2 more on COCO."
    assert [r[1] for r in results(nlp, text)] == ["1.5"]


def test_each_value_keeps_the_part_of_a_known_data_set_it_names(nlp):
    # "WMT14 English-German" is a vocabulary form of WMT; "WMT14 English-French" is not, and
    # its known start "WMT14" must not fold it into the other one
    text = (
        "Our system obtains 29.3 BLEU on WMT14 English-German and 41.0 BLEU on "
        "WMT14 English-French."
    )
    assert [(r[1], r[2]) for r in results(nlp, text)] == [
        ("29.3", "WMT14 English-German"),
        ("41.0", "WMT14 English-French"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The system delivers a 1.91x throughput boost.", [("throughput", "1.91x")]),
        (
            "Agents gain a 24% to 40% task success rate improvement.",
            [("task success rate", "24% to 40%")],
        ),
        ("It reaches an accuracy of 71.2% on GSM8K.", [("accuracy", "71.2%")]),
        ("It reduces FID by 30%.", [("FID", "30%")]),
        (
            "Top-1 accuracy drops by 1.0% for ResNet, 0.5% for VGG and 0.7% for DenseNet.",
            [("Top-1 accuracy", "1.0%"), ("Top-1 accuracy", "0.5%"), ("Top-1 accuracy", "0.7%")],
        ),
        (
            "It cuts computational cost by 29.4% and gives 23.9% improvement in inference speed.",
            [("computational cost", "29.4%"), ("inference speed", "23.9%")],
        ),
        ("It reduces the computation time by more than 85%.", [("computation time", "85%")]),
        # the metric after "and" belongs to the next item of the list
        (
            "It reduces the number of iterations by 40% and wall clock time by 35%.",
            [("number of iterations", "40%"), ("wall clock time", "35%")],
        ),
        # a metric named after the previous value is the next value's, not the previous one's
        (
            "It gives an average accuracy improvement of 21.01% and F1 improvement of 22.43%.",
            [("average accuracy", "21.01%"), ("F1", "22.43%")],
        ),
        # the measure a value with a unit compares
        (
            "MANSA makes 40% fewer CL calls and reaches 48.07% faster convergence.",
            [("CL calls", "40%"), ("convergence", "48.07%")],
        ),
    ],
)
def test_result_values_and_metrics(nlp, text, expected):
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "We collect 100 interactive task templates in 2024.",
        "It scores 60% on HealthBench.",  # no metric named: not a result
        "PSNR is reported on Mip-NeRF 360 after 20 minutes of training.",
        # a count of tokens measures tokens, not accuracy
        "It reaches the best accuracy with an average of 361.5 tokens per response.",
        # an asymptotic rate is no measured value
        "We design a no-regret algorithm that provides O(T^{2/3}) regret.",
        "It attains O(log^{*}(n)) memory and n^2 regret.",
    ],
)
def test_numbers_without_a_metric_are_not_results(nlp, text):
    assert results(nlp, text) == []


def test_result_values_keep_their_units():
    text = (
        "uses 35,000 GPU hours, costs $100K+ and 3x-14x less, up 22% up to 43% in 2023, "
        "trains in 30 minutes"
    )
    assert [text[s:e] for s, e in find_values(text)] == [
        "35,000 GPU hours",
        "$100K+",
        "3x-14x",
        "22% up to 43%",
        "30 minutes",
    ]


def test_a_bound_written_on_a_value_is_part_of_it(nlp):
    assert results(nlp, "The search reaches >8% higher accuracy than ORMs.") == [
        ("accuracy", ">8%", None, None)
    ]


def test_a_list_item_number_is_no_value_and_a_metric_before_in_the_clause_is(nlp):
    text = (
        "Below it, the win rate degrades (from 62.75% down to 35.78%), and (3) lexical "
        "diversity falls."
    )
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("win rate", "62.75%"),
        ("win rate", "35.78%"),
    ]


def test_a_metric_after_a_value_across_a_clause_is_not_its_metric(nlp):
    text = "It cuts attention FLOPs by up to 47% while maintaining accuracy."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("attention FLOPs", "47%")]
    # a size is no value
    assert results(nlp, "We train models with up to 33B parameters to lower test loss.") == []


def test_values_take_the_only_metric_of_the_sentence(nlp):
    text = (
        "On CIFAR-10 it beats others by up to 1.0% for ResNet-32 and 0.5% for VGG-16 in "
        "terms of top-1 accuracy."
    )
    got = [(m, v, d) for m, v, d, _me in results(nlp, text)]
    assert got == [("top-1 accuracy", "1.0%", "CIFAR-10"), ("top-1 accuracy", "0.5%", "CIFAR-10")]


def test_a_ratio_does_not_take_a_score_named_elsewhere_in_the_sentence(nlp):
    text = (
        "FooOpt boosts the accuracy of ViT by up to 2% on ImageNet and saves up to 5x the "
        "pre-training compute on JFT."
    )
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("accuracy", "2%")]
    text = "It reduces inference memory by up to 2.55x for MHA models with minimal accuracy loss."
    assert results(nlp, text) == []


def test_the_method_a_value_is_compared_with_is_not_its_method(nlp):
    text = (
        "We propose FooOpt. On GPT-2 models of sizes from 125M to 770M, FooOpt achieves a 2x "
        "speed-up compared with Adam in the number of steps."
    )
    # nor is a range of model sizes a value
    assert [(m, v, me) for m, v, _d, me in results(nlp, text)] == [("speed-up", "2x", "FooOpt")]


def test_a_method_after_the_values_clause_is_not_its_method(nlp):
    text = (
        "On GSM8K, it reduces the response length by 50%, improving the efficiency of "
        "reasoning language models."
    )
    assert [(m, v, me) for m, v, _d, me in results(nlp, text)] == [("response length", "50%", None)]


def test_a_data_set_opening_the_next_values_statement_is_not_this_values(nlp):
    text = "Accuracy on MMLU rises from 63% to 80% and GSM8K reaches 46.7% with FooLM."
    assert [(v, d) for _m, v, d, _me in results(nlp, text)] == [
        ("63% to 80%", "MMLU"),
        ("46.7%", "GSM8K"),
    ]


def test_a_measure_a_value_compares_is_that_values_alone(nlp):
    # not the sentence's only metric for the other values, nor continued by their unit
    text = (
        "It solves 30 x 30 mazes 97.6% of the time, surpassing the baseline (93.3%), "
        "while using 45.5% fewer reasoning steps; in fast mode, it solves 80% of them."
    )
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("reasoning steps", "45.5%")]
    text = "It cut call rates to 3.18% and decreased average response tokens by 69.06%."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("average response tokens", "69.06%")
    ]
    text = "It shows a 45% reduced call volume; in fast mode it solves 80% of them."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("call volume", "45%")]
    text = "MANSA makes 40% fewer CL calls than MAPPO (60%)."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("CL calls", "40%"),
        ("CL calls", "60%"),
    ]


def test_a_token_count_is_the_value_of_a_token_measure(nlp):
    text = "It cuts token usage from 5,000 to 3,000 tokens."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("token usage", "5,000 to 3,000 tokens")
    ]


def test_metric_written_as_the_unit(nlp):
    text = "The deployment saved over 35,000 GPU hours in a month."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("GPU hours", "35,000 GPU hours")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate is one unit, and the metric linked before the value names it
        (
            "It sustains a throughput of 12,000 tokens per second on one GPU.",
            [("throughput", "12,000 tokens per second")],
        ),
        # no metric before: the unit is the metric
        ("It decodes at 85 tokens/s on one GPU.", [("tokens/s", "85 tokens/s")]),
    ],
)
def test_a_rate_unit_stays_with_its_value(nlp, text, expected):
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == expected


def test_a_metric_defined_with_its_short_form_links_past_the_bracket(nlp):
    text = "It reaches an exact match (EM) of 78.3 and an F1 of 85.1 on SQuAD."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("exact match", "78.3"),
        ("F1", "85.1"),
    ]


def test_a_run_on_sentence_binds_values_only_near_its_metric(nlp):
    # a paper body's run-on "sentence" (equations, citations, no full stop): the values far
    # from the one metric are not its results, nor is a citation number a value
    filler = " ".join(["where the filter weight x changes the map"] * 6)
    text = f"Response latency drops by 40% [29] {filler} and the gain reaches 6% over 5 runs."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("latency", "40%")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It reaches top-1 accuracies of 80.1% and 81.3% on ImageNet and ImageNet-V2, "
            "respectively.",
            [("80.1%", "ImageNet", None), ("81.3%", "ImageNet-V2", None)],
        ),
        (
            "On ImageNet, we achieve up to 4.7% and 4.6% higher top-1 accuracy for VGG-16 and "
            "ResNet-50, respectively.",
            [("4.7%", "ImageNet", "VGG-16"), ("4.6%", "ImageNet", "ResNet-50")],
        ),
    ],
)
def test_respectively_pairs_values_with_datasets_and_methods_in_order(nlp, text, expected):
    assert [(v, d, me) for _m, v, d, me in results(nlp, text)] == expected


def test_a_mean_with_its_spread_is_one_value(nlp):
    text = "The model achieves 92.1 ± 0.3% accuracy on CIFAR-10."
    assert results(nlp, text) == [("accuracy", "92.1 ± 0.3%", "CIFAR-10", None)]


def test_a_list_of_values_pairs_with_the_datasets_before_its_respectively(nlp):
    text = (
        "On Video-MME, EgoSchema and LongVideoBench, it improves accuracy by 6.2, 4.8 and 5.1 "
        "points, respectively, and beats GPT-4o on MMBench (72.4% vs. 68.9%)."
    )
    assert [(m, v, d) for m, v, d, _me in results(nlp, text)][:3] == [
        ("accuracy", "6.2", "Video-MME"),
        ("accuracy", "4.8", "EgoSchema"),
        ("accuracy", "5.1 points", "LongVideoBench"),
    ]


def test_a_hyphenated_compound_between_value_and_metric_is_one_word(nlp):
    text = "The system achieves 2.8x end-to-end speedup with an acceptance rate of 0.78."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [
        ("speedup", "2.8x"),
        ("acceptance rate", "0.78"),
    ]


def test_a_method_named_as_a_baseline_is_not_the_results_method(nlp):
    text = (
        "We propose SpecSparse, a decoder. Compared with EAGLE-2 and Medusa, it reduces "
        "latency by 35% at batch size 1."
    )
    assert results(nlp, text) == [("latency", "35%", None, "SpecSparse")]


@pytest.mark.parametrize(
    ("text", "method"),
    [
        # the method opening the statement after a colon is its subject
        (
            "Experiments with ResNet-18 confirm the theory: clipped Adam reduces the training "
            "loss by 12%.",
            "Adam",
        ),
        # not a list after the colon: the subject stands before it
        ("We find that AdaFoo: (i) improves BLEU by 0.3 on IWSLT14.", "AdaFoo"),
    ],
)
def test_the_subject_after_a_colon_is_the_results_method(nlp, text, method):
    assert [me for _m, _v, _d, me in results(nlp, text)] == [method]


def test_a_dataset_joined_to_its_value_by_by_is_the_results(nlp):
    text = "It improves pass@1 on MATH-500 by 9.3 points and on AIME24 by 6.7 points."
    assert [(v, d) for _m, v, d, _me in results(nlp, text)] == [
        ("9.3 points", "MATH-500"),
        ("6.7 points", "AIME24"),
    ]
    # not across a list: the nearest stays
    text = "It gains 1.8% accuracy on Cifar10, and 5.55% higher accuracy on ImageNet."
    assert [(v, d) for _m, v, d, _me in results(nlp, text)][1] == ("5.55%", "ImageNet")


def test_lengths_and_tracking_metrics_are_results(nlp):
    text = "We report an MPJPE of 41.2 mm on Human3.6M."
    assert [(m, v) for m, v, _d, _me in results(nlp, text)] == [("MPJPE", "41.2 mm")]
    text = "Our tracker improves HOTA by 2.3 and IDF1 by 3.1 on MOT17."
    assert [(m, v, d) for m, v, d, _me in results(nlp, text)] == [
        ("HOTA", "2.3", "MOT17"),
        ("IDF1", "3.1", "MOT17"),
    ]


def test_a_metric_at_a_cutoff_has_results(nlp):
    text = "Our retriever boosts recall@10 by 8.4 points on Natural Questions."
    assert results(nlp, text) == [("recall@10", "8.4 points", "Natural Questions", None)]


@pytest.mark.parametrize(
    ("text", "name", "proposed"),
    [
        (
            "Our algorithm uses a novel randomized active learning procedure.",
            "randomized active learning",
            True,
        ),
        ("Based on this, we synthesize the ReSocratic-29k dataset.", "ReSocratic-29k", True),
        ("We use the ReSocratic-29k dataset.", "ReSocratic-29k", False),
        (
            "We present a novel optimal transport-based pseudo-label learning framework.",
            "optimal transport",
            False,
        ),
        ("Trace is the New AutoDiff for workflows.", "AutoDiff", False),
        # what "we" just called new, named after a comma
        (
            "We frame a new setup of iterative optimization, Optimization with Trace Oracle "
            "(OPTO), to capture these properties.",
            "Optimization with Trace Oracle",
            True,
        ),
        (
            "Prior work framed a new setup, Optimization with Trace Oracle (OPTO).",
            "Optimization with Trace Oracle",
            False,
        ),
        # an acronym defined where the paper says it uses the method is not its own
        (
            "We propose X-Planner, which searches plans by utilizing the Monte Carlo Tree "
            "Search (MCTS) framework.",
            "Monte Carlo Tree Search",
            False,
        ),
        # a description the paper then names: the name is its own, not the description
        ("We further propose a data synthesis method namely ReSocratic.", "ReSocratic", True),
        ("We further propose a data synthesis method namely ReSocratic.", "data synthesis", False),
        ("We further propose a data synthesis method for LLMs.", "data synthesis", True),
        # a known name as the vocabulary spells it, before the new thing's head noun, is what
        # it builds on; a specific form of it is new
        ("We develop a novel federated learning framework.", "federated learning", False),
        (
            "We develop a novel randomized active learning algorithm.",
            "randomized active learning",
            True,
        ),
        # "the proposed X", with modifiers between
        ("The proposed AI-powered CH-Finding algorithm saves energy.", "CH-Finding", True),
        ("The proposed method beats PPO.", "PPO", False),
        # the names a naming cue gives, "referred to as" and a list of them
        ("We develop a framework, referred to as FedAMD, for clients.", "FedAMD", True),
        ("We design two variants, which are named AFA-CD and AFA-CS.", "AFA-CS", True),
        # what follows a comparison cue or a result verb is no proposal
        ("Our proposed FooNet improves accuracy over BarNet.", "BarNet", False),
        # the acronym closing what "we propose", whose long form is no single name
        (
            "We propose the Learning to Reweight for Generalizable Graph Neural Network "
            "(L2R-GNN) to enhance generalization.",
            "L2R-GNN",
            True,
        ),
        ("They propose the Learning to Reweight for Graphs (L2R-GNN).", "L2R-GNN", False),
        (
            "We propose a method, which is compared with the Generalizable Graph Network "
            "(L2R-GNN).",
            "L2R-GNN",
            False,
        ),
        # a known name joined by its descriptor is what the new thing builds on
        ("We introduce a new RL algorithm, SQIRL, that learns.", "SQIRL", True),
        ("We introduce a new RL algorithm, SQIRL, that learns.", "RL", False),
        # "A New X Based on Y": X only modifies the new thing, in title case too
        (
            "A New Diffusion Probabilistic Model Based on Optimal Transport",
            "Diffusion Probabilistic Model",
            False,
        ),
    ],
)
def test_novel_and_introduced_mentions_are_proposed(nlp, text, name, proposed):
    assert roles(nlp, text)[name][2] is proposed


def test_the_name_after_what_we_call_new_and_an_article_is_proposed(nlp):
    got = roles(nlp, "We propose a new simple network architecture, the Transformer, based on it.")
    assert got["Transformer"] == ("Method", "proposes", True)


def test_a_new_state_of_the_art_is_a_result_not_a_proposal(nlp):
    text = "Our model establishes a new single-model state-of-the-art BLEU score of 41.8 here."
    assert not any(proposed for _t, _r, proposed in roles(nlp, text).values())
    # a new state-of-the-art method is still a proposal
    text = "We establish a new state-of-the-art method, FooNet, for parsing."
    assert roles(nlp, text)["FooNet"][2] is True


def test_a_cue_word_inside_a_name_is_no_comparison(nlp):
    # "matching" ends the name "score matching"; it does not compare Langevin dynamics
    found = roles(
        nlp, "We connect diffusion models and denoising score matching with Langevin dynamics."
    )
    assert found["Langevin dynamics"] == ("Method", "uses", False)


def test_description_before_a_naming_cue_stays_unproposed_after_novel(nlp):
    # "a new" before the description does not make it the paper's own: the name BERT is
    found = roles(
        nlp, "We introduce a new language representation model called BERT, which is deep."
    )
    assert found["language representation model"][2] is False
    assert found["BERT"] == ("Method", "proposes", True)


def test_over_a_phrase_is_no_comparison(nlp):
    found = roles(nlp, "It solves a contrastive task defined over a quantization of the latents.")
    assert found["quantization"] == ("Method", "uses", False)


def test_a_hyphenated_compound_counts_as_one_word_in_the_comparison_window(nlp):
    found = roles(
        nlp,
        "vLLM improves the throughput by 2-4x compared to the state-of-the-art systems, such "
        "as FasterTransformer and Orca.",
    )
    assert found["FasterTransformer"][1] == "compares" and found["Orca"][1] == "compares"


def test_the_data_set_a_value_is_compared_with_is_not_its_data_set(nlp):
    text = "MMLU-Pro causes a drop in accuracy by 16% to 33% compared to MMLU."
    assert results(nlp, text) == [("accuracy", "16% to 33%", "MMLU-Pro", None)]


def test_a_description_with_its_purpose_before_a_naming_cue_is_not_proposed(nlp):
    found = roles(nlp, "We design an efficient transformer-based model for LSTF, named Informer.")
    assert found["Informer"] == ("Method", "proposes", True)
    assert found["transformer-based model"][2] is False


def test_a_comparative_names_its_measure_after_in_terms_of(nlp):
    text = "DDIMs produce samples 10x to 50x faster in terms of wall-clock time than DDPMs."
    assert results(nlp, text) == [("wall-clock time", "10x to 50x", None, "DDIMs")]
    # without the measure, a comparison names none
    assert results(nlp, "It trains 2.5x faster than DDIM and reaches a higher accuracy.") == []


@pytest.mark.parametrize(
    ("text", "compared", "not_compared"),
    [
        (
            "Compared with the 72B counterpart, ThinkLite-VL-72B achieves 79.7.",
            [],
            ["ThinkLite-VL-72B"],
        ),
        ("Compared to DDIM, FooNet is 2x faster.", ["DDIM"], ["FooNet"]),
        (
            "Compared with DDIM, DPM-Solver and UniPC, FooNet is faster.",
            ["DDIM", "DPM-Solver", "UniPC"],
            ["FooNet"],
        ),
    ],
)
def test_a_comparison_opening_the_sentence_ends_at_the_comma(nlp, text, compared, not_compared):
    found = roles(nlp, text)
    assert all(found[n][1] == "compares" for n in compared)
    assert all(found[n][1] != "compares" for n in not_compared)


def test_a_change_noun_may_stand_between_a_value_and_its_metric(nlp):
    text = (
        "It shows a 23% relative reduction in word error rate on LibriSpeech and 3.4x lower "
        "latency than Whisper."
    )
    assert [(r[0], r[1]) for r in results(nlp, text)] == [
        ("word error rate", "23%"),
        ("latency", "3.4x"),
    ]
