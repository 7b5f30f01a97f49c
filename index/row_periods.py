"""Periods that a table's rows state, for tables whose columns name no period.

A roll-forward (a movement schedule) prints its periods down the rows, not across the columns::

    Non-vested at December 31, 2018    1,187,586
    Granted                              473,550
    Vested                              (365,223)
    Non-vested at December 31, 2019    1,283,281

A row whose label carries a full date after "at" or "as of" is a balance on that date (``as_at``); the rows
between two dated balances are movements over the period between them (a year, six months, a quarter: from
the months between the two dates), ending on the later date. Rows before the first dated balance or after the last
have no period here. Nothing about the row names is assumed but the date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from index.column_periods import ColumnPeriod
from index.periods import find_dates

_AT = re.compile(r"\b(?:at|as\s+of|as\s+at|on)\s*,?\s*$", re.I)
_SPAN_KINDS = {3: "three_months_ended", 6: "six_months_ended", 9: "nine_months_ended", 12: "year_ended"}
_DAYS_PER_MONTH = 30.44


def _balance_date(label: str) -> date | None:
    """The date a balance row is at ("Balance at December 31, 2019", "Outstanding as of June 30, 2023"), else
    None: one full date, written after "at", "as of", "as at" or "on" ("Notes due March 15, 2024" is a
    debt's maturity, not a balance date)."""
    found = find_dates(label)
    if len(found) != 1 or not _AT.search(label[: found[0][1]]):
        return None
    return found[0][0]


def _span_kind(start: date, end: date) -> str | None:
    """The period kind of the span from ``start`` to ``end``: whole quarters, halves, nine months or a
    year (52/53-week years round to twelve months)."""
    months = round((end - start).days / _DAYS_PER_MONTH)
    return _SPAN_KINDS.get(months)


def row_periods(labels: Sequence[str]) -> list[ColumnPeriod | None]:
    """For each row label of one table, in order, the period its position states (None where it states
    none): dated rows are balances on their date; rows between two dated balances are movements over
    the span between them, when that span is a quarter, a half, nine months or a year."""
    dates = [_balance_date(label) for label in labels]
    out: list[ColumnPeriod | None] = [ColumnPeriod("as_at", d) if d else None for d in dates]
    dated = [i for i, d in enumerate(dates) if d]
    for a, b in zip(dated, dated[1:], strict=False):
        start, end = dates[a], dates[b]
        if start is None or end is None or end <= start or b == a + 1:
            continue
        kind = _span_kind(start, end)
        if kind is None:
            continue
        for i in range(a + 1, b):
            out[i] = ColumnPeriod(kind, end)
    return out


def unstated(period: ColumnPeriod) -> bool:
    """A column that states no period and is not computed from others: one whose rows may state it."""
    return period.kind is None and period.end is None and period.fiscal is None and period.derived is None
