"""The year a column header names: a bare year (never one inside a full date), a fiscal year named by the two
calendar years it spans, or the year a header that prints only a day takes from the table's stub."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from index.periods import counted_end, find_dates, month_day, safe_date
from index.vocabulary import YEAR_DIGITS

BARE_YEAR = re.compile(rf"(?<![\d,.$/-])({YEAR_DIGITS})(?![\d,.%/-])")
# a fiscal year across two calendar years, named by both ("2018/2019", "2018/19", "2018-19"): it ends in the second.
# "2021-2022" with four digits after a dash is a range of years (a maturity bucket), not one year
_SPLIT_YEAR = re.compile(rf"(?<![\d,.$/-])({YEAR_DIGITS})(?:\s*/\s*({YEAR_DIGITS}|\d{{2}})|[-–](\d{{2}}))(?![\d,.%/-])")
_BUCKETS = re.compile(r"\bthereafter\b|\bless than\b|\bmore than\b|\bbeyond\b|\bafter\b|\bwithin\b", re.I)


def free_years(text: str, start: int = 0) -> list[str]:
    """The bare years of ``text`` from ``start`` that are not part of a full date."""
    dates = find_dates(text)
    return [m[1] for m in BARE_YEAR.finditer(text, start) if not any(a <= m.start() < b for _, a, b in dates)]


def free_year(text: str, start: int = 0) -> str | None:
    """The first bare year from ``start`` that is not a full date's; else the calendar year a dated period
    belongs to: "Fourth Quarter Jan 2, 2022" is 2021's (a 52/53-week year ending in the first days of
    January), "December 31, 2022" 2022's; a period ending later in January or February is named by its first
    year or its last, as the company chooses, and gets none (a fiscal label the release states elsewhere
    still wins: ``index.column_periods.complete``)."""
    if free := free_years(text, start):
        return free[0]
    dates = find_dates(text)
    if dates and start == 0 and (counted := counted_end(dates[0][0])).month > 2:
        return str(counted.year)
    return None


def split_year(label: str, headers: Collection[str]) -> str | None:
    """``FY2019`` for a column headed "2018/2019" or "2018/19": a fiscal year named by the two calendar years
    it spans (consecutive years only; "2020 – 2024" is a range, and so is any of a maturity table's buckets
    beside "Thereafter" or "Less than 1 year")."""
    m = _SPLIT_YEAR.search(label)
    if not m or any(_BUCKETS.search(h) for h in headers):
        return None
    first, second = int(m[1]), int(m[2] or m[3])
    second = second if second >= 100 else first - first % 100 + second
    return f"FY{second}" if second == first + 1 else None


def year_elsewhere(label: str, context: list[str], stated: set[date], end: date) -> date | None:
    """The end of a column whose header names a day but no year ("Twelve Months Ended June 30,"): in the year
    the stub holds alone (a PDF header split across cells: "($ million) 2022"), never a date ``stated`` in full
    by another column of its kind (that column's period, not this one's); None when neither says."""
    free = {y for c in context for y in free_years(c)}
    if len(free) == 1 and (md := month_day(label)):
        own = safe_date(int(free.pop()), *md)
        return own if own not in stated else None
    return None if end in stated else end
