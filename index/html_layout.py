"""The reading of an HTML table's grid: header and title rows, label columns, value columns and their spacers.

- header rows: ``<thead>`` and ``<th>`` rows and the leading rows without a figure; leading rows holding only a
  title (``CONSOLIDATED BALANCE SHEETS``, ``(in millions)``) are title rows, moved above the table as its caption;
- spacer cells of SEC-style tables belong to the value next to them: ``$`` + ``1,234`` -> ``$1,234``,
  ``(12`` + ``)`` -> ``(12)``, ``12.5`` + ``%`` -> ``12.5%``; blank padding columns are dropped or, holding a
  header, given to the value column that header belongs to;
- leading text columns where each row fills only one (labels pushed right to show nesting) form the row label.
"""

from __future__ import annotations

import re

from index.cells import cell_kind, is_value
from index.html_grid import Cell, Grid, filled_cell

_PREFIX = re.compile(r"\(?(?:[A-Z]{0,3}[$€£¥₹])?\(?")  # "$", "US$", "(", "$("
_SUFFIX = re.compile(r"[)%]{1,2}")  # ")", "%", ")%"
_UNIT_WORD = re.compile(r"bps|pts?|ppts?|pp|basis points|percentage points", re.IGNORECASE)  # "25" + "bps"
_LABEL = -1  # owner of columns that belong to the row label


def is_token(text: str) -> bool:
    """A spacer cell: a currency sign or an opening parenthesis before a value, ``)`` or ``%`` after it."""
    return bool(text) and bool(_PREFIX.fullmatch(text) or _after(text))


def _after(text: str) -> bool:
    """A spacer cell that belongs to the value on its left."""
    return bool(_SUFFIX.fullmatch(text) or _UNIT_WORD.fullmatch(text))


def _looks_numeric(text: str) -> bool:
    """A figure, also one cut from its closing parenthesis (``(12`` before a ``)`` cell)."""
    if not text or is_token(text) or cell_kind(text) == "period":
        return False
    return is_value(text) or is_value(text + ")")


def joined_text(cells: list[Cell]) -> str:
    """The cells' texts as one value: spacer signs glued to it (``$1,234``, ``(12)``), other texts spaced."""
    out = cells[0].text
    for prev, cur in zip(cells, cells[1:], strict=False):
        glued = _PREFIX.fullmatch(prev.text) or _SUFFIX.fullmatch(cur.text)
        out += ("" if glued else " ") + cur.text
    return out


class Layout:
    """The reading of one table's grid: header rows, label columns, value columns and their spacers."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.width = len(grid[0]) if grid else 0
        n = len(grid)
        self.numeric = [any(_looks_numeric(self._text(r, c)) for c in range(1, self.width)) for r in range(n)]
        self.header, self.titles, self.body = self._rows()
        self.label_cols = self._label_columns()
        self.kind = {c: self._column_kind(c) for c in range(self.label_cols, self.width)}
        self.anchors = [c for c, k in self.kind.items() if k == "value"]
        self.owner: dict[int, int] = {c: c for c in self.anchors}
        for c, k in self.kind.items():
            if k == "spacer":
                left, right = self._neighbours(c)
                texts = self._body_texts(c)
                ahead = sum(bool(_PREFIX.fullmatch(t)) for t in texts) * 2 >= len(texts)
                first, second = (right, left) if ahead else (left, right)
                self.owner[c] = first if first is not None else second if second is not None else _LABEL
        for c, k in self.kind.items():
            if k == "empty":
                owner = self._header_owner(c)
                if owner is None:
                    self.anchors.append(c)
                    owner = c
                self.owner[c] = owner
        self.anchors.sort()

    def _text(self, r: int, c: int) -> str:
        """The text of a slot, unless it is the first column's cell spanning right."""
        slot = self.grid[r][c]
        return slot.cell.text if slot and (c == 0 or not self._in_label(r, slot.cell, 1)) else ""

    def _in_label(self, r: int, cell: Cell, label_cols: int) -> bool:
        return any(s is not None and s.cell is cell for s in self.grid[r][:label_cols])

    def _rows(self) -> tuple[list[int], list[int], list[int]]:
        """Header rows, title rows (moved above the table) and body rows, each as row indexes."""
        n = len(self.grid)
        filled = [r for r in range(n) if any(s and s.cell.text for s in self.grid[r])]

        def marked(r: int, use_th: bool) -> bool:
            cells = [s.cell for s in self.grid[r] if s and s.cell.text]
            return all(c.head for c in cells) or (use_th and all(c.th for c in cells))

        def run(use_th: bool) -> int:
            end = 0
            while end < n and (marked(end, use_th) or not self.numeric[end]):
                end += 1
            return end

        end = run(True) if any(self.numeric) else n
        if not any(self.numeric[end:]):
            end = run(False)
        if not any(self.numeric[end:]):
            end = self.numeric.index(True) if any(self.numeric) else n
        real = [r for r in filled if r < end and any(self._text(r, c) for c in range(1, self.width))]
        if not real:  # no header: leading title rows still go above, a "Revenue:" row heads the rows below
            first = next((r for r in filled if any(self._text(r, c) for c in range(1, self.width))), n)
            titles = [r for r in filled if r < first and not self._text(r, 0).endswith(":")]
            return [], titles, [r for r in filled if r not in titles]
        titles = [r for r in filled if r < real[0]]
        header = [r for r in filled if real[0] <= r <= real[-1]]
        return header, titles, [r for r in filled if r > real[-1]]

    def _label_columns(self) -> int:
        """Leading columns read as the row label: no figure in them, and no row filling two of them."""
        k = 1
        while k < self.width:
            texts = [self._text(r, k) for r in self.body]
            if not any(texts) or any(_looks_numeric(t) or is_token(t) for t in texts):
                break
            if any(len(self.label_cells(r, k + 1, top_only=False)) > 1 for r in range(len(self.grid))):
                break
            k += 1
        return k

    def label_cells(self, r: int, label_cols: int, top_only: bool) -> list[Cell]:
        """The distinct cells with text in the first ``label_cols`` columns of row ``r`` (top rows only if asked)."""
        cells: list[Cell] = []
        for s in self.grid[r][:label_cols]:
            if s and s.cell.text and (s.top or not top_only) and all(s.cell is not c for c in cells):
                cells.append(s.cell)
        return cells

    def _body_texts(self, c: int) -> list[str]:
        """The body texts of column ``c``: of its own cells, or where it has none, of cells spanning it."""
        own: list[str] = []
        spanning: list[str] = []
        for r in self.body:
            cell = filled_cell(self.grid[r][c])
            if cell is not None and (text := self._value_text(r, c)):
                sides = [filled_cell(self.grid[r][k]) for k in (c - 1, c + 1) if 0 <= k < self.width]
                (spanning if any(side is cell for side in sides) else own).append(text)
        return own or spanning

    def _value_text(self, r: int, c: int) -> str:
        slot = self.grid[r][c]
        return slot.cell.text if slot and not self._in_label(r, slot.cell, self.label_cols) else ""

    def _column_kind(self, c: int) -> str:
        texts = self._body_texts(c)
        if not texts:
            return "empty"
        return "spacer" if all(is_token(t) for t in texts) else "value"

    def _neighbours(self, c: int) -> tuple[int | None, int | None]:
        left = max((a for a in self.anchors if a < c), default=None)
        right = min((a for a in self.anchors if a > c), default=None)
        return left, right

    def _header_owner(self, c: int) -> int | None:
        """The value column a header-only column belongs to: the one (or the label) sharing its spanning header
        cell, else a value column with no header of its own where this column has one; None: a column of its own."""
        left, right = self._neighbours(c)
        candidates = [g for g in (right, left if left is not None else _LABEL) if g is not None]
        rows = [r for r in self.header if self._value_text(r, c)]

        def cells(g: int, r: int) -> list[Cell]:
            cols = range(self.label_cols) if g == _LABEL else [k for k, o in self.owner.items() if o == g]
            return [s.cell for k in cols if (s := self.grid[r][k]) and s.cell.text]

        for g in candidates:
            if any(any(x is self.grid[r][c].cell for x in cells(g, r)) for r in rows):  # type: ignore[union-attr]
                return g
        for g in candidates:
            if g != _LABEL and all(not cells(g, r) for r in rows):
                return g
        return None

    def pieces(self, r: int, header: bool) -> list[list[Cell]]:
        """The cells of row ``r`` in each value column, spacers included, in column order."""
        groups: dict[int, list[Cell]] = {a: [] for a in self.anchors}
        for c in range(self.label_cols, self.width):
            slot = self.grid[r][c]
            if slot is None or not slot.cell.text or self._in_label(r, slot.cell, self.label_cols):
                continue
            if header and not slot.top:
                continue
            g = self.owner[c]
            if not header and self.kind[c] == "spacer":
                left, right = self._neighbours(c)
                if _PREFIX.fullmatch(slot.cell.text) and right is not None:
                    g = right
                elif _after(slot.cell.text) and left is not None:
                    g = left
            if g == _LABEL:
                continue
            if all(slot.cell is not x for x in groups[g]):
                groups[g].append(slot.cell)
        return [groups[a] for a in self.anchors]
