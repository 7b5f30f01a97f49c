"""The period a release reports: the latest period end it states, else the fiscal period its headline names.

"three months ended 2023-03-31", "year ended 2023-01-28", "twelve weeks ended 2023-05-07" from the body;
"first quarter fiscal 2023", "full year 2022" from what the headline or lead says results are for.
"""

from __future__ import annotations

import re
from datetime import date

from index.cleaner import display
from index.column_periods import NUMBER_PATTERN
from index.periods import parse_date
from index.release_date import FULL_DATE
from index.vocabulary import YEAR_DIGITS

_COUNT = rf"(?:\d{{1,2}}|{NUMBER_PATTERN})"
_PERIOD_END = re.compile(
    rf"\b(?:(?P<n>{_COUNT})(?:-\s*|\s+)(?P<unit>months?|weeks?)(?:[- ]period)?"
    r"|(?:(?:fiscal|financial|full)[- ])?(?P<kw>year|quarter|half[- ]year|period))"
    r"(?:\s*\([^()]{0,40}\))?(?:\s+of\s+(?:fiscal\s+)?(?:year\s+)?\d{4})?,?"
    rf"\s+(?:period\s+)?ended\s+(?P<date>{FULL_DATE})", re.I)
_FISCAL_LABEL = re.compile(
    r"\b(?:(?P<q>first|second|third|fourth)(?:-\s*|\s+)quarter|(?P<fy>full[- ]year|fiscal(?:\s+year)?))"
    rf"(?:\s+(?:of\s+)?(?P<fiscal>fiscal\s+(?:year\s+)?)?)?(?P<year>{YEAR_DIGITS})\b", re.I)
_RESULTS_BEFORE = re.compile(r"\bresults\s+for\b[^.;]{0,30}$", re.I)
_RESULTS_AFTER = re.compile(r"(?:\s+[\w&-]+){0,2}?\s+(?:results|earnings)\b", re.I)
_MONTH_WORDS = {"3": "three", "6": "six", "9": "nine", "12": "twelve"}
_PERIOD_CHARS = 20_000


def reporting_period(body: str, title: str = "") -> str | None:
    """The period a release reports: the latest period end it states ("three months ended 2023-03-31",
    "year ended 2023-01-28", "twelve weeks ended 2023-05-07"; the first so stated when several end then), else
    the fiscal period its headline or lead names ("first quarter fiscal 2023", "full year 2022")."""
    best: tuple[date, str] | None = None
    for m in _PERIOD_END.finditer(body[:_PERIOD_CHARS]):
        end = parse_date(m.group("date"))
        if end is None:
            continue
        if m.group("n"):
            n = m.group("n").lower()
            unit = "months" if m.group("unit").lower().startswith("month") else "weeks"
            label = f"{_MONTH_WORDS.get(n, n) if unit == 'months' else n} {unit} ended"
        else:
            kw = m.group("kw").lower()
            label = f"{'half year' if kw.startswith('half') else kw} ended"
        if best is None or end > best[0]:
            best = (end, f"{label} {end.isoformat()}")
    if best is not None:
        return best[1]
    return _fiscal_label(display(title) + " \n " + body[:3000])


def _fiscal_label(text: str) -> str | None:
    """A fiscal period named as what results are for: "results for second-quarter 2023", "Reports First Quarter
    Fiscal Year 2023 Operating Results" (never "expected to close in the first quarter of 2025")."""
    m = next((m for m in _FISCAL_LABEL.finditer(text) if _RESULTS_BEFORE.search(text[max(0, m.start() - 40):m.start()])
              or _RESULTS_AFTER.match(text, m.end())), None)
    if m is None:
        return None
    fiscal = "fiscal " if m.group("fiscal") or (m.group("fy") or "").lower().startswith("fiscal") else ""
    if m.group("q"):
        return f"{m.group('q').lower()} quarter {fiscal}{m.group('year')}"
    return f"{'fiscal year' if fiscal else 'full year'} {m.group('year')}"
