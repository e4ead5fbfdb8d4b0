"""One test group per reader, on hand-made fixtures in the real formats (tests/data/ingest/).

Each fixture holds good records and malformed ones; the tests assert the fields read and that
every malformed record is skipped with its place and reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RecordError
from kg.ingest import IngestReport, iter_records, read_papers
from kg.model import Paper

DATA = Path(__file__).parent / "data" / "ingest"


def _read(name: str, **kwargs: object) -> tuple[list[Paper], IngestReport]:
    report = IngestReport()
    papers = list(iter_records([DATA / name], report=report, **kwargs))  # type: ignore[arg-type]
    return papers, report


def _skips(report: IngestReport) -> list[tuple[int | None, int | None, str]]:
    return [(s.line, s.record, s.reason) for s in report.skipped]


def test_hf_daily_page_with_metadata() -> None:
    papers, report = _read("hf_daily_meta.txt")
    assert report.formats == {"hf-daily": 1}
    by_title = {p.title: p for p in papers}
    boss = by_title["Bellman Optimal Step-size Straightening of Flow-Matching Models"]
    assert (boss.author_count, boss.date, boss.date_year_inferred) == (3, "2023-12-27", False)
    assert boss.upvotes == 0 and boss.code_url == "https://github.com/nguyenngocbaocmt02/BOSS"
    assert boss.id.startswith("title:") and boss.sources[0].line == 13
    nexus = papers[1]
    # year-less "Jun 10": one more than the latest written-out year on the page (2024)
    assert (nexus.date, nexus.date_year_inferred) == ("2025-06-10", True)
    assert nexus.project_url == "https://ui-nexus.github.io" and nexus.code_url is None
    feedback = papers[2]
    assert feedback.organisation == "NAVER AI Lab" and feedback.author_count is None
    assert (feedback.date, feedback.upvotes) == ("2024-08-22", 2)
    assert "[Akyürek et al., 2023]" in feedback.abstract
    assert "Theta(T/B_{ex})" in feedback.abstract and "mathrm" not in feedback.abstract
    assert feedback.abstract_raw is not None and 'Aky\\"urek' in feedback.abstract_raw
    assert feedback.code_url == "https://github.com/anyasims/edge-of-reach"
    bare = by_title["Entry Without Metadata"]
    assert (bare.date, bare.upvotes, bare.author_count) == (None, None, None)
    # "Dec 30" is later in the year than the page date "Nov 11": it belongs to the year before
    nano = by_title["NanoFlow: Towards Optimal Large Language Model Serving Throughput"]
    assert (nano.date, nano.upvotes, nano.author_count) == ("2024-12-30", 7, 15)
    assert [p.sources[0].position for p in papers] == [1, 2, 3, 5, 6]
    assert _skips(report) == [
        (37, 4, "entry 'A Title Whose Abstract Went Missing' has no abstract")
    ]


def test_hf_daily_year_option_overrides_inference() -> None:
    papers, report = _read("hf_daily_meta.txt", year=2030)
    assert papers[1].date == "2030-06-10" and papers[1].date_year_inferred
    assert papers[0].date == "2023-12-27"
    assert report.inferred_years == 2


def test_hf_daily_page_without_metadata_bom_and_crlf() -> None:
    papers, report = _read("hf_daily_plain.txt")
    assert [p.sources[0].line for p in papers] == [11, 15]
    assert papers[0].title == "Bellman optimal step-size straightening of flow-matching models"
    assert "\r" not in papers[0].abstract and papers[0].date is None
    assert report.skipped == []


def test_hf_api_json() -> None:
    papers, report = _read("hf_api.json")
    phi, mamba = papers
    assert phi.id == "arxiv:2404.14219" and phi.upvotes == 253
    assert phi.authors == ["Marah Abdin", "Sam Ade Jacobs"] and phi.date == "2024-04-22"
    assert phi.code_url == "https://github.com/microsoft/Phi-3CookBook"
    assert phi.abstract.startswith("We introduce phi-3-mini, a 3.8 billion parameter language")
    assert "\n" not in phi.abstract
    assert mamba.id == "arxiv:2312.00752" and mamba.organisation == "Cartesia AI"
    assert mamba.project_url == "https://state-spaces.github.io/mamba"
    assert _skips(report) == [(None, 3, "entry's 'paper' is not an object")]


def test_arxiv_atom_feed() -> None:
    papers, report = _read("arxiv_atom.xml")
    lora, bert = papers
    assert lora.id == "arxiv:2106.09685" and lora.date == "2021-06-17"
    assert lora.categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert lora.authors == ["Edward J. Hu", "Yelong Shen"]
    assert lora.code_url == "https://github.com/microsoft/LoRA"
    assert "http://arxiv.org/pdf/2106.09685v2" in lora.urls
    assert bert.title == (
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    )
    assert bert.doi == "10.18653/v1/n19-1423" and bert.venue == "NAACL 2019"
    assert _skips(report) == [(None, 3, "entry 3 has no <title>")]


def test_arxiv_snapshot_jsonl() -> None:
    papers, report = _read("arxiv_snapshot.jsonl")
    assert [p.id for p in papers] == ["arxiv:0704.0001", "arxiv:2106.09685", "arxiv:math/0211159"]
    first = papers[0]
    assert first.authors == ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"]
    assert first.date == "2007-04-02" and first.doi == "10.1103/physrevd.76.013009"
    assert first.title.endswith("at Tevatron and LHC energies")
    assert first.abstract.startswith("A fully differential calculation in perturbative")
    assert first.abstract_raw is None  # only line wrapping changed
    assert first.venue == "Phys.Rev.D76:013009,2007" and first.categories == ["hep-ph"]
    assert "10,000×" in papers[1].abstract and papers[1].abstract_raw is not None
    # line 3 is blank: the Perelman record is on line 5
    assert [p.sources[0].line for p in papers] == [1, 2, 5]
    assert [(line, reason.split(":")[0]) for line, _, reason in _skips(report)] == [
        (4, "arXiv record without an 'id'"),
        (6, "invalid JSON"),
    ]


def test_openalex_works() -> None:
    papers, report = _read("openalex_works.json")
    attention, resnet = papers
    assert attention.id == "arxiv:1706.03762"  # the DataCite arXiv DOI counts as the arXiv id
    assert attention.abstract == (
        "The dominant sequence transduction models are based on complex recurrent networks. "
        "We propose the Transformer."
    )
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert attention.venue == "arXiv (Cornell University)" and attention.date == "2017-06-12"
    assert resnet.abstract == "" and resnet.date == "2016" and resnet.id.startswith("title:")
    assert _skips(report) == [
        (None, 3, "abstract_inverted_index['word'] is not a list of positions")
    ]


def test_semantic_scholar_search_answer() -> None:
    papers, report = _read("s2_search.json")
    attention, resnet = papers
    assert attention.id == "arxiv:1706.03762" and attention.venue == (
        "Neural Information Processing Systems"
    )
    assert attention.categories == ["Computer Science"] and attention.date == "2017-06-12"
    assert resnet.id == "doi:10.1109/cvpr.2016.90" and resnet.date == "2015"
    assert _skips(report) == [(None, 3, "record is not a JSON object (null)")]


def test_bibtex() -> None:
    papers, report = _read("refs.bib")
    bert, lora, mueller = papers
    assert bert.id == "doi:10.18653/v1/n19-1423"
    assert bert.title.startswith("BERT: Pre-training") and "{" not in bert.title
    assert bert.authors[:2] == ["Jacob Devlin", "Ming-Wei Chang"]
    assert bert.venue == "Proceedings of NAACL-HLT" and bert.date == "2019-06"
    assert "Bidirectional Encoder Representations from" in bert.abstract
    assert "80.5% (7.7% point" in bert.abstract
    assert lora.id == "arxiv:2106.09685" and lora.categories == ["fine-tuning", "adapters"]
    assert mueller.title == "Schönheit und Optimierung: Études on Müller's O(n) Method"
    assert mueller.authors == ["Jörg Müller", "Kurt Gödel"]
    assert [p.sources[0].line for p in papers] == [4, 16, 31]
    assert _skips(report) == [
        (27, 3, "unparsable BibTeX block '@article{broken2020,'"),
        (38, 5, "duplicate citation key 'hu2021lora'"),
    ]


def test_csv_with_common_header_names() -> None:
    papers, report = _read("papers.csv")
    attention, resnet = papers
    assert attention.title == "Attention Is All You Need"
    # a quoted cell spanning two lines stays one record
    assert attention.abstract.endswith("recurrent networks. We propose the Transformer.")
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer"] and attention.date == "2017"
    assert attention.id == "arxiv:1706.03762"
    assert resnet.sources[0].line == 5 and resnet.id.startswith("title:")
    assert _skips(report) == [(4, 2, "row has 2 cells, the header has 5")]


def test_tsv_with_column_mapping() -> None:
    papers, _ = _read("papers.tsv", columns={"id": "key", "title": "Name", "abstract": "Text"})
    assert [p.id for p in papers] == ["r1", "r2"]
    assert papers[0].abstract.startswith("We study empirical scaling laws")
    assert papers[1].date == "2022-03-29"


def test_generic_jsonl_keeps_ids_and_empty_titles() -> None:
    papers, report = _read("papers.jsonl")
    assert [p.id for p in papers] == ["P-001", "P-002", "P-003"]
    assert papers[0].arxiv_id == "2312.16414" and papers[0].date == "2023-12-27"
    assert papers[1].title == "" and papers[1].authors == ["Ann Lee", "Bo Chen"]
    assert papers[2].abstract == "Text & more text."
    assert papers[2].abstract_raw == "Text &amp; more <i>text</i>."
    assert [(line, reason.split(":")[0]) for line, _, reason in _skips(report)] == [
        (4, "invalid JSON"),
        (5, "record has neither a title nor an abstract"),
    ]


@pytest.mark.parametrize(
    ("name", "line"),
    [("papers.jsonl", 4), ("refs.bib", 27), ("papers.csv", 4), ("hf_daily_meta.txt", 37)],
)
def test_on_error_fail_stops_at_the_first_malformed_record(name: str, line: int) -> None:
    with pytest.raises(RecordError) as info:
        read_papers([DATA / name], on_error="fail")
    assert info.value.line == line and info.value.file == str(DATA / name)


def test_hf_daily_without_any_written_year_leaves_yearless_dates_empty(tmp_path: Path) -> None:
    page = "new\n\nSubscribe\n\nJan 2\n\nA Title\n\nAn abstract.\n\n  • 1 authors\n·\nJan 1 3\n"
    (tmp_path / "p.txt").write_text(page)
    (paper,) = read_papers([tmp_path / "p.txt"])
    assert (paper.date, paper.date_year_inferred, paper.upvotes) == (None, False, 3)
    (dated,) = read_papers([tmp_path / "p.txt"], year=2025)
    assert (dated.date, dated.date_year_inferred) == ("2025-01-01", True)
