"""What an SEC filing's cover page says about the filer: registrant, date of report, first listed security.

The registrant is the name on the line(s) above "(Exact name of registrant as specified in its charter)", the
date follows "Date of Report (Date of earliest event reported)", the security is the first row of the "Trading
Symbol(s)" table under "Securities registered pursuant to Section 12(b)". A press release has no cover: all None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.company_names import as_written
from index.periods import find_dates, safe_date
from index.vocabulary import YEAR_DIGITS, exchange_name_pattern, exchange_named, exchange_pattern

_COVER_CHARS = 12_000
# PDF text may lose spaces and ligatures ("(Exact name ofregistrant as specifed in its charter)")
_REGISTRANT = re.compile(r"\(\s*exact\s*name\s*of\s*(?:the\s*)?registrants?\s*as\s*spec[a-z\s]{0,8}?in\s*(?:its|their)"
                         r"\s*charters?\s*\)", re.I)
_REPORT_DATE = re.compile(r"date\s*of\s*report\s*\(\s*date\s*of\s*earliest\s*event\s*reported\s*\)\s*:?", re.I)
_COVER_STOP = re.compile(r"report|form\s+\d|8-K|10-[KQ]|1934|commission|pursuant|^\(|[:)]$", re.I)
_SECURITIES = re.compile(r"securities\s*registered\s*pursuant\s*to\s*section\s*12\s*\(\s*b\s*\)", re.I)
_LISTING = rf"(?:the\s+)?(?:{exchange_name_pattern()}|{exchange_pattern()})(?:,?\s+(?:llc|inc\.))?"
_SYMBOL_ROW = re.compile(rf"(?<![\w$.,/-])([A-Z][A-Z0-9]{{0,5}}(?:[./][A-Z0-9]{{1,4}})?)\s+(?i:({_LISTING}))(?![\w])")


@dataclass
class Cover:
    """What an SEC filing's cover page says; all None for a press release."""

    company: str | None = None
    issued: date | None = None
    ticker: str | None = None
    exchange: str | None = None


def read_cover(text: str) -> Cover:
    """Registrant, date of report and first listed security of an SEC filing's cover; empty for a release."""
    head = text[:_COVER_CHARS]
    cover = Cover()
    if m := _REGISTRANT.search(head):
        cover.company = _registrant(head[:m.start()], text)
    if m := _REPORT_DATE.search(head):
        cover.issued = _report_date(head, m)
    if (m := _SECURITIES.search(head)) and (row := _SYMBOL_ROW.search(head, m.end(), m.end() + 1500)):
        cover.ticker, cover.exchange = row.group(1), _exchange_code(row.group(2))
    return cover


def _registrant(before: str, text: str) -> str | None:
    """The name on the line(s) just above the "(Exact name of registrant …)" label."""
    lines = before.split("\n")
    picked = [lines[-1].strip()] if lines[-1].strip() else []
    for line in reversed(lines[:-1]):
        line = line.strip()
        if not line:
            if picked:
                break
            continue
        if _COVER_STOP.search(line) or find_dates(line):
            break
        picked.append(line)
        if len(picked) > 6:
            return None
    name = " ".join(" ".join(reversed(picked)).split())
    if not name or len(name) > 120 or not re.search(r"[A-Za-z]{2}", name):
        return None
    return as_written(name, text)


def _report_date(head: str, label: re.Match[str]) -> date | None:
    """The date after "Date of Report (Date of earliest event reported):", or printed on the line above it."""
    after = head[label.end():label.end() + 120]
    found = find_dates(after)
    if found and not after[:found[0][1]].strip(" \t\n:"):
        return found[0][0]
    if m := re.match(rf"[\s:]*(\d{{1,2}})/(\d{{1,2}})/({YEAR_DIGITS})\b", after):  # a US filing: month first
        return safe_date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    above = head[:label.start()].rstrip().rsplit("\n", 1)[-1]
    found = find_dates(above)
    if found and len(above.strip()) <= found[0][2] - found[0][1] + 4:
        return found[0][0]
    return None


def _exchange_code(name: str) -> str:
    """The code of the exchange a cover names ("New York Stock Exchange" → NYSE, any Nasdaq market → NASDAQ), from
    ISO 10383; else the name without "The"."""
    found = exchange_named(name)
    return found.code if found is not None else re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
