"""The dates a release mentions, in any of the forms releases write them, for checking a question's period."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.cleaner import normalise
from index.periods import find_dates, find_months
from index.vocabulary import YEAR_DIGITS
from qa.language.question import Question


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
        cal.dates = {d for d, _, _ in find_dates(flat)}
        cal.month_years = {(d.year, d.month) for d in cal.dates} | set(find_months(flat))
        cal.years = {d.year for d in cal.dates} | {int(y) for y in re.findall(rf"\b({YEAR_DIGITS})\b", flat)}
        return cal

    def covers(self, question: Question) -> bool:
        """Whether every date, month and year the question names is mentioned in this release."""
        return (
            all(d in self.dates for d in question.dates)
            and all(my in self.month_years for my in question.month_years)
            and all(y in self.years for y in question.years)
        )
