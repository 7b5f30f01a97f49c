"""Quantities a question asks to be computed from one table row's cells, answered from the cells: the change
between two periods, the percentage change, and the average or sum over the periods named. The answer states
the result first, then every operand with its period, and cites the row."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.cells import decimals
from index.column_periods import months_kind
from index.periods import YEAR
from index.records import Figure
from index.vocabulary import YEAR_DIGITS
from qa.figures.period import figure_year
from qa.figures.wording import describe_period, describe_value, figure_dict
from qa.language.records import Answer, Citation

_PERCENT_CHANGE = re.compile(
    r"\bpercent(?:age)?\s+(?:change|increase|decrease|growth|difference|decline|rise|fall)\b|%\s*change\b"
    r"|\bgrowth\s+rate\b|\bchange\s+in\s+percent(?:age)?\b|\bby\s+what\s+percent(?:age)?\b", re.I)
_CHANGE = re.compile(r"\b(?:change|difference|increase|decrease|growth|decline|variance|movement)\b", re.I)
_AVERAGE = re.compile(r"(?<!weighted )(?<!weighted-)\b(?:average|mean)\b", re.I)  # "weighted-average shares": a measure
_SUM = re.compile(r"\b(?:sum|combined|altogether|in total|total)\b", re.I)
_SPAN = re.compile(rf"\b(?:from|between)\s+(?:fiscal\s+|FY\s?)?({YEAR_DIGITS})\s*(?:to|and|through|-|–)\s*"
                   rf"(?:fiscal\s+|FY\s?)?({YEAR_DIGITS})\b", re.I)
_DATES = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth) quarter\b", re.I)
_PLURAL_PERIODS = re.compile(r"\b(?:both|all|each|the (?:two|three|four|five|2|3|4|5)[- ]years?)\b.{0,20}"
                             r"\b(?:years?|periods?|quarters?|FYs?)\b"
                             r"|\b(?:years|periods|quarters|FYs)\s+(?:shown|presented|reported|listed)\b", re.I)
_SHARE = re.compile(r"\b(?:percentage|proportion|ratio|share)\s+of\b|\bas\s+a\s+(?:percentage|ratio|proportion)\b",
                    re.I)


@dataclass(frozen=True)
class Operation:
    """``change``, ``percent_change``, ``average`` or ``sum``, and the word that asked for it."""

    kind: str
    word: str


def operation_of(text: str) -> Operation | None:
    """The computation a question asks of a row's periods, or None. A share of another row ("as a percentage
    of revenue") is not computed from one row: None."""
    if _SHARE.search(text):
        return None
    for kind, rx in (("percent_change", _PERCENT_CHANGE), ("average", _AVERAGE), ("change", _CHANGE), ("sum", _SUM)):
        if m := rx.search(text):
            return Operation(kind, m[0].lower())
    return None


def asked_of_row(operation: Operation, figures: list[Figure]) -> bool:
    """The operation is asked of the row, not named by it: "the weighted average exercise price" is a row
    ("Weighted-average exercise price"), "total assets" too; their words ask for no computation."""
    labels = " ".join({f"{f.parent_label or ''} {f.row_label} {f.column_label}" for f in figures}).lower()
    return not any(w in labels for w in operation.word.split())


def computed_answer(question: str, cells: list[Figure], operation: Operation,
                    row: list[Figure] | None = None) -> Answer | None:
    """The operation over ``cells`` (one row's cells for the periods the question names), or None when they
    are not one cell per period of one unit and scale, or too few: two for a change, two or more otherwise.
    An average or sum "from 2017 to 2019" takes every year of the span from ``row`` (the row's cells)."""
    if row is not None and operation.kind in ("average", "sum") and (m := _SPAN.search(question)):
        first, last = sorted((int(m[1]), int(m[2])))
        years = [f for f in row if f.period_kind and months_kind(f.period_kind) == "year_ended"
                 and first <= int(figure_year(f) or 0) <= last]
        if len({figure_year(f) for f in years}) == last - first + 1:
            cells = years
    elif operation.kind == "sum" and not _periods_named(question):
        return None  # "What was the total revenue?": a row to read, not every column to add up
    cells = [f for f in cells if f.value is not None and not f.derived]
    periods = {(f.period_kind, f.period_end, f.fiscal_period) for f in cells}
    if len(periods) != len(cells) or len({(f.unit, f.scale) for f in cells}) != 1 or len(cells) < 2:
        return None
    if len({(f.doc_id, f.table_index, f.row_label, f.parent_label) for f in cells}) != 1:
        return None  # operands of one row of one table, never a quarter from one table and a year from another
    if len({months_kind(f.period_kind) for f in cells}) != 1:
        return None  # a quarter and a year ending on one day are not two periods of one measure
    ordered = sorted(cells, key=lambda f: (f.period_end or "", f.fiscal_period or ""))
    if any(not (f.period_end or f.fiscal_period) for f in ordered):
        return None
    values = [float(f.value) for f in ordered if f.value is not None]
    places = max(decimals(f.raw) for f in ordered)
    if operation.kind in ("change", "percent_change"):
        if len(ordered) != 2:
            return None
        old, new = values
        amount = _amount(ordered[-1], new - old, places)
        percent = f"{(new - old) / abs(old) * 100:+.2f}%" if old else None
        if operation.kind == "percent_change":
            if percent is None:
                return None
            shown = f"{percent} ({amount})"
        else:
            shown = f"{amount}, or {percent}" if percent else amount
        what = f"The {'percentage change' if operation.kind == 'percent_change' else 'change'} in"
        span = f"from {_named(ordered[0])} to {_named(ordered[-1])}"
    else:
        result = sum(values) / len(values) if operation.kind == "average" else sum(values)
        shown = _amount(ordered[-1], result, places + 2 if operation.kind == "average" else places)
        what = "The average of" if operation.kind == "average" else "The sum of"
        names = [_named(f) for f in ordered]
        span = "over " + ", ".join(names[:-1]) + " and " + names[-1]
    f = ordered[-1]
    label = f.label
    operands = "; ".join(f"{_named(x)}: {describe_value(x)}" for x in ordered)
    text = f"{what} {label} {span} was {shown} [1] ({operands})."
    citation = Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                        text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0)
    return Answer(question=question, answer=text, found=True, citations=[citation],
                  figures=[figure_dict(x) for x in ordered])


def _periods_named(question: str) -> bool:
    """The question names the periods to compute over: two or more years, dates or fiscal periods, or "both
    years", "the three-year period", "each quarter"."""
    named = set(YEAR.findall(question)) | {m.group() for m in _DATES.finditer(question)}
    return len(named) >= 2 or bool(_PLURAL_PERIODS.search(question))


def _named(f: Figure) -> str:
    """A period in few words: its fiscal label ("FY2019", "Q2 2024"), else its column's heading when short,
    else as described ("the year ended June 30, 2019")."""
    if f.fiscal_period:
        return f.fiscal_period
    if f.column_label and len(f.column_label) <= 24:
        return f.column_label
    return describe_period(f).removeprefix("for ")


def _amount(like: Figure, value: float, places: int) -> str:
    """``value`` written as the row's cells are (unit, scale), to ``places`` decimals without trailing zeros."""
    raw = f"{abs(value):,.{places}f}"
    raw = raw.rstrip("0").rstrip(".") if "." in raw else raw
    return describe_value(replace(like, value=value, raw=raw))  # a negative one as the tables print it: (1,121)
