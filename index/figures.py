"""Turn table cells into :class:`Figure` records: value, unit, scale and period (units: ``index.units``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from index.periods import fiscal_anchor, parse_date, period_end, period_kind
from index.records import Figure, page_at
from index.table_layouts import RawTable, parse_value
from index.tables import TableBlock, TableRow, find_tables
from index.units import cell_units, release_units

logger = logging.getLogger(__name__)


def extract_figures(
    text: str, doc_id: str, tables: Sequence[RawTable] = (), page_starts: Sequence[int] = ()
) -> list[Figure]:
    """One :class:`Figure` per non-empty body cell of every table in ``text`` (``tables``: those the reader
    found from the document's structure; ``page_starts``: where each page begins, for PDF releases)."""
    release = release_units(text)
    pending: list[tuple[int, TableBlock, TableRow, int, str | None, str | None]] = []
    for index, table in enumerate(find_tables(text, tables)):
        caption = table.caption.text if table.caption else ""
        context = [table.stub, caption, *table.columns]
        for row in table.rows:
            for k, cell in enumerate(row.cells):
                if not cell.raw:
                    continue
                label = row.columns[k]
                kind = period_kind(row.label) or period_kind(label) or period_kind(table.stub) or period_kind(caption)
                end_date = period_end(label, context)
                pending.append((index, table, row, k, kind, end_date.isoformat() if end_date else None))
    quarter_ends = [d for *_, k_, e_ in pending if k_ == "three_months_ended" and (d := _iso(e_))]
    anchor = fiscal_anchor(text, sorted(set(quarter_ends)))
    figures: list[Figure] = []
    for index, table, row, k, kind, end in pending:
        cell = row.cells[k]
        unit, scale, scale_label = cell_units(cell.raw, row, k, table, release)
        figures.append(
            Figure(
                doc_id=doc_id,
                table_index=index,
                caption=table.caption.text if table.caption else "",
                row_label=row.label,
                parent_label=row.parent_label,
                column_label=row.columns[k],
                raw=cell.raw,
                value=parse_value(cell.raw),
                unit=unit,
                scale=scale,
                scale_label=scale_label,
                period_kind=kind,
                period_end=end,
                fiscal_period=anchor.label(kind, _iso(end)) if anchor else None,
                row_text=text[row.start : row.end],
                row_start=row.start,
                row_end=row.end,
                footnotes=[*row.footnotes, *cell.footnotes],
                page=page_at(list(page_starts), row.start),
            )
        )
    logger.debug("%s: %d figures from %d tables", doc_id, len(figures), len({f[0] for f in pending}))
    return figures


def _iso(value: str | None) -> date | None:
    return parse_date(value) if value else None
