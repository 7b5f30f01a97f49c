"""Whether a cell's period is the one a question asks, for the column forms releases print."""

from __future__ import annotations

from qa.figure_period import period_fits
from qa.question import Question
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
