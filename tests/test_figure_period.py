"""Whether a cell's period is the one a question asks, for the column forms releases print."""

from __future__ import annotations

from qa.figures.period import period_fits
from qa.language.question import Question
from tests.test_figure_score import fig


def test_a_bare_year_column_without_an_end_date_is_its_fiscal_year() -> None:
    # "2019" over a column whose year end the release never states: stored as FY2019 with no end date
    bare = fig("Free cash flow", "2019", 4411.0, period_kind="year_ended", period_end=None, fiscal_period="FY2019")
    assert period_fits(bare, Question.parse("How much is the 2019 free cash flow?"))
    assert not period_fits(bare, Question.parse("How much is the 2018 free cash flow?"))
    dated = fig("Free cash flow", "2019", 4411.0, period_kind="year_ended", period_end="2019-03-31",
                fiscal_period="FY2019")
    assert period_fits(dated, Question.parse("What was free cash flow in 2019?"))
    unknown = fig("Free cash flow", "Total", 9.0, period_kind=None, period_end=None, fiscal_period=None)
    assert not period_fits(unknown, Question.parse("What was free cash flow in 2019?"))


def test_a_full_date_decides_over_the_fiscal_year_named_beside_it() -> None:
    # retailers name the year ending in January by the year it starts in
    year = fig("Net income", "52 Weeks Ended January 28, 2023", 1242408.0, period_kind="52_weeks_ended",
               period_end="2023-01-28", fiscal_period="FY2023")
    asked = Question.parse("What was net income for fiscal 2022 (52 weeks ended January 28, 2023)?")
    assert period_fits(year, asked)
    earlier = fig("Net income", "52 Weeks Ended January 29, 2022", 1.0, period_kind="52_weeks_ended",
                  period_end="2022-01-29", fiscal_period="FY2022")
    assert not period_fits(earlier, asked)  # the year named matches this one's label, the date does not


def test_a_fiscal_year_named_asks_for_the_year_not_a_half_ending_in_it() -> None:
    year = fig("Operating cash", "Twelve Months Ended January 28, 2023", 1824.0, period_kind="year_ended",
               period_end="2023-01-28", fiscal_period="FY2023")  # labelled: the release says which year it is
    half = fig("Operating cash", "Six Months Ended July 29, 2023", 181.0, period_kind="six_months_ended",
               period_end="2023-07-29", fiscal_period=None)
    earlier = fig("Operating cash", "Twelve Months Ended January 29, 2022", 1.0, period_kind="year_ended",
                  period_end="2022-01-29", fiscal_period="FY2022")
    for asked in ("How much cash did operating activities provide in fiscal 2023?", "Operating cash in FY23?",
                  "Operating cash in FY2023?"):
        q = Question.parse(asked)
        assert period_fits(year, q) and not period_fits(half, q) and not period_fits(earlier, q), asked
    quarter = fig("Revenue", "Q2", 9.0, period_kind="three_months_ended", period_end="2022-07-30",
                  fiscal_period="Q2 2023")
    assert period_fits(quarter, Question.parse("What was revenue in the second quarter of fiscal 2023?"))
    weeks = fig("Net sales", "36 Weeks Ended May 7, 2023", 160280.0, period_kind="36_weeks_ended",
                period_end="2023-05-07")
    assert period_fits(weeks, Question.parse(
        "What were net sales for the first 36 weeks of fiscal 2023 (ended May 7, 2023)?"))


def test_a_fiscal_year_is_not_matched_to_a_january_year_end_without_a_label() -> None:
    # Ulta's "fiscal 2022" ended January 28, 2023; another retailer's "fiscal 2022" ended January 29, 2022
    unlabelled = fig("New stores, net", "52 Weeks Ended January 29, 2022", 44.0, period_kind="year_ended",
                     period_end="2022-01-29", fiscal_period=None)
    assert not period_fits(unlabelled, Question.parse("How many net new stores opened in fiscal 2022?"))
    assert period_fits(unlabelled, Question.parse("How many net new stores opened in the year ended January 29, 2022?"))
    labelled = fig("New stores, net", "Fiscal 2021", 44.0, period_kind="year_ended", period_end="2022-01-29",
                   fiscal_period="FY2021")
    assert period_fits(labelled, Question.parse("How many net new stores opened in fiscal 2021?"))
    june = fig("Revenue", "2022", 9.0, period_kind="year_ended", period_end="2022-06-30", fiscal_period=None)
    assert period_fits(june, Question.parse("What was revenue in fiscal 2022?"))


def test_a_year_ending_in_the_first_days_of_january_is_the_year_before() -> None:
    # a 52/53-week year ending January 1, 2023 is the full year 2022
    year = fig("Net earnings", "Full Year 2022", 17941.0, period_kind="year_ended", period_end="2023-01-01",
               fiscal_period="FY2022")
    assert period_fits(year, Question.parse("What were net earnings for full-year 2022?"))
    assert not period_fits(year, Question.parse("What were net earnings for full-year 2023?"))
    balance = fig("Total assets", "January 1, 2023", 1.0, period_kind="as_at", period_end="2023-01-01",
                  fiscal_period=None)
    assert period_fits(balance, Question.parse("What were total assets in 2023?"))  # a balance is on its day


def test_weeks_and_twelve_months_name_the_kind_of_period() -> None:
    year = fig("Net income", "52 Weeks Ended January 28, 2023", 1.0, period_kind="52_weeks_ended",
               period_end="2023-01-28", fiscal_period=None)
    quarter = fig("Net income", "13 Weeks Ended January 28, 2023", 1.0, period_kind="13_weeks_ended",
                  period_end="2023-01-28", fiscal_period="Q4 2022")
    asked = Question.parse("What was net income for fiscal 2022 (52 weeks ended January 28, 2023)?")
    assert period_fits(year, asked) and not period_fits(quarter, asked)
    asked = Question.parse("What was net income for the 13 weeks ended January 28, 2023?")
    assert period_fits(quarter, asked) and not period_fits(year, asked)
    twelve = fig("Restructuring", "Twelve Months Ended January 29, 2022", 1.0, period_kind="year_ended",
                 period_end="2022-01-29", fiscal_period="FY2022")
    three = fig("Restructuring", "Three Months Ended January 29, 2022", 1.0, period_kind="three_months_ended",
                period_end="2022-01-29", fiscal_period="Q4 2022")
    asked = Question.parse("What restructuring charges were recorded in the twelve months ended January 29, 2022?")
    assert period_fits(twelve, asked) and not period_fits(three, asked)

