"""The words a figure question and a table row are matched by."""

from __future__ import annotations

from qa.figures.words import heads, label_stems


def test_a_footnote_number_against_a_word_is_not_part_of_it() -> None:
    assert label_stems("Current year1") == label_stems("Current year")
    assert heads("Revenue2")[0] == heads("Revenue")[0]
    # numbers that are part of the name stay
    assert "q1" in label_stems("Q1 revenue") and "fy2019" in label_stems("FY2019 sales")
    assert "co2" in label_stems("CO2 emissions")
