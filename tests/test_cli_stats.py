"""``kg stats`` and ``kg similar`` through the command line, on a build directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.cli
from kg.cli import main


@pytest.fixture
def build_dir(tmp_path: Path, small_papers, small_extractions) -> Path:
    """A directory as ``kg build`` leaves it: corpus.jsonl and papers.jsonl."""
    from kg.build import CORPUS_FILE, EXTRACTION_FILE

    (tmp_path / CORPUS_FILE).write_text(
        "".join(json.dumps(p.to_dict()) + "\n" for p in small_papers), encoding="utf-8"
    )
    (tmp_path / EXTRACTION_FILE).write_text(
        "".join(json.dumps(e.to_dict()) + "\n" for e in small_extractions), encoding="utf-8"
    )
    return tmp_path


@pytest.fixture(autouse=True)
def _only_graph_commands(monkeypatch):
    # other commands are developed in parallel; the real `main` runs with ours only
    monkeypatch.setattr(kg.cli, "COMMANDS", ("stats", "similar"))


def test_stats_prints_counts_themes_centrality_cooccurrence_and_months(build_dir, capsys, small_kg):
    ppo = small_kg.graph.nodes["concept:proximal-policy-optimization"]["label"]
    assert main(["stats", "--graph-dir", str(build_dir)]) == 0
    out = capsys.readouterr().out
    assert "papers: 5" in out
    assert "communities (papers linked by shared concepts): 2" in out
    assert "most central concepts" in out
    assert "co-occurrence Method-Metric (papers holding both):" in out
    assert "concept frequency by month (2023-12 .. 2024-03):" in out
    assert f"  {ppo}: 2024-02 1, 2024-03 1" in out


def test_stats_json_matches_the_graph(build_dir, capsys, small_kg):
    assert main(["stats", "--graph-dir", str(build_dir), "--json", "-n", "3"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["summary"]["papers"] == 5
    assert stats["summary"]["concepts"] == len(small_kg.concepts)
    assert len(stats["central_concepts"]) == 3
    sizes = sorted(c["size"] for c in stats["communities"])
    assert sizes == [2, 3]
    [alignment] = [c for c in stats["communities"] if "arxiv:2402.00003" in c["papers"]]
    assert alignment["papers"] == ["arxiv:2402.00003", "arxiv:2403.00004", "doi:10.1000/xss"]
    assert "concept:proximal-policy-optimization" in alignment["concepts"]


def test_stats_output_is_deterministic(build_dir, capsys):
    main(["stats", "--graph-dir", str(build_dir)])
    first = capsys.readouterr().out
    main(["stats", "--graph-dir", str(build_dir)])
    assert capsys.readouterr().out == first


def test_similar_by_part_of_title_lists_papers_with_reasons(build_dir, capsys):
    assert main(["similar", "bellman optimal", "--graph-dir", str(build_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("arxiv:2312.00001  BOSS: Bellman Optimal")
    assert out[1].split()[2] == "arxiv:2401.00002"
    assert "        - both mention Method DDIM (2 of 5 papers)" in out
    assert len([line for line in out if line[:4].strip().rstrip(".").isdigit()]) == 1


def test_similar_by_id_json_and_n(build_dir, capsys):
    assert (
        main(["similar", "arxiv:2403.00004", "--graph-dir", str(build_dir), "-n", "1", "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["paper"]["id"] == "arxiv:2403.00004"
    [top] = data["similar"]
    assert top["id"] == "arxiv:2402.00003"
    assert set(top["shared"]) == {
        "concept:large-language-model",
        "concept:proximal-policy-optimization",
    }


def test_similar_unknown_paper_is_one_error_line(build_dir, capsys):
    assert main(["similar", "no such paper whatsoever", "--graph-dir", str(build_dir)]) == 1
    err = capsys.readouterr().err
    assert err == "kg: error: no paper with id or title 'no such paper whatsoever'\n"


def test_similar_query_in_several_titles_names_them(build_dir, capsys):
    assert main(["similar", " for ", "--graph-dir", str(build_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: ' for ' is part of 2 titles, e.g. ")
    assert "Faster Sampling for Diffusion Models" in err and err.count("\n") == 1


def test_missing_build_dir_is_one_error_line(tmp_path, capsys):
    code = main(["stats", "--graph-dir", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("kg: error: ") and "corpus.jsonl" in err and err.count("\n") == 1


@pytest.mark.slow
def test_stats_and_similar_on_any_input_run_ingest_and_extract(capsys):
    small = Path(__file__).parent / "data" / "small" / "papers.jsonl"
    assert main(["stats", str(small), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["summary"]["papers"] == 5 and stats["summary"]["concepts"] > 5
    assert main(["similar", "PPO for LLM agents", str(small), "-n", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paper"]["id"] == "arxiv:2403.00004"
    assert data["similar"] and all(row["reasons"] for row in data["similar"])
