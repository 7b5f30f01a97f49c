"""Dates and reporting periods: parse dates, normalise column periods, map fiscal quarters."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from index.vocabulary import MONTHS, YEAR_DIGITS, month_pattern

logger = logging.getLogger(__name__)

MONTH = month_pattern()  # month names and their short forms, from dateutil's parser (index.vocabulary)
_ORD = r"(?:st|nd|rd|th)?"
_ISO = re.compile(rf"\b({YEAR_DIGITS})-(\d{{2}})-(\d{{2}})\b")
_DMY = re.compile(rf"\b(\d{{1,2}}){_ORD}[-/ ]({MONTH})[-/ ,]+((?:19|20)?\d{{2}})\b", re.I)
_MDY = re.compile(rf"\b({MONTH})\s*(\d{{1,2}}){_ORD},?\s+({YEAR_DIGITS})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({MONTH})[-\s,]+({YEAR_DIGITS}|\d{{2}})\b", re.I)
# "June 30", "31-Dec"; run together only before a comma ("December31, 2019"): "Jun23 Qtr" is June 2023
_MONTH_DAY = re.compile(rf"\b({MONTH})(?:\s+|(?=\d{{1,2}}{_ORD},))(\d{{1,2}}){_ORD}\b"
                        rf"|\b(\d{{1,2}}){_ORD}[-\s]({MONTH})(?![a-z])", re.I)
YEAR = re.compile(rf"(?<![\d,.$-])(?:FY\s?)?({YEAR_DIGITS})(?![\d,.%])")  # a year, not part of an amount

PERIOD_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("three_months_ended", re.compile(r"\b(?:three|3)[- ]months?\b|\bquarters?\s+ended\b|\b13[- ]weeks\b", re.I)),
    ("six_months_ended", re.compile(r"\b(?:six|6)[- ]months?\b|\bhalf[- ]year\s+(?:ended|to)\b", re.I)),
    ("nine_months_ended", re.compile(r"\b(?:nine|9)[- ]months?\b", re.I)),
    # "Year ended", and "Year to 31 March 2023" as British and Australian releases write it
    ("year_ended", re.compile(r"(?<!half[- ])\b(?:years?|twelve[- ]months?|12[- ]months?|fiscal\s+year)"
                              r"\s+(?:end|to\b(?!\s*date))", re.I)),
    ("as_at", re.compile(r"\bas\s+(?:at|of)\b", re.I)),
]
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_Q_SHORT = re.compile(rf"\bQ([1-4])\s*(?:FY\s?|F)?'?({YEAR_DIGITS}|\d{{2}})\b")
_Q_LONG = re.compile(
    rf"\b(first|second|third|fourth)[\s-]+quarter(?:\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?({YEAR_DIGITS}))?", re.I
)
_NO_DAY = datetime(2000, 1, 1)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n\s*\n")


def _month(word: str) -> int:
    return MONTHS.get(word.lower().rstrip(".")[:3], 0)


def _year(text: str) -> int:
    y = int(text)
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parsed(span: str, dayfirst: bool) -> date | None:
    """A date span the patterns found, read by dateutil ("31-Dec-16", "December 31st, 2016", "2016-12-31")."""
    try:
        return dateparser.parse(span, dayfirst=dayfirst, default=_NO_DAY).date()
    except (ValueError, OverflowError):
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """All full dates in ``text`` as ``(date, start, end)``, in order."""
    found: list[tuple[date, int, int]] = []
    for rx, dayfirst in ((_ISO, False), (_DMY, True), (_MDY, False)):
        for m in rx.finditer(text):
            if d := _parsed(m.group(), dayfirst):
                found.append((d, m.start(), m.end()))
    found.sort(key=lambda t: t[1])
    kept: list[tuple[date, int, int]] = []
    for item in found:
        if not kept or item[1] >= kept[-1][2]:
            kept.append(item)
    return kept


def parse_date(text: str) -> date | None:
    """First full date in ``text``: "December 31st, 2016", "31-Dec-16", "2016-12-31"."""
    dates = find_dates(text)
    return dates[0][0] if dates else None


def find_months(text: str) -> list[tuple[int, int]]:
    """Every ``(year, month)`` written as a month and a four-digit year ("December 2016", "Dec, 2016")."""
    return [(int(m[2]), _month(m[1])) for m in _MONTH_YEAR.finditer(text) if len(m[2]) == 4 and _month(m[1])]


def parse_month(text: str) -> tuple[int, int] | None:
    """Month-precision date ``(year, month)`` from "Dec 2016" / "December, 2016"."""
    m = _MONTH_YEAR.search(text)
    if not m or not _month(m[1]):
        return None
    return _year(m[2]), _month(m[1])


def month_day(text: str) -> tuple[int, int] | None:
    """``(month, day)`` of a "June 30" / "31-Dec" phrase, year optional."""
    for m in _MONTH_DAY.finditer(text):
        month, day = (_month(m[1]), int(m[2])) if m[1] else (_month(m[4]), int(m[3]))
        if month and 1 <= day <= 31:
            return month, day
    return None


def period_kind(text: str) -> str | None:
    """The period kind named earliest in ``text`` (``three_months_ended``, ``as_at``...)."""
    hits = [(m.start(), kind) for kind, rx in PERIOD_KINDS if (m := rx.search(text))]
    return min(hits)[1] if hits else None


def period_end(label: str, context: list[str]) -> date | None:
    """End date of a column: a full date in ``label``, or its year with the
    month/day stated in ``context`` (stub, caption, other headers), or the single
    date stated in ``context`` when the label names no year at all."""
    d = parse_date(label)
    if d:
        return d
    years = YEAR.findall(label)
    if years:
        for ctx in [label, *context]:
            md = month_day(ctx)
            if md:
                return safe_date(int(years[0]), md[0], md[1])
        return None
    for ctx in context:
        distinct = {d for d, _, _ in find_dates(ctx)}
        if len(distinct) == 1:
            return distinct.pop()
    return None


@dataclass(frozen=True)
class FiscalAnchor:
    """A stated fiscal quarter: the three months ending ``end`` are ``Q{quarter} {year}``."""

    quarter: int
    year: int
    end: date

    def label(self, kind: str | None, end: date | None) -> str | None:
        """Fiscal label (``Q1 2017``, ``FY2017``) for a period, derived from the anchor."""
        if end is None:
            return None
        months = (end.year - self.end.year) * 12 + end.month - self.end.month
        if months % 3 or abs(end.day - self.end.day) > 3 and not _month_end(end):
            return None
        if kind == "three_months_ended":
            index = self.quarter - 1 + months // 3
            return f"Q{index % 4 + 1} {self.year + index // 4}"
        if kind == "year_ended" and (self.quarter - 1 + months // 3) % 4 == 3:
            return f"FY{self.year + (self.quarter - 1 + months // 3) // 4}"
        return None


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    day = d.day
    while True:
        result = safe_date(year, month + 1, day)
        if result:
            return result
        day -= 1


def counted_end(end: date) -> date:
    """The day a period ending ``end`` is counted by: a week earlier, so that a 52/53-week year or quarter ending
    in the first days of a month belongs to the month before (January 1, 2023: December 2022's; April 1: March's)."""
    return end - timedelta(days=7)


def _fiscal_year_end(quarter: int, end: date) -> date:
    """The end of the fiscal year a quarter ending ``end`` belongs to; a 52/53-week year ending in the first
    days of a month (Apr 1 → Dec 30) is named after the month before."""
    return _add_months(counted_end(end), 3 * (4 - quarter))


def fiscal_anchor(release_text: str, quarter_ends: list[date]) -> FiscalAnchor | None:
    """Map the reported quarter to a fiscal quarter only from explicit statements.

    First a sentence naming a quarter ("third quarter", "Q1 2017") together with
    the end date of a reported three-month period; failing that, the first
    "Qn YYYY" mention consistent with the latest reported quarter end.
    """
    if not quarter_ends:
        return None
    for sentence in _SENTENCE.split(release_text):
        dates = {d for d, _, _ in find_dates(sentence)} & set(quarter_ends)
        if not dates:
            continue
        end = max(dates)
        for quarter, year in _quarters(sentence):
            fy_end = _fiscal_year_end(quarter, end)
            names = _fiscal_year_names(fy_end)
            if year is None and len(names) > 1:
                # "the first quarter ended April 29, 2023" of a year ending in January: fiscal 2023 or 2024 is
                # what the release calls it elsewhere ("First Quarter Fiscal 2023"), never a guess
                year = next((y for q, y in _quarters(release_text) if q == quarter and y in names), None)
                if year is None:
                    continue
            if year is None or year in names:
                return FiscalAnchor(quarter, year or fy_end.year, end)
    latest = max(quarter_ends)
    for quarter, year in _quarters(release_text):
        if year is not None and year in _fiscal_year_names(_fiscal_year_end(quarter, latest)):
            logger.debug("fiscal anchor Q%s %s for %s", quarter, year, latest)
            return FiscalAnchor(quarter, year, latest)
    return None


def _fiscal_year_names(fy_end: date) -> tuple[int, ...]:
    """The years a fiscal year ending ``fy_end`` may be named by: the year it ends in, and for a year ending
    in January or February also the year it starts in (retailers' "fiscal 2022" ends in January 2023)."""
    return (fy_end.year, fy_end.year - 1) if fy_end.month <= 2 else (fy_end.year,)


def _quarters(text: str) -> list[tuple[int, int | None]]:
    hits: list[tuple[int, int, int | None]] = []
    for m in _Q_SHORT.finditer(text):
        hits.append((m.start(), int(m[1]), _year(m[2])))
    for m in _Q_LONG.finditer(text):
        hits.append((m.start(), _QUARTER_WORDS[m[1].lower()], int(m[2]) if m[2] else None))
    return [(q, y) for _, q, y in sorted(hits)]
