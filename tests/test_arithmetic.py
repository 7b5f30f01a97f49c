"""Quantities computed from one row's cells: change, percentage change, average and sum over the periods asked."""

from __future__ import annotations

from qa.eval.scoring import numbers_in
from qa.figures.arithmetic import Operation, asked_of_row, computed_answer, operation_of
from tests.test_figure_score import fig


def _year(row: str, year: int, value: float, **kw: object) -> object:
    return fig(row, str(year), value, raw=f"{value:,.1f}", period_kind="year_ended", period_end=f"{year}-12-31",
               fiscal_period=f"FY{year}", **kw)


def test_the_operation_asked() -> None:
    assert operation_of("What was the percentage change in net sales between 2018 and 2019?") == Operation(
        "percent_change", "percentage change")
    assert operation_of("What is the change in Net Sales from 2018 to 2019?").kind == "change"  # type: ignore[union-attr]
    assert operation_of("What is the increase / (decrease) in gross profit from 2018 to 2019?").kind == "change"  # type: ignore[union-attr]
    assert operation_of("What was the average Services for 2018 and 2019?").kind == "average"  # type: ignore[union-attr]
    assert operation_of("What is the sum of tax credit carryforwards in 2018 and 2019?").kind == "sum"  # type: ignore[union-attr]
    assert operation_of("What was revenue in 2019?") is None
    # "weighted-average" names a measure, not the operation
    assert operation_of("What was the change in the diluted weighted-average number of shares between 2017 and "
                        "2018?").kind == "change"  # type: ignore[union-attr]
    assert operation_of("What is the weighted average exercise price?") is None
    # a share of another row is not computed from one row
    assert operation_of("What was cost of revenue as a percentage of revenue in 2019?") is None


def test_a_row_that_names_the_word_is_not_asked_to_compute_it() -> None:
    average = _year("Weighted average exercise price", 2019, 12.0)
    assert not asked_of_row(Operation("average", "average"), [average])
    assert not asked_of_row(Operation("sum", "total"), [_year("Total assets", 2019, 5.0)])
    assert asked_of_row(Operation("change", "change"), [_year("Revenue", 2019, 5.0)])


def test_change_and_percentage_change_from_the_earlier_period_to_the_later() -> None:
    cells = [_year("Total loans", 2019, 828.8), _year("Total loans", 2018, 885.3)]
    change = computed_answer("What was the change in total loans from 2018 to 2019?", cells,
                             Operation("change", "change"))
    assert change is not None and change.found
    assert change.answer.startswith(
        "The change in Total loans from FY2018 to FY2019 was US$(56.5) million, or -6.38% [1]")
    assert -56.5 in numbers_in(change.answer.split("[1]")[0])
    assert [f["value"] for f in change.figures] == [885.3, 828.8] and change.citations[0].text == "Total loans"
    pct = computed_answer("What was the percentage change in total loans from 2018 to 2019?", cells,
                          Operation("percent_change", "percentage change"))
    assert pct is not None and "was -6.38% (US$(56.5) million) [1]" in pct.answer


def test_average_and_sum_over_every_period_named() -> None:
    cells = [_year("Losses", y, v) for y, v in ((2017, -389.0), (2018, -255.0), (2019, -64.0))]
    average = computed_answer("What was the average loss across the 3 year period?", cells,
                              Operation("average", "average"))
    assert average is not None and "over FY2017, FY2018 and FY2019 was US$(236) million" in average.answer
    total = computed_answer("What were the losses in 2018 and 2019 in total?", cells[1:], Operation("sum", "sum"))
    assert total is not None and "was US$(319) million" in total.answer


def test_nothing_is_computed_from_cells_that_do_not_line_up() -> None:
    named = "What was revenue in 2018 and 2019?"
    one = [_year("Revenue", 2019, 10.0)]
    assert computed_answer(named, one, Operation("average", "average")) is None  # one period: nothing to compute
    three = [_year("Revenue", y, 1.0) for y in (2017, 2018, 2019)]
    assert computed_answer(named, three, Operation("change", "change")) is None  # a change is between two periods
    mixed = [_year("Revenue", 2019, 10.0), _year("Revenue", 2018, 9.0, unit="%")]
    assert computed_answer(named, mixed, Operation("change", "change")) is None  # other units
    twice = [_year("Revenue", 2019, 10.0), _year("Revenue", 2019, 11.0)]
    assert computed_answer(named, twice, Operation("sum", "sum")) is None  # two cells of one period: which?
    zero = [_year("Revenue", 2018, 0.0), _year("Revenue", 2019, 11.0)]
    assert computed_answer(named, zero, Operation("percent_change", "percentage change")) is None
    # a quarter and the year ending on the same day are not two periods of one measure
    quarter = fig("Revenue", "Q4 2019", 100.0, period_kind="three_months_ended", period_end="2019-12-31",
                  fiscal_period="Q4 2019")
    assert computed_answer("What was the total revenue in 2019?", [quarter, _year("Revenue", 2019, 400.0)],
                           Operation("sum", "total")) is None
    # two rows' cells (a reconciliation table's and the income statement's): never added up
    other = _year("Revenue", 2018, 9.0, table_index=3)
    assert computed_answer(named, [_year("Revenue", 2019, 10.0), other], Operation("sum", "sum")) is None
    # no periods named: a row to read ("What was the total revenue?"), not columns to add
    assert computed_answer("What was the total revenue?", [_year("Revenue", 2019, 10.0), _year("Revenue", 2018, 9.0)],
                           Operation("sum", "total")) is None


def test_an_average_from_one_year_to_another_takes_the_years_between() -> None:
    row = [_year("Services", y, v) for y, v in ((2016, 1.0), (2017, 10.0), (2018, 50.0), (2019, 30.0))]
    named = [row[1], row[3]]  # the years the question names: 2017 and 2019
    average = computed_answer("What was the average services from 2017 to 2019?", named,
                              Operation("average", "average"), row)
    assert average is not None and "over FY2017, FY2018 and FY2019 was US$30 million" in average.answer
    both = computed_answer("What was the average services in 2017 and 2019?", named,
                           Operation("average", "average"), row)
    assert both is not None and "over FY2017 and FY2019 was US$20 million" in both.answer  # "and": those two
    change = computed_answer("What was the change from 2017 to 2019?", named, Operation("change", "change"), row)
    assert change is not None and "from FY2017 to FY2019 was US$20 million" in change.answer
