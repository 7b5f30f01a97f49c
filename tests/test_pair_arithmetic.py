"""Two rows of one table related for one period: difference, ratio, share."""

from __future__ import annotations

from qa.figures.pair_arithmetic import PairQuestion, pair_answer, pair_of
from qa.figures.period import period_fits
from qa.language.question import Question
from tests.test_figure_score import fig


def test_the_two_measures_and_the_operation() -> None:
    assert pair_of("What is the ratio of IMFT’s total assets to total liabilities in 2019?") == PairQuestion(
        "ratio", "IMFT’s total assets", "total liabilities", "in 2019")
    assert pair_of("What is the difference between the domestic and international discount rates as at "
                   "September 30, 2019?") == PairQuestion("difference", "domestic", "international discount rates",
                                                         "as at September 30, 2019")
    assert pair_of("What is the percentage of audit fees in total fees in 2019?") == PairQuestion(
        "share", "audit fees", "total fees", "in 2019")
    assert pair_of("What was the employee termination costs as a proportion of total costs in 2018?") == PairQuestion(
        "share", "employee termination costs", "total costs", "in 2018")
    assert pair_of("What is the difference between 2018 and 2019 revenue?") is None  # periods, not two measures
    assert pair_of("What was revenue in 2019?") is None


def _cells(row: str, values: dict[int, float]) -> list:
    return [fig(row, str(y), v, raw=f"{v:,.0f}", period_kind="year_ended", period_end=f"{y}-12-31",
                fiscal_period=f"FY{y}", scale=1, unit="$") for y, v in values.items()]


def test_ratio_share_and_difference_for_the_period_asked() -> None:
    assets, liabilities = (_cells("Total assets", {2019: 2664, 2018: 3025}),
                           _cells("Total liabilities", {2019: 909, 2018: 1000}))
    asked = Question.parse("What is the ratio of total assets to total liabilities in 2019?")
    pair = pair_of(asked.text)
    assert pair is not None
    answer = pair_answer(asked.text, pair, assets, liabilities, lambda f: period_fits(f, asked))
    assert answer is not None and "was 293.07%, a ratio of 2.93 [1][2]" in answer.answer
    assert [c.text for c in answer.citations] == ["Total assets", "Total liabilities"]
    difference = PairQuestion("difference", "total assets", "total liabilities", "in 2018")
    asked = Question.parse("What is the difference between total assets and total liabilities in 2018?")
    answer = pair_answer(asked.text, difference, assets, liabilities, lambda f: period_fits(f, asked))
    assert answer is not None and "was $2,025 [1][2]" in answer.answer


def test_no_answer_without_one_cell_each_for_one_period() -> None:
    assets, liabilities = _cells("Total assets", {2019: 2664, 2018: 3025}), _cells("Total liabilities", {2019: 909})
    pair = PairQuestion("ratio", "total assets", "total liabilities", "")
    anything = Question.parse("What is the ratio of total assets to total liabilities?")
    assert pair_answer(anything.text, pair, assets, liabilities,
                       lambda f: period_fits(f, anything)) is None  # which year?
    asked = Question.parse("What is the ratio of total assets to total liabilities in 2018?")
    assert pair_answer(asked.text, pair, assets, liabilities, lambda f: period_fits(f, asked)) is None  # none for 2018
