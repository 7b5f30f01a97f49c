"""Table layouts real releases print, drawn into PDFs and read back from page geometry: spanning period
headers over year columns, change columns with sub-heads, fiscal-quarter labels, week-based groups and
balance dates."""

from __future__ import annotations

from pathlib import Path

from bench.layout_draw import Layout, draw
from index.figures import extract_figures
from index.reader import read_release
from index.records import Figure


def _figures(path: Path) -> dict[tuple[str, str], Figure]:
    source = read_release(path)
    figures = extract_figures(source.text, "x", source.tables, source.page_starts)
    return {(f.row_label, f.column_label): f for f in figures}


def test_quarter_and_change_group_with_sub_heads(tmp_path: Path) -> None:
    table = Layout(
        caption=["CONSOLIDATED SALES", "(Dollars in Millions)"],
        heads=[[("Fourth Quarter", 0, 1), ("% Change", 2, 4)],
               [("2022", 0, 0), ("2021", 1, 1), ("Total", 2, 2), ("Operations", 3, 3), ("Currency", 4, 4)]],
        rows=[("Consumer Health", ["$ 3,833", "$ 3,827", "0.2", "6.4", "(6.2)"]),
              ("Pharmaceutical", ["13,163", "13,882", "(5.2)", "0.3", "(5.5)"])],
    )
    got = _figures(draw(tmp_path / "sales.pdf", table))
    current = got[("Pharmaceutical", "Fourth Quarter 2022")]
    assert (current.value, current.unit, current.scale) == (13163.0, "USD", 1_000_000)
    assert (current.period_kind, current.fiscal_period) == ("three_months_ended", "Q4 2022")
    change = got[("Pharmaceutical", "% Change Operations")]
    assert (change.value, change.derived, change.period_kind, change.period_end) == (0.3, "percent_change", None, None)
    assert got[("Consumer Health", "% Change Currency")].value == -6.2


def test_spanning_period_over_years_with_its_day_on_a_line_of_its_own(tmp_path: Path) -> None:
    table = Layout(
        caption=["CONDENSED STATEMENTS OF OPERATIONS", "(in thousands, except per share data)"],
        heads=[[("Quarters Ended March 31,", 0, 1), ("Year Ended December 31,", 2, 3)],
               [("2023", 0, 0), ("2022", 1, 1), ("2022", 2, 2), ("2021", 3, 3)]],
        rows=[("Revenue", ["$ 12,410", "$ 10,902", "$ 45,118", "$ 39,907"]),
              ("Net loss per share, basic", ["$ (0.12)", "$ (0.31)", "$ (0.88)", "$ (1.02)"])],
    )
    got = _figures(draw(tmp_path / "ops.pdf", table))
    q = got[("Revenue", "Quarters Ended March 31, 2022")]
    assert (q.value, q.scale, q.period_kind, q.period_end) == (10902.0, 1000, "three_months_ended", "2022-03-31")
    year = got[("Revenue", "Year Ended December 31, 2021")]
    assert (year.period_kind, year.period_end, year.fiscal_period) == ("year_ended", "2021-12-31", "FY2021")
    eps = got[("Net loss per share, basic", "Quarters Ended March 31, 2023")]
    assert (eps.value, eps.unit, eps.scale) == (-0.12, "USD/share", 1)


def test_fiscal_quarter_labels_dated_by_the_statements(tmp_path: Path) -> None:
    highlights = Layout(
        caption=["Highlights", "($ in millions)"],
        heads=[[("Q4'22", 0, 0), ("Q4'21", 1, 1), ("FY22", 2, 2), ("FY21", 3, 3)]],
        rows=[("Revenue", ["$ 5,100", "$ 4,800", "$ 19,900", "$ 18,200"]),
              ("Operating income", ["610", "590", "2,300", "2,050"])],
    )
    statement = Layout(
        caption=["CONSOLIDATED STATEMENTS OF INCOME", "($ in millions)"],
        heads=[[("Three Months Ended", 0, 1), ("Twelve Months Ended", 2, 3)],
               [("Dec 31, 2022", 0, 0), ("Dec 31, 2021", 1, 1), ("Dec 31, 2022", 2, 2), ("Dec 31, 2021", 3, 3)]],
        rows=[("Revenue", ["$ 5,100", "$ 4,800", "$ 19,900", "$ 18,200"]),
              ("Operating income", ["610", "590", "2,300", "2,050"])],
    )
    got = _figures(draw(tmp_path / "q4.pdf", highlights, statement))
    q = got[("Revenue", "Q4'21")]
    assert (q.period_kind, q.fiscal_period, q.period_end) == ("three_months_ended", "Q4 2021", "2021-12-31")
    fy = got[("Operating income", "FY22")]
    assert (fy.period_kind, fy.fiscal_period, fy.period_end) == ("year_ended", "FY2022", "2022-12-31")


def test_week_based_groups_and_balance_dates(tmp_path: Path) -> None:
    operations = Layout(
        caption=["CONDENSED STATEMENTS OF INCOME", "(amounts in millions, except per share data)"],
        heads=[[("12 Weeks Ended", 0, 1), ("36 Weeks Ended", 2, 3)],
               [("May 7,", 0, 0), ("May 8,", 1, 1), ("May 7,", 2, 2), ("May 8,", 3, 3)],
               [("2023", 0, 0), ("2022", 1, 1), ("2023", 2, 2), ("2022", 3, 3)]],
        rows=[("Net sales", ["$ 52,604", "$ 51,612", "$ 158,740", "$ 153,063"]),
              ("Membership fees", ["1,044", "984", "3,133", "2,948"])],
    )
    balance = Layout(
        caption=["CONDENSED BALANCE SHEETS", "(amounts in millions)"],
        heads=[[("As of", 0, 1)], [("May 7, 2023", 0, 0), ("August 28, 2022", 1, 1)]],
        rows=[("Cash and cash equivalents", ["$ 15,255", "$ 10,203"]), ("Receivables, net", ["2,571", "2,241"])],
    )
    got = _figures(draw(tmp_path / "weeks.pdf", operations, balance))
    ytd = got[("Net sales", "36 Weeks Ended May 8, 2022")]
    assert (ytd.value, ytd.period_kind, ytd.period_end, ytd.scale) == (
        153063.0, "36_weeks_ended", "2022-05-08", 1_000_000)
    cash = got[("Cash and cash equivalents", "As of August 28, 2022")]
    assert (cash.period_kind, cash.period_end, cash.unit) == ("as_at", "2022-08-28", "USD")


def test_value_and_share_columns_under_one_date(tmp_path: Path) -> None:
    table = Layout(
        caption=["Statements of Income", "(In thousands)"],
        heads=[[("13 Weeks Ended", 0, 3)], [("April 29, 2023", 0, 1), ("April 30, 2022", 2, 3)]],
        rows=[("Net sales", ["$ 2,634,263", "100.0%", "$ 2,345,901", "100.0%"]),
              ("Gross profit", ["1,054,857", "40.0%", "941,026", "40.1%"])],
    )
    got = _figures(draw(tmp_path / "share.pdf", table))
    share = [f for (row, _), f in got.items() if row == "Gross profit" and f.unit == "%"]
    assert sorted((f.value, f.period_end) for f in share) == [(40.0, "2023-04-29"), (40.1, "2022-04-30")]
    assert all(f.period_kind == "13_weeks_ended" for f in share)


def test_year_to_date_group_with_change_and_currency_columns(tmp_path: Path) -> None:
    table = Layout(
        caption=["NET SALES BY REGION", "($ in millions)"],
        heads=[[("Year-to-Date", 0, 1), ("Inc/(Dec)", 2, 2), ("Excluding currency", 3, 3)],
               [("2023", 0, 0), ("2022", 1, 1)]],
        rows=[("Americas", ["$ 8,120", "$ 7,640", "6.3%", "7.1%"]), ("Europe", ["3,310", "3,402", "(2.7)%", "1.9%"])],
    )
    got = _figures(draw(tmp_path / "ytd.pdf", table))
    ytd = got[("Europe", "Year-to-Date 2022")]
    assert (ytd.value, ytd.period_kind, ytd.unit, ytd.scale) == (3402.0, "year_to_date", "USD", 1_000_000)
    change = got[("Europe", "Inc/(Dec)")]
    assert (change.value, change.derived, change.period_kind, change.unit) == (-2.7, "change", None, "%")
    assert got[("Americas", "Excluding currency")].derived == "change"


def test_a_word_over_period_columns_qualifies_them_all(tmp_path: Path) -> None:
    table = Layout(
        caption=["Fourth-Quarter Financial Results", "($ in billions, except per share amounts)"],
        heads=[[("GAAP", 0, 2), ("Non-GAAP", 3, 5)],
               [("Q4 2022", 0, 0), ("Q4 2021", 1, 1), ("vs. Q4 2021", 2, 2),
                ("Q4 2022", 3, 3), ("Q4 2021", 4, 4), ("vs. Q4 2021", 5, 5)]],
        rows=[("Revenue", ["$ 14.0", "$ 20.5", "down 32%", "$ 14.0", "$ 20.5", "down 32%"]),
              ("Gross margin", ["39.2%", "53.6%", "down 14 ppts", "43.8%", "55.4%", "down 12 ppts"])],
        label_width=120, column_width=72, underline=False,  # no rule under GAAP: its centring decides
    )
    got = _figures(draw(tmp_path / "gaap.pdf", table))
    gaap = got[("Gross margin", "GAAP Q4 2021")]
    assert (gaap.value, gaap.unit, gaap.fiscal_period) == (53.6, "%", "Q4 2021")
    assert got[("Gross margin", "Non-GAAP Q4 2022")].value == 43.8
    change = got[("Revenue", "Non-GAAP vs. Q4 2021")]
    assert (change.value, change.derived, change.period_kind) == (-32.0, "change", None)



def test_raised_footnote_numbers_stay_off_the_label(tmp_path: Path) -> None:
    table = Layout(
        caption=["Summary of Results", "($ in millions)"],
        heads=[[("Three Months Ended", 0, 1)], [("March 31, 2023", 0, 0), ("March 31, 2022", 1, 1)]],
        rows=[("Net sales\u00a0(1)", ["$ 5,100", "$ 4,800"]), ("Adjusted EBITDA\u00a0(2)", ["610", "590"])],
        superscripts=True,
    )
    got = _figures(draw(tmp_path / "marks.pdf", table))
    ebitda = got[("Adjusted EBITDA", "Three Months Ended March 31, 2022")]
    assert (ebitda.value, ebitda.period_end, ebitda.footnotes) == (590.0, "2022-03-31", ["²"])


def test_wrapped_change_head_and_close_set_dates_without_years(tmp_path: Path) -> None:
    table = Layout(
        caption=["Segment Results", "(in thousands)"],
        heads=[[("Quarter Ended", 0, 1), ("Six months to", 3, 4)],
               [("September 30,", 0, 0), ("September 30,", 1, 1), ("Percent", 2, 2), ("September 30,", 3, 3),
                ("September 30,", 4, 4)],
               [("2016", 0, 0), ("2015", 1, 1), ("Change", 2, 2), ("2016", 3, 3), ("2015", 4, 4)]],
        rows=[("Revenue", ["$ 75,409", "$ 96,885", "(22.2)%", "$ 11,910", "$ 83,953"]),
              ("Operating income", ["7,431", "6,957", "6.8%", "1,210", "9,102"])],
        column_width=58, font_size=8, underline=False,
    )
    got = _figures(draw(tmp_path / "change.pdf", table))
    change = next(f for (row, _), f in got.items() if f.value == -22.2)
    assert (change.derived, change.period_kind, change.unit) == ("percent_change", None, "%")
    prior = next(f for f in got.values() if f.value == 96885.0)
    assert (prior.period_kind, prior.period_end) == ("three_months_ended", "2015-09-30")
    half = next(f for f in got.values() if f.value == 83953.0)
    assert (half.period_kind, half.period_end) == ("six_months_ended", "2015-09-30")


def test_a_header_of_years_under_a_table_starts_the_next_table(tmp_path: Path) -> None:
    gaap = Layout(caption=["Key Financials"], heads=[[("Year Ended June 30,", 0, 1)], [("2023", 0, 0), ("2022", 1, 1)]],
                  rows=[("Net sales", ["14,694", "14,544"]), ("Net income", ["1,048", "805"])], left=54,
                  label_width=330)
    adjusted = Layout(caption=[], heads=[[("Year Ended June 30,", 0, 1)],
                                          [("2023", 0, 0), ("2022", 1, 1), ("Reported ∆%", 2, 2)]],
                      rows=[("EBITDA", ["2,018", "2,117", "(5)"]), ("Free Cash Flow", ["848", "1,066", "(20)"])])
    got = _figures(draw(tmp_path / "stacked.pdf", gaap, adjusted))
    assert got[("Net income", "Year Ended June 30, 2022")].value == 805.0
    ebitda = got[("EBITDA", "Year Ended June 30, 2022")]
    assert (ebitda.value, ebitda.period_end) == (2117.0, "2022-06-30")
    assert got[("Free Cash Flow", "Reported ∆%")].derived == "percent_change"


def test_drawn_layouts_read_back() -> None:
    """A seeded sample of the layout benchmark (``python -m bench.layouts`` draws a thousand)."""
    from bench.layouts import score

    result = score(count=40, seed=5)
    assert result["share"]["right"] >= 90.0, result["misses"][:5]  # type: ignore[index]
