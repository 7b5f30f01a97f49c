"""What a table cell's text says: a number (sign, currency sign, nil, "down 32%"), a year or date, a unit or
scale, footnote marks. Shared by every table reader (text layouts, HTML, PDF)."""

from __future__ import annotations

import re

from index.cleaner import FOOTNOTE_MARKS as TEXT_MARKS
from index.currencies import SYMBOLS
from index.periods import find_dates, parse_month
from index.vocabulary import YEAR_DIGITS

FOOTNOTE_MARKS = TEXT_MARKS + "§*"  # in a table cell, § and * mark a footnote too (in prose they are text)
NIL_TOKENS = frozenset({"-", "–", "—", "--", "nil", "n/a", "N/A", "NIL", "n.a.", "n.m.", "n/m", "N/M", "NM", "nm",
                        "NMF", "**", "***"})  # "**" stands for "not meaningful" in a change column

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
# a currency sign before an amount: "$", "US$", "CAD$", "€", "₹", "HK$" (the signs index.currencies reads)
_CURRENCY_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(s) for s in sorted({*SYMBOLS, "¥"}, key=len, reverse=True)) + r"|(?:[A-Z]{1,3})?\$)")
_YEAR = re.compile(rf"(?:FY\s?)?{YEAR_DIGITS}[A-Z]?")
_SCALE_MARKER = re.compile(r"\(\s*0{3}'?s?\s*\)")
_UNIT_CELL = re.compile(
    r"\(?\s*(?:in\s+)?(?:[A-Z]{0,3}\$|€|£)?\s*(?:'?0{3}'?s?|thousands|millions|billions|"
    r"M|MM|m|mm|bn|B|K|k)?\s*\)?|\(?%\)?",
)
_WORDED = re.compile(
    r"(?:(up|down|increased?|decreased?)\s+)?(.*?\d.*?)\s*(?:billion|million|thousand|bn|mn|ppts?|pts?|bps|basis points"
    r"|percentage points)?", re.I)
_SUPERSCRIPT_UNIT = re.compile(r"(?:[kcm]?m|ft|in)[²³]$")


def unescape(text: str) -> str:
    """Drop markdown escapes (``\\$`` -> ``$``)."""
    return re.sub(r"\\([$%*_#|\[\]()])", r"\1", text)


def split_footnotes(text: str) -> tuple[str, list[str]]:
    """Strip trailing footnote markers (``¹``, ``*``, ``†``) from a label or cell."""
    marks: list[str] = []
    s = text.rstrip()
    while s and s[-1] in FOOTNOTE_MARKS and not _SUPERSCRIPT_UNIT.search(s):
        if s[-1] == "*" and s.endswith("**"):
            break  # markdown bold, not a footnote
        marks.insert(0, s[-1])
        s = s[:-1].rstrip()
        if s.endswith("\\"):
            s = s[:-1]
    return s, marks


_LABEL_MARK = re.compile(r"\s*\((\d{1,2}|[a-h])\)$")


def split_label_marks(label: str) -> tuple[str, list[str]]:
    """A row label without its trailing footnote references: the marks of ``split_footnotes`` and numbered or
    lettered ones in parentheses ("Adjusted EBITDA (1)(2)", "Net sales (a)"), never a word ("Net income (loss)")."""
    s, marks = split_footnotes(label)
    found: list[str] = []
    while m := _LABEL_MARK.search(s):
        found.insert(0, m[1])
        s = s[: m.start()]
    return s, found + marks


def parse_value(raw: str) -> float | None:
    """Parse a numeric cell: ``(1,375)`` -> -1375.0, ``($0.04)`` -> -0.04, ``-`` -> None."""
    s = unescape(split_footnotes(raw)[0]).strip()
    if not s or s in NIL_TOKENS:
        return None
    negative = False
    if m := _WORDED.fullmatch(s):  # "down 32%", "up 6 ppts", "$6.6 billion": a number said with words
        negative = m[1] is not None and m[1].lower().startswith(("down", "decrease"))
        s = m[2].strip()
    s = (s.rstrip("%").strip() if s.endswith("%") and not s.startswith("(") or s.endswith(")%") or s.endswith(") %")
         else s)
    for _ in range(2):
        if s.startswith("(") and s.endswith(")"):
            negative, s = True, s[1:-1].strip()
        if s[:1] in "-−–":
            negative, s = True, s[1:].strip()
        s = _CURRENCY_PREFIX.sub("", s).strip()
    s = s.rstrip("%").strip()
    if not _NUMBER.fullmatch(s):
        return None
    value = float(s.replace(",", ""))
    return -value if negative else value


def decimals(raw: str) -> int:
    """Decimals printed in a cell ("$1,204.35" → 2, "(4,553)" → 0, "12.5%" → 1)."""
    digits = raw.strip().strip("()$\\-").split(".")
    return len(digits[1].rstrip(")%")) if len(digits) > 1 else 0


def is_nil(raw: str) -> bool:
    """A nil cell: a dash or "n/m", also after a currency sign ("$ —")."""
    s = split_footnotes(raw)[0].strip()
    return s in NIL_TOKENS or _CURRENCY_PREFIX.sub("", s).strip() in NIL_TOKENS


def is_value(raw: str) -> bool:
    """True for a numeric or nil cell (``(000)`` is a scale marker, not a value)."""
    if _SCALE_MARKER.fullmatch(raw.strip()):
        return False
    return is_nil(raw) or parse_value(raw) is not None


def is_year(raw: str) -> bool:
    return bool(_YEAR.fullmatch(split_footnotes(raw)[0].strip()))


def is_unit_cell(raw: str) -> bool:
    """True for a header cell that only states units/scale (``$'000``, ``CAD$ 000``)."""
    s = unescape(raw).strip()
    return bool(s) and bool(_UNIT_CELL.fullmatch(s)) and not s.isdigit()


def is_scale_marker(token: str) -> bool:
    return bool(_SCALE_MARKER.fullmatch(token.strip()))


def cell_kind(text: str) -> str:
    """``empty``, ``period`` (year/date), ``unit`` (``$'000``), ``value`` or ``text``."""
    if not text:
        return "empty"
    if is_year(text) or find_dates(text) or parse_month(text):
        return "period"
    if is_unit_cell(text):
        return "unit"
    return "value" if is_value(text) else "text"
