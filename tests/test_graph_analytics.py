"""Analytics and co-occurrence over the built graph (kg.graph.analytics, kg.graph.cooccurrence)."""

from __future__ import annotations

from kg.graph import (
    build_graph,
    central_concepts,
    concept_timeline,
    cooccurrence,
    cooccurrence_tables,
    graph_summary,
    paper_communities,
)
from kg.model import Concept, Extraction, Paper

THEMES = {
    "diffusion": [("DDIM", "Method"), ("CIFAR-10", "Dataset"), ("FID", "Metric")],
    "alignment": [("DPO", "Method"), ("AlpacaEval", "Dataset"), ("win rate", "Metric")],
}


def _themed_kg():
    papers, exs = [], []
    for theme, ents in THEMES.items():
        for i in range(4):
            pid = f"{theme}{i}"
            papers.append(Paper(id=pid, title=pid, abstract="", date=f"2024-0{i + 1}-15"))
            concepts = [Concept(type=t, name=n) for n, t in ents[: 2 + i % 2]]
            concepts.append(Concept(type="Task", name="generation"))  # in every paper
            exs.append(Extraction(id=pid, title=pid, entities=concepts))
    return build_graph(papers, exs, vocabulary=[])


def test_communities_are_the_themes_labelled_by_their_concepts():
    communities = paper_communities(_themed_kg())
    assert [c.papers for c in communities] == [
        [f"alignment{i}" for i in range(4)],
        [f"diffusion{i}" for i in range(4)],
    ]
    assert communities[0].label == "AlpacaEval / DPO / win rate"
    assert communities[1].label == "CIFAR-10 / DDIM / FID"
    # a concept every paper holds characterises no theme
    assert all("concept:generation" not in dict(c.concepts) for c in communities)


def test_communities_are_deterministic():
    runs = [[(c.papers, c.label) for c in paper_communities(_themed_kg())] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_most_central_concept_is_the_shared_hub():
    rows = central_concepts(_themed_kg(), 3)
    assert rows[0][:3] == ("concept:generation", "generation", "Task")
    assert rows[0][4] == 8
    assert rows[0][3] > rows[1][3] >= rows[2][3]


def test_timeline_counts_papers_per_month():
    months, rows = concept_timeline(_themed_kg(), 3)
    assert months == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert rows[0] == (
        "concept:generation",
        "generation",
        {"2024-01": 2, "2024-02": 2, "2024-03": 2, "2024-04": 2},
    )
    ddim = dict((cid, per) for cid, _, per in concept_timeline(_themed_kg(), 20)[1])
    assert ddim["concept:fid"] == {"2024-02": 1, "2024-04": 1}


def test_cooccurrence_counts_papers_holding_both():
    kg = _themed_kg()
    pairs = {
        (r.first_label, r.second_label): r.papers for r in cooccurrence(kg, "Method", "Dataset")
    }
    assert pairs == {("DDIM", "CIFAR-10"): 4, ("DPO", "AlpacaEval"): 4}
    metric_task = cooccurrence(kg, "Metric", "Task")
    assert [(r.first_label, r.second_label, r.papers) for r in metric_task] == [
        ("FID", "generation", 2),
        ("win rate", "generation", 2),
    ]


def test_cooccurrence_tables_on_fixture(small_papers, small_extractions):
    kg = build_graph(small_papers, small_extractions, vocabulary=[])
    tables = cooccurrence_tables(kg, min_papers=2)
    assert list(tables) == [
        "Method-Dataset",
        "Method-Metric",
        "Method-Task",
        "Metric-Task",
        "Dataset-Metric",
    ]
    method_metric = {(r.first_label, r.second_label): r.papers for r in tables["Method-Metric"]}
    assert method_metric == {("DDIM", "FID"): 2, ("flow matching", "FID"): 2}
    assert tables["Method-Dataset"] == []  # no method-dataset pair in two papers


def test_summary_counts_nodes_and_edges(small_kg):
    s = graph_summary(small_kg)
    assert s["papers"] == 5
    assert s["concepts"] == sum(s[f"concepts {t}"] for t in ("Method", "Dataset", "Metric", "Task"))
    assert s["broader edges"] >= 1 and s["related edges"] >= 2
    assert (
        s["role edges"]
        == small_kg.graph.number_of_edges() - s["broader edges"] - s["related edges"]
    )
