"""Periods stated down a table's rows (roll-forwards), headers printed once over several columns or restated
mid-table, and columns of one date told apart by their headers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from index.column_periods import ColumnPeriod
from index.extract import release_figures
from index.records import Figure
from index.row_periods import row_periods
from qa.figures.columns import asked_columns


def _html(tmp_path: Path, rows: list[list[str]], caption: str = "A summary of the awards.") -> Path:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    path = tmp_path / "release.html"
    path.write_text(f"<html><body><p>Acme Corp. annual report extract.</p><p>{caption}</p>"
                    f"<table>{body}</table></body></html>", encoding="utf-8")
    return path


def _by_cell(path: Path) -> dict[tuple[str, str], Figure]:
    _, figures = release_figures(path)
    return {(f.row_label, f.column_label): f for f in figures}


def test_rows_between_two_dated_balances_are_movements_over_the_span() -> None:
    labels = ["Outstanding at September 30, 2017", "Granted", "Exercised", "Outstanding at September 30, 2018",
              "Granted", "Outstanding at March 31, 2019", "Forfeited", "Balance at June 15, 2019", "Other"]
    periods = row_periods(labels)
    assert periods[0] == ColumnPeriod("as_at", date(2017, 9, 30))
    assert periods[1] == periods[2] == ColumnPeriod("year_ended", date(2018, 9, 30))
    assert periods[4] == ColumnPeriod("six_months_ended", date(2019, 3, 31))
    assert periods[6] is None  # two and a half months: no period kind names it
    assert periods[8] is None  # after the last balance: nothing states its period
    assert row_periods(["Revenue", "Costs"]) == [None, None]
    # dates that are not balance dates: maturities, issue dates
    assert row_periods(["Notes due March 15, 2024", "Term loan", "Notes due March 15, 2025"]) == [None, None, None]


def test_a_roll_forward_table_states_each_movement_period(tmp_path: Path) -> None:
    cells = _by_cell(_html(tmp_path, [
        ["Non-vested awards", "Shares", "Weighted-Average Grant Date Fair Value"],
        ["Non-vested at December 31, 2018", "1,187,586", "$41.12"],
        ["Granted", "473,550", "$53.53"],
        ["Forfeited", "(12,632)", "$50.49"],
        ["Non-vested at December 31, 2019", "1,283,281", "$45.40"],
    ]))
    granted = cells[("Granted", "Shares")]
    assert (granted.period_kind, granted.period_end, granted.fiscal_period) == ("year_ended", "2019-12-31", "FY2019")
    closing = cells[("Non-vested at December 31, 2019", "Shares")]
    assert (closing.period_kind, closing.period_end) == ("as_at", "2019-12-31")


def test_columns_that_state_their_period_keep_it_over_dated_rows(tmp_path: Path) -> None:
    cells = _by_cell(_html(tmp_path, [
        ["", "2019", "2018"],
        ["Balance at January 1, 2019", "10", "8"],
        ["Additions", "4", "3"],
        ["Balance at December 31, 2019", "14", "10"],
    ]))
    assert cells[("Additions", "2018")].fiscal_period == "FY2018"  # the column's year, not the rows' span


def test_a_year_printed_once_over_quarter_columns_heads_them_all_and_a_restated_header_too(tmp_path: Path) -> None:
    cells = _by_cell(_html(tmp_path, [
        ["", "", "", "Fiscal 2019", "", ""],
        ["", "First", "Second", "Third", "Fourth", ""],
        ["", "Quarter", "Quarter", "Quarter", "Quarter", "Total"],
        ["Revenues", "$ 94,888", "$ 96,037", "$ 88,495", "$84,380", "$363,800"],
        ["", "", "", "Fiscal 2018", "", ""],
        ["", "First", "Second", "Third", "Fourth", ""],
        ["", "Quarter", "Quarter", "Quarter", "Quarter", "Total"],
        ["Gross margin", "42.5%", "41.0%", "40.8%", "40.7%", "41.2%"],
    ], caption="Quarterly results (in thousands)."))
    assert cells[("Revenues", "Fiscal 2019 Second Quarter")].fiscal_period == "Q2 2019"
    assert cells[("Revenues", "Fiscal 2019 Total")].fiscal_period == "FY2019"
    third = cells[("Gross margin", "Fiscal 2018 Third Quarter")]
    assert (third.fiscal_period, third.raw) == ("Q3 2018", "40.8%")


def _cell(column: str, raw: str) -> Figure:
    return Figure(doc_id="d", table_index=0, caption="", row_label="Deferred income tax assets", parent_label=None,
                  column_label=column, raw=raw, value=float(raw.replace(",", "")), unit="USD", scale=1,
                  scale_label=None, period_kind="as_at", period_end="2019-02-28", fiscal_period=None,
                  row_text="", row_start=0, row_end=0)


def test_columns_of_one_date_are_told_apart_by_their_headers() -> None:
    row = [_cell("As of February 28, 2019 As reported", "22,626"), _cell("As of February 28, 2019 Adjustments", "-532"),
           _cell("As of February 28, 2019 Without adoption", "22,094")]
    assert [f.raw for f in asked_columns(row, {"defer", "incom", "tax", "asset", "report"})] == ["22,626"]
    dated = [_cell("As of February 28, 2019", "1"), _cell("As of February 28, 2018", "2")]
    dated[1].period_end = "2018-02-28"
    assert asked_columns(dated, {"asset"}) == dated  # periods tell them apart: the period asked picks


def test_each_period_keeps_the_columns_its_headers_name_best() -> None:
    cells = [_cell("Appropriation of earnings 2018", "1"), _cell("2019", "2"),
             _cell("Cash dividend per share 2018", "3"), _cell("2019", "4")]
    for f, end in zip(cells, ["2018-06-12", "2019-06-12", "2018-06-12", "2019-06-12"], strict=True):
        f.period_end = end
    kept = asked_columns(cells, {"cash", "dividend", "per", "share", "2019"})
    assert [f.raw for f in kept] == ["2", "3", "4"]  # 2018: the one naming dividends; 2019: no header tells


def test_a_basis_asked_keeps_cells_of_that_basis() -> None:
    from qa.figures.columns import other_basis

    gaap, adjusted = _cell("GAAP Q4 2022", "1"), _cell("Non-GAAP Q4 2022", "2")
    segment = _cell("Six Months Ended July 29, 2023", "39")
    segment.parent_label = "International Segment Non-GAAP Results"
    asked = "What was GAAP operating income for the six months ended July 29, 2023?"
    assert not other_basis(asked, gaap) and other_basis(asked, adjusted) and other_basis(asked, segment)
    assert other_basis("What was adjusted EBIT in 2023?", gaap) and not other_basis("What was adjusted EBIT?", adjusted)
    assert not other_basis("What was operating income in 2023?", adjusted)  # neither named: either basis
    assert not other_basis("What was non-GAAP diluted EPS?", _cell("Diluted EPS", "1"))  # a row naming neither
    reconciled = _cell("Q4 2019", "5")
    reconciled.parent_label = "Reconciliation of GAAP to non-GAAP net income"
    assert not other_basis("What was GAAP net income in Q4 2019?", reconciled)
    assert not other_basis("What EBITDA was reported in 2019?", _cell("Adjusted EBITDA 2019", "1"))


def test_rows_under_a_heading_that_is_a_date_are_balances_on_that_date(tmp_path: Path) -> None:
    path = _html(tmp_path, [
        ["", "USD denominated RMB’Million", "Non-USD denominated RMB’Million"],
        ["As at 31 December 2019", "", ""],
        ["Monetary assets, current", "27,728", "2,899"],
        ["As at 31 December 2018", "", ""],
        ["Monetary assets, current", "18,041", "1,994"],
    ], caption="The carrying amounts of monetary assets denominated in a currency other than the functional currency.")
    _, figures = release_figures(path)
    dated = {(f.parent_label, f.column_label): f.period_end
             for f in figures if f.row_label == "Monetary assets, current"}
    assert dated[("As at 31 December 2019", "USD denominated RMB’Million")] == "2019-12-31"
    assert dated[("As at 31 December 2018", "USD denominated RMB’Million")] == "2018-12-31"


def test_a_heading_that_is_not_a_period_or_a_row_that_dates_itself_keeps_its_own_period(tmp_path: Path) -> None:
    path = _html(tmp_path, [
        ["", "Amount"],
        ["5.25% Senior Notes due March 15, 2025", ""],
        ["Amount outstanding", "500"],
        ["Year ended December 31, 2019", ""],
        ["Outstanding at January 1, 2019", "1,200"],
    ], caption="Debt and awards.")
    _, figures = release_figures(path)
    by_row = {f.row_label: f for f in figures}
    assert by_row["Amount outstanding"].period_end is None  # a maturity date is no balance date
    opening = by_row["Outstanding at January 1, 2019"]
    assert (opening.period_kind, opening.period_end) == ("as_at", "2019-01-01")
