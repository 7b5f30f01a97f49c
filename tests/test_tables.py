"""Table detection and parsing on hand-written fixtures of other companies and layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.cells import parse_value, split_footnotes
from index.figures import extract_figures
from index.periods import FiscalAnchor, fiscal_anchor, parse_date, parse_month, period_end, period_kind
from index.records import Figure
from index.tables import find_tables

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tables"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _index(figures: list[Figure]) -> dict[tuple[str, str], Figure]:
    return {(f.row_label, f.column_label): f for f in figures}


def _assert_offsets(text: str, figures: list[Figure]) -> None:
    for fig in figures:
        assert text[fig.row_start : fig.row_end] == fig.row_text
        assert fig.raw in fig.row_text


# --- values, dates, periods -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("7,060", 7060.0),
        ("(1,375)", -1375.0),
        ("($0.04)", -0.04),
        ("\\$4,421", 4421.0),
        ("(\\$1,147)", -1147.0),
        ("-", None),
        ("–", None),
        ("0.25", 0.25),
        ("61.2%", 61.2),
        ("US$12.5", 12.5),
        ("$(3.1)", -3.1),
        ("-15", -15.0),
        ("7,060¹", 7060.0),
        ("2,760,00", None),
        ("n/a", None),
    ],
)
def test_parse_value(raw: str, value: float | None) -> None:
    assert parse_value(raw) == value


def test_split_footnotes() -> None:
    assert split_footnotes("Inferred Mineral Resources¹") == ("Inferred Mineral Resources", ["¹"])
    assert split_footnotes("Net debt*†") == ("Net debt", ["*", "†"])
    assert split_footnotes("Area (m²)") == ("Area (m²)", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 31st, 2016", date(2016, 12, 31)),
        ("31-Dec-16", date(2016, 12, 31)),
        ("2016-12-31", date(2016, 12, 31)),
        ("June 30, 2013", date(2013, 6, 30)),
        ("as at Sept. 30, 2016", date(2016, 9, 30)),
        ("30 September 2016", date(2016, 9, 30)),
        ("Dec 2016", None),
        ("the Decrease of 2016", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_parse_month() -> None:
    assert parse_month("Dec 2016") == (2016, 12)
    assert parse_month("in September, 2011") == (2011, 9)
    assert parse_month("no month here 2016") is None


def test_period_kind_and_end() -> None:
    assert period_kind("Three Months Ended June 30,") == "three_months_ended"
    assert period_kind("Six months ended") == "six_months_ended"
    assert period_kind("9 month average FX") == "nine_months_ended"
    assert period_kind("Year ended December 31") == "year_ended"
    assert period_kind("The following financial information is as at December 31st, 2016") == "as_at"
    assert period_kind("Revenue") is None
    assert period_end("Three Months Ended June 30, 2011", []) == date(2011, 6, 30)
    assert period_end("2022", ["Year ended December 31"]) == date(2022, 12, 31)
    assert period_end("Tonnes (000's)", ["Reserves (as at June 30, 2013)"]) == date(2013, 6, 30)
    assert period_end("Tonnes", ["as at December 31, 2016 and September 30, 2016"]) is None


def test_fiscal_anchor_needs_an_explicit_statement() -> None:
    ends = [date(2016, 12, 31), date(2015, 12, 31)]
    assert fiscal_anchor("Revenue rose in the three months ended December 31, 2016.", ends) is None
    anchor = fiscal_anchor("Production fell during Q1 2017. Q2 2017 looks better.", ends)
    assert anchor == FiscalAnchor(1, 2017, date(2016, 12, 31))
    assert anchor.label("three_months_ended", date(2015, 12, 31)) == "Q1 2016"
    assert anchor.label("three_months_ended", date(2017, 3, 31)) == "Q2 2017"
    assert anchor.label("year_ended", date(2017, 9, 30)) == "FY2017"
    assert anchor.label("as_at", date(2016, 12, 31)) is None
    # a quarter named in the same sentence as the period end wins, and its year is derived
    stated = fiscal_anchor(
        "It filed its third quarter results for the period ended June 30, 2011.", [date(2011, 6, 30)]
    )
    assert stated == FiscalAnchor(3, 2011, date(2011, 6, 30))
    # a "Q4 2015" mention cannot be the quarter ended December 31, 2016
    assert fiscal_anchor("Compared with Q4 2015, costs fell.", ends) is None


# --- layouts ------------------------------------------------------------------------------


def test_markdown_pipe_table_years_as_columns_usd_millions() -> None:
    text = _fixture("pipe_usd_millions.md")
    (table,) = find_tables(text)
    assert table.layout == "pipe"
    assert table.stub == "Year ended December 31"
    assert table.columns == ("2023", "2022", "2021")
    assert table.caption is not None and table.caption.text.startswith("Selected financial data")
    figures = extract_figures(text, "northwind")
    _assert_offsets(text, figures)
    assert len(figures) == 15
    got = _index(figures)
    revenue = got[("Revenue", "2023")]
    assert (revenue.value, revenue.unit, revenue.scale, revenue.scale_label) == (1250.5, "USD", 1_000_000, "millions")
    # a year ended December 31, 2023 is fiscal 2023: years ending in March or later are named by their end
    assert (revenue.period_kind, revenue.period_end, revenue.fiscal_period) == ("year_ended", "2023-12-31", "FY2023")
    assert got[("Operating income (loss)", "2023")].value == -12.4
    eps = got[("Diluted earnings per share", "2021")]
    assert (eps.value, eps.unit, eps.scale, eps.period_end) == (0.31, "USD/share", 1, "2021-12-31")
    margin = got[("Gross margin", "2022")]
    assert (margin.value, margin.unit, margin.scale) == (59.8, "%", 1)
    nil = got[("Employees at year end", "2021")]
    assert (nil.raw, nil.value, nil.unit, nil.scale) == ("—", None, "count", 1)


def test_tsv_from_html_two_line_header_and_nested_rows() -> None:
    text = _fixture("tsv_from_html.txt")
    (table,) = find_tables(text)
    assert table.layout == "tsv"
    assert table.columns[0] == "Three months ended September 30, 2024"
    assert table.columns[3] == "Nine months ended September 30, 2023"
    parents = {r.label: r.parent_label for r in table.rows}
    assert parents["Card fees"] == "Non-interest income"
    assert parents["Total non-interest income"] == "Non-interest income"
    assert parents["Provision for credit losses"] is None
    figures = extract_figures(text, "harbor")
    _assert_offsets(text, figures)
    assert len(figures) == 28  # the label-only row yields no figure
    got = _index(figures)
    fees = got[("Card fees", "Three months ended September 30, 2024")]
    assert (fees.value, fees.unit, fees.scale, fees.scale_label) == (4120.0, "CAD", 1000, "thousands")
    assert (fees.period_kind, fees.period_end, fees.fiscal_period) == ("three_months_ended", "2024-09-30", "Q3 2024")
    assert fees.parent_label == "Non-interest income"
    assert got[("Wealth management", "Three months ended September 30, 2023")].value is None
    pcl = got[("Provision for credit losses", "Nine months ended September 30, 2024")]
    assert (pcl.value, pcl.period_kind, pcl.fiscal_period) == (-8800.0, "nine_months_ended", None)
    shares = got[("Common shares outstanding (000s)", "Three months ended September 30, 2023")]
    assert (shares.unit, shares.scale, shares.scale_label, shares.fiscal_period) == (
        "shares",
        1000,
        "(000s)",
        "Q3 2023",
    )
    roe = got[("Return on equity", "Three months ended September 30, 2024")]
    assert (roe.value, roe.unit, roe.scale) == (11.2, "%", 1)


def test_pdf_space_aligned_table_with_spanning_header_and_indented_rows() -> None:
    text = _fixture("pdf_spaced.txt")
    (table,) = find_tables(text)
    assert table.layout == "spaced"
    assert table.columns == (
        "Three Months Ended Dec 31, 2023",
        "Three Months Ended Dec 31, 2022",
        "Year Ended Dec 31, 2023",
        "Year Ended Dec 31, 2022",
    )
    assert table.caption is not None and table.caption.text == "Operating and financial highlights"
    figures = extract_figures(text, "prairie")
    _assert_offsets(text, figures)
    assert len(figures) == 24
    got = _index(figures)
    oil = got[("Oil production (bbl/d)", "Year Ended Dec 31, 2022")]
    assert (oil.value, oil.unit, oil.scale, oil.period_kind, oil.period_end) == (
        10500.0,
        "bbl/d",
        1,
        "year_ended",
        "2022-12-31",
    )
    assert oil.fiscal_period == "FY2022"
    netback = got[("Netback ($/boe)", "Three Months Ended Dec 31, 2023")]
    assert (netback.value, netback.unit, netback.scale, netback.fiscal_period) == (41.25, "$/boe", 1, "Q4 2023")
    drilling = got[("Drilling and completions", "Three Months Ended Dec 31, 2022")]
    assert drilling.parent_label == "Capital expenditures ($ millions)"
    assert (drilling.value, drilling.unit, drilling.scale, drilling.scale_label) == (
        61.0,
        "CAD",
        1_000_000,
        "$ millions",
    )
    assert drilling.row_text.startswith("  Drilling and completions")
    assert got[("Net debt ($ millions)", "Year Ended Dec 31, 2023")].value == -15.2


def test_flattened_run_from_another_company() -> None:
    text = _fixture("flattened_other.txt")
    (table,) = find_tables(text)
    assert table.layout == "flattened"
    assert table.columns == ("Year Ended December 31, 2023", "Year Ended December 31, 2022")
    assert table.units == ("US$000", "US$000")
    figures = extract_figures(text, "copperline")
    _assert_offsets(text, figures)
    assert len(figures) == 14
    got = _index(figures)
    revenue = got[("Revenue", "Year Ended December 31, 2023")]
    assert (revenue.value, revenue.unit, revenue.scale, revenue.scale_label) == (45210.0, "USD", 1000, "US$000")
    assert (revenue.period_kind, revenue.period_end) == ("year_ended", "2023-12-31")
    assert revenue.row_text == "Revenue 45,210 39,870"
    assert got[("Operating expenses", "Year Ended December 31, 2022")].value == -35100.0
    impairment = got[("Impairment", "Year Ended December 31, 2023")]
    assert (impairment.raw, impairment.value) == ("-", None)
    eps = got[("Earnings per share - basic", "Year Ended December 31, 2022")]
    assert (eps.value, eps.unit, eps.scale) == (0.09, "USD/share", 1)
    copper = got[("Copper sold (tonnes)", "Year Ended December 31, 2023")]
    assert (copper.value, copper.unit, copper.scale) == (11200.0, "tonnes", 1)
    shares = got[("Shares outstanding (000s)", "Year Ended December 31, 2022")]
    assert (shares.value, shares.unit, shares.scale, shares.scale_label) == (53200.0, "shares", 1000, "(000s)")


def test_flattened_run_with_label_digits_and_nested_rows() -> None:
    text = (
        "31-Dec-23 31-Dec-22 $'000 $'000 Cash 1,000 900 Shares (000) Basic 5,000 4,800 Diluted 5,100 4,900 "
        "3 month average gold price per ounce 1,975 1,726 Debt - 12"
    )
    (table,) = find_tables(text)
    labels = [(r.label, r.parent_label, [c.raw for c in r.cells]) for r in table.rows]
    assert labels == [
        ("Cash", None, ["1,000", "900"]),
        ("Shares (000)", None, ["", ""]),
        ("Basic", "Shares (000)", ["5,000", "4,800"]),
        ("Diluted", "Shares (000)", ["5,100", "4,900"]),
        ("3 month average gold price per ounce", None, ["1,975", "1,726"]),
        ("Debt", None, ["-", "12"]),
    ]


def test_tsv_with_units_row_and_mid_table_header() -> None:
    text = (
        "Key figures\n\n"
        "\tSix months ended March 31,\t\n"
        "\t2024\t2023\n"
        "\tUS$ millions\tUS$ millions\n"
        "Sales\t1,204.3\t1,100.0\n"
        "EBITDA\t(12.0)\t88.1\n"
        "\t2024\t2023\n"
        "Average USD/EUR rate\t0.92\t0.95\n"
    )
    (table,) = find_tables(text)
    assert table.columns == ("Six months ended March 31, 2024", "Six months ended March 31, 2023")
    figures = _index(extract_figures(text, "x"))
    sales = figures[("Sales", "Six months ended March 31, 2024")]
    assert (sales.unit, sales.scale, sales.scale_label) == ("USD", 1_000_000, "US$ millions")
    assert (sales.period_kind, sales.period_end) == ("six_months_ended", "2024-03-31")
    rate = figures[("Average USD/EUR rate", "2023")]
    assert (rate.value, rate.unit, rate.scale, rate.period_end) == (0.95, "USD/EUR", 1, "2023-03-31")


# --- things that are not tables ---------------------------------------------------------


def test_prose_with_numbers_is_not_a_table() -> None:
    text = (
        "The resource estimate includes 2,760,00 tonnes of measured and indicated mineral resources with a "
        "WO₃ average grade of 0.32%, plus, 1,527,000 tonnes of inferred resources with a WO₃ grade of 0.24%. "
        "The currently planned open pits contain 1,880,000 tonnes of reserves.\n\n"
        "In 2023 and 2022 revenue was 1,200 1,100 and costs were 900 800 respectively.  Margins rose 2 3 points.\n\n"
        "December 31, 2016 marked a record with revenue of 5,000 and profit of 300.\n"
    )
    assert find_tables(text) == []
    assert extract_figures(text, "prose") == []


def test_bulleted_list_with_percentages_is_not_a_table() -> None:
    text = (
        "- Proven + probable and inferred cut-off grades:\n"
        " - 0.07% WO₃ for open pits\n"
        " - 0.30% WO₃ for underground workings\n"
        " - Re-processed tailings 0.04% WO₃\n"
        "- Minimum width = 2.5 m\n"
        "- 1 tonne = 100 MTU\n"
        "* Revenue up 12%\n"
        "* Costs down 4%\n"
    )
    assert find_tables(text) == []


def test_contact_block_and_double_spaced_prose_are_not_tables() -> None:
    text = (
        "For further information please contact:\n\n"
        "Dennis Logan, Director & CFO\nTelephone: (647) 438-9766\n\n"
        "Production rose 12%.  Costs were 1,200.  The mine is 50 kilometres from town.\n"
        "Output was strong.  Next year we expect more.\n"
    )
    assert find_tables(text) == []


def test_tsv_title_row_above_header_and_blank_rows() -> None:
    text = "Segment results\t\t\n\t2023\t2022\nMining\t1,200\t1,000\n\t\t\nRefining\t300\t(20)\n"
    (table,) = find_tables(text)
    assert table.stub == "Segment results"
    assert table.columns == ("2023", "2022")
    assert [(r.label, r.parent_label, [c.raw for c in r.cells]) for r in table.rows] == [
        ("Mining", None, ["1,200", "1,000"]),
        ("Refining", None, ["300", "(20)"]),
    ]


def test_a_total_closes_its_group_whether_labelled_or_not() -> None:
    text = (
        "Segment revenue\n\n"
        "\tQ4 2022\tQ4 2021\n"
        "Client Computing\t\t\n"
        "Desktop\t2,509\t3,756\n"
        "Notebook\t3,663\t5,809\n"
        "Other\t453\t738\n"
        "\t6,625\t10,303\n"
        "Data Center and AI\t4,304\t6,426\n"
        "Network and Edge\t2,061\t2,086\n"
    )
    (table,) = find_tables(text)
    parents = {r.label: r.parent_label for r in table.rows}
    assert parents["Notebook"] == "Client Computing" and parents[""] == "Client Computing"
    assert parents["Data Center and AI"] is None and parents["Network and Edge"] is None
    almost = text.replace("\t6,625\t10,303", "\t6,700\t10,303")  # not the sum (beyond rounding): not a total
    (table,) = find_tables(almost)
    assert {r.label: r.parent_label for r in table.rows}["Data Center and AI"] == "Client Computing"


def test_a_heading_wrapped_onto_two_lines_is_one_heading() -> None:
    text = ("Acme Corp. reports its results.\n\nCONSOLIDATED STATEMENTS OF INCOME\n\n"
            "\tThree months ended September 30, 2024\tThree months ended September 30, 2023\n"
            "Net sales\t1,200\t1,100\n"
            "NET INCOME PER COMMON SHARE ATTRIBUTABLE TO\t\t\n"
            "ACME:\t\t\n"
            "Basic\t$ 2.94\t$ 3.05\n"
            "Diluted\t$ 2.93\t$ 3.04\n"
            "CURRENT ASSETS\t\t\n"
            "Inventories:\t\t\n"
            "Finished goods\t10\t9\n")
    (table,) = find_tables(text)
    parents = {r.label: r.parent_label for r in table.rows if any(c.raw for c in r.cells)}
    assert parents["Diluted"] == "NET INCOME PER COMMON SHARE ATTRIBUTABLE TO ACME"
    assert parents["Finished goods"] == "Inventories"  # a heading that ends where it should stands alone
