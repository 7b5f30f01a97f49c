"""Parsing releases: headline, date, company, ticker, period and sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunker import chunk_release
from index.parser import Paragraph, parse_date, parse_release
from index.reader import read_release
from index.records import Release

RELEASES = Path(__file__).resolve().parent.parent / "data" / "releases"
Q3_2011 = "2011-10-03-los-santos-q3-2011-results.txt"
MILLING = "2013-05-29-los-santos-milling-optimization-stock-options.txt"
RESERVES = "2013-12-12-los-santos-reserve-resource-update.txt"
INTERIM = "2016-05-31-interim-results-quarter-ended-2016-12-31.txt"


def _parse(name: str) -> tuple[Release, list[Paragraph]]:
    source = read_release(RELEASES / name)
    return parse_release(name[:-4], name, source.sha256, source.text)


def _para(paras: list[Paragraph], start: str) -> Paragraph:
    found = [p for p in paras if p.text.lstrip("*").startswith(start)]
    assert found, f"no paragraph starts with {start!r}"
    return found[0]


# --- the four samples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (Q3_2011, "ALMONTY ANNOUNCES $1.4 MILLION INCOME FROM MINING OPERATIONS FOR THE LOS SANTOS MINE FOR THE 3 "
                  "MONTHS ENDED JUNE 30, 2011 AND THE FILING OF LOS SANTOS FINANCIAL STATEMENTS AND MD&A FOR THE "
                  "3 AND 9 MONTHS ENDED JUNE 30, 2011"),
        (MILLING, "ALMONTY INDUSTRIES INC. ANNOUNCES COMPLETION OF THE OPTIMIZATION OF MILLING OPERATIONS AT LOS "
                  "SANTOS AND THE GRANTING OF STOCK OPTIONS"),
        (RESERVES, "ALMONTY ANNOUNCES UPDATED RESERVE AND RESOURCE ESTIMATE AND FILING OF UPDATED NI 43-101 "
                   "TECHNICAL REPORT DATED OCTOBER 31, 2013"),
    ],
)
def test_title_is_bold_headline_without_markup_or_legend(name: str, title: str) -> None:
    release, _ = _parse(name)
    assert release.title == title
    assert "**" not in release.title and "\\" not in release.title
    assert "NOT FOR DISTRIBUTION" not in release.title


def test_title_without_bold_headline_comes_from_first_sentence() -> None:
    release, _ = _parse(INTERIM)
    assert release.title.startswith("Almonty Industries Inc.")
    assert "today announced the filing" in release.title
    assert "2016-05-31" not in release.title and not release.title.startswith("date")
    assert len(release.title) <= 160


@pytest.mark.parametrize(
    ("name", "day"),
    [(Q3_2011, "2011-10-03"), (MILLING, "2013-05-29"), (RESERVES, "2013-12-12"), (INTERIM, "2016-05-31")],
)
def test_sample_metadata(name: str, day: str) -> None:
    release, _ = _parse(name)
    assert release.date == day
    assert release.company == "Almonty Industries Inc."
    assert release.ticker == "AII"
    assert release.exchange == "TSX-V"  # "TSXV" in 2011 and 2013-05 is normalised


@pytest.mark.parametrize(
    ("name", "period"),
    [(Q3_2011, "three months ended 2011-06-30"), (INTERIM, "three months ended 2016-12-31")],
)
def test_reporting_period(name: str, period: str) -> None:
    release, _ = _parse(name)
    assert release.reporting_period == period


def test_release_keeps_faithful_text_and_hash() -> None:
    source = read_release(RELEASES / RESERVES)
    release, paras = parse_release("d", "p", source.sha256, source.text)
    assert release.text == source.text and release.sha256 == source.sha256
    for p in paras:
        assert release.text[p.start:p.end] == p.text


@pytest.mark.parametrize("name", [Q3_2011, MILLING, RESERVES])
def test_legend_exchange_disclaimer_and_forward_looking_are_boilerplate(name: str) -> None:
    _, paras = _parse(name)
    assert _para(paras, "NOT FOR DISTRIBUTION").section_kind == "boilerplate"
    assert _para(paras, "Neither TSX Venture Exchange").section_kind == "boilerplate"
    for start in ("The forward-looking statements and information", "Investors are cautioned",
                  "Almonty has also assumed", "THE FORWARD-LOOKING INFORMATION"):
        assert _para(paras, start).section_kind == "boilerplate"


def test_offer_legend_is_boilerplate() -> None:
    _, paras = _parse(RESERVES)
    assert _para(paras, "This announcement is not intended to").section_kind == "boilerplate"
    assert _para(paras, "The distribution of this announcement").section_kind == "boilerplate"
    # the forward-looking paragraph cut by a page break is boilerplate on both sides
    assert _para(paras, "materially from those contemplated").section_kind == "boilerplate"


@pytest.mark.parametrize("name", [Q3_2011, MILLING, RESERVES, INTERIM])
def test_about_paragraphs_are_about(name: str) -> None:
    _, paras = _parse(name)
    about = _para(paras, "The principal business of")
    assert about.section_kind == "about"
    assert about.section_name == "About Almonty"


@pytest.mark.parametrize("name", [Q3_2011, MILLING, RESERVES])
def test_contact_blocks_are_contacts(name: str) -> None:
    _, paras = _parse(name)
    blocks = [p for p in paras if "Telephone:" in p.text]
    assert blocks
    assert all(p.section_kind == "contacts" for p in blocks)


@pytest.mark.parametrize("name", [Q3_2011, MILLING, RESERVES, INTERIM])
def test_news_paragraphs_are_body(name: str) -> None:
    _, paras = _parse(name)
    assert _para(paras, "Lewis Black, Chief Executive Officer" if name != RESERVES else
                 '"We are very pleased').section_kind == "body"
    sections = parse_release("d", "p", "0", (RELEASES / name).read_text(encoding="utf-8"))[0].sections
    assert sections[0].start <= sections[-1].start and all(s.start <= s.end for s in sections)


def test_qualified_person_is_body() -> None:
    release, paras = _parse(RESERVES)
    qp = _para(paras, "The mineral reserve and mineral resource estimates")
    assert qp.section_kind == "body"
    assert qp.section_name == "Qualified Person"
    assert any(s.kind == "body" and s.name == "Qualified Person" for s in release.sections)


def test_body_mentioning_forward_looking_is_not_boilerplate() -> None:
    text = ("**Acme Updates Guidance**\n\nMarch 3, 2024 – Acme Mining Corp. (TSX: ACM) said its forward-looking "
            "guidance for 2024 is unchanged.\n\nAbout Acme\n\nAcme mines copper.\n")
    _, paras = parse_release("a", "a", "0", text)
    assert _para(paras, "March 3, 2024").section_kind == "body"


# --- other companies and datelines ---------------------------------------------------

BIOTECH = """**Acme Therapeutics Reports Fourth Quarter and Full Year 2023 Financial Results**

{dateline} Acme Therapeutics, Inc. (NASDAQ: ABCD), a clinical-stage biotechnology company, today reported \
financial results for the fourth quarter and full year ended December 31, 2023. Cash was $412.5 million.

"We made strong progress," said Jane Smith, Ph.D., Chief Executive Officer of Acme.

About Acme Therapeutics

Acme Therapeutics, Inc. is a biotechnology company developing medicines for rare diseases.

Forward-Looking Statements

This press release contains forward-looking statements within the meaning of the Private Securities \
Litigation Reform Act of 1995. Actual results may differ materially.

Acme undertakes no obligation to update these statements.

Investor Contact:
John Doe
ir@acmetx.com
"""


@pytest.mark.parametrize(
    "dateline",
    [
        "BOSTON, March 3, 2024 –",
        "BOSTON, March 3, 2024 -",
        "March 3, 2024 /PRNewswire/ --",
        "BOSTON, Mass., March 3, 2024 /PRNewswire/ --",
        "BOSTON, March 03, 2024 (GLOBE NEWSWIRE) --",
        "NEW YORK, NY / ACCESSWIRE / March 3, 2024 /",
        "BOSTON--(BUSINESS WIRE)--March 3, 2024--",
        "MONTRÉAL, Mar. 3, 2024 —",
    ],
)
def test_other_company_dateline_ticker_company(dateline: str) -> None:
    release, paras = parse_release("acme", "acme.txt", "0", BIOTECH.format(dateline=dateline))
    assert release.date == "2024-03-03"
    assert release.ticker == "ABCD"
    assert release.exchange == "NASDAQ"
    assert release.company == "Acme Therapeutics, Inc."
    assert release.title == "Acme Therapeutics Reports Fourth Quarter and Full Year 2023 Financial Results"
    assert release.reporting_period == "year ended 2023-12-31"


def test_other_company_sections() -> None:
    release, paras = parse_release("acme", "acme.txt", "0", BIOTECH.format(dateline="BOSTON, March 3, 2024 –"))
    assert _para(paras, "BOSTON, March 3").section_kind == "body"
    assert _para(paras, '"We made strong progress').section_kind == "body"
    assert _para(paras, "Acme Therapeutics, Inc. is a").section_kind == "about"
    assert _para(paras, "This press release contains").section_kind == "boilerplate"
    assert _para(paras, "Acme undertakes no obligation").section_kind == "boilerplate"
    # a contact block whose heading is its own first line is contacts, not forward-looking text
    assert _para(paras, "Investor Contact:").section_kind == "contacts"
    kinds = [s.kind for s in release.sections]
    assert [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k] == [
        "body", "about", "boilerplate", "contacts"]


def test_marketwired_dateline_and_tsx_venture_ticker() -> None:
    text = ("**Northern Gold Drills 12 m of 8 g/t**\n\nVANCOUVER, BRITISH COLUMBIA--(Marketwired - Dec. 12, 2013) - "
            "Northern Gold Corp. (TSX VENTURE: NGC) announced drill results.\n")
    release, _ = parse_release("ng", "ng.txt", "0", text)
    assert release.date == "2013-12-12"
    assert release.ticker == "NGC"
    assert release.exchange == "TSX-V"
    assert release.company == "Northern Gold Corp."


def test_iso_date_header() -> None:
    release, _ = parse_release("x", "x", "0", "Date: 2020-02-29\n\nAcme Mining Corp. reported results.\n")
    assert release.date == "2020-02-29"


def test_no_date_or_ticker_gives_none() -> None:
    release, _ = parse_release("x", "x", "0", "Acme made an announcement about its plans.\n")
    assert release.date is None and release.ticker is None and release.exchange is None
    assert release.reporting_period is None
    assert release.title == "Acme made an announcement about its plans."


def test_a_date_mid_sentence_is_not_a_dateline() -> None:
    text = "The company said on Friday that results for March 3, 2024 - the record day - were strong.\n"
    release, _ = parse_release("x", "x", "0", text)
    assert release.date is None


@pytest.mark.parametrize(
    ("text", "day"),
    [("December 31st, 2016", "2016-12-31"), ("Sept. 3 2011", "2011-09-03"), ("on Jan 5, 2020 at", "2020-01-05"),
     ("February 30, 2021", None), ("no date here", None)],
)
def test_parse_date(text: str, day: str | None) -> None:
    d = parse_date(text)
    assert (d.isoformat() if d else None) == day


def test_company_suffix_is_a_whole_word() -> None:
    """"AG" is a suffix (Siemens AG), not the start of AGREEMENT in a capitalised headline."""
    text = ("KESTREL METALS SIGNS OFFTAKE AGREEMENT WITH VARDA TRADING\n\n"
            "TORONTO, March 3, 2021 – Kestrel Metals Corp. (TSX: KMC) today announced an offtake agreement.\n")
    release, _ = parse_release("k", "k.txt", "0" * 64, text)
    assert release.company == "Kestrel Metals Corp."
    assert release.title == "KESTREL METALS SIGNS OFFTAKE AGREEMENT WITH VARDA TRADING"


PDF_LIKE = """ASX ANNOUNCEMENT
22 July 2024

KESTREL METALS LIMITED (ASX: KMX)

Kestrel Metals to Acquire Varda Mining for $845
 Million
Acquisition adds a second copper mine to the Kestrel portfolio
PERTH, Australia, 22 July 2024 - Kestrel Metals Limited (ASX: KMX) today announced that it will acquire
Varda Mining, a private copper miner based in Perth.
"""


def test_a_dateline_line_opens_its_own_paragraph_and_a_masthead_is_never_the_title() -> None:
    """Text from a PDF runs the headline into the dateline with no blank line between them; a day-month-year
    dateline gives the date; the masthead lines above the headline are not its title."""
    release, paras = parse_release("k", "k.pdf", "0", PDF_LIKE)
    assert release.date == "2024-07-22"
    assert release.title == ("Kestrel Metals to Acquire Varda Mining for $845 Million Acquisition adds a second "
                             "copper mine to the Kestrel portfolio")
    lead = _para(paras, "PERTH, Australia")
    assert PDF_LIKE[lead.start:lead.end].startswith("PERTH, Australia, 22 July 2024 - Kestrel")
    assert _para(paras, "Kestrel Metals to Acquire").text.endswith("portfolio")


def test_an_iso_date_header_on_the_first_line_is_not_text_to_answer_from() -> None:
    text = "date 2016-05-31 Almonty Industries Inc. (TSX-V: AII) today announced results.\n"
    release, paras = parse_release("x", "x", "0", text)
    header = _para(paras, "date 2016-05-31")
    assert header.heading and header.text == "date 2016-05-31"
    assert _para(paras, "Almonty Industries Inc.").start == text.index("Almonty")
    assert release.date == "2016-05-31" and release.title.startswith("Almonty Industries Inc.")
    chunks = chunk_release(release, paras)
    assert chunks and all("2016-05-31" not in text[c.start:c.end] for c in chunks)


def test_a_title_case_headline_keeps_its_company_suffix() -> None:
    text = ("Acme Corp. Announces Record Third Quarter 2024 Results and Raises Guidance\n\n"
            "TORONTO, March 3, 2024 - Acme Corp. reported.\n")
    release, _ = parse_release("a", "a.txt", "0", text)
    assert release.title == "Acme Corp. Announces Record Third Quarter 2024 Results and Raises Guidance"
