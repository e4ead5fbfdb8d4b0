"""`kg evaluate` and kg.evaluate: document-level scores per type, strict and lenient, the
proposed flag, results, excluded types and bad input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from kg.cli import evaluate as cli_evaluate
from kg.cli import main
from kg.errors import RecordError
from kg.evaluate import evaluate, names_match, normalise_name, read_gold, read_predictions
from kg.model import Concept, Extraction, Result

GOLD = {
    "id": "p1",
    "entities": {
        "Method": [
            {"name": "Bellman Optimal Step-size Straightening|BOSS", "proposed": True},
            {"name": "flow matching", "proposed": False},
        ],
        "Dataset": [{"name": "ImageNet 64x64", "proposed": False}],
        "Metric": [{"name": "FID", "proposed": False}],
        "Task": [{"name": "image synthesis", "proposed": False}],
    },
    "results": [{"metric": "FID", "value": "17.86", "dataset": "ImageNet 64x64", "method": "BOSS"}],
}


def _pred(*concepts: Concept, results: list[Result] | None = None, pid: str = "p1") -> dict:
    return Extraction(pid, "t", list(concepts), results or []).to_dict()


def _scores(report: dict, mode: str = "strict") -> dict[str, float]:
    return {k: v["f1"] for k, v in report["entities"][mode].items()}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Flow-Matching Models", "flow matching model"),
        ("the GANs", "GAN"),
        ("Stable Diffusion’s", "stable diffusion"),
        ("policies", "policy"),
    ],
)
def test_normalise_name_equates_variants(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_alias_matches_strictly_and_containment_only_leniently() -> None:
    assert names_match(["Bellman Optimal Step-size Straightening", "BOSS"], ["BOSS"])
    assert not names_match(["ImageNet 64x64"], ["ImageNet"])
    assert names_match(["ImageNet 64x64"], ["ImageNet"], lenient=True)
    assert not names_match(["image synthesis"], ["speech recognition"], lenient=True)


def test_per_type_strict_and_lenient() -> None:
    pred = _pred(
        Concept("Method", "BOSS", proposed=True),
        Concept("Method", "diffusion models"),  # false positive
        Concept("Dataset", "ImageNet"),  # lenient only
        Concept("Metric", "FID"),
        Concept("Task", "image synthesis"),
    )
    report = evaluate([GOLD], [pred])
    strict, lenient = report["entities"]["strict"], report["entities"]["lenient"]
    assert (strict["Method"]["tp"], strict["Method"]["pred"], strict["Method"]["gold"]) == (1, 2, 2)
    assert strict["Method"]["precision"] == 0.5 and strict["Method"]["recall"] == 0.5
    assert strict["Dataset"]["f1"] == 0.0 and lenient["Dataset"]["f1"] == 1.0
    assert strict["Metric"]["f1"] == 1.0 and strict["Task"]["f1"] == 1.0
    assert strict["overall"]["tp"] == 3 and strict["overall"]["pred"] == 5
    assert strict["overall"]["gold"] == 5 and strict["overall"]["f1"] == 0.6


def test_each_concept_counts_once_per_paper() -> None:
    # two predicted spellings of one gold concept: one true positive, one false positive
    pred = _pred(
        Concept("Metric", "FID"),
        Concept("Metric", "Frechet Inception Distance|FID"),
        Concept("Metric", "FIDs"),
    )  # same normalised name as "FID": dropped
    r = evaluate([GOLD], [pred], types=["Metric"])
    assert r["types"] == ["Metric"]
    m = r["entities"]["strict"]["Metric"]
    assert (m["tp"], m["pred"], m["gold"]) == (1, 2, 1)


def test_types_not_annotated_are_not_scored() -> None:
    gold = {
        "id": "s",
        "types": ["Dataset", "Metric", "Task"],
        "entities": {"Task": [{"name": "machine translation"}]},
    }
    pred = _pred(Concept("Method", "Transformer"), Concept("Task", "machine translation"), pid="s")
    report = evaluate([gold], [pred])
    assert "Method" not in report["types"]
    assert report["entities"]["strict"]["overall"]["f1"] == 1.0


def test_proposed_flag_scored() -> None:
    good = _pred(Concept("Method", "BOSS", proposed=True))
    wrong = _pred(Concept("Method", "flow matching", proposed=True))
    assert evaluate([GOLD], [good])["proposed"]["strict"]["f1"] == 1.0
    assert evaluate([GOLD], [wrong])["proposed"]["strict"]["f1"] == 0.0


def test_results_strict_and_lenient() -> None:
    exact = _pred(results=[Result(metric="FID", value="17.86")])
    unit = _pred(results=[Result(metric="FID score", value="17.86 FID")])
    wrong = _pred(results=[Result(metric="FID", value="138.66")])
    assert evaluate([GOLD], [exact])["results"]["strict"]["f1"] == 1.0
    assert evaluate([GOLD], [unit])["results"]["strict"]["f1"] == 0.0
    assert evaluate([GOLD], [unit])["results"]["lenient"]["f1"] == 1.0
    assert evaluate([GOLD], [wrong])["results"]["lenient"]["f1"] == 0.0


@pytest.mark.parametrize(
    ("gold_value", "pred_value", "strict"),
    [
        ("up to 88%", "88%", 1.0),
        ("88%", "about 88%", 1.0),
        ("approximately 20%", "20 %", 1.0),
        ("more than 85%", "85%", 1.0),
        # a bound written as a symbol is part of the value; another number is not
        (">8%", "8%", 0.0),
        ("up to 88%", "87%", 0.0),
    ],
)
def test_a_hedge_before_a_value_is_no_part_of_it(gold_value, pred_value, strict) -> None:
    gold = {**GOLD, "results": [{"metric": "accuracy", "value": gold_value}]}
    pred = _pred(results=[Result(metric="accuracy", value=pred_value)])
    assert evaluate([gold], [pred])["results"]["strict"]["f1"] == strict


def test_missing_prediction_counts_as_empty() -> None:
    report = evaluate([GOLD], [_pred(Concept("Task", "x"), pid="other")])
    assert report["missing_predictions"] == 1
    assert report["entities"]["strict"]["overall"]["recall"] == 0.0
    assert report["entities"]["strict"]["overall"]["pred"] == 0  # other papers are ignored


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kg")
    cli_evaluate.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_prints_table_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gold = _write(tmp_path / "gold.jsonl", [GOLD])
    pred = _write(tmp_path / "pred.jsonl", [_pred(Concept("Task", "image synthesis"))])
    out = tmp_path / "report.json"
    assert (
        _cli(["evaluate", str(gold), str(pred), "--types", "Task,Metric", "--json", str(out)]) == 0
    )
    text = capsys.readouterr().out
    assert "Task" in text and "Method" not in text
    report = json.loads(out.read_text())
    assert report["entities"]["strict"]["Task"]["f1"] == 1.0
    assert report["entities"]["strict"]["overall"]["recall"] == 0.5


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not JSON"),
        ('{"id": "p2", "entities": {"Model": []}}', "unknown type"),
        ('{"id": "p1", "entities": {}}', "duplicate id"),
        ('["a list"]', "JSON object"),
    ],
)
def test_bad_gold_is_one_error_with_line(tmp_path: Path, line: str, reason: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n" + line + "\n")
    with pytest.raises(RecordError, match=reason) as err:
        read_gold(gold)
    assert str(err.value).startswith(f"{gold}:2: ")


def test_bad_prediction_record(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "p1", "entities": [{"name": "x"}]}\n')
    with pytest.raises(RecordError, match="entities") as err:
        read_predictions(pred)
    assert err.value.line == 1


def test_cli_bad_input_is_one_line_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    gold = _write(tmp_path / "gold.jsonl", [GOLD])
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "p1"}\n{broken\n')
    assert main(["evaluate", str(gold), str(pred)]) == 3
    err = capsys.readouterr().err.strip()
    assert (
        err == f"kg: error: {pred}:2: not JSON: Expecting property name enclosed in double quotes"
    )
    assert main(["evaluate", str(gold), str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl" in capsys.readouterr().err
