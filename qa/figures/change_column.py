"""A change a question asks for ("the percentage change in X from 2018 to 2019"), read from the change column
a table prints beside its periods, for the periods that column compares."""

from __future__ import annotations

import re

from index.records import Figure
from index.vocabulary import YEAR_DIGITS
from qa.language.question import Question

CHANGE_WORDS = re.compile(r"\b(change|changed|compare|compared|comparison|increase|decrease|grow|grew|growth|fall|"
                          r"fell|rise|rose|difference|versus|vs)\b", re.I)
_CHANGE_HEAD = re.compile(r"change|\binc\b|\bdec\b|increase|decrease|∆|\bB/\(W\)|\bvs\.?|\bover\b", re.I)
_NOT_A_CHANGE = re.compile(r"currency|constant|organic|excluding|impact", re.I)
_YEAR = re.compile(rf"(?<!\d){YEAR_DIGITS}(?!\d)")  # "2019", "FY2019", "2019-20"


def change_column(question: Question, percent: bool, figs: list[Figure]) -> Figure | None:
    """The row's one change column of the kind asked (``percent``: a percentage change, else an amount),
    headed as a change (not "excluding currency"), comparing the periods the question names; None when the
    question asks no change, or the row has none or several such columns."""
    if not CHANGE_WORDS.search(question.text):
        return None
    kind = "percent_change" if percent else "change"
    changes = [f for f in figs if f.derived == kind and f.value is not None and _CHANGE_HEAD.search(f.column_label)
               and not _NOT_A_CHANGE.search(f.column_label) and _unit_fits(f, percent) and _compares(f, figs, question)]
    return changes[0] if len(changes) == 1 else None


def _unit_fits(change: Figure, percent: bool) -> bool:
    """A column headed "Change" whose cells are percentages is no amount, and one in a currency no percentage."""
    return change.unit in (None, "%") if percent else change.unit != "%"


def _compares(change: Figure, figs: list[Figure], question: Question) -> bool:
    """The years the question names are among those the change compares: the years its head prints, else
    the years of the row's period columns."""
    if not question.years:
        return True
    years = set(_YEAR.findall(change.column_label))
    if not years:
        years = {f.period_end[:4] if f.period_end else next(iter(_YEAR.findall(f.fiscal_period or "")), "")
                 for f in figs if not f.derived}
    return {str(y) for y in question.years} <= years
