"""Limits a user puts on which releases answer a question: one release, one company, a span of dates.

Given on the command line (`qa ask --doc --company --since --until`), to the app's ask endpoint, or by
`qa eval --within FIELD` (each gold question answered only from the release its row names). The limits are
checked here, once, and turned into a set of release ids by :func:`matching`; a limit that matches no
ingested release is an error the user sees, never a silent search of everything.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateutil import parser as dateparser

from index.catalog import CatalogEntry, doc_id_for
from index.errors import BadQuestion
from qa.retrieval.scope import core_name


@dataclass(frozen=True)
class AskFilters:
    """Which releases may answer: ``doc`` (a doc id or a file name), ``company`` (a name or ticker), and
    release dates from ``since`` to ``until`` (inclusive; undated releases are left out when a date is set)."""

    doc: str | None = None
    company: str | None = None
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, doc: str | None = None, company: str | None = None, since: str | None = None,
              until: str | None = None) -> AskFilters:
        """Checked filters from user text; ``BadQuestion`` for a date that is not one."""
        first, last = _day(since, "since", start=True), _day(until, "until", start=False)
        if first and last and first > last:
            raise BadQuestion(f"--since {first} is after --until {last}")
        return cls((doc or "").strip() or None, (company or "").strip() or None, first, last)

    def __bool__(self) -> bool:
        return any((self.doc, self.company, self.since, self.until))

    def describe(self) -> str:
        parts = [f"release {self.doc}" if self.doc else "", f"company {self.company}" if self.company else "",
                 f"from {self.since}" if self.since else "", f"until {self.until}" if self.until else ""]
        return ", ".join(p for p in parts if p)


def _day(text: str | None, name: str, *, start: bool) -> date | None:
    """A date from "2023", "2023-05" or any full date; a year or month alone means its first (``start``) or
    last day."""
    text = (text or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1) if start else date(int(text), 12, 31)
    if (m := re.fullmatch(r"(\d{4})-(\d{1,2})", text)) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1 if start else calendar.monthrange(year, month)[1])
    try:
        return dateparser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError, AttributeError) as exc:
        raise BadQuestion(f"--{name} {text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from exc


def doc_key(text: str) -> str:
    """A doc id or file name reduced to how ingest names releases (lower case, dashes, no extension)."""
    return doc_id_for(Path(text.strip()))


def matching(filters: AskFilters, entries: Iterable[CatalogEntry], company_releases: set[str] | None = None,
             ) -> set[str]:
    """The ids of the releases the filters let through. ``company_releases``: the releases the scope finds for
    ``filters.company`` (its name, first words, ticker, or text about it); when None, matched on the parsed
    issuer and ticker only."""
    out: set[str] = set()
    wanted = core_name(filters.company or "")
    for e in entries:
        if filters.doc and doc_key(filters.doc) not in (e.doc_id, doc_key(e.path or "")):
            continue
        if filters.company:
            named = company_releases is not None and e.doc_id in company_releases
            own = bool(wanted) and wanted == core_name(e.company or "")[: len(wanted)]
            ticker = (filters.company.upper() == (e.ticker or "").upper().split(":")[-1].strip())
            if not (named or own or ticker):
                continue
        if filters.since or filters.until:
            when = _entry_date(e)
            if when is None or (filters.since and when < filters.since) or (filters.until and when > filters.until):
                continue
        out.add(e.doc_id)
    if not out:
        raise BadQuestion(f"no ingested release matches {filters.describe()}")
    return out


def _entry_date(e: CatalogEntry) -> date | None:
    try:
        return date.fromisoformat(e.date) if e.date else None
    except ValueError:
        return None
