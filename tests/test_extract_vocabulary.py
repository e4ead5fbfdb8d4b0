"""The curated vocabulary files and the ``kg_vocab`` matcher, on spacy.blank("en")."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import spacy

import kg.extract  # noqa: F401  (registers the factories)
from kg.errors import ExtractError
from kg.extract.vocabulary import VOCAB_DIR, load_vocabulary, surface_variants

SOURCE = re.compile(r"^(arXiv:(\d{4}\.\d{4,5}|cs/\d{7})|https?://\S+)$")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_vocab")
    return nlp


def matches(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["kg_vocab"]]


def test_vocabulary_size_types_and_sources():
    entries = load_vocabulary()
    by_type = {
        t: [e for e in entries if e.type == t] for t in ("Method", "Dataset", "Metric", "Task")
    }
    assert len(entries) >= 500
    assert all(len(v) >= 70 for v in by_type.values())
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert all(SOURCE.match(e.source) for e in entries), [
        e.source for e in entries if not SOURCE.match(e.source)
    ][:5]
    # no Wikidata QIDs are claimed (none were verified)
    assert not any(re.search(r"wikidata\.org/(?:wiki|entity)/Q\d", e.source) for e in entries)


def test_broader_hierarchy():
    vocab = {e.id: e for e in load_vocabulary()}
    assert vocab["dataset:imagenet-64x64"].broader == ("dataset:imagenet",)
    assert "method:reinforcement-learning" in vocab["method:offline-reinforcement-learning"].broader
    assert all(b in vocab for e in vocab.values() for b in e.broader)


def test_no_name_belongs_to_two_entries():
    owners: dict[str, set[str]] = {}
    for e in load_vocabulary():
        for form in (e.label, *e.aliases):
            owners.setdefault(form.lower(), set()).add(e.id)
    assert {f: ids for f, ids in owners.items() if len(ids) > 1} == {}


def test_files_are_jsonl_with_the_contract_keys():
    for path in sorted(VOCAB_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert set(json.loads(line)) == {"id", "label", "type", "aliases", "broader", "source"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We solve MATH problems.", [("MATH", "Dataset", "dataset:math")]),
        ("We solve math problems.", []),
        (
            "Scores on GLUE and SQuAD rise.",
            [("GLUE", "Dataset", "dataset:glue"), ("SQuAD", "Dataset", "dataset:squad")],
        ),
        ("glue and squad", []),
        ("Flow matching works.", [("Flow matching", "Method", "method:flow-matching")]),
        ("flow-matching models", [("flow-matching models", "Method", "method:flow-matching")]),
        ("on ImageNet 64x64 today", [("ImageNet 64x64", "Dataset", "dataset:imagenet-64x64")]),
        ("two diffusion model variants", [("diffusion model", "Method", "method:diffusion-model")]),
        (
            "lower FID and higher BLEU",
            [
                ("FID", "Metric", "metric:frechet-inception-distance"),
                ("BLEU", "Metric", "metric:bleu"),
            ],
        ),
        (
            "for novel view synthesis",
            [("novel view synthesis", "Task", "task:novel-view-synthesis")],
        ),
        # a cased name with a plain lower-case word matches in any case; one with an acronym
        # or only capitalised words keeps its case
        (
            "the adjusted rand index rises",
            [("adjusted rand index", "Metric", "metric:adjusted-rand-index")],
        ),
        ("we lower the kl divergence with stable diffusion", []),
        # any hyphen/space mix of a short name
        (
            "for named-entity recognition",
            [("named-entity recognition", "Task", "task:named-entity-recognition")],
        ),
        # a title-cased name is also written in sentence case, and wins over the shorter
        # method inside it; an all-lower spelling is not matched
        (
            "maximise the Inception score of samples",
            [("Inception score", "Metric", "metric:inception-score")],
        ),
        ("an inception score", []),
        # a versioned family takes versions the vocabulary does not list; a model name
        # with a version is also written in lower case
        (
            "Claude-4-Sonnet and gpt-2 and gpt-4o",
            [
                ("Claude-4-Sonnet", "Method", "method:claude"),
                ("gpt-2", "Method", "method:gpt-2"),
                ("gpt-4o", "Method", "method:gpt-4o"),
            ],
        ),
        ("a claude-4 model", []),
        # a metric takes what it is measured on or how: "expected regret", "pre-training loss"
        ("the expected regret", [("expected regret", "Metric", "metric:regret")]),
        ("the pre-training loss", [("pre-training loss", "Metric", "metric:training-loss")]),
        # a measure and its opposite or a neighbour are entries of their own
        ("a top-5 error of 4.9%", [("top-5 error", "Metric", "metric:top-5-error")]),
        ("its harmlessness", [("harmlessness", "Metric", "metric:harmlessness")]),
        (
            "less communication cost",
            [("communication cost", "Metric", "metric:communication-cost")],
        ),
        # a one-word task is an activity: its plural names what it yields
        ("for recommendation", [("recommendation", "Task", "task:recommendation")]),
        ("it gives recommendations", []),
        # the longest name wins: a problem class, not the method inside it
        (
            "smooth non-convex optimization",
            [("non-convex optimization", "Task", "task:non-convex-optimization")],
        ),
    ],
)
def test_matching_rules(nlp, text, expected):
    assert matches(nlp, text) == expected


def test_malformed_vocabulary_names_file_and_line(tmp_path: Path):
    for name in ("methods", "datasets", "metrics", "tasks"):
        shutil.copy(VOCAB_DIR / f"{name}.jsonl", tmp_path / f"{name}.jsonl")
    bad = tmp_path / "metrics.jsonl"
    bad.write_text(bad.read_text() + '{"id": "metric:x", "label": "x"\n', encoding="utf-8")
    n_lines = len(bad.read_text().splitlines())
    with pytest.raises(ExtractError) as err:
        load_vocabulary(tmp_path)
    assert err.value.file == str(bad) and err.value.line == n_lines
    assert "not JSON" in str(err.value)


def test_wrong_type_and_unknown_broader_are_errors(tmp_path: Path):
    for name in ("methods", "datasets", "metrics", "tasks"):
        (tmp_path / f"{name}.jsonl").write_text("", encoding="utf-8")
    entry = {
        "id": "task:x",
        "label": "x",
        "type": "Task",
        "aliases": [],
        "broader": [],
        "source": "https://example.org",
    }
    (tmp_path / "methods.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    with pytest.raises(ExtractError, match="type 'Task' in the Method file"):
        load_vocabulary(tmp_path)
    entry["broader"] = ["task:missing"]
    (tmp_path / "methods.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "tasks.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    with pytest.raises(ExtractError, match="unknown broader id task:missing"):
        load_vocabulary(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We fine-tune Llama-3-8B-Instruct today.", "Llama-3-8B-Instruct"),
        ("We query Claude 3 Opus daily.", "Claude 3 Opus"),
        ("Scores on AlpacaEval 2 rise.", "AlpacaEval 2"),
        ("A GPT-4-powered agent acts.", "GPT-4"),
        ("We run Mistral-7B-Instruct-v0.2 today.", "Mistral-7B-Instruct-v0.2"),
        ("We run DeepSeek-R1-Zero today.", "DeepSeek-R1-Zero"),
        ("Scores on MMLU-STEM rise.", "MMLU-STEM"),  # a data set's subset keeps the set
        ("We train BERT Large today.", "BERT Large"),
    ],
)
def test_matches_grow_to_the_most_specific_form(nlp, text, expected):
    assert [m[0] for m in matches(nlp, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number before a unit is a value, not a version
        ("On CIFAR-10 95.1% accuracy is reached.", "CIFAR-10"),
        # a size word that opens a longer name is no edition
        ("We train on ImageNet Large Scale Visual data.", "ImageNet"),
    ],
)
def test_a_known_name_does_not_grow_over_a_value_or_a_longer_name(nlp, text, expected):
    assert matches(nlp, text)[0][0] == expected


@pytest.mark.parametrize("word", ["GRPO-Verifier", "LLaMA-Adapter", "MCTS-Boosted"])
def test_a_method_built_on_a_known_one_is_not_that_method(nlp, word):
    # the word names another method; the known name at its start is no match of its own
    assert [m for m in matches(nlp, f"We train {word} on it.") if m[0].startswith(word[:4])] == []


def test_match_inside_a_word_is_dropped(nlp):
    assert matches(nlp, "The deepRL agent and xGPT-4 fail.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We analyse robust value iteration here.", "robust value iteration"),
        ("Unlike unsupervised hashing, ours learns codes.", "unsupervised hashing"),
        ("Clearly value iteration converges.", "value iteration"),
        # hyphenated modifiers, which the tokenizer splits
        ("We study zero-shot image classification.", "zero-shot image classification"),
        ("On cross-lingual dependency parsing.", "cross-lingual dependency parsing"),
        # the languages of a language task
        ("We study Chinese word segmentation.", "Chinese word segmentation"),
        ("Czech-English machine translation is hard.", "Czech-English machine translation"),
        ("On Chinese-to-English machine translation.", "Chinese-to-English machine translation"),
        ("In English, machine translation helps.", "machine translation"),
        # an acronym task takes its languages too, and a resource its language version
        ("Chinese SRL is harder than the rest.", "Chinese SRL"),
        ("We show gains on Persian-Arabic SMT.", "Persian-Arabic SMT"),
        ("We used Japanese WordNet for synonyms.", "Japanese WordNet"),
        # a title-cased name takes a title-cased modifier, not a sentence's first word
        ("We use Gaussian Hill Climbing here.", "Gaussian Hill Climbing"),
        ("Robust Hill Climbing works.", "Hill Climbing"),
    ],
)
def test_technical_modifiers_join_the_match(nlp, text, expected):
    assert [m[0] for m in matches(nlp, text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It boosts fact-based reasoning accuracy by 27%.", "fact-based reasoning accuracy"),
        ("We report generalization accuracy on CIFAR-10.", "generalization accuracy"),
        ("Less Communication, Higher Generalization Accuracy", "Generalization Accuracy"),
        # how it is counted
        ("Table 1: Micro-averaged accuracy for all systems.", "Micro-averaged accuracy"),
        ("We report labeled F1 on the test set.", "labeled F1"),
        # a verb or an adjective before the metric is not what it measures
        ("This keeps improving accuracy over time.", "accuracy"),
        ("It reaches higher accuracy than before.", "accuracy"),
    ],
)
def test_metric_takes_the_noun_it_measures(nlp, text, expected):
    assert [m[0] for m in matches(nlp, text) if m[1] == "Metric"] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric word inside a compound or naming a number format is no measure
        ("It treats high-precision linear system solvers.", []),
        ("Training runs in mixed precision on GPUs.", []),
        ("We learn from high-accuracy alignment models.", []),
        # a metric on either side of a hyphen between metrics stays one
        ("Figure 2: Precision-Recall curves.", ["Precision", "Recall"]),
        ("Precision and recall are reported.", ["Precision", "recall"]),
    ],
)
def test_metric_words_that_are_not_measures(nlp, text, expected):
    assert [m[0] for m in matches(nlp, text) if m[1] == "Metric"] == expected


def test_a_name_ending_in_consonant_y_matches_its_ies_plural(nlp):
    text = "We report top-1 accuracies and latencies."
    assert [(t, k) for t, label, k in matches(nlp, text) if label == "Metric"] == [
        ("top-1 accuracies", "metric:top-1-accuracy"),
        ("latencies", "metric:latency"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a family that lists cutoffs takes any cutoff, in any case
        (
            "It boosts recall@10 and Recall@20.",
            [("recall@10", "metric:recall-k"), ("Recall@20", "metric:recall-k")],
        ),
        # any one-word metric at a cutoff is that metric
        (
            "It improves mAP@0.5 and NDCG@k.",
            [("mAP@0.5", "metric:mean-average-precision"), ("NDCG@k", "metric:ndcg")],
        ),
        # a listed cutoff matches as written
        ("It reaches 45.1 Hits@1.", [("Hits@1", "metric:hits-k")]),
        # no metric before the cutoff, or no cutoff after the at sign
        ("Mail team@10 or recall@home.", []),
    ],
)
def test_a_metric_at_any_cutoff(nlp, text, expected):
    assert [(t, k) for t, label, k in matches(nlp, text) if label == "Metric"] == expected


def test_surface_variants_mix_hyphens_and_spaces_of_short_names():
    forms = surface_variants("named entity recognition")
    assert {"named-entity recognition", "named entity-recognition"} <= set(forms)
    assert surface_variants("Turbo-GS") == ["Turbo-GS", "Turbo GS"]
    # long names keep the two plain forms only
    assert len(surface_variants("a b c d e")) == 3


@pytest.mark.parametrize(
    ("text", "vocab_id", "ctype"),
    [
        # the long form of a known acronym is that entry, spelt out or defined in brackets
        (
            "We evaluate on the General Language Understanding Evaluation (GLUE).",
            "dataset:glue",
            "Dataset",
        ),
        ("We report the Bilingual Evaluation Understudy score.", "metric:bleu", "Metric"),
        (
            "We fine-tune Bidirectional Encoder Representations from Transformers.",
            "method:bert",
            "Method",
        ),
    ],
)
def test_the_long_form_of_a_known_acronym_is_its_entry(text, vocab_id, ctype):
    from kg.extract import extract_paper, load_pipeline
    from kg.model import Paper

    nlp = load_pipeline(ner=False)
    found = {
        (c.vocab_id, c.type)
        for c in extract_paper(Paper(id="t", title="", abstract=text), nlp).entities
    }
    assert (vocab_id, ctype) in found


def test_lower_case_benchmark_names_the_vocabulary_lists_are_matched(nlp):
    # names no shape rule reads as names ("ogbn-" is a lower-case prefix), whole even where the
    # tokenizer splits a size off ("papers100", "M")
    names = [m[0] for m in matches(nlp, "On ogbn-products and ogbn-papers100M we win.")]
    assert names == ["ogbn-products", "ogbn-papers100M"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # recent benchmarks and models, each its own entry (not a Method by its shape, not
        # the name it contains: "Open-Sora" is no Sora, "MMLU-Redux" no MMLU)
        (
            "on CMMLU, MuSiQue and DROID",
            [
                ("CMMLU", "Dataset", "dataset:cmmlu"),
                ("MuSiQue", "Dataset", "dataset:musique"),
                ("DROID", "Dataset", "dataset:droid"),
            ],
        ),
        ("on MMLU-Redux", [("MMLU-Redux", "Dataset", "dataset:mmlu-redux")]),
        ("than Open-Sora", [("Open-Sora", "Method", "method:open-sora")]),
        ("than π0 and Octo", [("π0", "Method", "method:pi0"), ("Octo", "Method", "method:octo")]),
        ("with majority voting", [("majority voting", "Method", "method:majority-voting")]),
        (
            "a self-distillation technique",
            [("self-distillation", "Method", "method:self-distillation")],
        ),
        ("We sample 16 frames.", []),
        # well-known tasks
        (
            "for reward hacking and out-of-distribution generalization",
            [
                ("reward hacking", "Task", "task:reward-hacking"),
                (
                    "out-of-distribution generalization",
                    "Task",
                    "task:out-of-distribution-generalization",
                ),
            ],
        ),
        (
            "in off-policy evaluation",
            [("off-policy evaluation", "Task", "task:off-policy-evaluation")],
        ),
        (
            "LMs and group-query attention",
            [
                ("LMs", "Method", "method:language-model"),
                ("group-query attention", "Method", "method:grouped-query-attention"),
            ],
        ),
        (
            "with grouped-query attention on OK-VQA",
            [
                ("grouped-query attention", "Method", "method:grouped-query-attention"),
                ("OK-VQA", "Dataset", "dataset:ok-vqa"),
            ],
        ),
    ],
)
def test_recent_names_are_known(nlp, text, expected):
    assert matches(nlp, text) == expected


def test_a_grown_match_takes_the_longer_known_form_it_starts_with(nlp):
    # the tokenizer keeps "Math-72B" whole, so "Qwen2.5-Math" is not matched as a form
    assert matches(nlp, "Qwen2.5-Math-72B-Instruct and Qwen2.5-72B") == [
        ("Qwen2.5-Math-72B-Instruct", "Method", "method:qwen2-5-math"),
        ("Qwen2.5-72B", "Method", "method:qwen2-5"),
    ]
