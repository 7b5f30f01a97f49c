"""Turn table cells into :class:`Figure` records: value, unit, scale and period (units: ``index.units``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from index.cells import parse_value
from index.column_periods import ColumnPeriod, complete, dated_by_row, period_kind_of, read_column
from index.periods import find_dates
from index.records import Figure, page_at
from index.row_periods import row_periods, unstated
from index.table_layouts import RawTable
from index.tables import TableBlock, TableRow, find_tables
from index.units import TableFacts, cell_units, release_units, table_facts

logger = logging.getLogger(__name__)


def extract_figures(
    text: str, doc_id: str, tables: Sequence[RawTable] = (), page_starts: Sequence[int] = ()
) -> list[Figure]:
    """One :class:`Figure` per non-empty body cell of every table in ``text`` (``tables``: those the reader
    found from the document's structure; ``page_starts``: where each page begins, for PDF releases)."""
    release = release_units(text)
    cells: list[tuple[int, TableBlock, TableRow, int]] = []
    periods: list[ColumnPeriod] = []
    for index, table in enumerate(find_tables(text, tables)):
        caption = table.caption.text if table.caption else ""
        context = [table.stub, caption]
        read: dict[tuple[str, str, str | None], ColumnPeriod] = {}
        stated = row_periods([row.label for row in table.rows])
        for row, by_row in zip(table.rows, stated, strict=True):
            for k, cell in enumerate(row.cells):
                if not cell.raw:
                    continue
                key = (row.label, row.columns[k], row.parent_label)
                if key not in read:
                    period = dated_by_row(read_column(row.columns[k], context, list(table.columns)),
                                          row.columns[k], row.label)
                    own = period_kind_of(row.label) if period.kind is None else None  # rows that are periods
                    read[key] = ColumnPeriod(own, period.end, period.fiscal) if own and not period.derived else period
                    if (unstated(read[key]) and by_row is None and row.parent_label and find_dates(row.parent_label)
                            and period_kind_of(row.parent_label)):
                        # rows under a heading that names a period ("As at 31 December 2019"), columns and
                        # rows naming none ("Notes due March 15, 2025" is no period)
                        read[key] = read_column(row.parent_label, context)
                cells.append((index, table, row, k))
                periods.append(by_row if by_row and unstated(read[key]) else read[key])
    periods = complete(periods, text)
    facts: dict[int, TableFacts] = {}
    figures: list[Figure] = []
    for (index, table, row, k), period in zip(cells, periods, strict=True):
        cell = row.cells[k]
        if index not in facts:
            facts[index] = table_facts(table)
        unit, scale, scale_label = cell_units(cell.raw, row, k, table, release, facts[index])
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
                period_kind=period.kind,
                period_end=period.end.isoformat() if period.end else None,
                fiscal_period=period.fiscal,
                row_text=text[row.start : row.end],
                row_start=row.start,
                row_end=row.end,
                footnotes=[*row.footnotes, *cell.footnotes],
                page=page_at(list(page_starts), row.start),
                derived=period.derived,
            )
        )
    logger.debug("%s: %d figures from %d tables", doc_id, len(figures), len({c[0] for c in cells}))
    return figures
