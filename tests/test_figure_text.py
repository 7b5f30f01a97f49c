"""Figures in words, and which cells a question that names no basis is answered with."""

from __future__ import annotations

from qa.figures.columns import reported_first
from qa.figures.wording import describe_value
from tests.test_figure_score import fig


def test_an_amount_is_glossed_as_people_write_it() -> None:
    thousands = fig("Income from vessel operations", "2018", 148599.0, raw="148,599", unit="USD", scale=1000)
    assert describe_value(thousands) == "US$148,599 thousand (US$148.6 million)"
    billions = fig("Total assets", "2023", 17003.0, raw="17,003", unit="USD", scale=1_000_000)
    assert describe_value(billions) == "US$17,003 million (US$17 billion)"
    loss = fig("Net loss", "2016", -4553.0, raw="(4,553)", unit="CAD", scale=1000)
    assert describe_value(loss) == "C$(4,553) thousand (−C$4.55 million)"


def test_a_question_naming_no_basis_is_answered_as_reported() -> None:
    gaap = fig("Research and development expense", "Fourth Quarter Jan 1, 2023 GAAP", 3841.0)
    adjusted = fig("Research and development expense", "Fourth Quarter Jan 1, 2023 Non-GAAP", 3681.0)
    assert reported_first("What was R&D expense in the fourth quarter of 2022?", [gaap, adjusted]) == [gaap]
    assert reported_first("What was non-GAAP R&D expense in Q4 2022?", [gaap, adjusted]) == [gaap, adjusted]
    assert reported_first("What was adjusted EBITDA in 2022?", [adjusted]) == [adjusted]  # the only one there
