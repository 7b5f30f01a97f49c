"""The dates a release mentions, in any of the forms releases write them, for checking a question's period."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.cleaner import normalise
from index.parser import LONG_DATE, MONTHS, parse_date
from qa.question import Question

_DMY = re.compile(r"\b(\d{1,2})-([A-Za-z]{3,9})-(\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(\d{4})\b", re.I)


@dataclass
class Calendar:
    """Dates, (year, month) pairs and years a release mentions."""

    dates: set[date] = field(default_factory=set)
    month_years: set[tuple[int, int]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, text: str) -> Calendar:
        flat = normalise(text)
        cal = cls()
        for m in LONG_DATE.finditer(flat):
            if d := parse_date(m.group(0)):
                cal.dates.add(d)
        for m in _DMY.finditer(flat):
            month = MONTHS.get(m.group(2).lower())
            year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
            if month:
                try:
                    cal.dates.add(date(year, month, int(m.group(1))))
                except ValueError:
                    pass
        for m in _ISO.finditer(flat):
            try:
                cal.dates.add(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            except ValueError:
                pass
        cal.month_years = {(d.year, d.month) for d in cal.dates}
        cal.month_years |= {(int(m.group(2)), MONTHS[m.group(1).lower()]) for m in _MONTH_YEAR.finditer(flat)}
        cal.years = {d.year for d in cal.dates} | {int(y) for y in re.findall(r"\b(19\d{2}|20\d{2})\b", flat)}
        return cal

    def covers(self, question: Question) -> bool:
        """Whether every date, month and year the question names is mentioned in this release."""
        return (
            all(d in self.dates for d in question.dates)
            and all(my in self.month_years for my in question.month_years)
            and all(y in self.years for y in question.years)
        )
