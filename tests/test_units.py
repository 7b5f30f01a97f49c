"""Unit, scale and currency of table cells as real releases print them: scale statements in captions,
stubs and headers, ISO currencies, symbols and a bare "$" settled by the release, per-share, percentage,
share-count, basis-point and count rows (``index.units``, ``index.scales``, ``index.currencies``)."""

from __future__ import annotations

import pytest

from index.currencies import currency_in, listed_currency, resolve
from index.figures import extract_figures
from index.tables import Caption, TableBlock, TableCell, TableRow
from index.units import cell_units, release_units

NASDAQ = "Northwind Inc. (Nasdaq: NWND) today reported results."

Row = tuple[str, list[str]] | tuple[str, list[str], str]


def _table(rows: list[Row], columns: tuple[str, ...] = ("2023", "2022"), *, caption: str = "", stub: str = "",
           units: tuple[str, ...] | None = None, start: int = 0) -> TableBlock:  # fmt: skip
    units = units or ("",) * len(columns)
    body = []
    for label, cells, *parent in rows:
        cells_ = [TableCell(raw, 0, 0, []) for raw in cells]
        body.append(TableRow(label, parent[0] if parent else None, cells_, columns, units, 0, 0, []))
    cap = Caption(caption, 0, len(caption)) if caption else None
    return TableBlock("tsv", start, start + 100, cap, [], columns, units, stub, body)


def _units(table: TableBlock, label: str, column: int = 0, release: str = NASDAQ) -> tuple[str | None, int, str | None]:
    row = next(r for r in table.rows if r.label == label)
    return cell_units(row.cells[column].raw, row, column, table, release_units(release))


# --- scale statements in captions, stubs and headers ---------------------------------------------


@pytest.mark.parametrize(
    ("caption", "scale", "label"),
    [
        ("(in millions, except per share data)", 1_000_000, "millions"),
        ("(In millions, except per share amounts)", 1_000_000, "millions"),
        ("(Dollars in millions)", 1_000_000, "millions"),
        ("(Dollars in Millions Except Per Share Amounts)", 1_000_000, "Millions"),
        ("(amounts in millions except per share data)", 1_000_000, "millions"),
        ("Consolidated Balance Sheets\n(In thousands)", 1000, "thousands"),
        ("Revenue ($ in millions)", 1_000_000, "millions"),
        ("In billions, except per share data and percentages", 1_000_000_000, "billions"),
        ("(presented in millions, except per share data and percentages)", 1_000_000, "millions"),
    ],
)
def test_caption_statements_scale_money_but_not_per_share_or_percentages(caption: str, scale: int, label: str) -> None:
    table = _table(
        [
            ("Net sales", ["$ 3,226.8", "$ 2,729.4"]),
            ("Cost of sales", ["2,014.3", "1,702.1"]),
            ("Diluted earnings per share", ["$ 6.68", "$ 5.41"]),
            ("Gross margin (as a percentage of net sales)", ["37.6", "37.6"]),
            ("Comparable sales", ["15.6%", "21.4%"]),
        ],
        caption=caption,
    )
    assert _units(table, "Net sales") == ("USD", scale, label)
    assert _units(table, "Cost of sales", 1) == ("USD", scale, label)  # no "$" of its own: its column has one
    assert _units(table, "Diluted earnings per share") == ("USD/share", 1, None)
    assert _units(table, "Gross margin (as a percentage of net sales)") == ("%", 1, None)
    assert _units(table, "Comparable sales") == ("%", 1, None)


@pytest.mark.parametrize(
    ("header", "unit", "scale", "label"),
    [
        ("US$ millions", "USD", 1_000_000, "US$ millions"),
        ("$ in millions", "USD", 1_000_000, "millions"),
        ("€m", "EUR", 1_000_000, "€m"),
        ("£bn", "GBP", 1_000_000_000, "£bn"),
        ("NOK'000", "NOK", 1000, "NOK'000"),
        ("SEK m", "SEK", 1_000_000, "SEK m"),
        ("MSEK", "SEK", 1_000_000, "MSEK"),
        ("CHF million", "CHF", 1_000_000, "CHF million"),
        ("JPY (billions)", "JPY", 1_000_000_000, "billions"),
        ("$'000", "USD", 1000, "$'000"),
        ("US$000", "USD", 1000, "US$000"),
        ("C$ 000", "CAD", 1000, "C$ 000"),
        ("A$M", "AUD", 1_000_000, "A$M"),
    ],
)
def test_units_row_of_the_header(header: str, unit: str, scale: int, label: str) -> None:
    table = _table([("Revenue", ["1,204.3", "1,100.0"])], units=(header, header))
    assert _units(table, "Revenue", 1) == (unit, scale, label)


def test_a_nok_table_is_never_dollars() -> None:
    table = _table([("Revenue", ["1,204", "1,100"])], units=("NOK'000", "NOK'000"))
    assert _units(table, "Revenue", release="Nordic Shipping ASA (NYSE: NSA) reported.")[0] == "NOK"


@pytest.mark.parametrize("label", ["Shares outstanding (000s)", "Common shares outstanding (000's)"])
def test_row_label_scale(label: str) -> None:
    table = _table([(label, ["53,200", "52,900"])], caption="(in millions of US dollars)")
    assert _units(table, label)[:2] == ("shares", 1000)


def test_scale_printed_in_the_cell_and_prose_in_a_caption() -> None:
    table = _table([("Data Center and AI", ["$3.7 billion", "$6.1 billion"]), ("Mobileye", ["$458 million", "—"])],
                   caption="Revenue rose 12% to $3.2 billion in the quarter.")  # fmt: skip
    assert _units(table, "Data Center and AI") == ("USD", 1_000_000_000, "billion")
    assert _units(table, "Mobileye") == ("USD", 1_000_000, "million")
    assert _units(table, "Mobileye", 1) == ("USD", 1, None)  # "$3.2 billion" in prose is an amount, not a scale
    minnesota = _table([("Revenue", ["$ 1,234", "$ 1,100"])], caption="RICHFIELD, MN -- Results for the quarter")
    assert _units(minnesota, "Revenue") == ("USD", 1, None)


def test_statement_printed_over_one_column_covers_the_table() -> None:
    columns = ("Three Months Ended June 30, 2023", "Three Months Ended June 30, 2022 (In millions)")
    table = _table([("Net revenues", ["$ 2,540", "$ 2,422"]), ("Cost of net revenues", ["718", "663"])], columns)
    assert _units(table, "Cost of net revenues", 0) == ("USD", 1_000_000, "millions")


def test_neighbouring_headers_agree_and_continued_tables_take_the_heading_above() -> None:
    columns = ("Q4 2023", "Twelve Months Ended June 30, $ million 2023")
    table = _table([("EBITDA", ["2,117", "2,018"])], columns, caption="Key Financials")
    assert _units(table, "EBITDA", 0) == ("USD", 1_000_000, "$ million")
    heading = "RECONCILIATION OF NON-GAAP FINANCIAL MEASURES\n($ in millions, except per share amounts)\n"
    text = f"{NASDAQ}\n\n{heading}\n" + "Footnotes and prose. " * 20
    continued = _table([("Non-GAAP SG&A", ["$ 1,709", "$ 1,730"])], start=len(text))
    row = continued.rows[0]
    assert cell_units("$ 1,709", row, 0, continued, release_units(text)) == ("USD", 1_000_000, "millions")
    far = text + "More prose. " * 400
    continued = _table([("Non-GAAP SG&A", ["$ 1,709", "$ 1,730"])], start=len(far))
    assert cell_units("$ 1,709", row, 0, continued, release_units(far)) == ("USD", 1, None)


def test_release_statement_gives_scale_and_currency() -> None:
    release = "Unless otherwise indicated, all currency amounts are in thousands of Canadian dollars."
    table = _table([("Gross revenue", ["7,060", "6,120"]), ("Closing share price", ["$0.27", "$0.31"])])
    assert _units(table, "Gross revenue", release=release + " $ ") == ("CAD", 1000, "thousands")
    assert _units(table, "Closing share price", release=release) == ("CAD/share", 1, None)


# --- share counts, counts, per share, percentages, basis points ------------------------------------


@pytest.mark.parametrize(
    ("caption", "value", "scale"),
    [
        ("(in millions, except per share data)", "4,154", 1_000_000),
        ("(In thousands, except per share data)", "50,624", 1000),
        ("($ and shares in millions, except per share amounts)", "218.6", 1_000_000),
        ("($ million, except per share amounts)", "1,487", 1_000_000),  # no listed company has 1,487 shares
        ("(Dollars in thousands, except per share data)", "15,234,567", 1),  # a bank printing shares in units
        ("(In thousands, except share and per share data)", "52,250,000", 1),
        ("(In millions, except per share amounts; shares in thousands)", "250,123", 1000),
    ],
)
def test_share_counts_follow_the_statement(caption: str, value: str, scale: int) -> None:
    table = _table(
        [("Revenue", ["$ 100", "$ 90"]), ("Basic", [value, value], "Weighted-average common shares outstanding")],
        caption=caption,
    )
    assert _units(table, "Basic")[:2] == ("shares", scale)


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Shares used in GAAP diluted net income per share calculation", "shares"),
        ("Weighted average number of shares outstanding – Diluted", "shares"),
        ("Repurchase of common shares", "USD"),
        ("Proceeds from sale of shares in Adyen", "USD"),
        ("Common stock, $0.001 par value, 10,000 shares authorized", "USD"),
        ("Net income (loss) per share – diluted", "USD/share"),
        ("Cash dividends declared per common share", "USD/share"),
        ("Non-GAAP EPS", "USD/share"),
        ("Adjusted EBITDA, EBIT, Net income and EPS", "USD"),
        ("EPS (diluted US cents)", "USD cents/share"),
        ("SG&A as a % of revenue", "%"),
        ("Comparable sales % change", "%"),
        ("5.5% Senior notes due 2030", "USD"),
        ("Effective tax rate", "%"),
        ("Gross margin change (bps)", "bps"),
        ("Number of stores opened during the quarter", "count"),
        ("Total stores open at end of the quarter", "count"),
        ("Gross square feet for stores opened or expanded", None),
        ("Employees at year end", "count"),
        ("Revenue from contracts with customers", "USD"),
        ("USD:EUR average FX rate", "USD/EUR"),
        ("3 month average FX EUR=CAD", "EUR/CAD"),
        ("Effect of exchange rate changes on cash", "USD"),
        ("Current ratio", "ratio"),
        ("Netback ($/boe)", "$/boe"),
    ],
)
def test_row_kinds(label: str, unit: str | None) -> None:
    money = unit not in (None, "count")
    table = _table([(label, ["1,234", "1,100"]), ("Total", ["$ 5", "$ 6"] if money else ["5", "6"])])
    assert _units(table, label)[0] == unit


def test_counts_take_a_plain_statement_not_a_dollar_one() -> None:
    plain = _table([("Active Buyers", ["132", "138"]), ("GMV", ["$ 18,214", "$ 18,549"])],
                   caption="Supplemental Operating Data\n(In millions, except percentages)")  # fmt: skip
    assert _units(plain, "Active Buyers") == ("count", 1_000_000, "millions")
    dollars = _table([("New store openings, net", ["12", "6"]), ("Net sales", ["$ 3,226.8", "$ 2,729.4"])],
                     caption="(Dollars in millions, except per share data)")  # fmt: skip
    assert _units(dollars, "New store openings, net") == ("count", 1, None)
    employees = _table([("Employees (in thousands)", ["131.9", "121.1"])], stub="(In Millions)")
    assert _units(employees, "Employees (in thousands)") == ("count", 1000, "thousands")


@pytest.mark.parametrize(
    ("columns", "cells", "unit"),
    [
        (("Q2 2023", "% change"), ["$ 2,540", "5"], "%"),
        (("Q2 2023", "% of net sales"), ["$ 2,540", "100.0"], "%"),
        (("Pretax Earnings", "Per Share"), ["$ 21", "0.10"], "USD/share"),
        (("Q2 2023", "Change (bps)"), ["$ 2,540", "(30)"], "bps"),
        (("Q2 2023", "Change"), ["$ 2,540", "80 bps"], "bps"),
        (("Q2 2023", "Change"), ["$ 2,540", "down 12.1 ppts"], "%"),
    ],
)
def test_header_and_cell_kinds(columns: tuple[str, str], cells: list[str], unit: str) -> None:
    table = _table([("Revenue", cells)], columns, caption="($ in millions)")
    assert _units(table, "Revenue", 1) == (unit, 1, None)
    assert _units(table, "Revenue", 0) == ("USD", 1_000_000, "millions")


def test_nil_cell_in_a_row_of_percentages() -> None:
    table = _table([("Tax rate", ["17.0%", "—"])])
    assert _units(table, "Tax rate", 1) == ("%", 1, None)


# --- currencies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US$", "USD"), ("C$1.2", "CAD"), ("CAD$ 000", "CAD"), ("A$", "AUD"), ("HK$", "HKD"), ("R$", "BRL"),
        ("€", "EUR"), ("£", "GBP"), ("¥ 120", "¥"), ("₹", "INR"), ("CHF 12", "CHF"), ("(JPY)", "JPY"),
        ("Norwegian kroner", "NOK"), ("Swedish kronor", "SEK"), ("U.S. dollars", "USD"), ("pounds sterling", "GBP"),
        ("in millions of euros)", "EUR"), ("in millions of Japanese yen", "JPY"), ("in thousands of Korean won", "KRW"),
        ("Canadian dollars", "CAD"), ("kr 1 234", "kr"), ("$ 5", "$"),
        ("ALL AMOUNTS", None), ("(NASDAQ: AMD)", None), ("IRR (%)", None), ("in Dong Nai province", None),
    ],
)  # fmt: skip
def test_currency_mentions(text: str, code: str | None) -> None:
    assert currency_in(text) == code


@pytest.mark.parametrize(
    ("release", "unit"),
    [
        ("Best Buy Co., Inc. (NYSE: BBY) today announced", "USD"),
        ("eBay Inc. (Nasdaq: EBAY) today reported", "USD"),
        ("Gold Corp. (NYSE American: GC) today reported", "USD"),
        ("FORM 8-K CURRENT REPORT", "USD"),
        ("Almonty Industries Inc. (TSX-V: AII) today announced", "CAD"),
        ("Copper Ltd (ASX: CUL) today announced", "AUD"),
        ("Barrick (TSX: ABX) (NYSE: GOLD) today reported", "$"),  # listed in two dollar countries
        ("Minco plc (AIM: MIO) today reported", "$"),  # sterling does not make "$" anything
        ("A company reported record sales.", "$"),
        ("Barrick (TSX: ABX) (NYSE: GOLD). All amounts are in U.S. dollars unless otherwise stated.", "USD"),
        ("Suncor (TSX: SU) (NYSE: SU). All dollar amounts are expressed in Canadian dollars.", "CAD"),
    ],
)
def test_bare_dollar_is_settled_by_the_release_or_left_ambiguous(release: str, unit: str) -> None:
    table = _table([("Revenue", ["$ 1,234", "$ 1,100"]), ("Diluted EPS", ["$ 0.42", "$ 0.40"])],
                   caption="($ in millions)")
    assert _units(table, "Revenue", release=release) == (unit, 1_000_000, "millions")
    assert _units(table, "Diluted EPS", release=release) == (f"{unit}/share", 1, None)


def test_release_units_and_resolution() -> None:
    stated = release_units(
        "Note: All amounts referenced throughout this document are in US dollars unless otherwise indicated")
    assert (stated.currency, stated.scale) == ("USD", None)
    assert release_units("All figures are presented in millions of euros.").currency == "EUR"
    assert release_units("Amounts are in thousands of Norwegian kroner (NOK).").scale == (1000, "thousands")
    assert release_units("The results for all periods are shown.").currency is None  # "all" is not the lek
    assert release_units("Amounts held in solid investments.").currency is None  # nor "sol" the Peruvian sol
    assert listed_currency("Nordic AS (Oslo Børs: NOR)") == "NOK"
    assert (resolve("kr", None, "NOK") == "NOK" and resolve("kr", "SEK", None) == "SEK"
            and resolve("kr", None, None) == "kr")
    assert resolve("$", "EUR", None) == "$" and resolve("¥", None, None) == "JPY" and resolve("¥", "CNY", None) == "CNY"


# --- physical units keep working ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "label", "expected"),
    [
        (("Tonnes (000's)", "WO₃ (%)"), "Proven", ("tonnes", 1000, "(000's)")),
        (("Ore (Mt)", "Grade (g/t)"), "Probable", ("tonnes", 1_000_000, "Mt")),
        (("Gold (koz)", "Grade (g/t)"), "Inferred", ("oz", 1000, "koz")),
        (("Q4 2023", "Q4 2022"), "Oil production (bbl/d)", ("bbl/d", 1, None)),
        (("Q4 2023", "Q4 2022"), "Gold sold (ounces)", ("oz", 1, None)),
        (("From (m)", "Interval (m)"), "DDH-24-011", (None, 1, None)),  # metres, not millions
    ],
)
def test_physical_units(columns: tuple[str, str], label: str, expected: tuple[str, int, str | None]) -> None:
    table = _table([(label, ["357", "0.45"])], columns)
    assert _units(table, label) == expected


def test_end_to_end_from_text() -> None:
    text = (
        "Fjord Seafood ASA (Oslo Børs: FJORD) reports.\n\n"
        "Key figures\n\n\t2023\t2022\n\tNOK million\tNOK million\nRevenue\t1,204.3\t1,100.0\n"
        "EBIT margin %\t12.1\t11.0\nEarnings per share (NOK)\t3.10\t2.95\n"
    )
    got = {(f.row_label, f.column_label[:4]): (f.unit, f.scale) for f in extract_figures(text, "fjord")}
    assert got[("Revenue", "2023")] == ("NOK", 1_000_000)
    assert got[("EBIT margin %", "2023")] == ("%", 1)
    assert got[("Earnings per share (NOK)", "2022")] == ("NOK/share", 1)
