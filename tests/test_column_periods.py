"""What a table column reports: periods in the forms releases print, derived columns, fiscal labels."""

from __future__ import annotations

from datetime import date

import pytest

from index.column_periods import ColumnPeriod, complete, months_kind, read_column


@pytest.mark.parametrize(
    ("label", "kind", "end", "fiscal"),
    [
        ("Three Months Ended March 31, 2023", "three_months_ended", date(2023, 3, 31), None),
        ("Quarter Ended March 31, 2023", "three_months_ended", date(2023, 3, 31), None),
        ("Quarters Ended March 31, 2023", "three_months_ended", date(2023, 3, 31), None),
        ("Six Months Ended June 30, 2023", "six_months_ended", date(2023, 6, 30), None),
        ("Nine Months Ended September 30, 2023", "nine_months_ended", date(2023, 9, 30), None),
        ("Twelve Months Ended June 30, 2023", "year_ended", date(2023, 6, 30), None),
        ("Fiscal Year Ended January 28, 2023", "year_ended", date(2023, 1, 28), None),
        ("Q4 2022", "three_months_ended", None, "Q4 2022"),
        ("Q4'22", "three_months_ended", None, "Q4 2022"),
        ("4Q22", "three_months_ended", None, "Q4 2022"),
        ("Q4 FY23", "three_months_ended", None, "Q4 2023"),
        ("Fourth Quarter 2022", "three_months_ended", None, "Q4 2022"),
        ("FY23", "year_ended", None, "FY2023"),
        ("Fiscal 2023", "year_ended", None, "FY2023"),
        ("Full Year 2022", "year_ended", None, "FY2022"),
        ("Twelve Weeks Ended May 7, 2023", "12_weeks_ended", date(2023, 5, 7), None),
        ("Twenty-four Weeks Ended May 7, 2023", "24_weeks_ended", date(2023, 5, 7), None),
        ("13 Weeks Ended April 29, 2023", "13_weeks_ended", date(2023, 4, 29), None),
        ("Year-to-date 2023", "year_to_date", None, None),
        ("As of December 31, 2022", "as_at", date(2022, 12, 31), None),
        ("As at June 30, 2023", "as_at", date(2023, 6, 30), None),
        ("December 31, 2022", "as_at", date(2022, 12, 31), None),  # a date alone heads a balance sheet column
        ("2019", "year_ended", None, "FY2019"),  # a bare year is a fiscal year
        ("2019 €m", "year_ended", None, "FY2019"),
        ("H1 2023", "six_months_ended", None, "H1 2023"),
        ("First Half 2023", "six_months_ended", None, "H1 2023"),
        ("1H23", "six_months_ended", None, "H1 2023"),
    ],
)
def test_period_forms(label: str, kind: str, end: date | None, fiscal: str | None) -> None:
    assert read_column(label, []) == ColumnPeriod(kind, end, fiscal)


@pytest.mark.parametrize(
    ("label", "derived"),
    [("% Change", "percent_change"), ("Inc/(Dec)", "change"), ("Change", "change"),
     ("Excluding currency", "change"), ("Increase (Decrease)", "change"), ("B/(W)", "change"),
     ("vs. Q4 2021", "change"), ("Reported ∆%", "percent_change"), ("Percent Change Total", "percent_change")],
)
def test_derived_columns_have_no_period(label: str, derived: str) -> None:
    column = read_column(label, ["Three Months Ended March 31, 2023"])
    assert column == ColumnPeriod(derived=derived)


def test_bare_year_under_a_spanning_header_takes_its_kind_from_the_joined_label() -> None:
    assert read_column("Six Months Ended June 30, 2023", []).kind == "six_months_ended"
    # the caption says what kind of period its bare-year columns are
    assert read_column("2023", ["Nine months ended September 30"]) == ColumnPeriod(
        "nine_months_ended", date(2023, 9, 30), None)


def test_fiscal_quarters_follow_the_month_the_year_ends() -> None:
    columns = [read_column(c, []) for c in ("Three Months Ended Dec 31, 2022", "Twelve Months Ended Dec 31, 2022",
                                          "Three Months Ended Apr 1, 2023", "Q4 2022", "2021")]
    done = complete(columns, "")
    assert [c.fiscal for c in done] == ["Q4 2022", "FY2022", "Q1 2023", "Q4 2022", "FY2021"]
    assert done[3].end == date(2022, 12, 31)  # dated by the column that names the same quarter
    assert done[4].end == date(2021, 12, 31)  # a bare year ends when the release's years end


def test_years_ending_in_january_are_named_only_by_what_the_release_says() -> None:
    columns = [read_column(c, []) for c in ("13 Weeks Ended January 28, 2023", "FY2022")]
    plain = complete(columns, "")
    assert plain[1].end is None  # fiscal 2022 may end in January 2022 or 2023: not guessed
    stated = complete(columns, "Net sales for the fourth quarter of fiscal 2022 ended January 28, 2023 rose.")
    assert stated[0].fiscal == "Q4 2022"
    first = [read_column("13 Weeks Ended April 29, 2023", [])]
    text = ("Acme Announces First Quarter Fiscal 2023 Results. Acme today announced results for the thirteen-week "
            "period (first quarter) ended April 29, 2023.")
    assert complete(first, text)[0].fiscal == "Q1 2023"  # the year the release names, not one counted from the end
    assert complete(first, "Results for the first quarter ended April 29, 2023.")[0].fiscal is None


def test_week_based_periods_stand_for_months_when_asked() -> None:
    assert months_kind("13_weeks_ended") == "three_months_ended"
    assert months_kind("26_weeks_ended") == "six_months_ended"
    assert months_kind("52_weeks_ended") == "year_ended"
    assert months_kind("as_at") == "as_at"


def test_rows_that_name_the_year_date_a_column_without_one() -> None:
    from index.column_periods import dated_by_row

    quarter = read_column("Three Months Ended June 30", [])
    assert dated_by_row(quarter, "Three Months Ended June 30", "Net sales fiscal year 2022").end == date(2022, 6, 30)
    assert dated_by_row(quarter, "Three Months Ended June 30", "Net sales").end is None
    retail = read_column("Thirteen Weeks Ended January 28", [])
    assert dated_by_row(retail, "Thirteen Weeks Ended January 28", "Fiscal 2022").end is None  # which year: unsaid
