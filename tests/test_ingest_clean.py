"""Text clean-up, identity, links and merging: the parts every reader shares."""

from __future__ import annotations

import pytest

from kg.ingest.clean import clean_name, clean_pair, clean_text, collapse_whitespace
from kg.ingest.identity import (
    normalise_arxiv_id,
    normalise_doi,
    normalise_title,
    paper_id,
    title_key,
)
from kg.ingest.links import find_links, find_urls
from kg.ingest.merge import Merger
from kg.model import Paper, Source


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("minimax regret mathcal{O}(T^{2/3}) under", "minimax regret O(T^{2/3}) under"),
        ("Theta(T/B_{mathrm{ex}})", "Theta(T/B_{ex})"),
        ('[Aky\\"urek et al., 2023]', "[Akyürek et al., 2023]"),
        ('H\\"older-continuous and M{\\"u}ller', "Hölder-continuous and Müller"),
        ("a $\\alpha$-fraction of $10{,}000\\times$", "a α-fraction of 10,000×"),
        ("SP$^2$OT costs $100K+ a year", "SP^2OT costs $100K+ a year"),
        ("{\\em linear speedup effect}", "linear speedup effect"),
        ("``bootstrapping from the void.''", '"bootstrapping from the void."'),
        ("80.5\\% on GLUE \\cite{wang2018}", "80.5% on GLUE"),
        ("see \\url{https://x.org/a}", "see https://x.org/a"),
        ("{BERT}: Pre-training", "BERT: Pre-training"),
        ("<jats:p>A &amp; B</jats:p><jats:p>C</jats:p>", "A & B C"),
        ("H<sub>2</sub>O &lt;3", "H2O <3"),
        ("tokens <think> and <short>", "tokens <think> and <short>"),
        ("optimi-\n  zation of state-of-the-\nart nets", "optimization of state-of-the-art nets"),
        ("  many\t\n spaces\u00a0here ", "many spaces here"),
        ("", ""),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_pair_keeps_raw_only_for_real_changes() -> None:
    assert clean_pair("wrapped\n  text") == ("wrapped text", None)
    assert clean_pair("caf\\'e") == ("café", "caf\\'e")
    assert clean_pair(None) == ("", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2106.09685v3", "2106.09685"),
        ("https://arxiv.org/pdf/2106.09685v1.pdf", "2106.09685"),
        ("arXiv:0704.0001", "0704.0001"),
        ("http://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("10.1234/5678", None),
        (None, None),
    ],
)
def test_normalise_arxiv_id(value: str | None, expected: str | None) -> None:
    assert normalise_arxiv_id(value) == expected


def test_identity_preference() -> None:
    assert paper_id(arxiv_id="2106.09685v2", doi="10.1/x", title="T") == "arxiv:2106.09685"
    assert paper_id(doi="https://doi.org/10.18653/V1/N19-1423") == "doi:10.18653/v1/n19-1423"
    assert paper_id(doi="10.48550/arXiv.1706.03762") == "arxiv:1706.03762"
    assert paper_id(input_id=" X-1 ", title="T") == "X-1"
    assert paper_id(title="Attention is all you need") == title_key("ATTENTION is all you need!")
    assert normalise_doi("doi:10.1000/ABC.") == "10.1000/abc"
    assert normalise_title("Élan: Über—Nets") == "elan uber nets"


def test_links() -> None:
    text = (
        "Code: https://github.com/o/r. Demo (see https://o.github.io/p) and "
        "huggingface.co/datasets/o/d, or github.com/o."
    )
    urls, code, project = find_links(text)
    assert urls == [
        "https://github.com/o/r",
        "https://o.github.io/p",
        "https://huggingface.co/datasets/o/d",
        "https://github.com/o",
    ]
    assert code == "https://github.com/o/r" and project == "https://o.github.io/p"


def _paper(pid: str, title: str, **kw: object) -> Paper:
    return Paper(id=pid, title=title, abstract=kw.pop("abstract", ""), **kw)  # type: ignore[arg-type]


def test_merger_rule() -> None:
    m = Merger()
    assert m.add(
        _paper(
            "title:a",
            "A Study",
            abstract="Short.",
            date="2025-06-10",
            date_year_inferred=True,
            upvotes=3,
            urls=["u1"],
            sources=[Source("p1.txt", "hf-daily", 1, 13)],
        )
    )
    assert not m.add(
        _paper(
            "arxiv:2101.00001",
            "a STUDY",
            arxiv_id="2101.00001",
            abstract="A longer abstract.",
            date="2021-01-04",
            upvotes=1,
            urls=["u2", "u1"],
            authors=["Ann"],
            sources=[Source("f.xml", "arxiv-atom", 1)],
        )
    )
    assert not m.add(
        _paper(
            "doi:10.1/x",
            "Other title",
            doi="10.1/x",
            arxiv_id="2101.00001",
            sources=[Source("r.bib", "bibtex", 2, 9)],
        )
    )
    assert m.add(_paper("arxiv:2101.00002", "A study", arxiv_id="2101.00002"))
    first, second = m.papers
    assert first.id == "arxiv:2101.00001" and first.title == "A Study"
    assert first.abstract == "A longer abstract."
    assert (first.date, first.date_year_inferred) == ("2021-01-04", False)
    assert first.upvotes == 3 and first.urls == ["u1", "u2"] and first.doi == "10.1/x"
    assert [s.file for s in first.sources] == ["p1.txt", "f.xml", "r.bib"]
    assert second.id == "arxiv:2101.00002"  # same title, different arXiv id: another paper


# The fast paths (line ends and runs of spaces handled without splitting, link starts found with
# str.find, plain names kept out of the cache) must give what the general way gives.
@pytest.mark.parametrize(
    "text",
    [
        "  A fully differential calculation\nin QCD.\n",
        "paragraph one.\n  Paragraph two   with  runs\n",
        "a" + "  b" * 40,  # many runs of spaces
        "tab\there\rand\x0bthere\x0c",
        "unit\x1cseparator\x1fend",
        "caf\u00e9\u00a0au\u3000lait\u2028x\x85y",
        "\n\n  \n",
        "single",
        "",
    ],
)
def test_collapse_whitespace_is_split_and_join(text: str) -> None:
    assert collapse_whitespace(text) == " ".join(text.split())


def test_collapse_whitespace_knows_every_whitespace_character() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert collapse_whitespace(f"a{space}{space}b{space}\nc") == "a b c", repr(space)


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Code at HTTP://EXAMPLE.ORG/Tool.", ["HTTP://EXAMPLE.ORG/Tool"]),
        ("see Http://a.org/x and https://b.org/y", ["Http://a.org/x", "https://b.org/y"]),
        ("project page www.example.org today", ["https://www.example.org"]),
        (
            "in github.com/o/r and huggingface.co/m/n",
            ["https://github.com/o/r", "https://huggingface.co/m/n"],
        ),
        ("no links, only and/or and T^{2/3}", []),
        ("httpx://not.a/link", []),
    ],
)
def test_find_urls_candidates(text: str, urls: list[str]) -> None:
    assert find_urls(text) == urls


@pytest.mark.parametrize(
    ("name", "clean"),
    [("Ann Author", "Ann Author"), ("C. Bal\\'azs", "C. Balázs"), (" Ann  Author ", "Ann Author")],
)
def test_clean_name_matches_clean_text(name: str, clean: str) -> None:
    assert clean_name(name) == clean_text(name) == clean
