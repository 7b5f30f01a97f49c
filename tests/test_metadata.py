"""Metadata of real releases and filings: issuer (never a company named in passing), ticker, date, period.

The fixtures copy the shapes real earnings releases and 8-Ks take (as PDF text comes out: laid out, one word per
line, spaces and ligatures lost), with made-up companies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.parser import parse_release
from index.reader import read_release
from index.records import Release

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "earnings"


def _parse(text: str) -> Release:
    return parse_release("doc", "doc.pdf", "0", text)[0]


# --- SEC filing covers -----------------------------------------------------------------------------------

COVER_LAYOUT = """                                   UNITED STATES
                        SECURITIES AND EXCHANGE COMMISSION
                              Washington, D.C. 20549

                                     FORM 8-K

                                  CURRENT REPORT
                          Pursuant to Section 13 or 15(d)
                        of the Securities Exchange Act of 1934

            Date of Report (Date of earliest event reported): {report}

                                ORVANE PACKAGING PLC
                (Exact name of registrant as specified in its charter)

      Jersey                          001-38932                       98-1455367
(State or other jurisdiction    (Commission File Number)    (IRS Employer Identification No.)
   of incorporation)

Securities registered pursuant to Section 12(b) of the Act:
                                                                          Name of each exchange on which
             Title of each class                 Trading Symbol(s)                  registered
  Ordinary Shares, par value $0.01 per share           ORVN                  New York Stock Exchange
 1.125% Guaranteed Senior Notes Due 2027              ORVN/27                New York Stock Exchange

Item 1.01 Entry into a Material Definitive Agreement.
On April 26, 2022, Orvane Packaging plc entered into a credit agreement with Varda Bank Corp. (NYSE: VBC), as
administrative agent, and Kestrel Holdings Inc., as guarantor.
"""


@pytest.mark.parametrize(("report", "day"), [("April 26, 2022", "2022-04-26"),
                                             ("July 1, 2022 (June 30, 2022)", "2022-07-01")])
def test_8k_cover_gives_registrant_date_of_report_and_trading_symbol(report: str, day: str) -> None:
    release = _parse(COVER_LAYOUT.format(report=report))
    assert release.company == "Orvane Packaging plc"  # as the filing also writes it, not in capitals
    assert release.date == day
    assert (release.ticker, release.exchange) == ("ORVN", "NYSE")


def test_a_company_named_in_passing_is_not_the_issuer() -> None:
    """The registrant above the cover label issues the filing, not the company whose shares it exchanges."""
    text = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
FORM 8-K
Date of report (Date of earliest event reported):
August 23, 2023
Harlow & Harlow
 (Exact name of registrant as specified in its charter)
New Jersey 1-3215 22-1024240
Securities registered pursuant to Section 12(b) of the Act:
Title of each class Trading Symbol(s) Name of each exchange on which registered
Common Stock, Par Value $1.00 HH New York Stock Exchange
0.650% Notes Due May 2024 HH24C New York Stock Exchange

Item 2.01 Completion of Acquisition or Disposition of Assets
On August 23, 2023, Harlow & Harlow completed its exchange offer of shares of common stock of Brightwell Inc.
(NYSE: BRW). Brightwell Inc. is no longer a subsidiary. Brightwell Inc. will report separately.
"""
    release = _parse(text)
    assert release.company == "Harlow & Harlow"
    assert release.date == "2023-08-23"
    assert (release.ticker, release.exchange) == ("HH", "NYSE")


def test_cover_read_one_word_per_line_and_with_lost_spaces() -> None:
    def one_per_line(words: str) -> str:
        return words.replace(" ", "\n")

    text = (one_per_line("FORM 8-K Date of Report (date of earliest event reported): January 28, 2022") + "\n \n \n"
            + one_per_line("Quill, Inc. (Exact name of registrant as specif ied in its charter) Delaware")
            + "\n" + one_per_line("Securities registered pursuant to Section 12(b) of the Act: Title of each class")
            + "\nTrading\nSymbol(s)\nName of each exchange on which registered\n"
            "Class A Common Stock, $0.0000001 par value per share\nQL\nNew York Stock Exchange")
    release = _parse(text + "\n\nItem 1.01 On January 28, 2022, Quill, Inc. amended its credit agreement.\n")
    assert (release.company, release.date, release.ticker, release.exchange) == (
        "Quill, Inc.", "2022-01-28", "QL", "NYSE")

    squeezed = ("Date of Report (Date of earliest event reported): February 7, 2023\n\nnBay Inc.\n"
                "(Exact name ofregistrant as specifed in its charter)\n\nDelaware 001-37713\n"
                "Securities registered pursuant to Section 12(b) of the Act:\n"
                "Title of each class  Trading symbol(s)  Name of exchange on which registered\n"
                "Common stock  NBAY  The Nasdaq Global Select Market\n")
    release = _parse(squeezed)
    assert (release.company, release.date, release.ticker, release.exchange) == (
        "nBay Inc.", "2023-02-07", "NBAY", "NASDAQ")


def test_date_of_report_printed_above_its_label() -> None:
    text = ("FORM 8-K\nCURRENT REPORT\n\nApril 26, 2022\nDate of Report (Date of earliest event reported)\n\n"
            "TESSEL CORPORATION\n(Exact name of registrant as specified in its charter)\n\nItem 8.01 Other Events\n"
            "Tessel Corporation declared a dividend.\n")
    release = _parse(text)
    assert (release.date, release.company) == ("2022-04-26", "Tessel Corporation")


def test_numeric_date_of_report() -> None:
    text = ("FORM 8-K\nDate of Report (Date of earliest event reported): 04/06/2022\n\nTessel Corporation\n"
            "(Exact name of registrant as specified in its charter)\n")
    assert _parse(text).date == "2022-04-06"


# --- earnings releases --------------------------------------------------------------------------------

def test_prnewswire_dateline_with_abbreviated_month() -> None:
    text = """Acme Foods Reports Fourth Quarter Results

- Sales grew 4%; Kestrel Distribution Inc. contributed for a full quarter

CHICAGO, Jan. 31, 2023 /PRNewswire/ -- Acme Foods Corporation (NYSE: AFC) today reported results for the
fourth quarter and fiscal year ended December 31, 2022.
"""
    release = _parse(text)
    assert (release.date, release.company, release.ticker, release.exchange) == (
        "2023-01-31", "Acme Foods Corporation", "AFC", "NYSE")
    assert release.reporting_period == "year ended 2022-12-31"


def test_globe_newswire_dateline_under_a_numeric_masthead_date() -> None:
    text = """NEWS RELEASE
Costa Wholesale Corporation Reports First Quarter
Fiscal Year 2023 Operating Results
12/8/2022
ISSAQUAH, Wash., Dec. 08, 2022 (GLOBE NEWSWIRE) -- Costa Wholesale Corporation ("Costa" or the "Company")
(Nasdaq: CSTA) today announced its operating results for the first quarter (twelve weeks) of fiscal 2023, ended
November 20, 2022.
Net sales for the first quarter increased 8.1 percent.
"""
    release = _parse(text)
    assert (release.date, release.company, release.ticker, release.exchange) == (
        "2022-12-08", "Costa Wholesale Corporation", "CSTA", "NASDAQ")
    assert release.reporting_period == "quarter ended 2022-11-20"


def test_date_alone_at_the_top_and_a_business_wire_dateline_without_date() -> None:
    text = """May 25, 2023
Lumen Beauty Announces First Quarter
Fiscal 2023 Results
Net Sales of $2.6 Billion
BOLINGBROOK, Ill.--(BUSINESS WIRE)-- Lumen Beauty, Inc. (NASDAQ: LUMB) today
announced financial results for the thirteen-week period ("first quarter") ended April 29, 2023.
Gross profit was 40.0% of net sales compared with the fiscal year ended January 28, 2023.
"""
    release = _parse(text)
    assert (release.date, release.company, release.ticker) == ("2023-05-25", "Lumen Beauty, Inc.", "LUMB")
    assert release.reporting_period == "thirteen weeks ended 2023-04-29"


@pytest.mark.parametrize(
    ("masthead", "day"),
    [("12/8/2022", "2022-12-08"),  # month first, as the release writes "December 8, 2022"
     ("13/8/2022", "2022-08-13"),  # only one reading is a date
     ("08/12/2022", "2022-12-08")],  # day first: the release spells it "8 December 2022"
)
def test_numeric_masthead_date(masthead: str, day: str) -> None:
    spelled = "8 December 2022" if masthead == "08/12/2022" else "December 8, 2022"
    text = (f"NEWS RELEASE\nAcme Reports Results\n{masthead}\nAcme Corp. (NYSE: ACM) reported results. A call is "
            f"scheduled for today, {spelled}.\n")
    assert _parse(text).date == day


def test_parenthesised_date_dateline_and_period_named_without_its_end() -> None:
    text = """FOR IMMEDIATE RELEASE
- 2022 Fourth-Quarter reported sales decline of 4.4%
New Brunswick, N.J. (January 24, 2023) – Harlow & Harlow (NYSE: HH) today announced results for fourth-
quarter and full year 2022. The company expects to close its acquisition in the first quarter of 2023.
"""
    release = _parse(text)
    assert (release.date, release.company, release.ticker) == ("2023-01-24", "Harlow & Harlow", "HH")
    assert release.reporting_period == "full year 2022"


def test_ticker_of_the_issuer_not_of_a_company_named_earlier() -> None:
    text = """Tessel Reports Fourth-Quarter and Full-Year 2022 Financial Results
SANTA CLARA, Calif., Jan. 26, 2023 -- Tessel Corporation today reported fourth-quarter and full-year 2022
financial results. Tessel sold its stake in Mobilo Ltd. (NYSE: MOBL) during the quarter.

About Tessel
Tessel (Nasdaq: TSSL) is an industry leader in chips.
"""
    release = _parse(text)
    assert (release.company, release.ticker, release.exchange) == ("Tessel Corporation", "TSSL", "NASDAQ")
    assert release.date == "2023-01-26"
    assert release.reporting_period == "full year 2022"


UNDATED = """Orvane reports fiscal 2023 results and provides outlook for fiscal 2024
June 2023 quarter:
GAAP diluted EPS of 12.3 cps

Orvane CEO Ron Vale said: "Throughout fiscal 2023, our teams did an excellent job."

The Orvane Board of Directors today declared a quarterly cash dividend. Orvane sold its three plants to Kestrel
Packaging Corp. in December.

Twelve Months Ended June 30, 2022   Twelve Months Ended June 30, 2023
Net sales   14,544   14,694

For the twelve-month period ending June 30, 2024, the Company expects adjusted EPS of 67 to 71 cents.

About Orvane
Orvane is a global leader in packaging.
NYSE:ORVN; ASX: ORV

Orvane plc UK Establishment Address: 83 Tower Road North, Bristol
"""


def test_headline_subject_resolved_to_its_legal_name_and_an_undated_release_stays_undated() -> None:
    release = _parse(UNDATED)
    assert release.company == "Orvane plc"
    assert (release.ticker, release.exchange) == ("ORVN", "NYSE")
    assert release.date is None  # no dateline: never a date from the body
    assert release.reporting_period == "twelve months ended 2023-06-30"  # not the guidance period "ending" 2024


def test_about_section_names_the_issuer() -> None:
    text = ("Fourth Quarter Update\n\nRevenue rose 4% on strong demand.\n\nAbout Brindle Robotics\n\n"
            "Brindle Robotics Inc. builds warehouse robots. Contact: Nasdaq: BRND\n")
    release = _parse(text)
    assert release.company == "Brindle Robotics Inc."
    assert (release.ticker, release.exchange) == ("BRND", "NASDAQ")


def test_an_issuer_that_cannot_be_told_is_none_not_a_guess() -> None:
    text = ("Quarterly update\n\nRevenue rose. The agreement with Varda Mining Corp. closed in March, and the "
            "Board of Directors of Kestrel Inc. approved it.\n\nAbout Non-GAAP Financial Measures\n\n"
            "We use Non-GAAP Financial Measures.\n")
    release = _parse(text)
    assert release.company is None and release.ticker is None and release.date is None


def test_a_table_heading_or_a_period_end_near_the_top_is_not_the_release_date() -> None:
    text = ("Quarterly Report\nFor the period ended\nJune 30, 2023\n\nBalance sheet\n"
            "March 31, 2023 / December 31, 2022\nCash 5 4\n")
    assert _parse(text).date is None


def test_a_masthead_name_with_its_ticker_beats_a_project_in_the_headline() -> None:
    text = ("ASX ANNOUNCEMENT\n\nREDTARN MINERALS LIMITED (ASX: RDT)\n\nKALINDA RESOURCE GROWS 46% TO 78.9 MT\n\n"
            "The Kalinda Resource now holds 511 kt of copper. Redtarn Minerals Limited is pleased with the Kalinda "
            "Resource.\n")
    release = _parse(text)
    assert (release.company, release.ticker, release.exchange) == ("Redtarn Minerals Limited", "RDT", "ASX")


@pytest.mark.parametrize(
    ("dateline", "day"),
    [("COLUMBUS, Ohio, Sept. 24, 2024 /PRNewswire/ --", "2024-09-24"),
     ("MINNEAPOLIS, Aug. 29, 2023 /PRNewswire/ --", "2023-08-29"),
     ("ISSAQUAH, Wash., Dec. 08, 2022 (GLOBE NEWSWIRE) --", "2022-12-08"),
     ("MINNEAPOLIS, March 2, 2023 --", "2023-03-02")],
)
def test_datelines_of_real_releases(dateline: str, day: str) -> None:
    text = f"Harrow Goods Reports Results\n\n{dateline} Harrow Goods Co., Inc. (NYSE: HGC) today announced results.\n"
    release = _parse(text)
    assert (release.date, release.company, release.ticker) == (day, "Harrow Goods Co., Inc.", "HGC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kestrel Reports Fourth Quarter Results\n\nATLANTA, Feb. 14, 2023 /PRNewswire/ -- The Kestrel Company (NYSE: KC) "
      "today reported fourth quarter and full-year 2022 results.\n", ("2023-02-14", "The Kestrel Company", "KC")),
     ("KESTREL RELEASES FOURTH-QUARTER RESULTS\n\nARMONK, N.Y., January 25, 2023 . . . Kestrel (NYSE: KES) today "
      "announced fourth-quarter 2022 earnings results.\n", ("2023-01-25", "Kestrel", "KES")),
     ("August 3, 2023\nPippin reports third quarter results\nServices revenue reaches a new high\nCUPERTINO, "
      "CALIFORNIA Pippin today announced results for its fiscal 2023 third quarter ended July 1, 2023.\n\n"
      "Pippin Inc.\nCONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS\n", ("2023-08-03", "Pippin Inc.", None)),
     ("Meta Reports Results\n\nMENLO PARK, Calif.--(BUSINESS WIRE)--Feb. 1, 2023-- Quorva Platforms, Inc. "
      "(Nasdaq: QRVA) today reported results.\n", ("2023-02-01", "Quorva Platforms, Inc.", "QRVA"))],
)
def test_other_release_shapes(text: str, expected: tuple[str, str, str | None]) -> None:
    release = _parse(text)
    assert (release.date, release.company, release.ticker) == expected


@pytest.mark.parametrize(
    ("sentence", "period"),
    [("results for the three months ended March 31, 2023.", "three months ended 2023-03-31"),
     ("results for the Twelve weeks ended May 7, 2023.", "twelve weeks ended 2023-05-07"),
     ("results for the fourth quarter and fiscal year ended January 28, 2023.", "year ended 2023-01-28"),
     ("results for the twenty-six-\nweek period (\"first half\") ended July 29, 2023.",
      "twenty-six weeks ended 2023-07-29"),
     ("operating results for the first quarter of fiscal 2023.", "first quarter fiscal 2023"),
     ("results. It expects to close the deal in the first quarter of 2025.", None)],
)
def test_reporting_period_forms(sentence: str, period: str | None) -> None:
    text = f"Acme Reports Results\n\nTORONTO, March 3, 2023 – Acme Corp. (TSX: ACM) today reported {sentence}\n"
    assert _parse(text).reporting_period == period


@pytest.mark.parametrize(
    ("mention", "ticker", "exchange"),
    [("(NYSE: BBY)", "BBY", "NYSE"), ("(NASDAQ: INTC)", "INTC", "NASDAQ"), ("(Nasdaq: EBAY)", "EBAY", "NASDAQ"),
     ("NYSE:AMCR", "AMCR", "NYSE"), ("Nasdaq: EBAY", "EBAY", "NASDAQ"), ("(TSX: ABC; NYSE: XYZ)", "ABC", "TSX")],
)
def test_ticker_forms(mention: str, ticker: str, exchange: str) -> None:
    text = f"Acme Announces Results\n\nTORONTO, March 3, 2023 – Acme Corp. {mention} today announced results.\n"
    release = _parse(text)
    assert (release.ticker, release.exchange) == (ticker, exchange)
    assert release.company == "Acme Corp."


# --- the shared earnings PDFs ---------------------------------------------------------------------------

@pytest.mark.skipif(not SHARED.is_dir(), reason="shared earnings PDFs not beside the checkout")
@pytest.mark.parametrize(
    ("name", "company", "day", "ticker"),
    [("JOHNSON_JOHNSON_2023_8K_dated-2023-08-23.pdf", "Johnson & Johnson", "2023-08-23", "JNJ"),
     ("EBAY_2023Q1_8K.pdf", "eBay Inc.", "2023-02-07", "EBAY"),
     ("ULTABEAUTY_2023Q1_EARNINGS.pdf", "Ulta Beauty, Inc.", "2023-05-25", "ULTA"),
     ("COSTCO_2023Q3_EARNINGS.pdf", "Costco Wholesale Corporation", "2023-05-25", "COST"),
     ("AMCOR_2023Q4_EARNINGS.pdf", "Amcor plc", None, "AMCR")],
)
def test_shared_releases_are_dated_and_attributed(name: str, company: str, day: str | None, ticker: str) -> None:
    source = read_release(SHARED / name)
    release = parse_release(name, name, source.sha256, source.text)[0]
    assert (release.company, release.date, release.ticker) == (company, day, ticker)


# --- what ingest and sources say about them ---------------------------------------------------------------

def test_ingest_and_sources_list_undated_and_unattributed_releases(tmp_path: Path, fake_embedder,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from qa.cli import Context, cli

    monkeypatch.setattr(Context, "embedder", lambda self: fake_embedder)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "acme.txt").write_text("Acme Reports Results\n\nTORONTO, March 3, 2023 – Acme Corp. (TSX: ACM) today "
                                     "reported revenue of $5 million for the three months ended December 31, 2022.\n")
    (folder / "orvane.txt").write_text(UNDATED)
    (folder / "update.txt").write_text("Quarterly update\n\nRevenue rose 4% to $5 million on strong demand for our "
                                       "products. The agreement with Varda Mining Corp. closed in March.\n")
    run = CliRunner().invoke(cli, ["ingest", str(folder)])
    assert run.exit_code == 0, run.output
    assert f"  undated: orvane ({folder / 'orvane.txt'})" in run.output
    assert f"  undated: update ({folder / 'update.txt'})" in run.output
    assert f"  issuer not found: update ({folder / 'update.txt'})" in run.output
    assert "undated: acme" not in run.output and "issuer not found: orvane" not in run.output

    (folder / "update.txt").write_text("Quarterly update\n\nRevenue rose 5% on strong demand.\n")
    report = json.loads(CliRunner().invoke(cli, ["ingest", str(folder), "--json"]).output)
    assert (report["replaced"], report["undated"], report["unattributed"]) == (["update"], ["update"], ["update"])

    listing = CliRunner().invoke(cli, ["sources"]).output
    assert "acme  Acme Corp. (TSX: ACM)" in listing and "update  issuer not found" in listing
    assert "undated: orvane, update" in listing and "issuer not found: update" in listing
    rows = {r["doc_id"]: r for r in json.loads(CliRunner().invoke(cli, ["sources", "--json"]).output)}
    assert {d: (r["undated"], r["unattributed"]) for d, r in rows.items()} == {
        "acme": (False, False), "orvane": (True, False), "update": (True, True)}
