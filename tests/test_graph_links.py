"""Paper-paper links: IDF weights, types, reasons, top-k and threshold (kg.graph.links)."""

from __future__ import annotations

import pytest

from kg.graph import build_graph, similar_papers
from kg.graph.vocabulary import VocabEntry
from kg.model import Concept, Extraction, Paper


def _kg(ents: dict[str, list[Concept]], **kw):
    papers = [Paper(id=pid, title=f"Paper {pid}", abstract="") for pid in ents]
    exs = [Extraction(id=pid, title=pid, entities=list(cs)) for pid, cs in ents.items()]
    return build_graph(papers, exs, vocabulary=[], **kw)


def _m(name: str, ctype: str = "Method", **kw) -> Concept:
    return Concept(type=ctype, name=name, **kw)


def _related(kg) -> dict[tuple[str, str], dict]:
    return {(a, b): d for a, b, d in kg.graph.edges(data=True) if d["kind"] == "related"}


def test_rare_shared_concept_outweighs_common_one():
    ents = {
        "a": [_m("NeRF"), _m("transformer")],
        "b": [_m("NeRF")],
        "c": [_m("transformer")],
        **{f"z{i}": [_m("transformer")] for i in range(6)},
    }
    kg = _kg(ents)
    links = _related(kg)
    assert links[("a", "b")]["weight"] > links[("a", "c")]["weight"]
    assert similar_papers(kg, "a")[0].target == "b"


def test_weight_sums_over_shared_concepts_and_edge_lists_them():
    kg = _kg(
        {
            "a": [_m("DDIM"), _m("CIFAR-10", "Dataset"), _m("FID", "Metric")],
            "b": [_m("DDIM"), _m("CIFAR-10", "Dataset"), _m("FID", "Metric")],
            "c": [_m("DDIM")],
        }
    )
    links = _related(kg)
    ab, ac = links[("a", "b")], links[("a", "c")]
    assert ab["weight"] > ac["weight"]
    assert sorted(ab["shared"]) == ["concept:cifar-10", "concept:ddim", "concept:fid"]
    assert ab["shared"][-1] == "concept:ddim"  # the most common concept counts least
    assert ab["link_types"] == ["shared Dataset", "shared Method", "shared Metric"]
    assert "both mention Dataset CIFAR-10 (2 of 3 papers)" in ab["reasons"]
    assert all(s in kg.graph and kg.graph.nodes[s]["kind"] == "concept" for s in ab["shared"])


def test_proposing_paper_and_using_paper_are_linked_with_that_reason():
    kg = _kg(
        {
            "a": [
                _m(
                    "Bellman Optimal Step-size Straightening",
                    aliases=["BOSS"],
                    proposed=True,
                    role="proposes",
                )
            ],
            "b": [_m("BOSS", role="compares")],
            "c": [_m("DDIM")],
        }
    )
    edge = _related(kg)[("a", "b")]
    assert edge["link_types"] == ["uses proposed Method"]
    assert edge["reasons"] == [
        '"Paper b" uses Bellman Optimal Step-size Straightening, proposed by "Paper a"'
    ]
    plain = _related(_kg({"a": [_m("BOSS")], "b": [_m("BOSS")], "c": [_m("DDIM")]}))
    assert edge["weight"] == pytest.approx(2 * plain[("a", "b")]["weight"])


def _star():
    # hub shares a concept with each of six papers; the rarer the concept the stronger
    ents: dict[str, list[Concept]] = {"hub": []}
    for i in range(6):
        name = f"concept {i}"
        ents["hub"].append(_m(name))
        ents[f"p{i}"] = [_m(name)]
        for j in range(i):  # concept i is also held by i filler papers
            ents[f"f{i}_{j}"] = [_m(name)]
    return ents


@pytest.mark.parametrize("top_k", [1, 2, 3])
def test_top_k_links_per_paper_keeping_the_strongest(top_k: int):
    kg = _kg(_star(), top_k=top_k)
    links = _related(kg)
    degree: dict[str, int] = {}
    for a, b in links:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    assert max(degree.values()) <= top_k
    kept = sorted((d["weight"] for (a, b), d in links.items() if "hub" in (a, b)), reverse=True)
    best = [link.weight for link in similar_papers(kg, "hub", n=top_k)]
    assert kept == best  # the hub keeps its strongest links: the rarest shared concepts
    assert kept[0] > kept[-1] or top_k == 1


def test_threshold_drops_weak_links():
    everything = _related(_kg(_star(), top_k=100))
    cut = sorted(d["weight"] for d in everything.values())[len(everything) // 2]
    kept = _related(_kg(_star(), top_k=100, min_weight=cut))
    assert kept and all(d["weight"] >= cut for d in kept.values())
    assert set(kept) == {pair for pair, d in everything.items() if d["weight"] >= cut}
    assert _related(_kg(_star(), min_weight=1e9)) == {}


def test_links_stored_once_with_smaller_id_first(small_kg):
    links = _related(small_kg)
    assert links and all(a < b for a, b in links)
    assert ("arxiv:2312.00001", "arxiv:2401.00002") in links


def test_similar_ranks_every_paper_beyond_top_k():
    kg = _kg(_star(), top_k=1)
    found = similar_papers(kg, "hub", n=21)
    assert len(found) == 21  # every other paper, though the graph keeps one link per paper
    assert [link.shared[0] for link in found[:3]] == [
        "concept:concept-0",
        "concept:concept-1",
        "concept:concept-1",
    ]
    assert [link.weight for link in found] == sorted((x.weight for x in found), reverse=True)


def test_a_paper_cannot_use_what_a_later_paper_proposes():
    papers = [
        Paper(id="old", title="Old", abstract="", date="2023-01-01"),
        Paper(id="new", title="New", abstract="", date="2024-01-01"),
    ]
    exs = [
        Extraction(id="old", title="", entities=[_m("BOSS", role="uses")]),
        Extraction(id="new", title="", entities=[_m("BOSS", proposed=True, role="proposes")]),
    ]
    edge = build_graph(papers, exs, vocabulary=[]).graph.edges["new", "old"]
    assert edge["link_types"] == ["shared Method"]
    assert edge["reasons"] == ["both mention Method BOSS (2 of 2 papers)"]
    papers[1].date = "2022-06-01"
    edge = build_graph(papers, exs, vocabulary=[]).graph.edges["new", "old"]
    assert edge["reasons"] == ['"Old" uses BOSS, proposed by "New"']


def test_variant_of_a_concept_links_at_half_weight_with_its_reason():
    ents = {
        "a": [_m("ImageNet 64x64", "Dataset")],
        "b": [_m("ImageNet", "Dataset")],
        "c": [_m("ImageNet", "Dataset")],
        "d": [_m("CIFAR-10", "Dataset")],
    }
    links = _related(_kg(ents))
    ab, bc = links[("a", "b")], links[("b", "c")]
    assert ab["shared"] == ["concept:imagenet"]
    assert ab["link_types"] == ["variant of Dataset"]
    assert ab["reasons"] == ["ImageNet 64x64 is a variant of Dataset ImageNet (2 of 4 papers)"]
    assert ab["weight"] == pytest.approx(bc["weight"] / 2)
    assert ("a", "d") not in links


def test_fixture_imagenet_variant_adds_to_the_diffusion_link(small_kg):
    edge = small_kg.graph.edges["arxiv:2312.00001", "arxiv:2401.00002"]
    assert "concept:imagenet" in edge["shared"]
    assert "variant of Dataset" in edge["link_types"]


@pytest.mark.parametrize(
    ("source", "arxiv_id", "credited"),
    [
        ("https://en.wikipedia.org/wiki/Dynamic_programming", None, False),  # established
        ("arXiv:2305.18290", "2402.00003", False),  # proposed by another paper
        ("arXiv:2305.18290", "2305.18290", True),  # this very paper
        ("arXiv:2305.18290", None, False),  # cannot tell
    ],
)
def test_proposal_of_a_curated_concept_is_credited_only_to_its_source(source, arxiv_id, credited):
    vocab = [VocabEntry(id="m:dp", label="dynamic programming", type="Method", source=source)]
    papers = [
        Paper(id="a", title="A", abstract="", arxiv_id=arxiv_id),
        Paper(id="b", title="B", abstract=""),
    ]
    exs = [
        Extraction(
            id="a",
            title="",
            entities=[_m("dynamic programming", proposed=True, role="proposes", vocab_id="m:dp")],
        ),
        Extraction(id="b", title="", entities=[_m("dynamic programming")]),
    ]
    edge = build_graph(papers, exs, vocabulary=vocab).graph.edges["a", "b"]
    assert (edge["link_types"] == ["uses proposed Method"]) is credited


@pytest.mark.parametrize(
    ("date", "credited"),
    [
        ("2023-05-29", True),
        ("2023-04-20", True),
        ("2021-08-01", False),
        ("2025-01-10", False),
        (None, False),
    ],
)
def test_proposal_is_credited_only_near_the_month_of_the_curated_arxiv_source(date, credited):
    vocab = [VocabEntry(id="m:dpo", label="DPO", type="Method", source="arXiv:2305.18290")]
    papers = [
        Paper(id="a", title="A", abstract="", date=date),
        Paper(id="b", title="B", abstract="", date="2025-06-01"),
    ]
    exs = [
        Extraction(
            id="a",
            title="",
            entities=[_m("DPO", proposed=True, role="proposes", vocab_id="m:dpo")],
        ),
        Extraction(id="b", title="", entities=[_m("DPO")]),
    ]
    edge = build_graph(papers, exs, vocabulary=vocab).graph.edges["a", "b"]
    assert (edge["link_types"] == ["uses proposed Method"]) is credited
