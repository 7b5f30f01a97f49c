"""Locate tables in a release's text and parse them into labelled grids.

Layouts: tab-separated lines (also HTML tables converted to TSV), markdown pipe
tables, PDF text tables aligned with runs of spaces (``index.table_layouts``)
and tables flattened into one paragraph (``index.flattened``).  No document, company or row
names are known here: everything is inferred from the shape of the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index import table_layouts as tl
from index.cells import decimals, parse_value, split_footnotes, split_label_marks
from index.flattened import find_flattened
from index.periods import YEAR
from index.table_layouts import Field, RawRow, RawTable

logger = logging.getLogger(__name__)

_MAX_CAPTION = 300


@dataclass
class Caption:
    text: str
    start: int
    end: int


@dataclass
class TableCell:
    """A body cell: source text without footnote markers, and its offsets."""

    raw: str
    start: int
    end: int
    footnotes: list[str]


@dataclass
class TableRow:
    """A body row.  ``columns``/``units`` are the header labels in force for it
    (a mid-table header row such as ``2011 2010`` replaces them)."""

    label: str
    parent_label: str | None
    cells: list[TableCell]
    columns: tuple[str, ...]
    units: tuple[str, ...]
    start: int
    end: int
    footnotes: list[str]


@dataclass
class TableBlock:
    layout: str  # "tsv" | "pipe" | "spaced" | "flattened"
    start: int
    end: int
    caption: Caption | None
    header_rows: list[tuple[str, ...]]
    columns: tuple[str, ...]  # one combined label per value column
    units: tuple[str, ...]  # unit/scale header token per column ("" if none)
    stub: str  # header text over the label column
    rows: list[TableRow]


# a line that cannot end a heading: it stops on a word that needs what follows ("... ATTRIBUTABLE TO", "... and")
_WRAPS = re.compile(r"(?:\b(?:to|of|and|or|for|by|from|in|on|with|per|the|attributable|before|after|less|net)|,|-)\s*$",
                    re.I)

def find_tables(text: str, given: Sequence[RawTable] = ()) -> list[TableBlock]:
    """All tables in ``text``, in order of position: those ``given`` by the reader (from an HTML DOM or a
    PDF's page geometry), then tables found from the text's layout outside them."""
    accepted: list[RawTable] = list(given)
    for raw in [*tl.find_tsv(text), *tl.find_pipe(text), *tl.find_spaced(text), *find_flattened(text)]:
        if all(raw.end <= t.start or raw.start >= t.end for t in accepted):
            accepted.append(raw)
    accepted.sort(key=lambda t: t.start)
    return [_build(text, raw) for raw in accepted]


def _combine(
    headers: list[RawRow], ncols: int, spans_known: bool = False
) -> tuple[list[tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    grid = [[c.text for c in r.cells] + [""] * (ncols - len(r.cells)) for r in headers]
    for r, row in enumerate([] if spans_known else grid[:-1]):  # a spanning header printed once spans right
        for k in range(1, ncols):
            if not row[k] and row[k - 1] and any(grid[x][k] for x in range(r + 1, len(grid))):
                row[k] = row[k - 1]
    for r, row in enumerate(grid[:-1]):  # a lone year over the header rows below it heads all their columns
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and YEAR.search(filled[0]) and not YEAR.search(" ".join(sum(grid[r + 1:], []))):
            grid[r] = [filled[0] if any(grid[x][k] for x in range(r + 1, len(grid))) else "" for k in range(ncols)]
    units = [""] * ncols
    labels: list[list[str]] = [[] for _ in range(ncols)]
    for row in grid:
        for k, cell in enumerate(row):
            if cell and tl.is_units_row(row):
                units[k] = cell
            elif cell:
                labels[k].append(cell)
    columns = tuple(" ".join(" ".join(parts).split()) for parts in labels)
    return [tuple(row) for row in grid], columns, tuple(units)


def _sums(values: list[float | None], rows: list[list[float | None]], places: list[int]) -> bool:
    """``values`` are the column totals of ``rows`` (two or more), to the rounding of figures printed with
    ``places`` decimals."""
    if len(rows) < 2 or not any(v is not None for v in values):
        return False
    for k, v in enumerate(values):
        parts = [x for r in rows if k < len(r) and (x := r[k]) is not None]
        if v is None or not parts:
            if v is not None or parts:
                return False
            continue
        if abs(sum(parts) - v) > 0.5 * 10 ** -places[k] * len(parts) + 1e-9:
            return False
    return True


def _is_blank_row(row: RawRow) -> bool:
    """A title row above the header: a label and no cells."""
    return not any(c.text for c in row.cells)


def _build(text: str, raw: RawTable) -> TableBlock:
    ncols = max(len(r.cells) for r in raw.rows)
    while ncols > 1 and all(len(r.cells) < ncols or not r.cells[ncols - 1].text for r in raw.rows):
        ncols -= 1
    count = 0
    while count < len(raw.rows) and (
        (raw.header_count is not None and count < raw.header_count)
        or tl.is_header_row(raw.rows[count])
        or (_is_blank_row(raw.rows[count]) and count + 1 < len(raw.rows) and tl.is_header_row(raw.rows[count + 1]))
    ):
        count += 1
    headers, body = raw.rows[:count], raw.rows[count:]
    header_rows, columns, units = (_combine(headers, ncols, raw.layout in ("html", "pdf")) if headers
                                   else ([], ("",) * ncols, ("",) * ncols))
    stub = " ".join(r.label.text for r in headers if r.label.text)
    indents = {r.label.indent for r in body if r.label.text}
    rows: list[TableRow] = []
    stack: list[tuple[int, str]] = []
    open_parent: str | None = None
    group: list[list[float | None]] = []  # the values of the rows under the open heading
    cur_cols, cur_units = columns, units
    restated: list[RawRow] = []  # a header printed again mid-table, over one or more lines
    for r in body:
        cells = (r.cells + [Field("", r.end, r.end)] * ncols)[:ncols]
        if not r.label.text and tl.is_header_row(r):
            if tl.is_units_row([c.text for c in cells]):
                cur_units = tuple(c.text for c in cells)
            else:
                restated.append(r)
                _, cur_cols, _ = _combine(restated, ncols, raw.layout in ("html", "pdf"))
                cur_units = ("",) * ncols
            stack, open_parent = [], None
            continue
        restated = []
        if not r.label.text and not any(c.text for c in cells):
            continue
        label, marks = split_label_marks(r.label.text)
        label = label.rstrip(":").strip()
        has_values = any(c.text for c in cells)
        if raw.explicit_parents:
            parent = r.parent
        elif len(indents) > 1 and raw.layout != "pdf":  # PDF indents vary by a point or two: headings say more
            while stack and stack[-1][0] >= r.label.indent:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((r.label.indent, label))
        elif not has_values:
            if rows and open_parent and rows[-1].label == open_parent and not any(c.raw for c in rows[-1].cells) \
                    and _WRAPS.search(open_parent):
                # a heading wrapped onto a second line ("NET INCOME PER COMMON SHARE ATTRIBUTABLE TO" / "ACME:")
                label = f"{open_parent} {label}"
                rows.pop()
            parent, open_parent, group = None, label, []
        else:
            parent = open_parent
            values = [parse_value(c.text) for c in cells]
            if label.lower().startswith("total") or (
                    open_parent and _sums(values, group, [decimals(c.text) for c in cells])):
                open_parent = None  # a total closes the group it sums, labelled "Total …" or not labelled at all
            group.append(values)
        table_cells = []
        for c in cells:
            value, cmarks = split_footnotes(c.text)
            table_cells.append(TableCell(value, c.start, c.start + len(value), cmarks))
        rows.append(TableRow(label, parent, table_cells, cur_cols, cur_units, r.start, r.end, marks))
    return TableBlock(
        raw.layout, raw.start, raw.end, _caption(text, raw.start), header_rows, columns, units, stub, rows
    )


def _caption(text: str, start: int) -> Caption | None:
    """The paragraph (or its last line) just before ``start``, if short enough."""
    end = len(text[:start].rstrip())
    if end == 0:
        return None
    para_start = text.rfind("\n\n", 0, end)
    para_start = 0 if para_start < 0 else para_start + 2
    if end - para_start > _MAX_CAPTION:
        para_start = text.rfind("\n", 0, end) + 1
    para = text[para_start:end]
    begin = para_start + len(para) - len(para.lstrip())
    caption = text[begin:end]
    if not caption or end - begin > _MAX_CAPTION or "\t" in caption or caption.startswith("|"):
        return None
    return Caption(caption, begin, end)


# --- tables flattened into one paragraph -------------------------------------------------
