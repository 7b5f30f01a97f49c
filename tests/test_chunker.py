"""Chunking releases: sentence groups with exact offsets, whole tables, page-break repairs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from index.chunker import MAX_SENTENCES, chunk_release, is_table
from index.parser import parse_release
from index.reader import read_release
from index.records import Chunk, Release

RELEASES = Path(__file__).resolve().parent.parent / "data" / "releases"
Q3_2011 = "2011-10-03-los-santos-q3-2011-results.txt"
MILLING = "2013-05-29-los-santos-milling-optimization-stock-options.txt"
RESERVES = "2013-12-12-los-santos-reserve-resource-update.txt"
INTERIM = "2016-05-31-interim-results-quarter-ended-2016-12-31.txt"
ALL = [Q3_2011, MILLING, RESERVES, INTERIM]


@cache
def _chunked(name: str) -> tuple[Release, tuple[Chunk, ...]]:
    source = read_release(RELEASES / name)
    release, paras = parse_release(name[:-4], name, source.sha256, source.text)
    return release, tuple(chunk_release(release, paras))


def _containing(chunks: tuple[Chunk, ...], needle: str) -> list[Chunk]:
    return [c for c in chunks if needle in c.text]


@pytest.mark.parametrize("name", ALL)
def test_offsets_point_into_the_release(name: str) -> None:
    release, chunks = _chunked(name)
    assert chunks
    for c in chunks:
        assert 0 <= c.start < c.end <= len(release.text)
        pieces = sorted({p for s in c.sentences for p in s}, key=lambda p: p.start)
        assert pieces[0].start == c.start and pieces[-1].end == c.end
        sep = "\n" if c.kind == "table" else " "
        assert c.text == sep.join(release.text[p.start:p.end] for p in pieces)
        if len(pieces) == 1:
            assert release.text[c.start:c.end] == c.text


@pytest.mark.parametrize("name", ALL)
def test_single_piece_sentences_are_exact_and_ordered(name: str) -> None:
    release, chunks = _chunked(name)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    starts = [c.start for c in chunks if c.section != "footnote"]
    assert starts == sorted(starts)
    for c in chunks:
        if c.kind == "text" and len(c.sentences) == 1 and len(c.sentences[0]) == 1:
            span = c.sentences[0][0]
            assert release.text[span.start:span.end] == c.text


@pytest.mark.parametrize("name", ALL)
def test_text_chunks_are_small(name: str) -> None:
    _, chunks = _chunked(name)
    for c in chunks:
        if c.kind == "text" and c.section_kind != "contacts":
            assert len(c.sentences) <= MAX_SENTENCES
            assert len(c.text.split()) <= 120, c.text


@pytest.mark.parametrize("name", ALL)
def test_nothing_of_substance_is_lost(name: str) -> None:
    release, chunks = _chunked(name)
    covered = "".join(c.text for c in chunks)
    for word in ("Telephone:", "SEDAR", "exploitation", "www.almonty.com", "Almonty"):
        if word in release.text:
            assert word in covered


def test_reserves_table_is_one_chunk_with_caption_and_all_rows() -> None:
    release, chunks = _chunked(RESERVES)
    caption = "NI 43-101 Mineral Reserves/Resources of the Los Santos Project"
    tables = [c for c in chunks if c.kind == "table"]
    assert len(tables) == 1
    table = tables[0]
    assert table.text.startswith(caption)
    rows = ["Stockpiles Mineral Reserves\t66\t0.25\t164", "Tailings Mineral Reserves\t1,932\t0.16\t3,105",
            "Proven\t357\t0.45\t1,618", "Probable\t1,523\t0.38\t5,791",
            "Proven + Probable Mineral Reserves\t1,880\t0.39\t7,409", "Total Mineral Reserves\t3,812\t0.28\t10,678",
            "Measured\t434\t0.40\t1,735", "Indicated\t2,326\t0.31\t7,139",
            "Measured + Indicated Mineral Resources\t2,760\t0.32\t8,874",
            "Inferred Mineral Resources¹\t1,527\t0.24\t3,648"]
    lines = table.text.split("\n")
    for row in rows:
        assert row in lines
    assert len(table.sentences) == 1 + 1 + len(rows)  # caption, header, body rows
    # the caption is not also a chunk of its own, and the footnote is not swallowed
    assert not [c for c in chunks if c.kind == "text" and caption in c.text]
    assert "355,000 tonnes" not in table.text
    assert _containing(chunks, "355,000 tonnes")[0].kind == "text"


def test_q3_2011_table_keeps_its_caption() -> None:
    _, chunks = _chunked(Q3_2011)
    tables = [c for c in chunks if c.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.startswith("Summary Financial Information¹:")
    assert "Income From Mining Operations\t\\$1,416\t(\\$407)\t\\$1,774\t(\\$1,147)" in tables[0].text
    assert not [c for c in chunks if c.kind == "text" and c.text.startswith("Summary Financial Information")]


def test_2016_flattened_tables_are_tables() -> None:
    _, chunks = _chunked(INTERIM)
    tables = [c for c in chunks if c.kind == "table"]
    assert len(tables) == 2
    assert "Gross Revenue 7,060 8,181" in tables[0].text
    assert tables[0].text.startswith("The following financial information is for the three months ended")
    assert "Closing share price $0.27 $0.27" in tables[1].text
    assert all(c.section_kind == "body" for c in tables)


def test_page_break_sentence_is_rejoined_around_footnote() -> None:
    release, chunks = _chunked(Q3_2011)
    sentence = [s for c in chunks for s in c.sentences
                if release.text[s[0].start:s[0].end].startswith("Almonty also")]
    assert len(sentence) == 1
    pieces = sentence[0]
    assert len(pieces) == 2
    words = " ".join(release.text[p.start:p.end] for p in pieces)
    assert words.startswith("Almonty also intends to continue with exploration programmes")
    assert words.endswith("available for exploitation.")
    assert "Summary Financial information" not in words
    home = [c for c in chunks if any(s is sentence[0] for s in c.sentences)][0]
    assert "Almonty also intends to continue" in home.text
    assert "¹" not in home.text

    footnotes = _containing(chunks, "¹ The Summary Financial information")
    assert len(footnotes) == 1
    assert footnotes[0].section == "footnote"
    assert footnotes[0].text.startswith("¹ The Summary Financial information")
    assert "intends to continue" not in footnotes[0].text
    # no chunk starts with the orphaned lower-case continuation
    assert not [c for c in chunks if c.text.startswith("intends to continue")]


def test_boilerplate_page_break_is_rejoined() -> None:
    release, chunks = _chunked(RESERVES)
    joined = _containing(chunks, "may cause actual results to differ materially from those contemplated")
    assert len(joined) == 1
    assert joined[0].section_kind == "boilerplate"


@pytest.mark.parametrize("name", [Q3_2011, MILLING, RESERVES])
def test_boilerplate_chunks_are_marked(name: str) -> None:
    _, chunks = _chunked(name)
    for needle in ("NOT FOR DISTRIBUTION", "Neither TSX Venture Exchange", "undue certainty",
                   "THE FORWARD-LOOKING INFORMATION"):
        found = _containing(chunks, needle)
        assert found and all(c.section_kind == "boilerplate" for c in found), needle
    assert all(c.section_kind == "about" for c in _containing(chunks, "The principal business"))
    assert all(c.section_kind == "contacts" for c in _containing(chunks, "Telephone:"))


def test_contact_block_is_one_chunk() -> None:
    _, chunks = _chunked(Q3_2011)
    logan = _containing(chunks, "Dennis Logan")
    assert len(logan) == 1
    assert "Telephone: (416) 594-2892" in logan[0].text and "dennis.logan@almonty.com" in logan[0].text


def test_headings_are_not_chunks_but_name_sections() -> None:
    _, chunks = _chunked(RESERVES)
    assert not [c for c in chunks if c.text.strip() in ("About Almonty", "Qualified Person")]
    qp = _containing(chunks, "Adam Wheeler")[0]
    assert qp.section == "Qualified Person" and qp.section_kind == "body"
    assert qp.search_text.startswith("Qualified Person: ")


def test_nested_bullets_carry_parent_line() -> None:
    release, chunks = _chunked(RESERVES)
    parent = "- Proven + probable and inferred cut-off grades:"
    for child in ("- 0.07% WO₃ for open pits", "- 0.30% WO₃ for underground workings Los Santos Sur",
                  "- Re-processed tailings 0.04% WO₃"):
        sentences = [s for c in chunks for s in c.sentences if release.text[s[-1].start:s[-1].end].strip() == child]
        assert len(sentences) == 1, child
        assert release.text[sentences[0][0].start:sentences[0][0].end] == parent
    top = [s for c in chunks for s in c.sentences
           if release.text[s[0].start:s[0].end] == "- Minimum width = 2.5 m"]
    assert len(top) == 1 and len(top[0]) == 1  # a top-level bullet stands alone


def test_search_text_is_normalised() -> None:
    _, chunks = _chunked(RESERVES)
    table = [c for c in chunks if c.kind == "table"][0]
    assert "WO3" in table.search_text and "WO₃" not in table.search_text
    assert "WO₃" in table.text  # the faithful text keeps the subscript
    legend = _containing(chunks, "NOT FOR DISTRIBUTION")[0]
    assert "**" not in legend.search_text


def test_prose_with_numbers_is_not_a_table() -> None:
    release, chunks = _chunked(RESERVES)
    prose = _containing(chunks, "The resource estimate includes 2,760,00 tonnes")
    assert prose and all(c.kind == "text" for c in prose)
    para = release.text[prose[0].start:release.text.index("\n\n", prose[0].start)]
    assert not is_table(para)


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("Revenue\t1,234\t987\nCosts\t(12)\t34\n", True),
        ("| a | b |\n| 1 | 2 |\n", True),
        ("Revenue     1,234     987\nCosts       12        34\nProfit      1,222     953\n", True),
        ("Cash 2,463 4,215 Restricted cash 1,290 1,336 Total assets 166,616 167,766 Bank debt 5,541 4,456", True),
        ("Revenue rose 12% to $4.2 million in 2023 from $3.7 million in 2022. Costs fell 3%.", False),
        ("Mr. Smith joined in 2019. He holds 100,000 options at $0.25 expiring 2024. Vesting is 25% a year over "
         "4 years from 2020.", False),
    ],
)
def test_is_table(text: str, table: bool) -> None:
    assert is_table(text) is table


def test_synthetic_release_chunks() -> None:
    text = ("**Acme Reports Results**\n\nBOSTON, March 3, 2024 – Acme Inc. (NASDAQ: ACME) reported revenue. "
            + " ".join(f"Sentence number {i} is here." for i in range(1, 8))
            + "\n\nForward-Looking Statements\n\nThis release contains forward-looking statements. "
              "Results may differ.\n")
    release, paras = parse_release("acme", "acme.txt", "0", text)
    chunks = chunk_release(release, paras)
    body = [c for c in chunks if c.section_kind == "body" and c.section != "headline"]
    assert [len(c.sentences) for c in body] == [3, 3, 2]
    assert body[0].text.startswith("BOSTON, March 3, 2024")
    assert body[-1].text.endswith("Sentence number 7 is here.")
    fls = _containing(tuple(chunks), "This release contains forward-looking")
    assert len(fls) == 1 and fls[0].section_kind == "boilerplate"
    for c in chunks:
        assert c.doc_id == "acme" and c.chunk_id == f"acme:{c.ordinal}"
