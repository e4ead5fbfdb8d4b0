"""Ingest through its public API: the bundled corpus, merging, input kinds and bad input."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import FormatError, InputError
from kg.ingest import (
    FORMATS,
    IngestReport,
    default_corpus,
    detect_format,
    iter_records,
    parse_columns,
    read_papers,
)
from kg.ingest.inputs import HEAD_BYTES

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.fixture(scope="module")
def corpus() -> tuple[list, IngestReport]:
    report = IngestReport()
    return read_papers(default_corpus(), report=report), report


def test_bundled_corpus_gives_288_papers_from_308_entries(corpus) -> None:
    papers, report = corpus
    assert (report.records_read, len(papers), report.papers, report.merged) == (308, 288, 288, 20)
    assert report.skipped == [] and report.formats == {"hf-daily": 4}
    sources = [s for p in papers for s in p.sources]
    assert len(sources) == 308
    per_file = Counter(s.file for s in sources)
    assert per_file == {
        "kg/data/corpus/001_f84774fba33c4d27.txt": 101,
        "kg/data/corpus/002_cd85ede4c56a118f.txt": 72,
        "kg/data/corpus/003_1b138b17a3df73f9.txt": 43,
        "kg/data/corpus/004_fef66db3467f2d45.txt": 92,
    }
    for name, count in per_file.items():
        positions = sorted(s.position for s in sources if s.file == name)
        assert positions == list(range(1, count + 1))
    assert all(s.line and s.format == "hf-daily" for s in sources)
    assert len({p.id for p in papers}) == 288


def test_bundled_corpus_fields(corpus) -> None:
    papers, report = corpus
    by_title = {p.title: p for p in papers}
    boss = by_title["Bellman Optimal Step-size Straightening of Flow-Matching Models"]
    assert (boss.date, boss.author_count, boss.sources[0].line) == ("2023-12-27", 3, 13)
    assert boss.code_url == "https://github.com/nguyenngocbaocmt02/BOSS"
    nano = by_title["NanoFlow: Towards Optimal Large Language Model Serving Throughput"]
    assert (nano.date, nano.upvotes, nano.author_count) == ("2024-08-22", 2, 15)
    nexus = next(p for p in papers if p.title.startswith("Atomic-to-Compositional"))
    assert (nexus.date, nexus.date_year_inferred) == ("2025-06-10", True)
    assert nexus.project_url == "https://ui-nexus.github.io"
    assert [p.organisation for p in papers if p.organisation] == ["NAVER AI Lab"]
    inferred = [p for p in papers if p.date_year_inferred]
    assert inferred and all(p.date.startswith("2025-") for p in inferred)
    assert report.inferred_years == 37
    one_step = next(p for p in papers if p.title.startswith("One Step of Gradient Descent"))
    assert "[Akyürek et al., 2023]" in one_step.abstract
    # a paper on a page with metadata and on one without gets both sources and the metadata
    turbo = [p for p in papers if len(p.sources) > 1 and p.date]
    assert turbo and all({s.file for s in p.sources} for p in turbo)


def test_corpus_ingest_is_deterministic(corpus) -> None:
    papers, _ = corpus
    again = read_papers(default_corpus())
    assert [p.to_dict() for p in again] == [p.to_dict() for p in papers]
    assert papers[0].id == "title:32edd19834a368da"


def test_summary_lines(corpus) -> None:
    _, report = corpus
    assert report.summary_lines() == [
        "files read: 4 (hf-daily 4)",
        "records read: 308",
        "papers: 288 (20 duplicate records merged)",
        "dates with an inferred year: 37",
        "records skipped: 0",
    ]


def test_mixed_formats_merge_with_all_sources(tmp_path: Path) -> None:
    shutil.copy(DATA / "refs.bib", tmp_path / "a.bib")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((DATA / "papers.jsonl").read_bytes()))
    shutil.copy(DATA / "arxiv_atom.xml", tmp_path / "feed.xml")
    report = IngestReport()
    papers = read_papers(
        [tmp_path / "a.bib", tmp_path / "b.jsonl.gz", tmp_path / "feed.xml"], report=report
    )
    by_id = {p.id: p for p in papers}
    lora = by_id["arxiv:2106.09685"]
    assert [(Path(s.file).name, s.format) for s in lora.sources] == [
        ("a.bib", "bibtex"),
        ("feed.xml", "arxiv-atom"),
    ]
    assert lora.date == "2021"  # first date read wins; the feed's is later in the input
    assert lora.categories == ["fine-tuning", "adapters", "cs.CL", "cs.AI", "cs.LG"]
    assert lora.code_url == "https://github.com/microsoft/LoRA"
    bert = by_id["doi:10.18653/v1/n19-1423"]  # BibTeX DOI and the feed's arxiv:doi agree
    assert bert.arxiv_id == "1810.04805" and len(bert.sources) == 2
    assert len(papers) == 6 and report.merged == 2
    assert report.formats == {"bibtex": 1, "jsonl": 1, "arxiv-atom": 1}
    assert [s.where() for s in report.skipped][2] == f"{tmp_path / 'b.jsonl.gz'}:4"


def test_merge_rule_across_sources() -> None:
    papers = read_papers(
        [DATA / "openalex_works.json", DATA / "papers.csv", DATA / "s2_search.json"]
    )
    resnet = next(p for p in papers if p.title.startswith("Deep Residual"))
    # first read as a title hash (OpenAlex, no DOI); the S2 DOI then becomes its id
    assert resnet.id == "doi:10.1109/cvpr.2016.90"
    assert [s.format for s in resnet.sources] == ["openalex", "csv", "s2"]
    assert resnet.abstract == "Deeper neural networks are more difficult to train."  # longest
    assert resnet.authors == ["Kaiming He"]  # first non-empty list
    attention = next(p for p in papers if p.id == "arxiv:1706.03762")
    assert len(attention.sources) == 3 and attention.title == "Attention Is All You Need"


def test_same_title_different_arxiv_ids_stay_apart(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "title": "Same Title",
            "abstract": "One.",
            "url": "https://arxiv.org/abs/2101.00001",
        },
        {
            "id": "b",
            "title": "Same title!",
            "abstract": "Two.",
            "url": "https://arxiv.org/abs/2101.00002",
        },
        {"id": "a", "title": "Other", "abstract": "Three, the longest of all."},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    papers = read_papers([path])
    assert [p.id for p in papers] == ["a", "b"]
    assert papers[0].abstract == "Three, the longest of all." and papers[0].title == "Same Title"


def test_directory_walk_is_recursive_sorted_and_counts_other_files(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "a").mkdir()
    shutil.copy(DATA / "papers.tsv", tmp_path / "z" / "x.tsv")
    shutil.copy(DATA / "hf_api.json", tmp_path / "a" / "y.json")
    (tmp_path / "a" / "README.md").write_text("notes")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(DATA / "papers.tsv", tmp_path / ".hidden" / "h.tsv")
    report = IngestReport()
    papers = list(iter_records([tmp_path], report=report))
    assert [Path(f).name for f in report.files] == ["y.json", "x.tsv"]
    # common header names: key -> id, Name -> title, Text -> abstract, Published -> date
    assert [p.id for p in papers] == ["arxiv:2404.14219", "arxiv:2312.00752", "r1", "r2"]
    readme = [s for s in report.skipped if s.file.endswith("README.md")]
    assert readme and readme[0].reason == "not read: not a paper listing file type"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress((DATA / "papers.jsonl").read_bytes())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    report = IngestReport()
    papers = read_papers(["-"], report=report)
    assert [p.id for p in papers] == ["P-001", "P-002", "P-003"]
    assert papers[0].sources[0].file == "<stdin>" and report.files == ["<stdin>"]


def test_format_option_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "records.dat"
    path.write_bytes((DATA / "papers.tsv").read_bytes())
    with pytest.raises(FormatError, match="records.dat: unknown format"):
        read_papers([path])
    columns = {"id": "key", "title": "Name", "abstract": "Text"}
    assert [p.id for p in read_papers([path], format="tsv", columns=columns)] == ["r1", "r2"]
    # the snapshot read as generic JSON Lines keeps its ids verbatim
    ids = [p.id for p in read_papers([DATA / "arxiv_snapshot.jsonl"], format="jsonl")]
    assert ids[:2] == ["0704.0001", "2106.09685"]
    with pytest.raises(FormatError, match="unknown format 'word'"):
        read_papers([path], format="word")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("hf_daily_meta.txt", "hf-daily"),
        ("hf_daily_plain.txt", "hf-daily"),
        ("hf_api.json", "hf-api"),
        ("arxiv_atom.xml", "arxiv-atom"),
        ("arxiv_snapshot.jsonl", "arxiv-jsonl"),
        ("openalex_works.json", "openalex"),
        ("s2_search.json", "s2"),
        ("refs.bib", "bibtex"),
        ("papers.csv", "csv"),
        ("papers.tsv", "tsv"),
        ("papers.jsonl", "jsonl"),
    ],
)
def test_detect_format(name: str, fmt: str) -> None:
    head = (DATA / name).read_bytes()[:HEAD_BYTES].removeprefix(b"\xef\xbb\xbf")
    assert detect_format(DATA / name, head) == fmt
    assert fmt in FORMATS


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "error", "line", "reason"),
    [
        ("empty.jsonl", b"  \n\n", InputError, None, "empty file"),
        (
            "latin1.jsonl",
            b'{"id": "a", "title": "ok"}\n{"id": "b", "title": "caf\xe9"}\n',
            InputError,
            2,
            "not UTF-8 text (byte 0xe9)",
        ),
        (
            "page.txt",
            b"new\n\nSubscribe\n\nNov 11\n\nT\xe9\n\nAbstract.\n",
            InputError,
            7,
            "not UTF-8 text",
        ),
        ("utf16.jsonl", '{"id": "a"}'.encode("utf-16"), InputError, None, "UTF-16"),
        ("notes.txt", b"Just some notes.\n", FormatError, None, "unknown format"),
        ("blob.bin", b"\x00\x01\x02binary", FormatError, None, "binary data"),
        ("other.xml", b"<?xml version='1.0'?><rss></rss>", FormatError, None, "not an arXiv Atom"),
        (
            "cut.xml",
            (DATA / "arxiv_atom.xml").read_bytes()[:2500],
            InputError,
            41,
            "not well-formed XML",
        ),
        ("cut.json", (DATA / "hf_api.json").read_bytes()[:900], InputError, 18, "not valid JSON"),
        (
            "keys.json",
            b'[{"foo": 1, "bar": 2}]',
            FormatError,
            None,
            "keys bar, foo match no reader",
        ),
        ("nohead.csv", b"a,b\n1,2\n", InputError, 1, "no title or abstract column"),
        (
            "cut.jsonl.gz",
            gzip.compress(b'{"id": "a", "title": "t"}\n' * 200)[:-20],
            InputError,
            None,
            "truncated or corrupt",
        ),
        (
            "cut-big.jsonl.gz",  # fails after the first 64 KiB, while records stream
            gzip.compress(b"".join(b'{"id": "%d", "title": "t"}\n' % i for i in range(9000)))[:-20],
            InputError,
            None,
            "truncated or corrupt",
        ),
        (
            "cut.bib.gz",
            gzip.compress((DATA / "refs.bib").read_bytes())[:-30],
            InputError,
            None,
            "truncated or corrupt",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_bad_files_are_one_clear_error(
    tmp_path: Path, name: str, data: bytes, error: type, line: int | None, reason: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(error) as info:
        read_papers([path])
    assert info.value.file == str(path) and info.value.line == line
    assert reason in info.value.reason


def test_missing_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_papers([tmp_path / "nope.bib"])


def test_parse_columns() -> None:
    assert parse_columns("title=Title,abstract=Summary") == {
        "title": "Title",
        "abstract": "Summary",
    }
    with pytest.raises(InputError, match="unknown field 'colour'"):
        parse_columns("colour=Red")
    with pytest.raises(InputError, match="not field=Column"):
        parse_columns("title")


def test_missing_mapped_column_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="column 'Resume' \\(for abstract\\)"):
        read_papers([DATA / "papers.csv"], columns={"abstract": "Resume"})


@pytest.mark.slow
def test_cli_extract_reads_mixed_inputs(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from kg.cli import main

    shutil.copy(DATA / "refs.bib", tmp_path / "a.bib")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((DATA / "papers.jsonl").read_bytes()))
    shutil.copy(DATA / "arxiv_atom.xml", tmp_path / "feed.xml")
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / n) for n in ("a.bib", "b.jsonl.gz", "feed.xml")]
    assert main(["extract", *args, "-o", str(out)]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids[:2] == ["doi:10.18653/v1/n19-1423", "arxiv:2106.09685"] and "P-002" in ids
    err = capsys.readouterr()
    assert "records skipped: 5" in err.out + err.err
    assert main(["extract", str(_write(tmp_path, "x.txt", b"hello")), "-o", str(out)]) == 2
    assert "x.txt: unknown format" in capsys.readouterr().err
