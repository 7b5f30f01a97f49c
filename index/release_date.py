"""The date a press release was issued, from its dateline or a date printed at its top.

- the dateline that opens the lead ("DENVER, Aug. 29, 2023 /PRNewswire/ -- Kestrel Metals Co., Inc. …") or a
  ``date 2016-05-31`` header;
- a date alone on one of the first lines ("May 25, 2023", "Thursday, May 25, 2023"), never the end of a period
  ("For the period ended" / "June 30, 2023");
- a date written with numbers under a masthead ("12/8/2022"), read month or day first as the text writes dates.

An SEC filing's "Date of Report" comes first and is read with the rest of its cover (``index.filing_cover``).
The dateline and date patterns here are shared: the parser splits paragraphs at datelines, the issuer is the
subject of the lead a dateline opens, a reporting period ends on a full date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from index.cleaner import display
from index.periods import MONTH, find_dates, parse_date, safe_date
from index.vocabulary import YEAR_DIGITS

FULL_DATE = rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}})"
LONG_DATE = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
ISO_HEADER = re.compile(r"^\s*(?:date[:\s]+)?(\d{4})-(\d{2})-(\d{2})\b", re.I)
# "BOSTON, March 3, 2024 –", "/PRNewswire/ --", "(GLOBE NEWSWIRE) --", "BRISBANE, 22 July 2024 -"
DATELINE = re.compile(
    rf"^[\s*]*(?:[^\W\d_][\w .,'’&/()–—-]{{0,80}}?[,/(–—-]\s*)?"
    rf"({MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})"
    r"\s*(?:/[^/\n]{0,40}/|\([^()\n]{0,40}\))?\s*\)?\s*(?:[–—/-]|\.\s?\.\s?\.)"
)
_TOP_DATE = re.compile(rf"^[\s*#]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({FULL_DATE})[\s*.]*$", re.I)
_PROSE = re.compile(r"[\s–—/-]*[\"“(]?[A-Za-z][\w&'’.,-]*\s+[^\d\s]")  # the lead's first words follow a dateline
_ENDED = re.compile(r"\b(?:ended|ending|as\s+(?:of|at)|period|through)\W*$", re.I)
_NUMERIC_DATE = re.compile(rf"^[\s*]*(\d{{1,2}})/(\d{{1,2}})/({YEAR_DIGITS})[\s*]*$")


def issue_date(text: str, paragraphs: Sequence[str]) -> date | None:
    """The date a release was issued, from its text and the texts of its paragraphs, in order; None if undated."""
    return _dateline_date(paragraphs, text) or _top_date(text)


def _dateline_date(paragraphs: Sequence[str], text: str) -> date | None:
    """The date of a dateline or a ``date 2016-05-31`` header opening one of the first paragraphs, or of a
    dateline line near the top (PDF text runs several paragraphs into one block)."""
    for para in paragraphs[:12]:
        if m := ISO_HEADER.match(para):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
        flat = display(para)
        if (m := DATELINE.match(flat)) and _PROSE.match(flat, m.end()) and (d := parse_date(m.group(1))):
            return d
    for line in text[:8000].split("\n"):
        flat = display(line)
        if (m := DATELINE.match(flat)) and _PROSE.match(flat, m.end()) and (d := parse_date(m.group(1))):
            return d  # a dateline opens a lead sentence: never a table heading "March 31, 2023 / December 31, 2022"
    return None


def _top_date(text: str) -> date | None:
    """A date standing alone on one of the first lines ("May 25, 2023", "Thursday, May 25, 2023"), or written
    with numbers under a masthead ("12/8/2022": month first unless the release writes its dates day first)."""
    lines = [line for line in text[:3000].split("\n") if line.strip()][:10]
    for before, line in zip([""] + lines, lines):
        if _ENDED.search(before):
            continue  # "For the period ended" / "June 30, 2023": a period, not the release's date
        if (m := _TOP_DATE.match(line)) and (d := parse_date(m.group(1))):
            return d
    for line in lines:
        if m := _NUMERIC_DATE.match(line):
            return _numeric_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    return None


def _numeric_date(a: int, b: int, year: int, text: str) -> date | None:
    """``a/b/year`` as month/day or day/month: whichever is valid, else the one the text also spells out,
    else the order of the text's own spelled dates (US "May 25, 2023" → month first)."""
    options = [d for d in (safe_date(year, a, b), safe_date(year, b, a)) if d is not None]
    if len(set(options)) <= 1:
        return options[0] if options else None
    spelled = [d for d, _, _ in find_dates(text[:20_000])]
    for d in options:
        if d in spelled:
            return d
    day_first = len(re.findall(rf"\b\d{{1,2}}\s+{MONTH}\s+\d{{4}}", text[:20_000], re.I))
    month_first = len(LONG_DATE.findall(text[:20_000]))
    return options[1] if day_first > month_first else options[0]
