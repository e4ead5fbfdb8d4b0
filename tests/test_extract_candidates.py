"""Named-artefact and proposal rules, and the generic-phrase filter, on spacy.blank("en")."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import kg.extract  # noqa: F401  (registers the factories)
from kg.extract.candidates import is_name_shape
from kg.extract.generic import is_generic


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    for pipe in (
        "kg_sentences",
        "kg_abbreviations",
        "kg_vocab",
        "kg_candidates",
        "kg_generic_filter",
    ):
        nlp.add_pipe(pipe)
    return nlp


def rule_spans(nlp, text, field="abstract"):
    doc = nlp.make_doc(text)
    doc.user_data["kg_field"] = field
    doc = nlp(doc)
    spans = [(s.text, s.label_) for s in doc.spans["kg_rule"]]
    proposed = sorted(doc[s:e].text for s, e in doc._.kg_proposed)
    return spans, proposed


@pytest.mark.parametrize(
    "name",
    [
        "UI-NEXUS",
        "Turbo-GS",
        "LLaMA-2-70B",
        "GPT-4o",
        "HealthBench",
        "vLLM",
        "Qwen2.5-7B",
        "3DGS",
        "DeGRPO",
    ],
)
def test_name_shapes(name):
    assert is_name_shape(name)


@pytest.mark.parametrize(
    "text",
    [
        "Real-Time",
        "Model-Based",
        "13B",
        "8GB",
        "2024",
        "non-English",
        "II",
        "Flow",
        "1M~60M",
        # a venue and its year, as cited: "(NeurIPS'21)"
        "NeurIPS'21",
        "COLT’22",
        # a variable raised to a power in a bound: "sqrt(d^2 H^3 T)"
        "H^3",
    ],
)
def test_not_name_shapes(text):
    assert not is_name_shape(text)


def test_stop_names_urls_and_adjectives_are_skipped(nlp):
    spans, _ = rule_spans(
        nlp, "Trained on an NVIDIA H100 GPU with LLM-based agents; see https://github.com/x/BOSS."
    )
    assert spans == []


@pytest.mark.parametrize(
    ("text", "proposed", "label"),
    [
        (
            "This work introduces UI-NEXUS, a comprehensive benchmark for agents.",
            "UI-NEXUS",
            "Dataset",
        ),
        (
            "We propose an end-to-end optimization framework, Trace, which treats workflows.",
            "Trace",
            "Method",
        ),
        ("Our method, WebDreamer, builds on LLMs.", "WebDreamer", "Method"),
        ("HealthBench is a new benchmark of 5,000 conversations.", "HealthBench", "Dataset"),
    ],
)
def test_proposals(nlp, text, proposed, label):
    spans, found = rule_spans(nlp, text)
    assert found == [proposed]
    assert (proposed, label) in spans


def test_acronym_defined_in_a_proposal_is_proposed(nlp):
    _, found = rule_spans(
        nlp, "In this paper, we present Bellman Optimal Step-size Straightening (BOSS)."
    )
    assert "Bellman Optimal Step-size Straightening" in found


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        # the paper that introduces a name the vocabulary knows proposes it
        ("We propose Sophia, a simple scalable second-order optimizer.", ["Sophia"]),
        ("We present GPT-4.", ["GPT-4"]),
        # not a known name the sentence goes on to use, nor a lower-case family
        ("We present Sophia for all our runs.", []),
        ("We propose diffusion models for planning.", []),
    ],
)
def test_a_known_name_that_is_the_proposal_verbs_whole_object(nlp, text, proposed):
    _, found = rule_spans(nlp, text)
    assert found == proposed


def test_a_named_proposal_takes_the_artefact_descriptor_before_its_cue(nlp):
    spans, found = rule_spans(
        nlp, "We collect a new corpus of 2M scientific abstracts, termed SciAbs."
    )
    assert found == ["SciAbs"] and ("SciAbs", "Dataset") in spans


def test_use_is_not_a_proposal(nlp):
    _, found = rule_spans(nlp, "We propose a method that uses PPO and GPT-4o for planning.")
    assert found == []


@pytest.mark.parametrize(
    ("text", "proposed"),
    [
        # only the authors' text proposes: "this work", not "a recent work"
        ("In a recent work, Smith et al. introduce the KoalaNet model.", []),
        ("In this work, we introduce the KoalaNet model.", ["KoalaNet"]),
        ("The present paper introduces the KoalaNet model.", ["KoalaNet"]),
        # what follows the name after a comma describes or uses it, unless a list goes on
        ("We propose ZeroQX, a zeroth-order QX framework for phones.", ["ZeroQX"]),
        ("We propose a framework called MBRX, granting RX methods more power.", ["MBRX"]),
        ("We introduce FooNet, BarNet and BazNet.", ["BarNet", "BazNet", "FooNet"]),
        # a name after a descriptor and a comma runs over the capitalised words and names
        ("We propose a new method, Normalized LR+GD - based on LR+GD.", ["Normalized LR+GD"]),
    ],
)
def test_proposal_subjects_and_appositives(nlp, text, proposed):
    _, found = rule_spans(nlp, text)
    assert found == proposed


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # an acronym defined after "of", "by" or a gerund is what the new thing is built on
        (
            "We propose a preference-conditioned variant of Rejection Sampling Finetuning (RSF).",
            "Rejection Sampling Finetuning",
            None,
        ),
        (
            "We propose to sample images by solving stochastic differential equations (SDEs) "
            "with optimal boundary conditions (BCs).",
            "stochastic differential equations",
            "boundary conditions",
        ),
        (
            "We propose to fix this by introducing Gated Step Averaging (GSA).",
            None,
            "Gated Step Averaging",
        ),
    ],
)
def test_acronym_the_proposal_is_built_on_is_not_proposed(nlp, text, absent, present):
    _, found = rule_spans(nlp, text)
    assert absent is None or absent not in found
    assert present is None or present in found


def test_lower_case_name_after_a_naming_cue_is_proposed(nlp):
    spans, found = rule_spans(
        nlp, "We propose a practical problem setting named deep imbalanced clustering, where X."
    )
    assert found == ["deep imbalanced clustering"]
    assert ("deep imbalanced clustering", "Task") in spans
    # a run of more than four words is a description, not a name
    _, found = rule_spans(
        nlp, "We propose a setting named deep imbalanced spectral graph clustering."
    )
    assert found == []


def test_title_prefix_is_proposed(nlp):
    _, found = rule_spans(nlp, "UI-NEXUS: A Benchmark for Mobile Agents", field="title")
    assert found == ["UI-NEXUS"]
    spans, _ = rule_spans(nlp, "The AI Economist: Optimal Economic Policy Design", field="title")
    assert ("AI Economist", "Method") in spans
    # the same text in an abstract is not a title
    _, found = rule_spans(nlp, "UI-NEXUS: A Benchmark for Mobile Agents", field="abstract")
    assert found == []


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("AlphaMath Almost Zero: Process Supervision without Process", ["AlphaMath"]),
        ("OptiBench Meets ReSocratic: Measure and Improve LLMs", ["OptiBench", "ReSocratic"]),
        # a known name in the catch-phrase is not proposed
        ("Beyond Reverse KL: Generalizing Direct Preference Optimization", []),
    ],
)
def test_title_names_without_their_catch_phrase(nlp, title, names):
    _, found = rule_spans(nlp, title, field="title")
    assert found == names


@pytest.mark.parametrize(
    "phrase",
    [
        "our approach",
        "Existing methods",
        "a novel framework",
        "baselines",
        "two datasets",
        "deep learning",
        "AI",
        "this paper",
        "standard benchmarks",
        "learning algorithms",  # generic words only
        "inference methods",
        "learner",
        "independent and identically distributed",
    ],
)
def test_generic_phrases(phrase):
    assert is_generic(phrase.removeprefix("a "))


@pytest.mark.parametrize("phrase", ["search algorithms", "learning rate", "diffusion models"])
def test_a_generic_word_in_a_specific_phrase_is_not_generic(phrase):
    assert not is_generic(phrase)


def test_a_recogniser_entity_cut_through_a_bracket_is_dropped(nlp):
    doc = nlp.make_doc("The error O(s^2 epsilon) bound and GPT-4 (OpenAI) agree.")
    ends = {t.text: t.i for t in doc}
    doc.ents = [
        Span(doc, 1, ends["epsilon"] + 1, "Method"),  # "error O(s^2 epsilon": unbalanced
        Span(doc, ends["GPT-4"], ends[")"] + 1, "Method"),  # balanced: kept
    ]
    doc = nlp(doc)
    assert [s.text for s in doc.spans["kg_ner"]] == ["GPT-4 (OpenAI)"]


def test_generic_filter_trims_and_drops_recogniser_entities(nlp):
    doc = nlp.make_doc(
        "Our approach beats the novel Turbo-GS and existing methods on two datasets."
    )
    doc.ents = [
        Span(doc, 0, 2, "Method"),
        Span(doc, 3, 8, "Method"),
        Span(doc, 9, 11, "Method"),
        Span(doc, 12, 14, "Dataset"),
    ]
    doc = nlp(doc)
    assert [(s.text, s.label_) for s in doc.spans["kg_ner"]] == [("Turbo-GS", "Method")]


def test_metric_phrases_after_in_terms_of(nlp):
    spans, _ = rule_spans(
        nlp, "It is evaluated in terms of both resource utilization and image quality."
    )
    assert ("resource utilization", "Metric") in spans and ("image quality", "Metric") in spans


@pytest.mark.parametrize(
    "text",
    [
        "Performance is measured in terms of WER.",
        "It is measured by a reimplementation of the shared task evaluation.",
        # no method after the cue
        "It gives guarantees with respect to a gold algorithm.",
    ],
)
def test_metric_phrases_hold_no_preposition(nlp, text):
    spans, _ = rule_spans(nlp, text)
    assert [s for s in spans if s[1] == "Metric"] == []


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        # a clause after the list is no metric, nor is "etc"
        (
            "In terms of total iteration count, we observe that it converges.",
            ["total iteration count"],
        ),
        ("It is measured in terms of latency, throughput, etc.", ["latency", "throughput"]),
        # a clause word ends the item; a verb with its object is none
        (
            "It adapts in terms of computation time and accuracy while eliminating tuning.",
            ["computation time", "accuracy"],
        ),
        ("It grows with respect to output length, and adjusts its speed.", ["output length"]),
        # a thing after an indefinite article, not a measure
        ("It learns user interests with respect to a certain ad.", []),
    ],
)
def test_metric_phrases_end_before_a_clause(nlp, text, metrics):
    spans, _ = rule_spans(nlp, text)
    assert [t for t, label in spans if label == "Metric"] == metrics


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("MANSA makes 40% fewer CL calls in SMAC.", ["CL calls"]),
        ("It achieves 48.07% faster convergence and better accuracy.", ["convergence"]),
        ("It gives up to 2.7x higher QoS utility compared to the baselines.", ["QoS utility"]),
        ("It needs 53% less communication cost.", ["communication cost"]),
        ("Search is 1.5-5x more compute-efficient.", ["compute-efficient"]),
        # no measure named: a bare comparative, an activity, a model, an adjective, no unit
        ("It trains 1.8x faster than PPO.", []),
        ("It gives 2x faster training.", []),
        ("It beats 10x larger models.", []),
        ("It is 8% more accurate.", []),
        ("It uses 3 more layers.", []),
        ("It needs 10 times fewer samples than standard methods.", []),
        # what a change verb changes by a value; not a known metric's phrase, a model, a
        # vague "performance" or a change without a value
        ("It improves response correctness by 4%.", ["response correctness"]),
        (
            "It can reduce the usage of long-chain thinking by 50% - 90%.",
            ["usage of long-chain thinking"],
        ),
        ("It increases the recall of accurate facts by 5%.", []),
        ("It improves the performance of LLMs by 5%.", []),
        ("It improves the baseline models by 5%.", []),
        ("It improves response correctness by design.", []),
    ],
)
def test_a_value_compared_names_its_measure(nlp, text, metrics):
    spans, _ = rule_spans(nlp, text)
    assert [t for t, label in spans if label == "Metric"] == metrics


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Models are used for trajectory stitching in offline data.", "trajectory stitching"),
        ("This helps to tackle resource allocation at scale.", "resource allocation"),
        ("We aim at achieving concise reasoning.", "concise reasoning"),
        ("It needs accurate reasoning.", None),
        ("Lexicons help for tweet normalization on noisy data.", "tweet normalization"),
        ("We study noun compound interpretation.", "noun compound interpretation"),
        ("Features for document indexing are learned.", "document indexing"),
        # a head that names a task alone, after a cue; not a vague one
        ("Trees are a standard pre-processing for parsing.", "parsing"),
        ("This is needed for understanding.", None),
        # languages make the head a task without a cue
        ("We also ran the Czech-English translation from WMT.", "Czech-English translation"),
        # a verb of improvement is a cue, not part of the task; an evaluative word stops it
        ("Process rewards are useful for improving reasoning.", "reasoning"),
        ("It avoids the original reasoning of the model.", None),
        # a head that modifies the next noun names no task; "tasks" does not count
        ("This comes from enhancing reasoning efficiency.", None),
        ("We study improving reasoning tasks.", "reasoning"),
        # a function word is no modifier
        ("It helps in reflecting before answering.", None),
        # a hyphenated compound is one modifier; a generic one ("real-world") stops it
        (
            "A solver built for human-like movement generation.",
            "human-like movement generation",
        ),
        ("Models are used for ego-motion estimation outdoors.", "ego-motion estimation"),
        ("It is used for real-world forecasting.", None),
        ("It is used for task-specific reasoning.", None),
    ],
)
def test_task_phrases(nlp, text, task):
    spans, _ = rule_spans(nlp, text)
    tasks = [t for t, label in spans if label == "Task"]
    assert tasks == ([task] if task else [])


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        # plain phrases listed with a known task, after it and before it; only its
        # neighbours (a chain of them took unrelated lists of words on the development sets)
        (
            "It has applications in 3D reconstruction, mixed reality, and robotics.",
            ["3D reconstruction", "mixed reality"],
        ),
        (
            "It serves applications like drug discovery and material design.",
            ["drug discovery", "material design"],
        ),
        (
            "It helps motion planning and image classification.",
            ["motion planning", "image classification"],
        ),
        # a clause, a function word or a number is no list item
        ("We study image classification and propose a new loss.", ["image classification"]),
        (
            "It meets a series of intricate challenges, and image classification.",
            ["image classification"],
        ),
        ("We test on image classification, two more tasks, and more.", ["image classification"]),
        # a lone adjective shares the task's head
        (
            "It covers problems, including linear and nonlinear programming.",
            ["nonlinear programming"],
        ),
    ],
)
def test_phrases_listed_with_a_task_are_tasks(nlp, text, tasks):
    spans, _ = rule_spans(nlp, text)
    doc = nlp(nlp.make_doc(text))
    vocab = doc.spans["kg_vocab"]
    found = sorted(
        {t for t, label in spans if label == "Task"} | {s.text for s in vocab if s.label_ == "Task"}
    )
    assert found == sorted(tasks)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # the head of the description, past a hyphenated word ("open-source")
        (
            "We introduce BeaverTails-V, the first open-source dataset with dual annotations.",
            "BeaverTails-V",
            "Dataset",
        ),
        # the second part of a compound only modifies: a dataset, not a task
        (
            "We construct MMRP, a multi-task medical reasoning dataset with ranked difficulty.",
            "MMRP",
            "Dataset",
        ),
        # the description ends before a participle: a system, not a task
        (
            "We introduce FSMoE, a flexible training system optimizing task scheduling.",
            "FSMoE",
            "Method",
        ),
        # a long form takes the type its description gives, not a word inside the name
        (
            "We present Denoising Task Routing (DTR), a simple add-on strategy for diffusion.",
            "Denoising Task Routing",
            "Method",
        ),
        (
            "We propose HRAMONY, an adaptive Hierarchical Attention-based Resource Modeling "
            "and Decision-Making System.",
            "HRAMONY",
            "Method",
        ),
    ],
)
def test_a_description_after_a_name_types_it(nlp, text, name, label):
    spans, proposed = rule_spans(nlp, text)
    assert (name, label) in spans
    assert name in proposed


@pytest.mark.parametrize(
    "text",
    [
        # curated stop names: hardware, statistics, geometry terms
        "Each of the VMs runs a 6DoF pose estimate under I.I.D samples.",
    ],
)
def test_no_name_is_found(nlp, text):
    spans, _ = rule_spans(nlp, text)
    assert spans == []


def test_name_after_on_in_an_evaluation_sentence_is_a_dataset(nlp):
    spans, _ = rule_spans(nlp, "We evaluate the optimiser on BBOB and report regret.")
    assert ("BBOB", "Dataset") in spans


@pytest.mark.parametrize(
    ("text", "names", "label"),
    [
        # every name of the list after "on" in an evaluation sentence
        (
            "Our method achieves state-of-the-art results on FooNet, QuxPed, and ZorbCity.",
            ["FooNet", "QuxPed", "ZorbCity"],
            "Dataset",
        ),
        # the names a plural descriptor introduces with "like", "such as", "including"
        (
            "It runs in real time on datasets like BlorbDB, QuxScapes and ZorbStuff.",
            ["BlorbDB", "QuxScapes", "ZorbStuff"],
            "Dataset",
        ),
        (
            "We compare frameworks such as FooFlow, BarGrad and QuxML.",
            ["BarGrad", "QuxML"],
            "Method",
        ),
        # a plural descriptor right before the list
        (
            "It ranks first on the public benchmarks BRATS 2015 and ISLES 2015.",
            ["BRATS 2015", "ISLES 2015"],
            "Dataset",
        ),
    ],
)
def test_the_names_of_a_list_share_its_type(nlp, text, names, label):
    spans, _ = rule_spans(nlp, text)
    assert {(name, label) for name in names} <= set(spans)


def test_a_list_after_on_outside_an_evaluation_sentence_is_untyped(nlp):
    spans, _ = rule_spans(nlp, "We build on FooFlow, BarGrad and QuxML.")
    assert not any(label == "Dataset" for _, label in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It reaches 75.0% on Nordland and 3.1 points on Tokyo Query.",
            ["Nordland", "Tokyo Query"],
        ),
        ("It runs 3.2x faster on A100 GPUs.", []),  # hardware
        ("It gains 2% on English and 4% on Llama-2.", []),  # a language, a known method
        ("Recall rises by 2% on Pitts30k test images.", ["Pitts30k"]),
    ],
)
def test_the_capitalised_name_a_value_is_scored_on_is_a_data_set(nlp, text, expected):
    spans, _ = rule_spans(nlp, text)
    assert [t for t, label in spans if label == "Dataset"] == expected


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("We report BLEU on WMT14 English-French here.", "abstract", "WMT14 English-French"),
        (
            "It gets 28.4 BLEU on the WMT 2014 English-to-German translation task.",
            "abstract",
            "WMT 2014 English-to-German",
        ),
        ("We evaluate on MuJoCo Hopper and MuJoCo Walker2d tasks.", "abstract", "MuJoCo Hopper"),
        ("We evaluate on MuJoCo Hopper and MuJoCo Walker2d tasks.", "abstract", "MuJoCo Walker2d"),
        ("Results on the WMT14 Evaluation sets.", "abstract", None),  # an evaluation word
        # a longer capitalised run is a name of its own
        ("We train on ImageNet Large Scale Visual Recognition Challenge data.", "abstract", None),
        ("On CIFAR-10 95.1% accuracy is reached.", "abstract", None),  # a value
        ("Scaling MuJoCo Hopper Agents", "title", None),  # every word of a title is capitalised
    ],
)
def test_a_known_data_set_with_the_name_of_its_part(nlp, text, field, expected):
    spans, _ = rule_spans(nlp, text, field=field)
    parts = [t for t, label in spans if label == "Dataset" and " " in t]
    assert (expected in parts) if expected else parts == []


@pytest.mark.parametrize(
    ("title", "task"),
    [
        (
            "Free from Bellman Completeness: Trajectory Stitching via Return-conditioned Learning",
            "Trajectory Stitching",
        ),
        ("SP2OT: Partial Optimal Transport for Imbalanced Clustering", "Imbalanced Clustering"),
        (
            "A Dataset for Chinese Creative Writing with Thought Processes",
            "Chinese Creative Writing",
        ),
        ("Faster Sampling for Diffusion Models", None),
        # what a title opening with "Improving" improves
        (
            "Improving Reasoning for Diffusion Language Models via Group Policy Optimization",
            "Reasoning",
        ),
        # (the generic filter trims the evaluative word)
        ("Promoting Efficient Reasoning with Verifiable Stepwise Reward", "Reasoning"),
        # other verbs of improving open the problem too
        (
            "VideoAgent-R1: Reinforcing Long-Video Understanding with Tool Use",
            "Long-Video Understanding",
        ),
        # the problem before "with", "using", "by" as before "via"
        (
            "AutoTriton: Automatic Triton Programming with Reinforcement Learning",
            "Automatic Triton Programming",
        ),
        # past an adjective built on a name
        (
            "Sensors: Game-Theoretic and Learning-Based Cluster Head Selection via Auctions",
            "Cluster Head Selection",
        ),
        # a known method only modifying the head is no method
        (
            "Sophia: A Second-order Optimizer for Language Model Pre-training",
            "Language Model Pre-training",
        ),
        ("Fast Solvers for Diffusion Models", None),
        # the problem before "for" or "in", when a task word heads it
        (
            "Distributed Cluster Head Selection for Energy-Efficient Sensor Networks",
            "Distributed Cluster Head Selection",
        ),
        ("Anchor Sampling for Federated Learning", None),  # a gerund alone: the method
        ("Selection for Deployment", None),  # one word
        # the problem after "in"
        (
            "Predictable Scale: Optimal Hyperparameter Scaling Law in Language Model Pretraining",
            "Language Model Pretraining",
        ),
        ("Diffusion Models in Practice", None),
        # "Accelerating" opens what is improved, like "Improving"
        (
            "Turbo-GS: Accelerating 3D Gaussian Fitting for High-Quality Radiance Fields",
            "3D Gaussian Fitting",
        ),
    ],
)
def test_title_tasks(nlp, title, task):
    spans, _ = rule_spans(nlp, title, field="title")
    tasks = [t for t, label in spans if label == "Task"]
    assert tasks == ([task] if task else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We test on ZorbSet 2015 and more.", "ZorbSet 2015"),  # a year
        ("We test on SFEW 2.0 and more.", "SFEW 2.0"),  # a major version
        ("Our model reaches BLEU 27.3 there.", "BLEU"),  # a value, not a version
    ],
)
def test_a_year_or_major_version_after_a_name_is_part_of_it(nlp, text, name):
    spans, _ = rule_spans(nlp, text)
    assert name in {n for n, _ in spans}


def test_a_data_set_suffix_alone_does_not_make_a_data_set(nlp):
    # "QA" ends data set names ("HotpotQA"); alone it is question answering
    spans, _ = rule_spans(nlp, "It covers single-document QA, multi-document QA and HotpotQA.")
    assert [t for t, label in spans if label == "Dataset"] == ["HotpotQA"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "We develop two techniques: mini-batch aware regularization and data adaptive "
            "activation function which help training.",
            ["data adaptive activation function", "mini-batch aware regularization"],
        ),
        (
            "Our framework employs two strategies: Backward progressive training and "
            "Branch-based sampling.",
            ["Backward progressive training", "Branch-based sampling"],
        ),
        # numbered items; a bare word names no part
        (
            "We propose three modules: (1) a global planner; (2) a local controller; and 3) a "
            "critic.",
            ["global planner", "local controller"],
        ),
        # not as many as counted, or not the authors' sentence
        ("We propose three modules: a global planner and a local controller.", []),
        ("Prior work uses two techniques: weight decay and dropout.", []),
    ],
)
def test_counted_parts_the_authors_list_are_proposed(nlp, text, parts):
    _, proposed = rule_spans(nlp, text)
    assert [p for p in proposed if p not in {"Our framework"}] == parts


def test_a_lower_case_known_name_presented_as_a_new_kind_of_thing_is_proposed(nlp):
    _, proposed = rule_spans(
        nlp, "We present conditional random fields, a framework for building probabilistic models."
    )
    assert proposed == ["conditional random fields"]
    # a lower-case family the authors only use
    _, proposed = rule_spans(nlp, "We propose diffusion models for sequence labeling.")
    assert proposed == []
