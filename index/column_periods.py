"""What a table column reports: the period (kind, end date, fiscal label) or a derived measure.

Read from the column's header levels joined ("Three Months Ended | March 31, | 2023"), then the table's
stub and caption, in the forms real releases print: "Three Months Ended March 31, 2023", "Quarter Ended",
"Q4 2022", "Q4'22", "4Q22", "Q4 FY23", "FY23", "Fiscal 2023", "Fourth Quarter 2022", "13 Weeks Ended"
and "Twenty-four Weeks Ended" (kept week-based: ``13_weeks_ended``), "Six Months", "Year-to-date",
"As of"/"As at". A bare year with nothing saying what kind of period it is is a fiscal year, ending on the
day the release's fiscal years end when the release says so. Columns computed from others ("% Change",
"Inc/(Dec)", "Change", "Excluding currency", "B/(W)") are derived: they have no period.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from index.header_years import BARE_YEAR, free_year, split_year, year_elsewhere
from index.periods import (
    MONTH,
    PERIOD_KINDS,
    YEAR,
    counted_end,
    find_dates,
    fiscal_anchor,
    month_day,
    period_end,
    safe_date,
)
from index.vocabulary import YEAR_DIGITS

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
          "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
NUMBER_WORDS = {w: i + 1 for i, w in enumerate(_UNITS)} | _TENS | {
    f"{t}{sep}{u}": n + i + 1 for t, n in _TENS.items() for i, u in enumerate(_UNITS[:9]) for sep in ("-", " ", "")
}
NUMBER_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))  # a count in words ("twenty-four")
_WEEKS = re.compile(rf"\b(\d{{1,2}}|{NUMBER_PATTERN})[- ]weeks?\b", re.I)
_MONTHS = re.compile(rf"\b(\d{{1,2}}|{NUMBER_PATTERN})[- ]months?\b", re.I)
_MONTH_KINDS = {3: "three_months_ended", 6: "six_months_ended", 9: "nine_months_ended", 12: "year_ended"}
_YTD = re.compile(r"\byear[- ]to[- ]date\b|\bYTD\b", re.I)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR = rf"({YEAR_DIGITS}|'?\d{{2}})"
_FISCAL_QUARTER = [
    re.compile(rf"\bQ([1-4])\s*(?:FY|F)?\s*'?{_YEAR}\b", re.I),  # Q4 2022, Q4'22, Q4 FY23, Q4FY2023
    re.compile(rf"\b([1-4])Q\s*'?{_YEAR}\b", re.I),  # 4Q22
    re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
               rf"(?:\s+(?:of\s+)?(?:fiscal\s+|FY\s*)?{_YEAR})?", re.I),
]
_HALF = re.compile(rf"\bH([12])\s*(?:FY)?\s*'?{_YEAR}?\b|\b([12])H\s*'?{_YEAR}?\b|\b(first|second)[- ]half\b", re.I)
_QUARTER_ONLY = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b|\bquarters?\b",
                           re.I)
_FISCAL_YEAR = re.compile(rf"\b(?:FY\s*'?|fiscal\s+(?:year\s+)?){_YEAR}\b", re.I)

_DERIVED = re.compile(
    r"[∆Δ]|%\s*(?:change|chg|growth|inc|var)|\bchange\b|\bchg\b|\binc\.?\s*/\s*\(?dec|\bincrease\b|\bdecrease\b|\bvariance\b"
    r"|\bB\s*/\s*\(?W\)?|\bfav(?:orable)?\s*/|\bgrowth\b|\bexcluding currency\b|\bconstant currency\b|\bvs\.?\b"
    r"|\bcurrency\s+impact\b|\b(?:total|operations|operational|currency)\b(?=.*\bchange\b)", re.I)
_CHANGE_GROUP = re.compile(r"\bchange\b|\bgrowth\b|\bincrease\b", re.I)
_FISCAL_YEAR_END = re.compile(r"\b(?:fiscal\s+)?years?\s+end(?:ed|ing|s)?\s+(?:on\s+)?", re.I)


@dataclass(frozen=True)
class ColumnPeriod:
    """A column's period: kind (``three_months_ended``, ``13_weeks_ended``, ``as_at``…), end date, fiscal
    label (``Q4 2022``, ``FY2023``); or, for a computed column, ``derived`` (``percent_change``,
    ``change``) and no period."""

    kind: str | None = None
    end: date | None = None
    fiscal: str | None = None
    derived: str | None = None


def _year(text: str) -> int:
    y = int(text.lstrip("'"))
    return y if y >= 100 else 2000 + y if y < 70 else 1900 + y


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)


def period_kind_of(text: str) -> str | None:
    """The kind of period ``text`` names, or None: weeks kept as weeks, months as three/six/nine/twelve."""
    if m := _WEEKS.search(text):
        return f"{_count(m[1])}_weeks_ended"
    if (m := _MONTHS.search(text)) and _count(m[1]) in _MONTH_KINDS:
        return _MONTH_KINDS[_count(m[1])]
    if _YTD.search(text):
        return "year_to_date"
    if _HALF.search(text):
        return "six_months_ended"
    found = [(m.start(), kind) for kind, rx in PERIOD_KINDS if (m := rx.search(text))]
    if found:
        return max(found)[1]
    if _QUARTER_ONLY.search(text):
        return "three_months_ended"
    if _FISCAL_YEAR.search(text) or re.search(r"\bfull[- ]year\b|\bfiscal\b|\bannual\b", text, re.I):
        return "year_ended"
    return None


_PERIOD_VOCABULARY = re.compile(
    rf"\b(?:{NUMBER_PATTERN}|{'|'.join(_ORDINAL)}|{MONTH}|weeks?|months?|quarters?|years?|"
    r"ended|ending|end|fiscal|full|half|to|date|ytd|as|of|at|for|the|and|FY\s*'?\d{2,4}|[1-4]?Q[1-4]?'?\d{0,4}|H[12]|\d+)\b"
    r"|[-,.'/()]", re.I)


def period_phrase(text: str) -> bool:
    """``text`` names a period and nothing else ("Second-Quarter", "Three Months Ended", "As of"): a column
    head, never a title ("Second-Quarter Results")."""
    rest = _PERIOD_VOCABULARY.sub(" ", text).strip()
    return not rest and (period_kind_of(text) is not None or bool(re.search(r"as\s+(?:of|at)", text, re.I)))


def fiscal_label(text: str) -> str | None:
    """``Q4 2022`` / ``H1 2023`` / ``FY2023`` when ``text`` names a fiscal quarter, half or year with its year;
    of several (a title over the heads: "Q1 2023 Highlights | Q1 2022"), the last, the most specific level."""
    found: list[tuple[int, str]] = []
    for m in _HALF.finditer(text):
        half = m[1] or m[3] or ("1" if (m[5] or "").lower() == "first" else "2")
        year = m[2] or m[4] or free_year(text)
        if year:
            found.append((m.start(), f"H{half} {_year(year)}"))
    for rx in _FISCAL_QUARTER:
        for m in rx.finditer(text):
            quarter = int(m[1]) if m[1].isdigit() else _ORDINAL[m[1].lower()]
            year = m[2] if m.lastindex and m.lastindex >= 2 else None
            if year is None:
                year = free_year(text, m.end()) or free_year(text)
            if year:
                found.append((m.start(), f"Q{quarter} {_year(year)}"))
    if found:
        return max(found)[1]
    year_match = _FISCAL_YEAR.search(text)
    return f"FY{_year(year_match[1])}" if year_match else None


def derived_kind(label: str) -> str | None:
    """``percent_change`` / ``change`` for a column computed from others."""
    if not _DERIVED.search(label):
        return None
    return "percent_change" if "%" in label or re.search(r"\bpercent", label, re.I) else "change"


def read_column(label: str, context: list[str], headers: Sequence[str] = ()) -> ColumnPeriod:
    """The period (or derived measure) of a column headed ``label``; ``context``: the table's stub and
    caption, which may say what kind of period its columns are; ``headers``: the other columns' labels,
    which may carry the month and day of a bare year. A column headed by a date alone is a balance date."""
    if derived := derived_kind(label):
        return ColumnPeriod(derived=derived)
    kind = period_kind_of(label) or next((k for c in context if (k := period_kind_of(c))), None)
    days = {md for h in headers if (md := month_day(h))}
    end = period_end(label, [*context, *headers] if len(days) <= 1 else list(context))
    dated_label = bool(find_dates(label))
    if end is not None and month_day(label) and not dated_label and not YEAR.search(label):
        stated = {d for h in headers if h != label and period_kind_of(h) == kind for d, _, _ in find_dates(h)}
        end = year_elsewhere(label, context, stated, end)
    if kind is None and end is not None:
        # a date alone is a balance date; a bare year dated by the other headers ("December 31, 2019 | 2018")
        # is the kind of period they are
        kinds = {period_kind_of(h) for h in headers if find_dates(h)}
        spans = kinds - {None, "as_at"}
        if dated_label and len(spans) == 1 and None in kinds:
            # dates alone beside one that names its span ("Year Ended December 28, 2018 | December 29, 2017"):
            # a header printed once over all of them
            kind = spans.pop()
        elif dated_label:
            kind = "as_at"
        elif len(kinds) == 1 and BARE_YEAR.fullmatch(label.strip()):  # a bare year, not "Restructuring related"
            kind = kinds.pop() or "as_at"
    fiscal = fiscal_label(label)
    if fiscal is None and (fiscal := split_year(label, headers)) and end and end.year != int(fiscal[2:]):
        end = safe_date(int(fiscal[2:]), end.month, end.day)  # "Year to 31 March | 2018/19": March 31, 2019
    years = set(BARE_YEAR.findall(label))
    if kind in (None, "as_at") and end is None and fiscal is None and len(years) == 1:
        # a bare year ("2019", "2019 €m", "2019 Number"): a fiscal year, or its end under "As of"
        fiscal = f"FY{years.pop()}"
    if kind is None and fiscal and fiscal.startswith("FY"):
        kind = "year_ended"
    elif kind is None and fiscal:
        kind = "three_months_ended"
    if kind == "year_ended" and fiscal is None and end is None and (m := BARE_YEAR.search(label)):
        fiscal = f"FY{m[1]}"
    return ColumnPeriod(kind, end, fiscal)


def dated_by_row(period: ColumnPeriod, column: str, row: str) -> ColumnPeriod:
    """A column that names a kind of period and its month and day but no year ("Three Months Ended June 30")
    over rows that name the year ("Net sales fiscal year 2022"): the period ends in the row's year."""
    if period.kind is None or period.end is not None or period.derived or not (md := month_day(column)):
        return period
    if md[0] <= 2:
        return period  # a year ending in January or February is named by its first year or its last
    years = set(BARE_YEAR.findall(row)) | {m[1] for m in _FISCAL_YEAR.finditer(row)}
    if len(years) != 1:
        return period
    end = safe_date(_year(years.pop()), *md)
    return replace(period, end=end) if end else period


def fiscal_year_end(text: str, columns: list[ColumnPeriod]) -> date | None:
    """A day the release's fiscal years end: what the text says ("fiscal year ended January 28, 2023", "year
    ending June 30"), else the month most year columns end in (one trailing-twelve-months column does not
    move the year's end)."""
    for m in _FISCAL_YEAR_END.finditer(text):
        if md := month_day(text[m.end() : m.end() + 30]):
            return safe_date(2001, *md)
    ends = [c.end for c in columns if c.kind is not None and months_kind(c.kind) == "year_ended" and c.end]
    if not ends:
        return None
    months = Counter(counted_end(e).month for e in ends)
    top = max(months.values())
    return next(e for e in ends if months[counted_end(e).month] == top)


def _by_year_end(c: ColumnPeriod, year_end: date) -> str | None:
    """Fiscal label of a dated quarter or year from the month the fiscal years end (a week earlier: a
    52/53-week year "ending January 1" ends with December)."""
    if c.end is None:
        return None
    e, m = counted_end(c.end), counted_end(year_end).month
    year = e.year if e.month <= m else e.year + 1
    if months_kind(c.kind) == "year_ended" and e.month == m:
        return f"FY{year}"
    if not quarter_like(c.kind):
        return None
    offset = (e.month - m) % 12
    return f"Q{(offset - 1) // 3 + 1 if offset else 4} {year}" if offset % 3 == 0 else None


def months_kind(kind: str | None) -> str | None:
    """The month-based kind a week-based one stands for (13 weeks: a quarter, 26: six months, 52: a year),
    so that a question asking for "the quarter" finds a retailer's 13-week column."""
    if not kind or not kind.endswith("_weeks_ended"):
        return kind
    weeks = int(kind.split("_")[0])
    return next((k for top, k in ((17, "three_months_ended"), (28, "six_months_ended"), (41, "nine_months_ended"),
                                  (53, "year_ended")) if weeks <= top), kind)


def quarter_like(kind: str | None) -> bool:
    """A quarter, in months or in weeks (12 to 17 weeks: retail quarters)."""
    return kind == "three_months_ended" or bool(
        kind and kind.endswith("_weeks_ended") and 12 <= int(kind.split("_")[0]) <= 17)


def complete(columns: list[ColumnPeriod], text: str) -> list[ColumnPeriod]:
    """Fill what one column leaves out from the release: the fiscal quarter of a dated quarter (from what
    the release says of its quarters), a fiscal year's end date, and the end date of a fiscal quarter or year
    another column dates."""
    year_end = fiscal_year_end(text, columns)
    if year_end and counted_end(year_end).month >= 3:
        # fiscal years ending in March or later are named by the year they end in: quarters follow
        columns = [replace(c, fiscal=_by_year_end(c, year_end)) if c.fiscal is None else c for c in columns]
    else:
        # years ending in January or February are named by their first or their last year, as the company
        # chooses: only what the release says of its quarters settles it
        quarter_ends = sorted({c.end for c in columns if quarter_like(c.kind) and c.end})
        anchor = fiscal_anchor(text, quarter_ends)
        if anchor:
            columns = [replace(c, fiscal=anchor.label("three_months_ended" if quarter_like(c.kind) else c.kind, c.end))
                       if c.fiscal is None and c.end and c.kind else c for c in columns]
    dated = {c.fiscal: c.end for c in columns if c.fiscal and c.end}
    out = []
    for c in columns:
        fiscal = c.fiscal
        if fiscal and c.end is None:
            if fiscal in dated:
                c = replace(c, end=dated[fiscal])
            elif fiscal.startswith("FY") and year_end and counted_end(year_end).month >= 3:
                # a year ending in January or February is named by the year it starts in by some companies
                # and by the year it ends in by others: only a date the release prints settles it
                end = safe_date(int(fiscal[2:]), year_end.month, year_end.day)
                if end and counted_end(end).year < int(fiscal[2:]):
                    end = safe_date(int(fiscal[2:]) + 1, year_end.month, year_end.day)
                c = replace(c, end=end)
        out.append(c)
    return out
