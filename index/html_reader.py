"""Read an HTML release: its visible text, and its data tables from the DOM with offsets into that text.

A data table becomes one paragraph, one line per row, cells tab-separated, and a :class:`RawTable`
whose fields are the exact offsets of each cell's text in that paragraph:

- colspan and rowspan expanded: a cell spanning columns is the same :class:`Field` in every column it
  spans (printed once); a body cell spanning rows is printed again in each row it covers, a header cell
  spanning header rows counts once (in its top row), so header levels join without repeats;
- header rows: ``<thead>`` and ``<th>`` rows and the leading rows without a figure; leading rows holding
  only a title (``CONSOLIDATED BALANCE SHEETS``, ``(in millions)``) are moved above the table as its caption;
- spacer cells of SEC-style tables merged into the value they belong to: ``$`` + ``1,234`` -> ``$1,234``,
  ``(12`` + ``)`` -> ``(12)``, ``12.5`` + ``%`` -> ``12.5%``; blank padding columns dropped or, holding a
  header, given to the value column that header belongs to;
- leading text columns where each row fills only one (labels pushed right to show nesting) form the row
  label; nesting from indentation (``padding-left``/``margin-left``/``text-indent`` styles, ``&nbsp;``, the
  label's column) sets each row's parent.

Layout tables (one column, a nested data table, or no figure outside the first column) stay paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from index import table_layouts as tl
from index.table_layouts import Field, RawRow, RawTable

BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article")
_CELL_BREAKS = frozenset({*BLOCK_TAGS, "td", "th", "ul", "ol", "caption", "sup"})  # "Revenue (1)", as before
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ue000\ue001"))
_MARK = "\ue000{}\ue001"
_MARK_RE = re.compile(r"\s*\ue000(\d+)\ue001\s*")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_PREFIX = re.compile(r"\(?(?:[A-Z]{0,3}[$€£¥₹])?\(?")  # "$", "US$", "(", "$("
_SUFFIX = re.compile(r"[)%]{1,2}")  # ")", "%", ")%"
_UNIT_WORD = re.compile(r"bps|pts?|ppts?|pp|basis points|percentage points", re.IGNORECASE)  # "25" + "bps"
_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*([a-z%]*)", re.IGNORECASE)
_POINTS = {"pt": 1.0, "px": 0.75, "": 0.75, "em": 12.0, "rem": 12.0, "ex": 6.0, "ch": 6.0, "in": 72.0,
           "cm": 28.35, "mm": 2.835, "pc": 12.0}
_SPACE_POINTS = {"\xa0": 3.0, "\u2002": 6.0, "\u2003": 12.0, "\u2007": 6.0, "\u2009": 2.0}
_LABEL_STEP = 12  # points of indent for each label column a label is pushed right
_LABEL = -1  # owner of columns that belong to the row label


@dataclass
class HtmlText:
    """The visible text of an HTML release and the data tables read from its DOM (offsets into ``text``)."""

    text: str
    tables: list[RawTable] = field(default_factory=list)


def read_html(html: str) -> HtmlText:
    """Visible text of an HTML release (scripts and hidden elements dropped, headings bold, data tables as
    tab-separated rows) and its data tables as :class:`RawTable` objects."""
    soup = BeautifulSoup(html.translate({0xE000: None, 0xE001: None}), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "ix:header"]):
        tag.decompose()
    for tag in [*soup.find_all(style=_HIDDEN), *soup.find_all(hidden=True)]:
        if not tag.decomposed:
            tag.decompose()
    rendered: list[_Rendered] = []
    for table in reversed(soup.find_all("table")):  # innermost first
        result = _render(table)
        if result is None:  # a layout table: its cells stay paragraphs
            for tr in _own_rows(table):
                for td in _cells(tr)[1:]:
                    td.insert_before(" ")
            continue
        mark = soup.new_tag("div")
        mark.string = _MARK.format(len(rendered))
        parts: list[Tag] = [mark]
        if result.titles:
            title = soup.new_tag("div")
            for i, line in enumerate(result.titles):
                if i:
                    title.append(soup.new_tag("br"))
                title.append(line)
            parts.insert(0, title)
        table.replace_with(*parts)
        rendered.append(result)
    for node in soup.find_all(string=True):  # source line wraps are spaces, as a browser shows them
        if type(node) is NavigableString and not node.find_parent("pre") and "\n" in node:
            node.replace_with(NavigableString(re.sub(r"\s+", " ", str(node))))
    for heading in soup.find_all(["h1", "h2"]):
        heading.replace_with(f"\n\n**{heading.get_text(' ', strip=True)}**\n\n")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n\n" if tag.name != "br" else "\n")
    lines = [line.strip(" ") for line in soup.get_text().split("\n")]
    text = "\n".join(line if "\t" in line else " ".join(line.split()) for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return _assemble(text, rendered)


def _assemble(text: str, rendered: list[_Rendered]) -> HtmlText:
    """Put each rendered table in place of its marker, as a paragraph of its own, and shift its offsets."""
    out: list[str] = []
    pos = 0
    tables: list[RawTable] = []
    for i, piece in enumerate(_MARK_RE.split(text)):
        block = rendered[int(piece)] if i % 2 else None
        chunk = block.text if block else piece.strip()
        if not chunk:
            continue
        if out:
            out.append("\n\n")
            pos += 2
        if block:
            tables.append(block.shifted(pos))
        out.append(chunk)
        pos += len(chunk)
    return HtmlText("".join(out) + "\n", tables)


# --- the DOM grid -----------------------------------------------------------------------------


@dataclass(eq=False)
class _Cell:
    text: str
    th: bool
    head: bool  # in <thead>
    indent: int


@dataclass
class _Slot:
    cell: _Cell
    top: bool  # the first row the cell covers


Grid = list[list[_Slot | None]]


def _own_rows(table: Tag) -> list[Tag]:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    order = {"thead": 0, "tfoot": 2}
    return sorted(rows, key=lambda tr: order.get(tr.parent.name if tr.parent else "", 1))


def _cells(tr: Tag) -> list[Tag]:
    return [td for td in tr.children if isinstance(td, Tag) and td.name in ("td", "th")]


def _span(value: object, limit: int) -> int:
    match = re.match(r"\s*(\d+)", str(value)) if value is not None else None
    n = int(match.group(1)) if match else 1
    return max(0, min(n, limit))


def _grid(rows: list[Tag]) -> Grid:
    grid: Grid = [[] for _ in rows]
    for r, tr in enumerate(rows):
        head = tr.parent is not None and tr.parent.name == "thead"
        c = 0
        for td in _cells(tr):
            cell = _Cell(_cell_text(td), td.name == "th", head, _indent(td))
            colspan = _span(td.get("colspan"), 1000) or 1
            rowspan = _span(td.get("rowspan"), len(rows) - r) or len(rows) - r  # 0: to the end
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            for dr in range(rowspan):
                target = grid[r + dr]
                target.extend([None] * (c + colspan - len(target)))
                for dc in range(colspan):
                    if target[c + dc] is None:
                        target[c + dc] = _Slot(cell, dr == 0)
            c += colspan
    width = max(map(len, grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    keep: list[int] = []  # columns with text, but not one that only repeats the spanning cells to its left
    for c in range(width):
        column = [_filled(row[c]) for row in grid]
        if any(column) and not (keep and all(x is _filled(row[keep[-1]]) for x, row in zip(column, grid))):
            keep.append(c)
    return [[row[c] for c in keep] for row in grid]


def _filled(slot: _Slot | None) -> _Cell | None:
    return slot.cell if slot is not None and slot.cell.text else None


def _cell_text(td: Tag) -> str:
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


# --- grid to table ----------------------------------------------------------------------------


def _is_token(text: str) -> bool:
    """A spacer cell: a currency sign or an opening parenthesis before a value, ``)`` or ``%`` after it."""
    return bool(text) and bool(_PREFIX.fullmatch(text) or _after(text))


def _after(text: str) -> bool:
    """A spacer cell that belongs to the value on its left."""
    return bool(_SUFFIX.fullmatch(text) or _UNIT_WORD.fullmatch(text))


def _looks_numeric(text: str) -> bool:
    """A figure, also one cut from its closing parenthesis (``(12`` before a ``)`` cell)."""
    if not text or _is_token(text) or tl.cell_kind(text) == "period":
        return False
    return tl.is_value(text) or tl.is_value(text + ")")


def _join(cells: list[_Cell]) -> str:
    out = cells[0].text
    for prev, cur in zip(cells, cells[1:], strict=False):
        glued = _PREFIX.fullmatch(prev.text) or _SUFFIX.fullmatch(cur.text)
        out += ("" if glued else " ") + cur.text
    return out


@dataclass
class _Rendered:
    text: str
    table: RawTable
    titles: list[str]

    def shifted(self, base: int) -> RawTable:
        """The table with its offsets moved by ``base`` (a spanning field, shared by columns, moves once)."""
        moved: set[int] = set()
        for row in self.table.rows:
            row.start, row.end = row.start + base, row.end + base
            for f in (row.label, *row.cells):
                if id(f) not in moved:
                    moved.add(id(f))
                    f.start, f.end = f.start + base, f.end + base
        self.table.start, self.table.end = self.table.start + base, self.table.end + base
        return self.table


class _Layout:
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

    def _in_label(self, r: int, cell: _Cell, label_cols: int) -> bool:
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
            if not any(texts) or any(_looks_numeric(t) or _is_token(t) for t in texts):
                break
            if any(len(self.label_cells(r, k + 1, top_only=False)) > 1 for r in range(len(self.grid))):
                break
            k += 1
        return k

    def label_cells(self, r: int, label_cols: int, top_only: bool) -> list[_Cell]:
        cells: list[_Cell] = []
        for s in self.grid[r][:label_cols]:
            if s and s.cell.text and (s.top or not top_only) and all(s.cell is not c for c in cells):
                cells.append(s.cell)
        return cells

    def _body_texts(self, c: int) -> list[str]:
        """The body texts of column ``c``: of its own cells, or where it has none, of cells spanning it."""
        own: list[str] = []
        spanning: list[str] = []
        for r in self.body:
            cell = _filled(self.grid[r][c])
            if cell is not None and (text := self._value_text(r, c)):
                sides = [_filled(self.grid[r][k]) for k in (c - 1, c + 1) if 0 <= k < self.width]
                (spanning if any(side is cell for side in sides) else own).append(text)
        return own or spanning

    def _value_text(self, r: int, c: int) -> str:
        slot = self.grid[r][c]
        return slot.cell.text if slot and not self._in_label(r, slot.cell, self.label_cols) else ""

    def _column_kind(self, c: int) -> str:
        texts = self._body_texts(c)
        if not texts:
            return "empty"
        return "spacer" if all(_is_token(t) for t in texts) else "value"

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

        def cells(g: int, r: int) -> list[_Cell]:
            cols = range(self.label_cols) if g == _LABEL else [k for k, o in self.owner.items() if o == g]
            return [s.cell for k in cols if (s := self.grid[r][k]) and s.cell.text]

        for g in candidates:
            if any(any(x is self.grid[r][c].cell for x in cells(g, r)) for r in rows):  # type: ignore[union-attr]
                return g
        for g in candidates:
            if g != _LABEL and all(not cells(g, r) for r in rows):
                return g
        return None

    def pieces(self, r: int, header: bool) -> list[list[_Cell]]:
        """The cells of row ``r`` in each value column, spacers included, in column order."""
        groups: dict[int, list[_Cell]] = {a: [] for a in self.anchors}
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


def _render(table: Tag) -> _Rendered | None:
    """The table as text and :class:`RawTable`, or None for a layout table."""
    rows = _own_rows(table)
    if not rows or any("\ue000" in tr.get_text() for tr in rows):  # holds a data table: a layout table
        return None
    grid = _grid(rows)
    if not grid or len(grid[0]) < 2:
        return None
    layout = _Layout(grid)
    if not any(layout.numeric[r] for r in layout.body) or not layout.anchors:
        return None
    caption = table.find("caption", recursive=False)
    titles = [_cell_text(caption)] if isinstance(caption, Tag) and _cell_text(caption) else []
    titles += [" ".join(c.text for c in layout.label_cells(r, layout.label_cols, True)) for r in layout.titles]
    lines: list[str] = []
    raw_rows: list[RawRow] = []
    header_count = 0
    pos = 0
    for r in sorted([*layout.header, *layout.body]):
        header = r in layout.header
        label_cells = layout.label_cells(r, layout.label_cols, top_only=header)
        groups = layout.pieces(r, header)
        if not header:  # spacer signs alone are no value
            groups = [g if any(not _is_token(c.text) for c in g) else [] for g in groups]
        label_text = " ".join(c.text for c in label_cells)
        if not label_text and not any(groups):
            continue
        label = Field(label_text, pos, pos + len(label_text), _label_indent(layout, r, label_cells) if not header else 0)
        line = label_text
        cells: list[Field] = []
        printed: dict[int, Field] = {}  # a cell spanning value columns: one field, printed once
        for g in groups:
            key = id(g[0]) if len(g) == 1 else None
            if key is not None and key in printed:
                cells.append(printed[key])
                text = ""
            else:
                text = _join(g) if g else ""
                start = pos + len(line) + 1
                cells.append(Field(text, start, start + len(text)))
                if key is not None:
                    printed[key] = cells[-1]
            line += "\t" + text
        raw_rows.append(RawRow(pos, pos + len(line), label, cells))
        header_count += header
        lines.append(line)
        pos += len(line) + 1
    if not any(any(tl.is_value(c.text) for c in row.cells) for row in raw_rows[header_count:]):
        return None
    explicit = _set_parents(raw_rows[header_count:])
    text = "\n".join(lines)
    return _Rendered(text, RawTable("html", 0, len(text), raw_rows, header_count, explicit), titles)


def _label_indent(layout: _Layout, r: int, cells: list[_Cell]) -> int:
    if not cells:
        return 0
    column = next(k for k, s in enumerate(layout.grid[r]) if s and s.cell is cells[0])
    return cells[0].indent + column * _LABEL_STEP


@dataclass
class _Open:
    """A row that may be the parent of the rows below it."""

    indent: int
    label: str
    heading: bool  # a label-only row
    nested: bool = False  # rows indented deeper have followed it


def _set_parents(body: list[RawRow]) -> bool:
    """Each row's parent from the labels' indentation: the nearest row above indented less; a label-only row
    heads the rows at its own indent until rows indented deeper have followed it; a total's parent is the
    group it closes.  False (parents left to ``index.tables``) where every label has the same indent."""
    if len({r.label.indent for r in body if r.label.text}) < 2:
        return False
    stack: list[_Open] = []
    for row in body:
        if not row.label.text:
            if tl.is_header_row(row):
                stack = []
            continue
        indent = row.label.indent
        label = tl.split_footnotes(row.label.text)[0].rstrip(":").strip()
        heading = not any(c.text for c in row.cells)
        total = label.lower().startswith("total") and not heading
        while stack and not _heads(stack[-1], indent, heading, total):
            stack.pop()
        if total:
            opened = [i for i, entry in enumerate(stack) if entry.heading]
            row.parent = stack[opened[-1]].label if opened else None
            del stack[opened[-1] if opened else len(stack) :]
            continue
        if stack and stack[-1].indent < indent:
            stack[-1].nested = True
        row.parent = stack[-1].label if stack else None
        stack.append(_Open(indent, label, heading))
    return True


def _heads(entry: _Open, indent: int, heading: bool, total: bool) -> bool:
    """Whether ``entry`` stays open above a row at ``indent``."""
    if entry.indent != indent:
        return entry.indent < indent
    return entry.heading and not heading and (total or not entry.nested)
