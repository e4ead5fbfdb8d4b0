"""The concept merger's own rules: descriptive proposals ("we design a ... algorithm")."""

from __future__ import annotations

import pytest

from kg.extract import extract_paper, load_pipeline
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(ner=False)


@pytest.fixture(scope="module")
def nlp_ner():
    return load_pipeline()


def extract(nlp, abstract: str, title: str = ""):
    return extract_paper(Paper(id="t", title=title, abstract=abstract), nlp)


def proposed(nlp, abstract: str) -> list[tuple[str, str]]:
    return sorted((c.name, c.type) for c in extract(nlp, abstract).entities if c.proposed)


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        (
            "We design the first efficient constant approximation algorithm for the problem.",
            "constant approximation algorithm",
        ),
        (
            "We find that our adaptive sampling strategy outperforms common heuristics.",
            "adaptive sampling strategy",
        ),
        # a vague head is not part of the name
        (
            "In this paper, we propose a novel memory-aware batch scheduling approach for LLMs.",
            "memory-aware batch scheduling",
        ),
        # evaluative words joined by "and" are skipped
        (
            "We develop a simple and effective gradient partitioning mechanism for training.",
            "gradient partitioning mechanism",
        ),
        # the second part of a compound is not a clause word ("based")
        (
            "We design a rank-based random estimator for the descent direction.",
            "rank-based random estimator",
        ),
        # a head word followed by a head is a modifier
        ("We design a trajectory search algorithm for planning.", "trajectory search algorithm"),
        # the heads of a system's parts: scheduler, planner, controller, loss, network, ...
        (
            "We introduce an adaptive time-step scheduler that adjusts the constraints.",
            "adaptive time-step scheduler",
        ),
        (
            "We design a hierarchical task planner and a low-level exploration controller.",
            "hierarchical task planner",
        ),
        ("We propose a contrastive region loss for alignment.", "contrastive region loss"),
        # "model" is a head that stays in the name
        (
            "We show that our proposed regret preference model predicts human choices.",
            "regret preference model",
        ),
        # a head word that starts a compound is no head: "model-based"
        (
            "To extend it, we design a model-based randomized algorithm for the problem.",
            "model-based randomized algorithm",
        ),
        # the subject may be the paper, not "we"
        (
            "This paper proposes a clustering-based routing approach for sensor networks.",
            "clustering-based routing",
        ),
    ],
)
def test_descriptive_proposal_is_a_proposed_method(nlp, abstract, name):
    assert (name, "Method") in proposed(nlp, abstract)


def test_coordinated_objects_of_a_proposal_are_each_proposed(nlp):
    abstract = (
        "Specifically, we propose a motion prior-based tracking module and a two-step "
        "initialization procedure."
    )
    found = proposed(nlp, abstract)
    assert ("two-step initialization procedure", "Method") in found
    assert ("motion prior-based tracking", "Method") in found


@pytest.mark.parametrize(
    "abstract",
    [
        # one word besides the head: a description, not a name
        "We propose an adaptive algorithm that converges fast.",
        "We propose a new method for this task.",
        "We propose a lightweight router that selects experts.",
        "We propose a diffusion model for images.",  # a known name
        # adjectives only, once the vague head is left out
        "This paper presents the first comprehensive theoretical framework for AMDPs.",
        "Our approach is simple and our framework is general.",
        # "first" starts a compound here, it is not an evaluative word
        "We develop a first-order algorithm for bilevel problems.",
        # a known vocabulary name with modifiers stays the vocabulary's concept
        "We propose a two-stage reinforcement learning framework for reasoning.",
        # the proposal verb without "we" before it
        "Prior work proposed a greedy token pruning strategy for inference.",
    ],
)
def test_vague_or_known_phrases_are_not_proposals(nlp, abstract):
    assert proposed(nlp, abstract) == []


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a single author
        ("I introduce FooNet, a new model for parsing.", True),
        ("(i) introduces FooNet for parsing.", False),  # an item label, not "I"
        # released at an address: the authors' own artefact
        ("We build it on LOTUS. LOTUS is publicly available at https://github.com/x/lotus.", True),
        ("FooNet is released on GitHub.", True),
        ("FooNet is open-sourced at https://github.com/x/foonet.", True),
        ("We compare with GPT-4. GPT-4 is available at https://openai.com.", False),  # known
        ("We compare with FooNet. FooNet is available through an API.", False),  # no address
    ],
)
def test_more_ways_a_paper_presents_its_own_artefact(nlp, abstract, expected):
    by_name = {c.name: c for c in extract(nlp, abstract).entities}
    name = next(n for n in by_name if n in {"FooNet", "LOTUS", "GPT-4"})
    assert by_name[name].proposed is expected


def test_known_name_keeps_its_vocabulary_concept(nlp):
    ex = extract(nlp, "We propose a two-stage reinforcement learning framework for reasoning.")
    assert "reinforcement learning" in [c.name for c in ex.entities]


def test_descriptor_forms_become_aliases(nlp):
    ex = extract(nlp, "We evaluate GPT-4o on the SQuAD dataset and report its F1 score.")
    by_name = {c.name: c for c in ex.entities}
    assert "SQuAD dataset" in by_name["SQuAD"].aliases
    assert by_name["SQuAD"].type == "Dataset"
    # and the bare name of a mention ending with its descriptor
    assert "F1" in by_name["F1 score"].aliases
    # the form belongs to the concept's own type only: "GPT-4o on" adds nothing
    assert all(" " not in a for a in by_name["GPT-4o"].aliases)


def test_a_modifier_left_of_a_descriptor_is_not_an_alias(nlp):
    ex = extract(nlp, "We compare generative models with multimodal large language models.")
    aliases = {a for c in ex.entities for a in c.aliases}
    assert not aliases & {"generative", "multimodal large language"}


def test_a_task_named_only_as_a_method_modifier_is_not_a_task(nlp):
    def tasks(abstract: str) -> list[str]:
        ex = extract(nlp, abstract)
        return [c.name for c in ex.entities if c.type == "Task"]

    assert "machine translation" not in tasks("We train a machine translation system on news.")
    assert "machine translation" in tasks(
        "We train a machine translation system and study machine translation of news."
    )
    # also before a method's name
    assert "text-to-image" not in tasks("We steer text-to-image diffusion models with rewards.")
    assert "text-to-image" in tasks(
        "We steer text-to-image diffusion models and evaluate text-to-image on prompts."
    )


def test_a_data_set_named_only_before_models_is_not_a_data_set(nlp):
    def datasets(abstract: str) -> list[str]:
        ex = extract_paper(Paper(id="t", title="", abstract=abstract), nlp)
        return [c.name for c in ex.entities if c.type == "Dataset"]

    assert "GQA" not in datasets("It cuts memory by 2x for MHA and GQA models alike.")
    assert "GQA" in datasets("It cuts memory for GQA models and answers questions on GQA.")


def test_solving_is_a_task_cue_not_part_of_the_task(nlp):
    ex = extract(nlp, "Online CBFs are capable of solving navigation scenarios.")
    assert [c.name for c in ex.entities if c.type == "Task"] == ["navigation"]


def test_listed_components_of_the_paper_are_proposed(nlp):
    found = proposed(
        nlp,
        "The main components include a functionality-aware UI representation method that "
        "bridges the UI with the LLM, and a multi-granularity query optimization module that "
        "reduces the cost of inference.",
    )
    assert ("functionality-aware UI representation", "Method") in found
    assert ("multi-granularity query optimization", "Method") in found
    # the head ends the name: "our method" is not followed into the rest of the sentence
    assert proposed(nlp, "Results show that our method consistently outperforms baselines.") == []


def test_our_method_result_goes_to_the_papers_own_method(nlp):
    ex = extract(
        nlp,
        (
            "Diffusion models need many steps. Experiments show that our method achieves "
            "17.86 FID on ImageNet 64x64 with only four steps, compared to 138.66 with DDIM."
        ),
        title="FastSampler: Few-Step Sampling for Diffusion Models",
    )
    by_value = {r.value: r.method for r in ex.results}
    assert by_value == {"17.86": "FastSampler", "138.66": "DDIM"}


def test_a_known_name_with_and_without_its_head_word_is_one_concept(nlp):
    ex = extract(
        nlp,
        "We study flow matching and its sampling cost on CIFAR-10.",
        title="Fast Sampling of Flow-Matching Models",
    )
    flow = [c for c in ex.entities if "flow" in c.name.lower()]
    assert len(flow) == 1, [c.name for c in ex.entities]
    assert {m.field for m in flow[0].mentions} == {"title", "abstract"}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We train on the Europarl corpus and test on news.", "Europarl"),
        ("Results on the British National Corpus are reported.", "British National Corpus"),
        # a leaderboard or suite, an acronym inside the name
        ("We rank first on the Open LLM Leaderboard today.", "Open LLM Leaderboard"),
    ],
)
def test_capitalised_name_before_a_collection_noun_is_a_dataset(nlp, abstract, name):
    ex = extract(nlp, abstract)
    assert (name, "Dataset") in [(c.name, c.type) for c in ex.entities]


def test_generic_or_title_words_before_a_collection_noun_are_not_datasets(nlp):
    ex = extract(
        nlp,
        "Existing datasets are small. The dataset we release is large. Parallel corpora "
        "help. We reuse the Chinese corpus.",
        title="Learning from a High Quality Dataset",
    )
    assert [c.name for c in ex.entities if c.type == "Dataset"] == []


@pytest.mark.parametrize(
    ("abstract", "name", "ctype", "alias"),
    [
        # an unknown name takes the type of the descriptor after it
        ("We test on the 200-sentence BNC2 test set.", "BNC2", "Dataset", "BNC2 test set"),
        ("Results on the XYZ-9 data are good.", "XYZ-9", "Dataset", "XYZ-9 data"),
        ("The ABC-7 task is hard.", "ABC-7", "Task", "ABC-7 task"),
        # and a benchmark the text calls a task is one ("the WMT shared task")
        ("Systems in the RTE task did well.", "RTE", "Task", "RTE task"),
        # not a suite's tasks
        ("Experiments on nine Meta-World tasks show gains.", "Meta-World", "Dataset", None),
    ],
)
def test_the_descriptor_after_a_name_types_it(nlp, abstract, name, ctype, alias):
    by_name = {c.name: c for c in extract(nlp, abstract).entities}
    assert by_name[name].type == ctype
    assert alias is None or alias in by_name[name].aliases


def test_a_vocabulary_acronym_defined_otherwise_keeps_the_texts_meaning(nlp):
    # "SRL" is semantic role labeling in the vocabulary
    ex = extract(nlp, "We introduce Sequence Reinforcement Learning (SRL), an RL algorithm.")
    concept = next(c for c in ex.entities if c.name == "Sequence Reinforcement Learning")
    assert (concept.type, concept.aliases) == ("Method", ["SRL"])
    ex = extract(nlp, "We study semantic role labelling (SRL) in Chinese. SRL is hard.")
    concept = next(c for c in ex.entities if "SRL" in c.aliases)
    assert concept.type == "Task"


def test_the_noun_after_a_definition_types_it(nlp):
    ex = extract(
        nlp,
        "We propose a Robust New Intent Discovery (RoNID) framework optimized by an "
        "EM-style method.",
    )
    assert ("Robust New Intent Discovery", "Method") in [(c.name, c.type) for c in ex.entities]


@pytest.mark.parametrize(
    ("title", "abstract", "name", "expected"),
    [
        # the whole title is the new name
        (
            "Multi-Objective GFlowNets",
            "In this paper we consider Multi-Objective GFlowNets (MOGFNs) for design.",
            "Multi-Objective GFlowNets",
            True,
        ),
        # the words before the first preposition, with or without a descriptor word
        (
            "Real-Time Iteration Scheme for Diffusion Policy",
            "We compare with the Real-Time Iteration (RTI) of optimal control.",
            "Real-Time Iteration",
            True,
        ),
        # the whole title is the new name and its acronym
        (
            "Probabilistic Partitive Partitioning (PPP)",
            "We evaluate Probabilistic Partitive Partitioning on clustering.",
            "Probabilistic Partitive Partitioning",
            True,
        ),
        # a known name the title leads with is what the paper builds on
        (
            "Direct Preference Optimization for Agents",
            "We apply Direct Preference Optimization (DPO) to web agents.",
            "Direct Preference Optimization",
            False,
        ),
        # a form of its own of a known name is the paper's
        (
            "Decentralized Diffusion Models",
            "We train decentralized diffusion models on many clusters.",
            "decentralized diffusion models",
            True,
        ),
        # a known name alone before the colon: the paper that introduced it
        (
            "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
            "We build a simple architecture without attention or even MLP blocks (Mamba).",
            "Mamba",
            True,
        ),
        # a name of several words as the vocabulary spells it
        (
            "wav2vec 2.0: A Framework for Self-Supervised Learning of Speech Representations",
            "wav2vec 2.0 masks the speech input in the latent space.",
            "wav2vec 2.0",
            True,
        ),
        (
            "Diffusion Models: Foundations and Applications",
            "Diffusion Models generate images.",
            "Diffusion Models",
            False,
        ),
        # not where the paper reviews it, nor a family written in lower case
        (
            "Mamba: A Survey of State Space Models",
            "We review Mamba and its variants.",
            "Mamba",
            False,
        ),
        (
            "Transformers: State-of-the-Art Natural Language Processing",
            "Transformers is a library of Transformers architectures.",
            "Transformers",
            False,
        ),
        # a name elsewhere in the title is not the title's lead
        (
            "Scaling Laws with Real-Time Iteration",
            "We compare with the Real-Time Iteration (RTI) of optimal control.",
            "Real-Time Iteration",
            False,
        ),
    ],
)
def test_the_new_name_a_title_leads_with_is_proposed(nlp, title, abstract, name, expected):
    by_name = {c.name: c for c in extract(nlp, abstract, title=title).entities}
    assert by_name[name].proposed is expected
    assert (by_name[name].role == "proposes") is expected


def test_a_specific_form_of_a_known_name_is_also_known_by_it(nlp):
    ex = extract(nlp, "We use robust value iteration on the task.")
    (concept,) = ex.entities
    assert (concept.name, concept.aliases) == ("robust value iteration", ["value iteration"])
    assert concept.vocab_id == "method:value-iteration"
    # unless the text names the known form on its own: two concepts then
    ex = extract(nlp, "We compare value iteration with robust value iteration.")
    assert [(c.name, c.aliases) for c in ex.entities] == [
        ("value iteration", []),
        ("robust value iteration", []),
    ]


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        # the vocabulary's form at the start of a longer one it lists
        ("We train agents on six MuJoCo tasks.", "MuJoCo tasks", "MuJoCo"),
        ("We elicit chain-of-thought reasoning.", "chain-of-thought reasoning", "chain-of-thought"),
        # a more specific form after a method's name
        ("We draw samples by MCMC sampling.", "MCMC", "MCMC sampling"),
        (
            "We fit it by Gaussian process regression.",
            "Gaussian process",
            "Gaussian process regression",
        ),
        ("We match SIFT features across views.", "SIFT", "SIFT features"),
        # the plural descriptors of a method's name, as the singular ones
        ("We use dropout techniques.", "dropout", "dropout techniques"),
        ("Unlike PageRank systems, ours is local.", "PageRank", "PageRank systems"),
    ],
)
def test_the_other_form_of_a_known_name_is_an_alias(nlp, text, name, alias):
    by_name = {c.name: c for c in extract(nlp, text).entities}
    assert alias in by_name[name].aliases


def test_a_descriptor_after_a_definitions_bracket_gives_the_forms_with_it(nlp):
    text = "Features based on Markov random field (MRF) models are sensitive to rotation."
    (concept,) = extract(nlp, text).entities
    assert (concept.name, concept.aliases) == (
        "Markov random field",
        ["MRF", "Markov random field models", "MRF models", "Markov random field (MRF) models"],
    )
    # a descriptor of another type adds nothing: "models" does not describe a task
    by_name = {c.name: c for c in extract(nlp, "We study text-to-image (T2I) models.").entities}
    assert by_name["text-to-image"].aliases == ["T2I"]


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        (
            "We study image-to-video (I2V) generation with diffusion.",
            "image-to-video",
            [
                "I2V",
                "image-to-video generation",
                "I2V generation",
                "image-to-video (I2V) generation",
            ],
        ),
        # the head word after the bracket types a name of unknown type as a task
        (
            "We transfer taggers to new languages for Part-Of-Speech (POS) tagging.",
            "Part-Of-Speech",
            ["POS", "Part-Of-Speech tagging", "POS tagging", "Part-Of-Speech (POS) tagging"],
        ),
    ],
)
def test_a_task_head_after_a_definitions_bracket_gives_the_forms_with_it(nlp, text, name, aliases):
    by_name = {c.name: c for c in extract(nlp, text).entities}
    assert (by_name[name].type, by_name[name].aliases) == ("Task", aliases)


def test_a_common_word_capitalised_to_spell_an_acronym_is_no_name(nlp):
    title = "Use Your INSTINCT: INSTruction optimization for LLMs usIng Neural bandits"
    names = {c.name for c in extract(nlp, "We tune prompts.", title=title).entities}
    assert "usIng" not in names


def test_a_hyphenated_descriptor_leaves_the_bare_name(nlp):
    (concept,) = extract(nlp, "We report the F1-score on the test set.").entities
    assert (concept.name, concept.aliases) == ("F1-score", ["F1"])


def test_a_capitalised_descriptor_is_part_of_the_name(nlp):
    by_name = {c.name: c for c in extract(nlp, "We parse the Penn Treebank again.").entities}
    assert "Penn" not in by_name["Penn Treebank"].aliases
    forms = {
        f
        for c in extract(nlp, "We report BLEU scores here.").entities
        for f in (c.name, *c.aliases)
    }
    assert "BLEU" in forms  # a lower-case descriptor is not


def test_a_descriptor_after_a_list_types_every_name_in_it(nlp):
    ex = extract(nlp, "It excels on the real-world TUD-L, LINEMOD, and Occluded-LINEMOD datasets.")
    assert {c.name: c.type for c in ex.entities} == {
        "TUD-L": "Dataset",
        "LINEMOD": "Dataset",
        "Occluded-LINEMOD": "Dataset",
    }
    # a lower-case word ends the list: the name before it keeps its usual type
    ex = extract(nlp, "We run FooNet and other datasets.")
    assert {c.name: c.type for c in ex.entities} == {"FooNet": "Method"}


def test_two_sentences_glued_by_a_period_hold_no_name(nlp):
    ex = extract(nlp, "It keeps high availability.Evaluations with PPO show gains.")
    assert [c.name for c in ex.entities] == ["PPO"]
    # the next sentence may open with an acronym-like name
    ex = extract(nlp, "It is an offline approach.BRAIn then distills the posterior.")
    assert [c.name for c in ex.entities] == ["BRAIn"]


def test_a_capitalised_word_before_a_method_descriptor_is_no_name_alone(nlp):
    ex = extract(nlp, "Code generation using Foundation Models (FMs) is promising.")
    by_name = {c.name: c for c in ex.entities}
    assert "Foundation" not in by_name["Foundation Models"].aliases
    # a data set's capitalised name before its descriptor is one
    ex = extract(nlp, "We train on the Europarl corpus and test on news.")
    assert "Europarl corpus" in [a for c in ex.entities for a in (c.name, *c.aliases)]


def test_an_umbrella_term_defined_with_an_acronym_is_not_a_concept(nlp):
    ex = extract(nlp, "Deep Learning (DL) and Artificial Intelligence (AI) help PPO.")
    assert [c.name for c in ex.entities] == ["PPO"]
    ex = extract(nlp, "LLMs approach Artificial General Intelligence (AGI) with PPO.")
    assert [c.name for c in ex.entities] == ["LLMs", "PPO"]


def test_a_term_whose_acronym_is_a_stop_name_is_not_a_concept(nlp):
    ex = extract(nlp, "Agents act on the Graphical User Interface (GUI) of phones with PPO.")
    assert [c.name for c in ex.entities] == ["PPO"]
    # a defined term with an acronym of its own still is one; service quality is a measure
    ex = extract(nlp, "Sparse Graph Attention (SGA) raises the Quality of Service (QoS).")
    assert [(c.name, c.type) for c in ex.entities] == [
        ("Sparse Graph Attention", "Method"),
        ("Quality of Service", "Metric"),
    ]


@pytest.mark.parametrize(
    "phrase", ["multi-task learning", "neural architecture search", "self-supervised learning"]
)
def test_learning_paradigms_are_methods(nlp, phrase):
    ex = extract(nlp, f"We rely on {phrase} to train the network.")
    assert [(c.name, c.type) for c in ex.entities] == [(phrase, "Method")]


def merge_with_recogniser(text: str, ner: tuple[int, int, str], broad: bool):
    """``text`` through the rule stages, one recogniser entity (start, end, label) added,
    then the concept merger in default or broad mode."""
    from spacy.tokens import Span

    from kg.extract.concepts import ConceptMerger

    rules = load_pipeline(ner=False)
    doc = rules.make_doc(text)
    for name, pipe in rules.pipeline:
        if name == "kg_concepts":
            break
        doc = pipe(doc)
    doc.spans["kg_ner"] = [Span(doc, *ner[:2], label=ner[2])]
    return ConceptMerger(ner_alone=broad)(doc)


@pytest.mark.parametrize(
    ("broad", "expected"),
    [(False, "relation extraction"), (True, "relation extraction from text")],
)
def test_the_recogniser_leads_the_boundaries_only_in_broad_mode(broad, expected):
    # the recogniser's "relation extraction from text"
    doc = merge_with_recogniser("We study relation extraction from text.", (2, 6, "Task"), broad)
    assert [(c.type, c.name) for c in doc._.kg_concepts] == [("Task", expected)]


@pytest.mark.parametrize("broad", [False, True])
def test_a_recogniser_span_is_not_supported_by_a_generic_word_inside_it(broad):
    text = "MRT is a new class of fine-tuning methods for test-time compute."
    doc = merge_with_recogniser(text, (6, 10, "Method"), broad)  # "fine-tuning methods"
    assert [s.text for s in doc.spans["kg_vocab"]][:1] == ["fine-tuning"]
    names = {c.name: c.sources for c in doc._.kg_concepts}
    assert ("fine-tuning methods" in names) == broad  # kept only where the recogniser leads
    if broad:
        assert names["fine-tuning methods"] == {"ner"}


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("Its uses include criminal law and more.", (3, 5), False),  # a field, not a task
        ("Tweet normalization in chats is hard.", (0, 2), True),
        ("We study inference of types in code.", (2, 7), True),  # head before "in": inference
        ("We start detecting questions in calls.", (2, 6), True),  # a gerund clause
    ],
)
def test_a_task_only_the_recogniser_found_is_headed_by_an_activity(text, span, kept):
    doc = merge_with_recogniser(text, (*span, "Task"), broad=True)
    assert [c.sources for c in doc._.kg_concepts if c.type == "Task"] == ([{"ner"}] if kept else [])


def test_a_rule_only_task_needs_the_recogniser_when_it_runs():
    import spacy

    from kg.extract.concepts import ConceptMerger

    def tasks(with_ner: bool, text: str, field: str = "abstract") -> list[str]:
        nlp = spacy.blank("en")
        for pipe in ("kg_sentences", "kg_abbreviations", "kg_vocab", "kg_candidates"):
            nlp.add_pipe(pipe)
        nlp.add_pipe("kg_generic_filter")
        doc = nlp.make_doc(text)
        doc.user_data["kg_field"] = field
        for _name, pipe in nlp.pipeline:
            doc = pipe(doc)
        doc = ConceptMerger(with_ner=with_ner)(doc)
        return [c.name for c in doc._.kg_concepts if c.type == "Task"]

    text = "We address trajectory stitching for offline agents."
    # rules only (no recogniser in the pipeline): the rule's task stands
    assert tasks(False, text) == ["trajectory stitching"]
    # with the recogniser, a task nothing else supports is dropped
    assert tasks(True, text) == []
    # except in a title, which states its problem ("... Budgeted Training with ...")
    title = "REX: Revisiting Budgeted Training with an Improved Schedule"
    assert tasks(True, title, "title") == ["Budgeted Training"]
    # the factory tells from the pipeline whether the recogniser runs
    assert load_pipeline(ner=False).get_pipe("kg_concepts").with_ner is False


@pytest.mark.parametrize("broad", [False, True])
def test_the_recogniser_draws_a_more_specific_form_of_a_known_name(broad):
    doc = merge_with_recogniser(
        "We apply heavy data augmentation to the images.", (2, 5, "Task"), broad
    )
    (concept,) = doc._.kg_concepts
    # the recogniser's longer span wins, typed and supported by the vocabulary name inside it
    assert (concept.name, concept.type) == ("heavy data augmentation", "Method")
    assert concept.sources == ({"ner"} if broad else {"ner", "vocab"})
    assert concept.inner_forms == ([] if broad else ["data augmentation"])
    assert doc._.kg_backoff == []


def test_a_generic_word_inside_a_compound_still_makes_a_known_name_more_specific():
    doc = merge_with_recogniser(
        "We apply two-stage data augmentation here.", (2, 7, "Method"), False
    )
    assert [c.name for c in doc._.kg_concepts] == ["two-stage data augmentation"]


def test_a_name_of_its_own_ending_in_a_known_name_is_not_also_known_by_it():
    # capitalised words before it make a name ("Stochastic Data Augmentation"), not a kind of
    # data augmentation: no alias that would join it to the plain concept
    text = "We propose Stochastic Data Augmentation here."
    doc = merge_with_recogniser(text, (2, 5, "Method"), broad=False)
    (concept,) = doc._.kg_concepts
    assert (concept.name, concept.inner_forms) == ("Stochastic Data Augmentation", [])


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("We apply standard data augmentation to images.", (2, 5)),  # a plain word
        ("We apply novel data augmentation to images.", (2, 5)),  # an evaluative word
        ("Methods for enhancing data augmentation work.", (2, 5)),  # a verb form
        ("We call it named data augmentation here.", (3, 6)),  # a naming cue
        ("Scientists use experts data augmentation here.", (2, 5)),  # a plural noun before it
        ("We apply data augmentation pipelines to images.", (2, 5)),  # words after the name
        ("We reduce data augmentation here.", (1, 4)),  # a verb of change
        ("We use two data augmentation here.", (2, 5)),  # a generic first word
        ("We use off-the-shelf data augmentation here.", (2, 9)),  # a plain compound
        ("We apply  data augmentation here.", (2, 5)),  # only a whitespace token before it
        ("We apply two-stage data augmentation here.", (4, 7)),  # the end of a compound
        ("We apply two stage data augmentation here.", (3, 6)),  # a counted noun
        ("We apply 3 stage data augmentation here.", (3, 6)),  # a counted noun
        ("Tools can prune data augmentation here.", (2, 5)),  # a verb after a modal
        ("It explains the drastic data augmentation gap.", (3, 6)),  # degree, not kind
    ],
)
def test_words_that_do_not_make_a_known_name_more_specific_leave_it_alone(text, span):
    doc = merge_with_recogniser(text, (*span, "Method"), broad=False)
    assert [c.name for c in doc._.kg_concepts] == ["data augmentation"]
    assert all(not c.inner_forms for c in doc._.kg_concepts)


def test_a_more_specific_form_is_also_known_by_the_name_unless_the_paper_names_it_alone():
    from kg.extract.assemble import assemble

    def concepts(text: str, ner: tuple[int, int, str]) -> list[tuple[str, list[str]]]:
        doc = merge_with_recogniser(text, ner, broad=False)
        paper = Paper(id="t", title="", abstract=text)
        return [(c.name, c.aliases) for c in assemble(paper, {"abstract": doc}).entities]

    text = "We apply heavy data augmentation to the images."
    assert concepts(text, (2, 5, "Method")) == [("heavy data augmentation", ["data augmentation"])]
    text = "We compare data augmentation with heavy data augmentation."
    assert concepts(text, (5, 8, "Method")) == [
        ("data augmentation", []),
        ("heavy data augmentation", []),
    ]


def test_a_hyphenated_name_before_a_dataset_noun_is_whole(nlp):
    text = "We test on the extended Cohn-Kanade dataset."
    by_name = {c.name: c for c in extract(nlp, text).entities}
    assert by_name["Cohn-Kanade"].type == "Dataset"
    assert "Kanade" not in by_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We evaluate on the Twitter keyword dataset.", "Twitter keyword dataset"),
        ("Orders come from the Manhattan ride-hailing dataset.", "Manhattan ride-hailing dataset"),
    ],
)
def test_a_name_and_words_saying_what_it_holds_before_a_dataset_noun(nlp, text, name):
    by_name = {c.name: c for c in extract(nlp, text).entities}
    assert by_name[name].type == "Dataset"


@pytest.mark.parametrize(
    "text",
    [
        "Unlike existing datasets, ours is large.",  # capitalised as the sentence's first
        "We use the Arabic parallel corpus.",  # a language
        "All of the new datasets are public.",
        "We study this. When data collection decisions are made, we adapt.",
        "Using non-IID heterogeneous distributed datasets, we show it.",  # part of a compound
    ],
)
def test_no_described_collection_without_a_name(nlp, text):
    assert not any(c.type == "Dataset" for c in extract(nlp, text).entities)


def test_an_acronym_of_the_known_end_of_a_more_specific_name_is_the_known_name(nlp):
    # RL stands for reinforcement learning; the paper also names meta-RL
    ex = extract(nlp, "We cast it as a meta-reinforcement learning (RL) problem. RL is hard.")
    by_name = {c.name: c for c in ex.entities}
    assert by_name["meta-reinforcement learning"].vocab_id == "method:meta-reinforcement-learning"
    assert by_name["reinforcement learning"].aliases == ["RL"]
    assert by_name["reinforcement learning"].vocab_id == "method:reinforcement-learning"
    # what is proposed is the specific name, not the known one it builds on
    ex = extract(nlp, "We introduce distributional dynamic programming (DP) methods. DP fails.")
    by_name = {c.name: c for c in ex.entities}
    assert by_name["distributional dynamic programming"].proposed
    assert "DP" in by_name["dynamic programming"].aliases
    assert not by_name["dynamic programming"].proposed


def test_a_capitalised_name_whose_acronym_leaves_a_word_out_is_one_concept(nlp):
    ex = extract(nlp, "We propose Statistical Rejection Sampling Optimization (RSO) for alignment.")
    rso = [c for c in ex.entities if "RSO" in c.aliases or c.name == "RSO"]
    assert len(rso) == 1 and rso[0].proposed


def test_an_acronym_never_used_alone_stays_with_the_specific_name(nlp):
    ex = extract(
        nlp,
        "Online reinforcement learning (RL) methods beat offline ones. We study online RL methods.",
    )
    (concept,) = ex.entities
    assert concept.name == "Online reinforcement learning" and "RL" in concept.aliases
    assert concept.vocab_id == "method:online-reinforcement-learning"


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        (
            "We reach this efficiency by introducing a budget-aware scheduling algorithm.",
            [("budget-aware scheduling algorithm", "Method")],
        ),
        (
            "We reach this by developing Foo Bar Net (FBN), a new model.",
            [("Foo Bar Net", "Method")],
        ),
        # not the means of others' work
        ("Prior work improved it by introducing a budget-aware scheduling algorithm.", []),
        # nor a known method the new one integrates or studies
        (
            "We propose FooNet, which integrates Stein Variational Gradient Descent (SVGD) "
            "with hypernetworks.",
            [("FooNet", "Method")],
        ),
    ],
)
def test_the_authors_means_after_by_are_their_own(nlp, abstract, expected):
    assert proposed(nlp, abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the parts of a compound count as words besides the head
        ("First, we design a polynomial-time algorithm to find it.", "polynomial-time algorithm"),
        # a vague head stays where only one compound is left
        ("We propose a scaling-based method to handle it.", "scaling-based method"),
        # but not a count of steps or stages
        ("We propose a two-step approach to handle it.", None),
        # a present passive presents the paper's own
        ("In this paper, a policy-based model is proposed for routing.", "policy-based model"),
        # not an evaluative compound or an adverb
        ("We propose a top-performing model for routing.", None),
        ("We propose a sample-efficient algorithm for routing.", None),
        ("We design a holistically optimized framework for it.", None),
        # not the past passive of others' work
        ("In 2019, a policy-based model was proposed for routing.", None),
    ],
)
def test_descriptive_proposals_of_compounds_and_passives(nlp, abstract, expected):
    assert proposed(nlp, abstract) == ([(expected, "Method")] if expected else [])


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        (
            "We introduce FooNet, a new model. FooNet employs a group-level importance "
            "estimation method to prune layers.",
            [("FooNet", "Method"), ("group-level importance estimation", "Method")],
        ),
        (
            "Our algorithm utilizes a novel rank-based random estimator for descent.",
            [("rank-based random estimator", "Method")],
        ),
        # not the parts of someone else's method
        (
            "Prior work employs a group-level importance estimation method to prune layers.",
            [],
        ),
    ],
)
def test_the_parts_the_papers_own_method_employs_are_its_own(nlp, abstract, expected):
    assert proposed(nlp, abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the recogniser gives the boundaries of a name the rules cannot read: capitalised
        # words, a head that is no method word, "based" without its hyphen
        (
            "Additionally, we design a Multi-level Guardrail System to defend against attacks.",
            [("Multi-level Guardrail System", "Method")],
        ),
        (
            "We also introduce an optimization based filtering method to estimate the pose.",
            [("optimization based filtering method", "Method")],
        ),
        # not a problem the paper defines, nor an adjective with a vague head
        ("We introduce the multi-view color constancy problem for these images.", []),
        ("We propose a statistical framework for it.", []),
        # nothing where no proposal verb or "our" opens the phrase
        ("Prior work designed a Multi-level Guardrail System to defend against attacks.", []),
    ],
)
def test_recognised_names_in_a_proposal_are_the_papers_own(nlp_ner, abstract, expected):
    assert proposed(nlp_ner, abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the parts of the paper's own method, named as its subject
        (
            "We propose FooNet. FooNet comprises two modules: a noise-aware label refinement "
            "module and a prototype-guided cluster assignment module.",
            [
                ("FooNet", "Method"),
                ("noise-aware label refinement", "Method"),
                ("prototype-guided cluster assignment", "Method"),
            ],
        ),
        # not the parts of someone else's
        (
            "We study label noise. Their model comprises two modules: a noise-aware label "
            "refinement module and a prototype-guided cluster assignment module.",
            [],
        ),
    ],
)
def test_the_parts_the_papers_own_method_comprises_are_proposed(nlp_ner, abstract, expected):
    assert proposed(nlp_ner, abstract) == sorted(expected)


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # a catch-phrase before the colon that the abstract never uses names nothing
        (
            "Rewarding Progress: Scaling Automated Verifiers for Reasoning",
            "We train process verifiers that predict progress and beat outcome verifiers.",
            [],
        ),
        # the abstract uses it, in full or by its initials
        (
            "Structurally Prune Anything: Any Architecture, Any Framework",
            "We propose SPA, a pruning framework that prunes any architecture.",
            [("SPA", "Method"), ("Structurally Prune Anything", "Method")],
        ),
        (
            "Semantic Operators: A Declarative Model for Data Processing",
            "We introduce semantic operators, a declarative programming interface.",
            [("Semantic Operators", "Method")],
        ),
        # a letter makes a name: "Agent Q"
        (
            "Agent Q: Advanced Reasoning for Autonomous Agents",
            "We propose a framework that combines search with self-critique.",
            [("Agent Q", "Method")],
        ),
    ],
)
def test_a_title_catch_phrase_is_a_name_only_where_the_abstract_uses_it(
    nlp, title, abstract, expected
):
    ex = extract(nlp, abstract, title=title)
    assert sorted((c.name, c.type) for c in ex.entities if c.proposed) == expected


def test_words_capitalised_to_spell_an_acronym_are_no_names(nlp):
    ex = extract(
        nlp,
        "We propose FAROS, a novel FAir graph geneRatiOn framework. FooOpt uses ADAptive "
        "estimates of the HESSIAN, as ADAHESSIAN does.",
    )
    assert sorted(c.name for c in ex.entities) == ["ADAHESSIAN", "FAROS", "FooOpt"]


def test_a_name_whose_start_is_a_known_data_set_is_a_data_set(nlp):
    ex = extract(nlp, "ToMe keeps FID within 0.5 of the original model on COCO-30K.")
    assert {c.name: c.type for c in ex.entities}.get("COCO-30K") == "Dataset"


def test_a_measure_named_only_before_an_artefact_is_not_a_metric(nlp):
    def metrics(abstract: str) -> list[str]:
        return [c.name for c in extract(nlp, abstract).entities if c.type == "Metric"]

    assert metrics("Each task comes with an executable runtime environment.") == []
    assert metrics("It cuts the runtime of the executable runtime environment.") == ["runtime"]
    assert metrics("It trains with minimal accuracy loss.") == ["accuracy"]


def test_bare_form_that_names_another_known_thing_is_no_alias(nlp):
    # "BLEU" of "BLEU scores" is the metric's bare name; "Inception" of "Inception score" is a
    # network the vocabulary knows, not another name of the metric
    found = {
        c.name: c.aliases
        for c in extract(nlp, "We report the Inception score and the BLEU scores.").entities
    }
    assert found["Inception score"] == []
    assert "BLEU" in found["BLEU scores"]


def test_a_known_form_in_brackets_after_another_form_is_one_concept(nlp):
    # the abbreviation stage takes no two-word short form; the vocabulary knows both forms
    found = [
        (c.name, c.aliases)
        for c in extract(
            nlp, "The key-value cache (KV cache) memory is huge. We shrink the KV cache."
        ).entities
    ]
    assert found == [("key-value cache", ["KV cache"])]


def test_the_name_after_our_descriptor_is_proposed_not_the_descriptor(nlp):
    ex = extract(nlp, "Both proprietary models and our fine-tuned model SWE-Llama fail.")
    found = {c.name: c.proposed for c in ex.entities}
    assert found["SWE-Llama"] is True
    assert found.get("fine-tuned model") is not True
    # not a lower-case word after the descriptor: "our model and data"
    ex = extract(nlp, "We release our model and data to the public.")
    assert not any(c.proposed for c in ex.entities)


def test_a_result_without_a_named_method_is_the_title_proposed_method(nlp):
    ex = extract(
        nlp,
        "Experiments using all labeled data of LibriSpeech achieve 1.8/3.3 WER on the "
        "clean/other test sets.",
        title="wav2vec 2.0: A Framework for Self-Supervised Learning of Speech Representations",
    )
    assert [(r.metric, r.value, r.dataset, r.method) for r in ex.results] == [
        ("WER", "1.8", "LibriSpeech", "wav2vec 2.0"),
        ("WER", "3.3", "LibriSpeech", "wav2vec 2.0"),
    ]


def test_a_descriptor_noun_before_a_known_name_is_no_more_specific_name(nlp_ner):
    # the recogniser spans "program AlphaGo"; "program" says what AlphaGo is, nothing more
    ex = extract(nlp_ner, "Using this search, our program AlphaGo achieved a 99.8% winning rate.")
    found = {c.name: c for c in ex.entities}
    assert found["AlphaGo"].proposed and found["AlphaGo"].vocab_id == "method:alphago"
    assert [(r.metric, r.value, r.method) for r in ex.results] == [
        ("winning rate", "99.8%", "AlphaGo")
    ]


def test_an_unknown_name_listed_among_known_data_sets_is_a_data_set(nlp):
    ex = extract(nlp, "Our models solve problems in GSM8K, MATH, ZorBlax, AMC23, and AIME24.")
    assert {c.name: c.type for c in ex.entities}["ZorBlax"] == "Dataset"
    # not among names of different types
    ex = extract(nlp, "We compare FooNet7 with GPT-4 and ImageNet.")
    assert {c.name: c.type for c in ex.entities}["FooNet7"] == "Method"


def test_a_technical_report_title_proposes_its_model(nlp):
    ex = extract(
        nlp,
        "We present Qwen2.5-Math, a series of math-specific models.",
        title="Qwen2.5-Math Technical Report: Toward Mathematical Expert Model",
    )
    assert [(c.name, c.proposed) for c in ex.entities if c.type == "Method"][0] == (
        "Qwen2.5-Math",
        True,
    )


def test_our_description_then_a_name_between_commas_proposes_the_name(nlp):
    ex = extract(
        nlp,
        "Even our smallest math-specific model, Qwen2.5-Math-1.5B-Instruct, reaches 80% accuracy.",
    )
    found = {c.name: c.proposed for c in ex.entities}
    assert found["Qwen2.5-Math-1.5B-Instruct"] is True
    assert found.get("smallest math-specific model") is not True
    assert [r.method for r in ex.results] == ["Qwen2.5-Math-1.5B-Instruct"]
    # a list after the comma is no appositive
    ex = extract(nlp, "We compare our fine-tuned model, GPT-4, and Llama.")
    assert not {c.name: c.proposed for c in ex.entities}["GPT-4"]


def test_a_name_written_with_a_defined_acronym_is_the_long_name(nlp):
    ex = extract(
        nlp,
        "We study differentially private stochastic gradient descent (SGD) algorithms. The "
        "differentially private SGD algorithm is simple.",
    )
    (concept,) = ex.entities
    assert concept.name == "differentially private stochastic gradient descent"
    assert "differentially private SGD" in concept.aliases


def test_the_word_of_a_list_cue_is_no_part_of_the_paper(nlp_ner):
    # "components" is the cue of a list of the paper's parts, not one of them (the
    # recogniser spans "model components")
    ex = extract(
        nlp_ner,
        "We introduce OpenVLA, a 7B-parameter open-source VLA. As a product of the added data "
        "diversity and new model components, OpenVLA demonstrates strong results, "
        "outperforming closed models such as RT-2-X (55B) by 16.5% in absolute task success "
        "rate across 29 tasks.",
    )
    assert "model components" not in {c.name for c in ex.entities if c.proposed}
    assert [r.method for r in ex.results] == ["OpenVLA"]


def test_a_task_only_the_recogniser_found_must_name_an_activity_to_back_off(nlp_ner):
    # few concepts found, so the recogniser's own ones join; "search stage" names no activity
    abstract = (
        "Differentiable Architecture Search (DARTS) is a simple yet efficient Neural "
        "Architecture Search (NAS) method. During the search stage, DARTS trains a supernet by "
        "jointly optimizing architecture parameters and network parameters. During the "
        "evaluation stage, DARTS discretizes the supernet to derive the optimal architecture "
        "based on architecture parameters. However, recent research has shown that during the "
        "training process, the supernet tends to converge towards sharp minima rather than "
        "flat minima. In this paper, we propose Self-Distillation Differentiable Neural "
        "Architecture Search (SD-DARTS) to alleviate the discretization gap. We utilize "
        "self-distillation to distill knowledge from previous steps of the supernet."
    )
    names = {c.name for c in extract(nlp_ner, abstract).entities}
    assert "supernet" in names  # the back-off ran
    assert "search stage" not in names


def test_a_name_ending_in_a_hyphen_and_a_capital_ends_before_the_full_stop(nlp):
    ex = extract(nlp, "All our models outperform every other public model on MultiPL-E.")
    assert [(c.name, c.vocab_id) for c in ex.entities] == [("MultiPL-E", "dataset:multipl-e")]


def test_the_bare_known_name_of_a_recogniser_span_stays_its_variant_in_broad_mode():
    # where the recogniser leads, "BLEU score" (no vocabulary id of its own) keeps "BLEU";
    # only a concept the vocabulary knows drops a bare form that is another entry
    nlp_broad = load_pipeline(broad=True)
    ex = extract(
        nlp_broad, "Table 4: BLEU score results for various languages translated into English."
    )
    found = {c.name: c.aliases for c in ex.entities}
    assert "BLEU" in found["BLEU score"]


def test_a_known_data_set_with_a_capitalised_part_joined_to_it_is_a_data_set(nlp):
    ex = extract(
        nlp,
        "We evaluate SWE-agent on SWE-bench and HumanEvalFix, achieving a pass@1 rate of 12.5% "
        "and 87.7%, respectively.",
    )
    assert {c.name: c.type for c in ex.entities}["HumanEvalFix"] == "Dataset"
    assert [(r.value, r.dataset) for r in ex.results] == [
        ("12.5%", "SWE-bench"),
        ("87.7%", "HumanEvalFix"),
    ]


def test_a_known_model_evaluated_on_is_no_data_set(nlp):
    ex = extract(nlp, "Extensive experiments on LLaMA2 and Mistral demonstrate the effectiveness.")
    assert {c.name: (c.type, c.vocab_id) for c in ex.entities}["LLaMA2"] == (
        "Method",
        "method:llama-2",
    )


def test_a_descriptor_word_used_as_a_verb_makes_no_variant(nlp):
    text = (
        "We introduce Cognitive Diffusion Probabilistic Models (CogDPM). CogDPM features a "
        "precision estimation method."
    )
    by_name = {c.name: c for c in extract(nlp, text).entities}
    assert by_name["Cognitive Diffusion Probabilistic Models"].aliases == ["CogDPM"]
