"""Scale statements of tables ("(In millions, except per share data)", "$ in millions", "US$000", "€m",
"NOK'000", "(000s)", "MSEK") and scales printed with an amount ("$6.6 billion").

A statement naming a currency ("$ in millions", "Dollars in thousands", "US$000") scales money only; one
naming shares ("$ and shares in millions", "shares in millions") scales share counts; a plain one ("(In
millions)", "(000s)") scales everything but what its "except" clause names.  Which cells a statement
reaches is decided by ``index.units``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.cells import unescape
from index.currencies import CODES, currency_in

_CUR = r"(?:[A-Z]{1,3}\s?\\?\$|U\.S\.\s?\\?\$|\\?\$|[€£¥₹₩₪₽]|\b[A-Z]{3}\b)"
_SCALES: list[tuple[int, re.Pattern[str]]] = [
    (1000, re.compile(
        rf"\(\s*'?000'?s?\s*\)|(?<![\d,.])(?:{_CUR}\s?)?'?000'?s?(?![\d,])|(?:{_CUR}\s?)?\b(?i:thousands?)\b"
        rf"|{_CUR}\s?[kK]\b|\b[kKT][A-Z]{{3}}\b"
    )),
    (1_000_000, re.compile(
        rf"(?:{_CUR}\s?)?\b(?:(?i:millions?)|mn|mio)\b|{_CUR}\s?(?:MM|M|m)\b|\((?:MM|M)\)|\bM[A-Z]{{3}}\b"
    )),
    (1_000_000_000, re.compile(rf"(?:{_CUR}\s?)?\b(?:(?i:billions?)|bn)\b|{_CUR}\s?B\b")),
]  # fmt: skip
_AMOUNT = re.compile(r"\d\s?(?:(billions?|bn)|(millions?|mn)|(thousands?))\b", re.I)
_AFTER_NUMBER = re.compile(r"\d[\d,.]*\s*$")
_BARE = re.compile(r"(?:thousand|million|billion|mn|mio|bn)", re.I)
_EXCEPT = re.compile(r"\bexcept\b", re.I)
_WIDE = re.compile(r"\s*(?:[^\s()]+\s+){0,3}in\b", re.I)
_DOLLARS = re.compile(r"\bdollars?\b|'000", re.I)
SHARE_COUNTS = re.compile(r"(?<!per )\bshares?\b", re.I)  # shares, not an amount per share
_PARENS = re.compile(r"\([^()\n]{0,120}\)")
_FACTORS = (1_000_000_000, 1_000_000, 1000)


@dataclass(frozen=True)
class Statement:
    """A scale statement: its factor and token as printed, what it scales, and its "except" clause."""

    factor: int
    label: str
    money: bool  # amounts of money
    others: bool  # share counts, counts and unitless figures too
    shares: bool  # names share counts ("$ and shares in millions")
    excepts: str
    wide: bool  # "(In millions ...)": printed over one column or above the table, meant for all of it

    def excludes(self, rx: re.Pattern[str]) -> bool:
        return bool(rx.search(self.excepts))


@lru_cache(maxsize=4096)
def statements(text: str) -> tuple[Statement, ...]:
    """Every scale statement in ``text``, in order; an amount ("$3.2 billion") is not one."""
    found = []
    for factor, rx in _SCALES:
        for m in rx.finditer(text):
            token = m[0]
            if _BARE.match(token) and _AFTER_NUMBER.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            if (code := re.match(r"[kKTMB]?([A-Z]{3})\b", token)) and code[1] not in CODES:
                continue
            found.append((m.start(), factor, token))
    return tuple(_statement(text, factor, token, start) for start, factor, token in sorted(found))


def _statement(text: str, factor: int, token: str, start: int) -> Statement:
    """What the statement around ``token`` (its parentheses, else its line) scales."""
    opened = text.rfind("(", 0, start + 1)
    parenthesised = opened >= 0 and text.find(")", opened, start) < 0
    if parenthesised:
        stops = [x for x in (text.find(")", start), text.find("\n", start)) if x >= 0]
        begin, end = opened + 1, min(stops, default=len(text))
    else:
        line_end = text.find("\n", start)
        begin, end = text.rfind("\n", 0, start) + 1, line_end if line_end >= 0 else len(text)
    # "(In millions, except per share amounts; shares in thousands)": each clause is a statement of its own
    begin = max(begin, text.rfind(";", begin, start) + 1)
    end = next((x for x in (text.find(";", start, end),) if x >= 0), end)
    stmt = text[begin:end]
    exc = _EXCEPT.search(stmt)
    main, excepts = (stmt[: exc.start()], stmt[exc.end() :]) if exc else (stmt, "")
    money = currency_in(main) is not None or bool(_DOLLARS.search(main))
    shares = bool(SHARE_COUNTS.search(main))
    wide = parenthesised and bool(_WIDE.match(stmt))
    label = unescape(token).strip()
    return Statement(factor, label, money or not shares, not money and not shares, shares, excepts, wide)


def amount_scale(raw: str) -> tuple[int, str] | None:
    """``(factor, word)`` when a cell prints its own scale: "$6.6 billion", "$565 million"."""
    if m := _AMOUNT.search(raw):
        return next((f, w) for f, w in zip(_FACTORS, m.groups()) if w)
    return None


def placed_statements(text: str) -> tuple[tuple[int, Statement], ...]:
    """``(offset, statement)`` for every parenthesised table-wide statement in a release's text, such as
    "($ in millions, except per share amounts)" printed in a page's heading above the tables under it."""
    return tuple(
        (m.start(), st) for m in _PARENS.finditer(text) if _BARE.search(m[0]) for st in statements(m[0])[:1] if st.wide
    )
