"""Unit, scale and currency of a table cell, from the cell, its row, its column header, the table's caption
and what the release states for all its amounts.

Unit policy (in order): a ``%`` cell or percentage column -> ``"%"``; the row
label (or its parent) naming an exchange rate (``EUR/CAD`` from ``EUR=CAD``,
else ``"rate"``), a per-share amount (``"CAD/share"``), a share count
(``"shares"``), a head count (``"count"``), a parenthesised rate unit
(``(bbl/d)``, ``($/boe)``) or a physical unit (``tonnes``, ``MTU``, ``oz``); the column label
naming a physical unit; otherwise, when the cell, its header, row, stub or
caption show money (``$``, ``CAD``, ``'000``...), the currency stated there,
else the currency the release states for its amounts ("in thousands of Canadian
dollars"), else the bare symbol ``"$"`` (left ambiguous rather than guessed as
USD).  Cells with no money or unit signal get ``unit=None``.

Scale: row label (``(000)``), then column header (``$'000``, ``CAD$ 000``,
``(000's)``, ``US$M``), then stub/caption (``in millions``), then the
release-wide statement for money cells; never for percentages, rates or
per-share values.  ``scale_label`` is the source token without markdown escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.table_layouts import unescape
from index.tables import TableBlock, TableRow

_CURRENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("CAD", re.compile(r"\bCAD\b|\bCAD\$|\bC\$|\bCDN\$?|\bCanadian dollars?\b", re.I)),
    ("USD", re.compile(r"\bUSD\b|\bUS\$|\bU\.S\.\s?\$|\bU\.?S\.? dollars?\b|\bUnited States dollars?\b", re.I)),
    ("AUD", re.compile(r"\bAUD\b|\bA\$|\bAustralian dollars?\b", re.I)),
    ("EUR", re.compile(r"\bEUR\b|€|\beuros?\b", re.I)),
    ("GBP", re.compile(r"\bGBP\b|£|\bpounds? sterling\b", re.I)),
]
_MONEY = re.compile(r"\$|€|£|\b(?:CAD|USD|EUR|GBP|AUD)\b|'000|\bdollars?\b", re.I)
_CUR = r"(?:(?:[A-Z]{0,3}\\?\$|€|£)\s?)?"
_SCALES: list[tuple[int, re.Pattern[str]]] = [
    (1000, re.compile(rf"(?<![\d,.]){_CUR}'?000'?s?\b|\(\s*000'?s?\s*\)|{_CUR}\bthousands\b|\$\s?K\b", re.I)),
    (1_000_000, re.compile(rf"{_CUR}\bmillions?\b|(?:[A-Z]{{0,3}}\\?\$|€|£)\s?(?:MM|M|m|mn)\b|\((?:MM|M)\)")),
    (1_000_000_000, re.compile(rf"{_CUR}\bbillions?\b|(?:[A-Z]{{0,3}}\\?\$|€|£)\s?(?:B|bn)\b")),
]
_RELEASE_CURRENCY = re.compile(
    r"\b(?:amounts?|figures|expressed|stated|reported|presented)\b[^.]{0,80}?\bin\s+"
    r"(?:(thousands|millions|billions)\s+of\s+)?((?:[A-Z][a-z.]+\s){1,2}dollars|euros)",
)
_FX_PAIR = re.compile(r"\b([A-Z]{3})\s?[=/]\s?([A-Z]{3})\b")
_RATE_UNIT = re.compile(r"\(([^()]{1,12}/[^()]{1,12})\)")
_FX = re.compile(r"\bFX\b|\bexchange rates?\b", re.I)
_PER_SHARE = re.compile(r"\bper (?:common |basic |diluted )?share\b|\bshare price\b|\bEPS\b", re.I)
_SHARES = re.compile(r"\bshares\b", re.I)
_COUNT = re.compile(r"\bnumber of\b|\bemployees\b|\bheadcount\b", re.I)
_PHYSICAL: list[tuple[str, re.Pattern[str]]] = [
    ("%", re.compile(r"%|\bpercent(?:age)?\b", re.I)),
    ("tonnes", re.compile(r"\btonnes?\b|\btons?\b", re.I)),
    ("MTU", re.compile(r"\bMTUs?\b")),
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


def measure_of(text: str) -> tuple[str, int, str | None] | None:
    """``(unit, scale, label)`` when ``text`` names a scaled physical unit (``Mt``, ``koz``, ``g/t``)."""
    return next(((unit, scale, label) for rx, unit, scale, label in _MEASURES if rx.search(text)), None)


@dataclass(frozen=True)
class ReleaseUnits:
    """Currency and scale the release states for all its amounts, if any."""

    currency: str | None
    scale: tuple[int, str] | None


def release_units(text: str) -> ReleaseUnits:
    m = _RELEASE_CURRENCY.search(text)
    if not m:
        return ReleaseUnits(None, None)
    scale = None
    if m[1]:
        scale = next((factor, m[1]) for factor, rx in _SCALES if rx.search(m[1]))
    return ReleaseUnits(currency_of(m[2]), scale)


def currency_of(text: str) -> str | None:
    """ISO code of the first currency named in ``text``."""
    hits = [(m.start(), code) for code, rx in _CURRENCIES if (m := rx.search(text))]
    return min(hits)[1] if hits else None


def scale_of(text: str) -> tuple[int, str] | None:
    """``(factor, source token)`` for the earliest scale marker in ``text``."""
    hits = [(m.start(), factor, m[0]) for factor, rx in _SCALES if (m := rx.search(text))]
    if not hits:
        return None
    _, factor, token = min(hits)
    return factor, unescape(token).strip()


def _physical(text: str) -> str | None:
    return next((unit for unit, rx in _PHYSICAL if rx.search(text)), None)


def _row_unit(row_text: str, currency: str) -> str | None:
    if m := _RATE_UNIT.search(row_text):
        return m[1].strip()
    if m := _FX_PAIR.search(row_text):
        return f"{m[1]}/{m[2]}"
    if _FX.search(row_text):
        return "rate"
    if _PER_SHARE.search(row_text):
        return f"{currency}/share"
    if _SHARES.search(row_text):
        return "shares"
    if _COUNT.search(row_text):
        return "count"
    return _physical(row_text)


def cell_units(
    raw: str, row: TableRow, column: int, table: TableBlock, release: ReleaseUnits
) -> tuple[str | None, int, str | None]:
    """``(unit, scale, scale_label)`` for one cell; see the module docstring."""
    row_text = f"{row.label} {row.parent_label or ''}"
    header = f"{row.columns[column]} {row.units[column]}"
    context = f"{table.stub} {table.caption.text if table.caption else ''}"
    money = any(_MONEY.search(t) for t in (raw, header, row_text, context))
    if "%" not in raw and (measure := measure_of(header) or measure_of(row_text)):
        return measure
    currency = (
        currency_of(raw) or currency_of(header) or currency_of(context) or release.currency
        if money
        else release.currency
    ) or "$"
    unit = (
        ("%" if "%" in raw or _physical(header) == "%" else None)
        or _row_unit(row_text, currency)
        or _physical(header)
        or (currency if money else None)
    )
    if unit is not None and (unit in ("%", "rate") or "/" in unit):
        return unit, 1, None
    is_money = unit == currency
    for i, text in enumerate((row.label, row.parent_label or "", header, context)):
        found = scale_of(text)
        if found and (is_money or i < 2 or not _MONEY.search(text)):
            return unit, found[0], found[1]
    if is_money and release.scale:
        return unit, release.scale[0], release.scale[1]
    return unit, 1, None
