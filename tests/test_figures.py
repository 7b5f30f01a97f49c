"""Every cell of the three sample tables: value, sign, unit, scale, period, fiscal period."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from index.figures import extract_figures
from index.records import Figure

RELEASES = Path(__file__).resolve().parent.parent / "data" / "releases"
Q_2016 = "2016-05-31-interim-results-quarter-ended-2016-12-31.txt"
RESERVES_2013 = "2013-12-12-los-santos-reserve-resource-update.txt"
Q3_2011 = "2011-10-03-los-santos-q3-2011-results.txt"

Row = tuple[str, str | None, list[float | None], str, int, str | None]


def _load(name: str) -> tuple[str, list[Figure]]:
    text = (RELEASES / name).read_text(encoding="utf-8")
    return text, extract_figures(text, name)


def _check_table(
    text: str,
    figures: list[Figure],
    table_index: int,
    columns: Sequence[tuple[str, str, str, str | None]],
    rows: Sequence[Row],
) -> None:
    """``columns``: (label, period_kind, period_end, fiscal); ``rows``: (label, parent, values, unit, scale,
    scale_label)."""
    got = [f for f in figures if f.table_index == table_index]
    expected_count = sum(len(values) for _, _, values, _, _, _ in rows)
    assert len(got) == expected_count
    by_key = {(f.row_label, f.column_label): f for f in got}
    for label, parent, values, unit, scale, scale_label in rows:
        for (column, kind, end, fiscal), value in zip(columns, values, strict=False):
            fig = by_key[(label, column)]
            assert fig.parent_label == parent, (label, column)
            assert fig.value == value, (label, column, fig.raw)
            assert (fig.unit, fig.scale, fig.scale_label) == (unit, scale, scale_label), (label, column)
            assert (fig.period_kind, fig.period_end, fig.fiscal_period) == (kind, end, fiscal), (label, column)
            assert text[fig.row_start : fig.row_end] == fig.row_text
            assert fig.row_text.startswith(label) and fig.raw in fig.row_text
            assert (fig.raw == "-") == (value is None)


MONEY = ("CAD", 1000, "$'000")
PER_SHARE = ("CAD/share", 1, None)


def _money(label: str, *values: float | None) -> Row:
    return (label, None, list(values), *MONEY)


def test_2016_quarter_income_statement_every_cell() -> None:
    text, figures = _load(Q_2016)
    columns = [
        ("Three Months Ended 31-Dec-16", "three_months_ended", "2016-12-31", "Q1 2017"),
        ("Three Months Ended 31-Dec-15", "three_months_ended", "2015-12-31", "Q1 2016"),
    ]
    rows: list[Row] = [
        _money("Gross Revenue", 7060.0, 8181.0),
        _money("Mine production costs", 7494.0, 8682.0),
        _money("Inventory write-down", None, None),
        _money("Mine impairment", None, None),
        _money("Depreciation and amortization", 941.0, 2019.0),
        _money("Earnings (loss) from mining operations", -1375.0, -2520.0),
        _money("General and administrative costs", 1699.0, 1617.0),
        _money("Earnings (loss) before the under noted items", -3074.0, -4137.0),
        _money("Interest expense", 656.0, 535.0),
        _money("Foreign exchange (gain) loss", 823.0, 570.0),
        _money("Tax provision", None, None),
        _money("Net income (loss) for the period", -4553.0, -5242.0),
        ("Income (loss) per share basic", None, [-0.04, -0.06], *PER_SHARE),
        ("Income (loss) per share diluted", None, [-0.04, -0.06], *PER_SHARE),
        _money("Dividends", None, None),
        _money("Cash flows provided by (used in) operating activities", 690.0, 801.0),
        _money("Cash flows provided by (used in) investing activities", -4743.0, -1927.0),
        _money("Cash flows provided by (used in) financing activities", 2434.0, 370.0),
    ]
    _check_table(text, figures, 0, columns, rows)
    caption = {f.caption for f in figures if f.table_index == 0}
    assert caption == {
        "The following financial information is for the three months ended December 31st, 2016, and 2015:"
    }


def test_2016_balance_sheet_every_cell() -> None:
    text, figures = _load(Q_2016)
    columns = [("31-Dec-16", "as_at", "2016-12-31", None), ("30-Sep-16", "as_at", "2016-09-30", None)]
    parent = "Weighted average outstanding shares (000)"
    shares = ("shares", 1000, "(000)")
    rows: list[Row] = [
        _money("Cash", 2463.0, 4215.0),
        _money("Restricted cash", 1290.0, 1336.0),
        _money("Total assets", 166616.0, 167766.0),
        _money("Bank indebtedness", 5541.0, 4456.0),
        _money("Long-term debt", 59260.0, 56497.0),
        _money("Shareholders equity", 29159.0, 35569.0),
        ("Other Outstanding shares (000)", None, [110896.0, 110896.0], *shares),
        ("Basic", parent, [110896.0, 107871.0], *shares),
        ("Fully diluted", parent, [110896.0, 107871.0], *shares),
        ("Closing share price", None, [0.27, 0.27], *PER_SHARE),
    ]
    _check_table(text, figures, 1, columns, rows)
    assert len(figures) == 36 + 20
    basic = next(f for f in figures if f.row_label == "Basic" and f.column_label == "31-Dec-16")
    assert basic.row_text == "Basic 110,896 107,871"


def test_2013_reserves_every_cell() -> None:
    text, figures = _load(RESERVES_2013)
    end = "2013-06-30"
    # one "row" entry per column so that units/scales can differ by column
    table = [
        ("Stockpiles Mineral Reserves", 66.0, 0.25, 164.0),
        ("Tailings Mineral Reserves", 1932.0, 0.16, 3105.0),
        ("Proven", 357.0, 0.45, 1618.0),
        ("Probable", 1523.0, 0.38, 5791.0),
        ("Proven + Probable Mineral Reserves", 1880.0, 0.39, 7409.0),
        ("Total Mineral Reserves", 3812.0, 0.28, 10678.0),
        ("Measured", 434.0, 0.40, 1735.0),
        ("Indicated", 2326.0, 0.31, 7139.0),
        ("Measured + Indicated Mineral Resources", 2760.0, 0.32, 8874.0),
        ("Inferred Mineral Resources", 1527.0, 0.24, 3648.0),
    ]
    specs = [
        ("Tonnes (000's)", ("tonnes", 1000, "(000's)")),
        ("WO₃ (%)", ("%", 1, None)),
        ("WO₃ (Tonnes)", ("tonnes", 1, None)),
    ]
    assert len(figures) == 30
    by_key = {(f.row_label, f.column_label): f for f in figures}
    for label, *values in table:
        for (column, units), value in zip(specs, values, strict=True):
            fig = by_key[(label, column)]
            assert fig.value == value
            assert (fig.unit, fig.scale, fig.scale_label) == units
            assert (fig.period_kind, fig.period_end, fig.fiscal_period) == ("as_at", end, None)
            assert fig.caption == "NI 43-101 Mineral Reserves/Resources of the Los Santos Project (as at June 30, 2013)"
            assert text[fig.row_start : fig.row_end] == fig.row_text
            assert fig.footnotes == (["¹"] if label.startswith("Inferred") else [])
    assert by_key[("Inferred Mineral Resources", "WO₃ (%)")].row_text.startswith("Inferred Mineral Resources¹\t")


def test_2011_quarter_every_cell() -> None:
    text, figures = _load(Q3_2011)
    columns = [
        ("Three Months Ended June 30, 2011", "three_months_ended", "2011-06-30", "Q3 2011"),
        ("Three Months Ended June 30, 2010", "three_months_ended", "2010-06-30", "Q3 2010"),
        ("Nine Months Ended June 30, 2011", "nine_months_ended", "2011-06-30", None),
        ("Nine Months Ended June 30, 2010", "nine_months_ended", "2010-06-30", None),
    ]
    units = ("CAD", 1000, "CAD$ 000")
    rows: list[Row] = [
        ("Revenue", None, [4421.0, 0.0, 10186.0, 0.0], *units),
        ("Cost of Sales", None, [3006.0, 407.0, 8412.0, 1147.0], *units),
        ("Income From Mining Operations", None, [1416.0, -407.0, 1774.0, -1147.0], *units),
        ("Depreciation and Amortization", None, [931.0, 14.0, 5794.0, 67.0], *units),
        ("Interest", None, [42.0, 387.0, 441.0, 491.0], *units),
        ("Other SG&A", None, [-247.0, -847.0, -1074.0, -2543.0], *units),
        ("Net Income Before Tax and One Time Items", None, [690.0, 39.0, -3387.0, 837.0], *units),
    ]
    fx = [f for f in figures if "FX" in f.row_label]
    _check_table(text, [f for f in figures if f not in fx], 0, columns, rows)
    assert len(figures) == 28 + 4
    got = {(f.row_label[:1], f.column_label): f for f in fx}
    expected = {
        ("3", "2011"): (1.3934, "three_months_ended", "2011-06-30", "Q3 2011"),
        ("3", "2010"): (1.3073, "three_months_ended", "2010-06-30", "Q3 2010"),
        ("9", "2011"): (1.3729, "nine_months_ended", "2011-06-30", None),
        ("9", "2010"): (1.436078, "nine_months_ended", "2010-06-30", None),
    }
    assert set(got) == set(expected)
    for key, (value, kind, end, fiscal) in expected.items():
        fig = got[key]
        assert (fig.value, fig.unit, fig.scale, fig.scale_label) == (value, "EUR/CAD", 1, None)
        assert (fig.period_kind, fig.period_end, fig.fiscal_period) == (kind, end, fiscal)
        assert text[fig.row_start : fig.row_end] == fig.row_text
    assert {f.caption for f in figures} == {"Summary Financial Information¹:"}


def test_release_without_tables_has_no_figures() -> None:
    name = "2013-05-29-los-santos-milling-optimization-stock-options.txt"
    assert extract_figures((RELEASES / name).read_text(encoding="utf-8"), name) == []


@pytest.mark.parametrize("name", [Q_2016, RESERVES_2013, Q3_2011])
def test_raw_and_offsets_point_into_source(name: str) -> None:
    text, figures = _load(name)
    for fig in figures:
        assert fig.doc_id == name
        assert fig.raw in text[fig.row_start : fig.row_end]
        assert fig.row_label not in ("", None)
