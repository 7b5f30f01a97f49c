"""The cell grid of an HTML table: its own rows, colspan and rowspan expanded, each cell's text and indent.

A cell spanning columns or rows fills every slot it covers with the same :class:`Cell`; the slot says whether
it is the cell's top row.  Columns without text, and columns that only repeat the spanning cells to their left,
are dropped.  A cell's indent is how far its text is pushed right, in points, from ``padding-left`` /
``margin-left`` / ``text-indent`` styles and the non-breaking spaces before its first word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article")
_CELL_BREAKS = frozenset({*BLOCK_TAGS, "td", "th", "ul", "ol", "caption", "sup"})  # "Revenue (1)", as before
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ue000\ue001"))
_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*([a-z%]*)", re.IGNORECASE)
_POINTS = {"pt": 1.0, "px": 0.75, "": 0.75, "em": 12.0, "rem": 12.0, "ex": 6.0, "ch": 6.0, "in": 72.0,
           "cm": 28.35, "mm": 2.835, "pc": 12.0}
_SPACE_POINTS = {"\xa0": 3.0, "\u2002": 6.0, "\u2003": 12.0, "\u2007": 6.0, "\u2009": 2.0}


@dataclass(eq=False)
class Cell:
    """One ``<td>``/``<th>``: its text, whether it is marked as a header, and its indent in points."""

    text: str
    th: bool
    head: bool  # in <thead>
    indent: int


@dataclass
class Slot:
    """One position of the grid, filled by a cell that may span several."""

    cell: Cell
    top: bool  # the first row the cell covers


Grid = list[list[Slot | None]]


def own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested in it: ``<thead>`` first, ``<tfoot>`` last."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    order = {"thead": 0, "tfoot": 2}
    return sorted(rows, key=lambda tr: order.get(tr.parent.name if tr.parent else "", 1))


def row_cells(tr: Tag) -> list[Tag]:
    """The ``<td>`` and ``<th>`` elements of a row."""
    return [td for td in tr.children if isinstance(td, Tag) and td.name in ("td", "th")]


def _span(value: object, limit: int) -> int:
    match = re.match(r"\s*(\d+)", str(value)) if value is not None else None
    n = int(match.group(1)) if match else 1
    return max(0, min(n, limit))


def table_grid(rows: list[Tag]) -> Grid:
    """The grid of ``rows``, spans expanded, rows padded to one width, empty and repeating columns dropped."""
    grid: Grid = [[] for _ in rows]
    for r, tr in enumerate(rows):
        head = tr.parent is not None and tr.parent.name == "thead"
        c = 0
        for td in row_cells(tr):
            cell = Cell(cell_text(td), td.name == "th", head, _indent(td))
            colspan = _span(td.get("colspan"), 1000) or 1
            rowspan = _span(td.get("rowspan"), len(rows) - r) or len(rows) - r  # 0: to the end
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            for dr in range(rowspan):
                target = grid[r + dr]
                target.extend([None] * (c + colspan - len(target)))
                for dc in range(colspan):
                    if target[c + dc] is None:
                        target[c + dc] = Slot(cell, dr == 0)
            c += colspan
    width = max(map(len, grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    keep: list[int] = []  # columns with text, but not one that only repeats the spanning cells to its left
    for c in range(width):
        column = [filled_cell(row[c]) for row in grid]
        if any(column) and not (keep and all(x is filled_cell(row[keep[-1]]) for x, row in zip(column, grid))):
            keep.append(c)
    return [[row[c] for c in keep] for row in grid]


def filled_cell(slot: Slot | None) -> Cell | None:
    """The slot's cell where it has text, else None."""
    return slot.cell if slot is not None and slot.cell.text else None


def cell_text(td: Tag) -> str:
    """The visible text of an element, block breaks as spaces, whitespace collapsed, invisible characters dropped."""
    parts: list[str] = []
    for node in td.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                parts.append(str(node))
        elif isinstance(node, Tag) and node.name in _CELL_BREAKS:
            parts.append(" ")
    return " ".join("".join(parts).translate(_INVISIBLE).split())


def _indent(td: Tag) -> int:
    """How far the cell's text is pushed right, in points: indent styles on the way to its first word,
    and the non-breaking spaces before it."""
    raw = ""
    first: NavigableString | None = None
    for node in td.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            raw += str(node).translate(_INVISIBLE)
            if raw.strip():
                first = node
                break
    if first is None:
        return 0
    points = sum(_SPACE_POINTS.get(ch, 0.0) for ch in raw[: len(raw) - len(raw.lstrip())])
    element = first.parent
    while element is not None:
        points += _style_indent(str(element.get("style") or ""))
        if element is td:
            break
        element = element.parent
    return round(points)


def _style_indent(style: str) -> float:
    points = 0.0
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, values = name.strip().lower(), value.split()
        if not values:
            continue
        if name in ("padding-left", "margin-left", "text-indent"):
            points += _length(values[0])
        elif name in ("padding", "margin"):
            points += _length(values[{1: 0, 2: 1, 3: 1}.get(len(values), 3)])
    return points


def _length(value: str) -> float:
    match = _LENGTH.fullmatch(re.sub(r"!\s*important", "", value).strip())
    if not match:
        return 0.0
    return float(match.group(1)) * _POINTS.get(match.group(2).lower(), 0.0)
