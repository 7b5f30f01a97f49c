"""Read an HTML release: its visible text, and its data tables from the DOM with offsets into that text.

A data table becomes one paragraph, one line per row, cells tab-separated, and a :class:`RawTable`
whose fields are the exact offsets of each cell's text in that paragraph.  The table's cell grid (colspan and
rowspan expanded) comes from :mod:`index.html_grid`, its reading (header and title rows, label columns, value
columns with their spacer cells) from :mod:`index.html_layout`; here each row is written out:

- a cell spanning value columns is the same :class:`Field` in every column it spans (printed once); a body
  cell spanning rows is printed again in each row it covers, a header cell spanning header rows counts once
  (in its top row), so header levels join without repeats;
- title rows and the ``<caption>`` go above the table;
- nesting from indentation (``padding-left``/``margin-left``/``text-indent`` styles, ``&nbsp;``, the
  label's column) sets each row's parent.

Layout tables (one column, a nested data table, or no figure outside the first column) stay paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from index import table_layouts as tl
from index.cells import is_value, split_footnotes
from index.html_grid import BLOCK_TAGS, Cell, cell_text, own_rows, row_cells, table_grid
from index.html_layout import Layout, is_token, joined_text
from index.table_layouts import Field, RawRow, RawTable

_MARK = "\ue000{}\ue001"
_MARK_RE = re.compile(r"\s*\ue000(\d+)\ue001\s*")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_LABEL_STEP = 12  # points of indent for each label column a label is pushed right


@dataclass
class HtmlText:
    """The visible text of an HTML release and the data tables read from its DOM (offsets into ``text``)."""

    text: str
    tables: list[RawTable] = field(default_factory=list)


def read_html(html: str) -> HtmlText:
    """Visible text of an HTML release (scripts and hidden elements dropped, headings bold, data tables as
    tab-separated rows) and its data tables as :class:`RawTable` objects."""
    soup = BeautifulSoup(html.translate({0xE000: None, 0xE001: None}), "lxml")
    for tag in soup(["script", "style", "noscript", "template", "head", "ix:header"]):
        tag.decompose()
    for tag in [*soup.find_all(style=_HIDDEN), *soup.find_all(hidden=True)]:
        if not tag.decomposed:
            tag.decompose()
    rendered: list[_Rendered] = []
    for table in reversed(soup.find_all("table")):  # innermost first
        result = _render(table)
        if result is None:  # a layout table: its cells stay paragraphs
            for tr in own_rows(table):
                for td in row_cells(tr)[1:]:
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



def _render(table: Tag) -> _Rendered | None:
    """The table as text and :class:`RawTable`, or None for a layout table."""
    rows = own_rows(table)
    if not rows or any("\ue000" in tr.get_text() for tr in rows):  # holds a data table: a layout table
        return None
    grid = table_grid(rows)
    if not grid or len(grid[0]) < 2:
        return None
    layout = Layout(grid)
    if not any(layout.numeric[r] for r in layout.body) or not layout.anchors:
        return None
    caption = table.find("caption", recursive=False)
    titles = [cell_text(caption)] if isinstance(caption, Tag) and cell_text(caption) else []
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
            groups = [g if any(not is_token(c.text) for c in g) else [] for g in groups]
        label_text = " ".join(c.text for c in label_cells)
        if not label_text and not any(groups):
            continue
        label = Field(label_text, pos, pos + len(label_text),
                      _label_indent(layout, r, label_cells) if not header else 0)
        line = label_text
        cells: list[Field] = []
        printed: dict[int, Field] = {}  # a cell spanning value columns: one field, printed once
        for g in groups:
            key = id(g[0]) if len(g) == 1 else None
            if key is not None and key in printed:
                cells.append(printed[key])
                text = ""
            else:
                text = joined_text(g) if g else ""
                start = pos + len(line) + 1
                cells.append(Field(text, start, start + len(text)))
                if key is not None:
                    printed[key] = cells[-1]
            line += "\t" + text
        raw_rows.append(RawRow(pos, pos + len(line), label, cells))
        header_count += header
        lines.append(line)
        pos += len(line) + 1
    if not any(any(is_value(c.text) for c in row.cells) for row in raw_rows[header_count:]):
        return None
    explicit = _set_parents(raw_rows[header_count:])
    text = "\n".join(lines)
    return _Rendered(text, RawTable("html", 0, len(text), raw_rows, header_count, explicit), titles)


def _label_indent(layout: Layout, r: int, cells: list[Cell]) -> int:
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
        label = split_footnotes(row.label.text)[0].rstrip(":").strip()
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
