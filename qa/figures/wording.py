"""Figures in words: value with unit and scale, period, the JSON record shown with an answer, and the answer (or
refusal) that states them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from index.cells import decimals
from index.records import Figure
from index.vocabulary import YEAR_DIGITS, currency_sign
from qa.language.records import Answer, Citation

SCALE_NAMES = {1000: "thousand", 1_000_000: "million", 1_000_000_000: "billion"}


def describe_period(f: Figure) -> str:
    if not f.period_end:
        if f.fiscal_period and not f.derived:
            return f"for {f.fiscal_period}"
        return f"({f.column_label})" if f.column_label else ""
    d = date.fromisoformat(f.period_end)
    kind = (f.period_kind or "period_ended").replace("_", " ")  # "three_months_ended": "three months ended"
    text = f"{kind} {d:%B} {d.day}, {d.year}"
    return (f"for the {text} ({f.fiscal_period})" if f.fiscal_period
            else (text if f.period_kind == "as_at" else f"for the {text}"))


def period_text(f: Figure) -> str:
    """The period as a table column says it: "three months ended March 31, 2023 (Q1 2023)"."""
    return describe_period(f).removeprefix("for the ")


def describe_value(f: Figure) -> str:
    """``C$(4,553) thousand (−C$4.55 million)``: the printed number, its scale, and the full amount."""
    if f.value is None:
        return f"nil (printed as “{f.raw}”)"
    unit = f.unit or ""
    printed = f"{abs(f.value):,.{decimals(f.raw)}f}"
    printed = f"({printed})" if f.value < 0 else printed
    if unit == "%":
        return f"{printed}%"
    scale = SCALE_NAMES.get(f.scale, "")
    if symbol := currency_sign(unit):
        full = abs(f.value) * f.scale
        sign = "−" if f.value < 0 else ""
        human = (f"{sign}{symbol}{_short(full / 1e9)} billion" if full >= 1e9 else
                 f"{sign}{symbol}{_short(full / 1e6)} million" if full >= 1e6 else f"{sign}{symbol}{full:,.0f}")
        show_human = scale and not (f.scale == 1_000_000 and full < 1e9)  # "€612.8 million" needs no gloss
        return f"{symbol}{printed} {scale}".rstrip() + (f" ({human})" if show_human else "")
    if "/" in unit:
        cur = currency_sign(unit.split("/")[0]) or unit.split("/")[0] + " "
        return f"{cur}{printed} per {unit.split('/')[1]}" if unit.endswith("share") else f"{printed} ({unit})"
    words = f"{printed} {scale} {unit}".split()
    total = f" ({abs(f.value) * f.scale:,.0f} {unit})" if scale and unit else ""
    return " ".join(words) + total


def _short(amount: float) -> str:
    """An amount in millions or billions to two decimals, as people write it: 148.60 → "148.6", 17.00 → "17"."""
    return f"{amount:,.2f}".rstrip("0").rstrip(".")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting like a formula ("=HYPERLINK(…)", "@SUM", "-2+3") gets
    a leading apostrophe; numbers, and text that is a plain number ("-12.5"), are left as they are."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    try:
        float(value.replace(",", ""))
        return value
    except ValueError:
        return "'" + value


def figure_dict(f: Figure) -> dict[str, Any]:
    """The record listed under ``figures`` in ``qa ask --json``."""
    return {
        "metric": f.label,
        "column": f.column_label, "value": f.value, "unit": f.unit, "scale": f.scale, "scale_label": f.scale_label,
        "period": period_text(f),
        "period_kind": f.period_kind, "period_end": f.period_end, "fiscal_period": f.fiscal_period,
        "doc_id": f.doc_id, "source_text": " ".join(f.row_text.split()), "start": f.row_start, "end": f.row_end,
        "caption": f.caption, "page": f.page, "derived": f.derived,
    }


def stated_answer(question: str, figs: list[Figure]) -> Answer:
    """The figures stated, each with its metric, period and value once, its row cited (the same statement from
    several releases cited together)."""
    citations: list[Citation] = []
    stated: dict[str, list[str]] = {}  # one statement per figure, the same one printed in several releases once
    for i, f in enumerate(figs, 1):
        citations.append(Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                                  text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0))
        stated.setdefault(f"{metric_name(f)} {describe_period(f)} was {describe_value(f)}", []).append(f"[{i}]")
    parts = [f"{text} {''.join(marks)}." for text, marks in stated.items()]
    return Answer(question=question, answer=" ".join(parts), found=True, citations=citations,
                  figures=[figure_dict(f) for f in figs])

def figure_refusal(question: str, figs: list[Figure]) -> Answer:
    """A refusal naming the periods the releases do report the metric for, its closest rows shown."""
    periods = sorted({describe_period(f) for f in figs})
    label = metric_name(figs[0]) if figs else "That figure"
    text = f"The releases do not report {label.lower()} for the period asked; they report it {', '.join(periods)}."
    closest = [Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                        text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=0.0)
               for f in figs[:3]]
    return Answer(question=question, answer=text[:400], found=False, closest=closest)


def metric_name(f: Figure) -> str:
    """The row's label under its heading, with its column's own words where they are not a date."""
    label = f.label
    if f.period_end and f.column_label and not re.search(rf"\b{YEAR_DIGITS}\b|\d{{1,2}}-[A-Za-z]{{3}}-\d{{2}}",
                                                         f.column_label):
        label += f" ({f.column_label})"
    return label
