"""Scoring rules of the gold-set evaluation."""

from __future__ import annotations

from qa.eval.scoring import GoldRow, answer_correct, numbers_in


def _row(**kw) -> GoldRow:
    base = {"id": "x", "question": "q", "answer_type": "number", "accept": [], "evidence": "e"}
    return GoldRow(**{**base, **kw})


def test_numbers_normalise_commas_parentheses_and_scale_words() -> None:
    assert numbers_in("C$(4,553) thousand") == [-4553.0, -4553000.0]
    assert 4_550_000.0 in numbers_in("a loss of C$4.55 million")
    assert numbers_in("US$845M") == [845.0, 845_000_000.0]


def test_a_number_answer_matches_in_table_units_or_in_full() -> None:
    row = _row(numbers=[-4553.0])
    assert answer_correct(row, {"answer": "Net loss was C$4,553,000.", "found": True})
    assert answer_correct(row, {"answer": "Net loss was (4,553) in $'000.", "found": True})
    assert not answer_correct(row, {"answer": "Net loss was (5,242) in $'000.", "found": True})
    assert not answer_correct(row, {"answer": "Net loss was (4,553).", "found": False})
    assert not answer_correct(row, {"answer": "(4,553) " + "x" * 400, "found": True})


def test_unanswerable_rows_score_refusals() -> None:
    row = _row(answer_type="none", evidence="")
    assert answer_correct(row, {"answer": "The releases do not say.", "found": False})
    assert not answer_correct(row, {"answer": "42", "found": True})
