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


def test_a_bare_year_beside_a_dated_column_is_the_same_kind_of_period_on_the_same_day() -> None:
    # "December 31, 2019 | 2018" over a balance sheet: the 2018 column is December 31, 2018, a balance too
    headers = ["December 31, 2019", "2018"]
    assert read_column("2018", [], headers) == ColumnPeriod("as_at", date(2018, 12, 31), None)
    assert read_column("2018", [], ["December31, 2019", "2018"]).end == date(2018, 12, 31)  # text run together
    years = ["Year Ended December 31, 2019", "2018"]
    assert read_column("2018", [], years) == ColumnPeriod("year_ended", date(2018, 12, 31), None)
    assert read_column("2018", [], ["2019", "2018"]) == ColumnPeriod("year_ended", None, "FY2018")


@pytest.mark.parametrize(("label", "fiscal"), [("2018/2019", "FY2019"), ("2018/19", "FY2019"), ("2018-19", "FY2019"),
                                                ("2020 – 2024", None), ("12/2019", None)])
def test_a_fiscal_year_named_by_the_two_calendar_years_it_spans_ends_in_the_second(label: str,
                                                                                    fiscal: str | None) -> None:
    period = read_column(label, [], [label])
    assert period.fiscal == fiscal
    assert period.kind == ("year_ended" if fiscal else None)


def test_a_quarter_is_not_named_by_the_year_of_a_date_it_may_not_share() -> None:
    # a 52/53-week year ending in the first days of January: the quarter ending January 2, 2022 is 2021's
    assert read_column("Fourth Quarter Jan 2, 2022 GAAP", [], []).fiscal == "Q4 2021"
    assert read_column("Fourth Quarter | December 31, 2022", [], []).fiscal == "Q4 2022"
    # later in January the company's own naming decides (the release's other statements: ``complete``)
    assert read_column("Fourth Quarter Jan 28, 2023", [], []).fiscal is None


def test_a_header_naming_a_day_but_no_year_never_takes_another_columns_date() -> None:
    # a PDF header split across cells: "2022" landed in the stub, "June 30," in the first column's header
    headers = ["Twelve Months Ended June 30,", "Twelve Months Ended June 30, 2023"]
    assert read_column(headers[0], ["($ million) 2022", "Cash Flows"], headers).end == date(2022, 6, 30)
    assert read_column(headers[0], ["($ million)", "Cash Flows"], headers).end is None  # unknown, not 2023
    # a column of another kind may share the date another header states
    shared = ["Three Months Ended June 30,", "Six Months Ended June 30, 2023"]
    assert read_column(shared[0], [], shared).end == date(2023, 6, 30)


def test_dates_alone_beside_a_column_naming_its_span_share_the_span() -> None:
    # "Fiscal Year Ended" printed once, over the first of three dated columns
    headers = ["Fiscal Year Ended December 28, 2018", "December 29, 2017", "December 30, 2016"]
    assert read_column(headers[1], [], headers) == ColumnPeriod("year_ended", date(2017, 12, 29), None)
    balance = ["December 31, 2019", "December 31, 2018"]  # dates alone, nothing else: balances
    assert read_column(balance[1], [], balance).kind == "as_at"


def test_ranges_of_years_and_maturity_buckets_are_not_fiscal_years() -> None:
    buckets = ["Total", "2020", "2021-2022", "2023-2024", "Thereafter"]
    assert read_column("2021-2022", [], buckets) == ColumnPeriod()  # payments due over two years
    assert read_column("2021/22", [], ["Total", "2020", "2021/22", "Thereafter"]).fiscal is None
    # a split year's end is in its second year
    assert read_column("2018/19", ["Year to 31 March"], ["2019/20", "2018/19"]) == ColumnPeriod(
        "year_ended", date(2019, 3, 31), "FY2019")


def test_only_a_bare_year_takes_the_kind_of_the_dated_columns_beside_it() -> None:
    headers = ["Fourth Quarter Jan 1, 2023 GAAP", "Restructuring related"]
    assert read_column("Restructuring related", [], headers).kind is None  # an adjustment, not a period


def test_a_month_and_a_two_digit_year_run_together_is_no_day() -> None:
    # Australian quarterlies: "Jun23 Qtr" is June 2023, not June 23
    assert read_column("FY2023", [], ["Jun23 Qtr", "FY2023"]) == ColumnPeriod("year_ended", None, "FY2023")
