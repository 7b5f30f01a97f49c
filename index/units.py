"""Unit, scale and currency of a table cell, from the cell, its row, its column header, the table's caption
and what the release states for all its amounts.

Kind (in order): a ``%``, percentage-point or ``bps`` cell; a scaled physical unit (``Mt``, ``koz``,
``g/t``); what the column header names once its scale statement is set aside ("Per Share", "% change",
"Shares", "Number of stores"); what the row label (else its parent) names: a rate unit (``(bbl/d)``,
``($/boe)``), an exchange rate (``EUR/CAD`` from ``EUR=CAD`` or ``USD:EUR``, else ``"rate"``), a percentage
("as a % of revenue", not "5.5% notes"), basis points, a ratio, a per-share amount (``"USD/share"``;
``"USD cents/share"`` when printed in cents), a share count (``"shares"``: "Shares used in per share
calculation", not "Repurchase of common shares" nor "Common stock, $0.001 par value"), a count ("Number of
stores", "Employees", "Active buyers"), a physical unit; the header's physical unit.  Otherwise money when
the cell, its row, header, column, stub or caption show a currency: its ISO code (``index.currencies``), a
bare ``$`` settled by the release (:func:`release_units`) or left ``"$"``.

Scale (``index.scales``): printed in the cell ("$6.6 billion"); the row label's or its parent's statement
("Employees (in thousands)"); the column header's; the stub's, caption's and other headers' table-wide
statements ("(In millions)" printed over one column); for money, other headers' statements when they agree
("$ million" over the neighbouring columns); for money in a table with no statement of its own (a table
continued on a new page), the nearest table-wide statement printed above it; the release's own statement.
A money statement ("$ in millions") reaches share counts only when the count is printed below 100,000 (a
listed company's share count in units is never that small: "$ million, except per share amounts" over
"1,487" shares means millions); a plain one ("(In millions, except per share data)") reaches share counts,
counts and unitless figures unless its "except" clause names them ("except share and per share data").
Per-share values, percentages, ratios, rates and basis points have scale 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from index.cells import parse_value
from index.currencies import CODES, currency_in, currency_pattern, listed_currency, resolve
from index.scales import SHARE_COUNTS, Statement, amount_scale, placed_statements, statements
from index.tables import TableBlock, TableRow

_STRIP = re.compile(r"\([^()]*\b(?:thousands?|millions?|billions?|except|unaudited)\b[^()]*\)?", re.I)

_POINTS = re.compile(r"\bppts?\b|\bpp\b|\bpercentage points?\b", re.I)
_PERCENT = re.compile(
    r"(?<![\d.])(?<![\d.]\s)%|\bpercent(?:age)?s?\b|\bper cent\b"
    r"|\b(?:tax|growth|margin|churn|retention|renewal|occupancy|utili[sz]ation) rates?\b",
    re.I,
)
_BPS = re.compile(r"\bbps\b|\bbasis points?\b|\d\s?bp\b", re.I)
_RATE_UNIT = re.compile(r"\(([^()]{1,12}/[^()]{1,12})\)")
_FX_PAIR = re.compile(r"\b([A-Z]{3})\s?[=/:]\s?([A-Z]{3})\b")
_FX = re.compile(r"\bFX\b|\bexchange rates?\b", re.I)
_FX_EFFECT = re.compile(r"\b(?:effects?|impacts?|changes?|fluctuations?|movements?|gains?|loss(?:es)?|hedg\w*)\b", re.I)
_RATIO = re.compile(r"\bratio\b", re.I)
_PER_SHARE = re.compile(r"\bper (?:[\w-]+ ){0,3}share\b|(?<!, )(?<!and )\bEPS\b|\bshare price\b", re.I)
_SHARES = re.compile(r"\bshares\b", re.I)
_PAR_VALUE = re.compile(r"\bpar value\b|\bno par\b|\bstated value\b", re.I)
_COUNT = re.compile(
    r"\bnumber of\b|\bheadcount\b|\b(?:employees|stores|warehouses|clubs|restaurants|branches|locations|members"
    r"|buyers|sellers|customers|subscribers|users)\b|\b(?:store|warehouse|club|restaurant)\s+(?:openings|closings|count)\b",
    re.I,
)
_IN_PHRASE = re.compile(r"\b(?:of|on|in|from|for|to|with|by)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_NUMBER_OF = re.compile(r"\bnumber of\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_CENTS = re.compile(r"\bcents?\b|¢", re.I)
_PHYSICAL: list[tuple[str, re.Pattern[str]]] = [
    ("tonnes", re.compile(r"\btonnes?\b|\btons?\b", re.I)),
    ("oz", re.compile(r"\bounces\b|\boz\b", re.I)),
]
# Physical units that carry their own scale (mining and energy tables).
_MEASURES: list[tuple[re.Pattern[str], str, int, str | None]] = [
    (re.compile(r"\bMt\b"), "tonnes", 1_000_000, "Mt"),
    (re.compile(r"\bkt\b"), "tonnes", 1000, "kt"),
    (re.compile(r"\bMoz\b"), "oz", 1_000_000, "Moz"),
    (re.compile(r"\bkoz\b"), "oz", 1000, "koz"),
    (re.compile(r"\bMlbs?\b"), "lb", 1_000_000, "Mlb"),
    (re.compile(r"\bg/t\b"), "g/t", 1, None),
    (re.compile(r"\((?:t|tonnes|tons)\)"), "tonnes", 1, None),
]
_RELEASE_STATEMENT = re.compile(
    r"\b(?:amounts?|figures|numbers|expressed|stated|reported|presented|denominated)\b[^.;]{0,80}?\bin\s+"
    rf"(?:(thousands|millions|billions)\s+of\s+)?({currency_pattern()})",
    re.I,
)
_FACTORS = {"thousands": 1000, "millions": 1_000_000, "billions": 1_000_000_000}
_PLAUSIBLE_SHARES = 100_000  # fewer shares than this, printed in a scaled table, are in its scale
_REACH = 3000  # characters above a table within which a heading's statement still governs it


def measure_of(text: str) -> tuple[str, int, str | None] | None:
    """``(unit, scale, label)`` when ``text`` names a scaled physical unit (``Mt``, ``koz``, ``g/t``)."""
    return next(((unit, scale, label) for rx, unit, scale, label in _MEASURES if rx.search(text)), None)


@dataclass(frozen=True)
class ReleaseUnits:
    """Currency and scale the release states for all its amounts, if any, and the currency its listing
    implies for a bare ``$`` (``NYSE: X`` or an SEC Form 8-K: USD; ``TSX-V: X``: CAD; both: none)."""

    currency: str | None
    scale: tuple[int, str] | None
    listing: str | None = None
    placed: tuple[tuple[int, Statement], ...] = ()  # table-wide statements in the text, by offset

    def statement_above(self, start: int) -> Statement | None:
        """The nearest table-wide statement printed above offset ``start``, if close enough."""
        above = [st for offset, st in self.placed if start - _REACH <= offset < start]
        return above[-1] if above else None


def release_units(text: str) -> ReleaseUnits:
    listing, placed = listed_currency(text), placed_statements(text)
    m = _RELEASE_STATEMENT.search(text)
    if not m:
        return ReleaseUnits(None, None, listing, placed)
    scale = (_FACTORS[m[1].lower()], m[1]) if m[1] else None
    return ReleaseUnits(currency_in(f"in {m[2]}"), scale, listing, placed)


def _head(rx: re.Pattern[str], text: str) -> bool:
    """``rx`` names what ``text`` is about, not a thing in a phrase ("Repurchase of common shares")."""
    for m in rx.finditer(text):
        before = text[: m.start()]
        if not _IN_PHRASE.search(before) or _NUMBER_OF.search(before) or m[0].lower() == "number of":
            return True
    return False


def _label_kind(label: str, currency: str) -> str | None:
    if m := _RATE_UNIT.search(label):
        return m[1].strip()
    if (m := _FX_PAIR.search(label)) and m[1] in CODES and m[2] in CODES:
        return f"{m[1]}/{m[2]}"
    if _PERCENT.search(label):
        return "%"
    if _BPS.search(label):
        return "bps"
    if _FX.search(label) and not _FX_EFFECT.search(label):
        return "rate"
    if _RATIO.search(label):
        return "ratio"
    if _PAR_VALUE.search(label):
        return None
    if (m := _PER_SHARE.search(label)) and not _head(_SHARES, label[: m.start()]):
        return f"{currency} cents/share" if _CENTS.search(label) else f"{currency}/share"
    if _head(_SHARES, label):
        return "shares"
    if _head(_COUNT, label):
        return "count"
    return next((unit for unit, rx in _PHYSICAL if rx.search(label)), None)


def _header_kind(header: str, currency: str) -> str | None:
    """What a column header names, its scale statement set aside; not a physical unit, which a row's
    label overrides, nor an exchange rate ("FX-neutral")."""
    kind = _label_kind(_STRIP.sub(" ", header), currency)
    return None if kind in ("rate", "ratio", *(unit for unit, _ in _PHYSICAL)) else kind


@dataclass
class TableFacts:
    """What a whole table says about units: computed once per table (``table_facts``), used for each cell."""

    statements: list[Statement]  # stub, caption, and the table-wide statements of every header
    headers: dict[int, tuple[Statement, ...]]  # each column's own statements
    money_columns: set[int]
    column_currency: dict[int, str]
    percent_columns: set[int]  # columns whose figures all print "%"


def table_facts(table: TableBlock) -> TableFacts:
    """The scale statements of a table's stub, caption and headers, and the columns that print money."""
    found = [*statements(table.stub), *statements(table.caption.text if table.caption else "")]
    headers = {k: statements(f"{label} {unit}") for k, (label, unit) in enumerate(zip(table.columns, table.units))}
    found += [s for stated in headers.values() for s in stated if s.wide]
    money_columns: set[int] = set()
    column_currency: dict[int, str] = {}
    valued: dict[int, list[str]] = {}
    for row in table.rows:
        for k, cell in enumerate(row.cells):
            if cur := currency_in(cell.raw):
                money_columns.add(k)
                column_currency.setdefault(k, cur)
            if parse_value(cell.raw) is not None:
                valued.setdefault(k, []).append(cell.raw)
    percent = {k for k, raws in valued.items() if all("%" in r for r in raws)}
    return TableFacts(found, headers, money_columns, column_currency, percent)


def _money_in(text: str) -> bool:
    return currency_in(text) is not None or bool(re.search(r"\bdollars?\b|'000", text, re.I))


def _currency(texts: list[str], release: ReleaseUnits) -> str:
    ambiguous = None
    for text in texts:
        if (cur := currency_in(text)) and cur not in ("$", "kr", "¥"):
            return cur
        ambiguous = ambiguous or cur
    if ambiguous:
        return resolve(ambiguous, release.currency, release.listing)
    return release.currency or resolve("$", None, release.listing)


def _applies(st: Statement, kind: str, value: float | None) -> bool:
    if kind == "money":
        return st.money
    if kind == "shares":
        if st.excludes(SHARE_COUNTS):
            return False
        return st.shares or st.others or (st.money and value is not None and abs(value) < _PLAUSIBLE_SHARES)
    if kind == "count":
        return st.others and not st.excludes(_COUNT)
    return st.others


def cell_units(
    raw: str, row: TableRow, column: int, table: TableBlock, release: ReleaseUnits, facts: TableFacts | None = None
) -> tuple[str | None, int, str | None]:
    """``(unit, scale, scale_label)`` for one cell; see the module docstring. ``facts``: ``table_facts(table)``,
    computed once when a table's cells are read one after another."""
    facts = facts or table_facts(table)
    parent = row.parent_label or ""
    header = f"{row.columns[column]} {row.units[column]}"
    context = [table.stub, table.caption.text if table.caption else ""]
    nil = parse_value(raw) is None
    if "%" in raw or _POINTS.search(raw) or _nil_in_percent_row(raw, row) or nil and column in facts.percent_columns:
        return "%", 1, None
    if _BPS.search(raw):
        return "bps", 1, None
    if measure := measure_of(header) or measure_of(f"{row.label} {parent}"):
        return measure
    sources = [raw, row.label, parent, header, *context, facts.column_currency.get(column, "")]
    currency = _currency(sources, release)
    unit = (
        _header_kind(header, currency)
        or _label_kind(row.label, currency)
        or _label_kind(parent, currency)
        or next((u for u, rx in _PHYSICAL if rx.search(header)), None)
    )
    if unit is None and (
        column in facts.money_columns
        or any(j in facts.money_columns and c.raw for j, c in enumerate(row.cells))  # a row's amounts are alike
        or any(_money_in(t) for t in (raw, row.label, parent, header, *context))
        or any(s.money and not s.others for s in (*facts.statements, *_flat(facts.headers.values())))
    ):
        unit = currency
    if unit is not None and (unit in ("%", "rate", "ratio", "bps") or "/" in unit):
        return unit, 1, None
    kind = "money" if unit == currency else unit if unit in ("shares", "count") else "other"
    if printed := amount_scale(raw):
        return unit, *printed
    for text in (row.label, parent):
        if found := statements(text):
            return unit, found[0].factor, found[0].label
    value = parse_value(raw)
    candidates = [*statements(header), *facts.statements]
    if kind == "shares":  # "shares in thousands" beside "(in millions …)": the one naming shares
        candidates.sort(key=lambda st: not st.shares)
    for st in candidates:
        if _applies(st, kind, value):
            return unit, st.factor, st.label
    if kind == "money" and (above := _money_statement(table, facts, release)):
        return unit, above.factor, above.label
    if kind == "money" and release.scale:
        return unit, release.scale[0], release.scale[1]
    return unit, 1, None


def _flat(groups: Iterable[tuple[Statement, ...]]) -> list[Statement]:
    return [st for group in groups for st in group]


def _nil_in_percent_row(raw: str, row: TableRow) -> bool:
    """A nil cell ("—", "N/A") in a row of percentages."""
    valued = [c.raw for c in row.cells if parse_value(c.raw) is not None]
    return parse_value(raw) is None and bool(valued) and all("%" in v for v in valued)


def _money_statement(table: TableBlock, facts: TableFacts, release: ReleaseUnits) -> Statement | None:
    """For money in a column without a statement: the one its neighbours' headers agree on ("$ million"),
    else, in a table with no statement at all, the nearest table-wide statement printed above it."""
    money = {(st.factor, st.label): st for st in _flat(facts.headers.values()) if st.money}
    if len({factor for factor, _ in money}) == 1:
        return next(iter(money.values()))
    if not money and not facts.statements:
        return release.statement_above(table.start)
    return None
