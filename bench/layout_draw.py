"""Draw financial tables into a PDF page as releases set them: heads centred (or right-aligned) over the columns
they span and wrapped to their width, numbers right-aligned, ``$`` apart from or against its number, rules
under spanning heads. Used by the layout benchmark and the PDF layout tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Head = tuple[str, int, int]  # text, first column, last column (inclusive)


@dataclass
class Layout:
    caption: list[str]
    heads: list[list[Head]]  # header lines, top to bottom
    rows: list[tuple[str, list[str]]]  # label, cells ("" for none); a label starting with two spaces is indented
    label_width: float = 200
    column_width: float = 70
    left: float = 54
    font_size: float = 8
    underline: bool = True  # a rule under each spanning head
    head_rule: bool = False  # a rule under the bottom head of every column
    align: str = "centre"  # heads over one column: "centre" or "right"
    dollar: str = "apart"  # "$ 5" cells: "apart" (the sign at the column's left) or "against" ("$5")
    leading: float = 1.5  # line step as a multiple of the font size
    wrap: bool = False  # heads wider than their columns are wrapped, bottom lines aligned
    caption_left: bool = False  # caption lines at the left margin instead of centred
    notes: list[str] = field(default_factory=list)  # lines of prose under the table
    stub: str = ""  # text at the left of the lowest header line ("(In millions)")
    hang: bool = False  # a negative's closing parenthesis hangs right of the column's edge
    shade: bool = False  # a grey band behind the header lines and behind every other body row
    grid: bool = False  # ruled cells: a line under every row and between columns
    bold_heads: bool = False
    superscripts: bool = False  # a label's trailing footnote number ("Net sales (1)") set small and raised
    spacer: float = 0.0  # blank lines between the header and the first row
    percent_apart: bool = False  # "%" set in a cell of its own right of the number, as filings rendered from HTML
    top_aligned: bool = False  # wrapped heads hang from the top of their header row (HTML cells' default)


def draw(path: Path, *tables: Layout,
         prose: str = "Acme Industries, Inc. (NYSE: ACME) reported results for the period.") -> Path:
    """One page: a line of prose, then each table under its caption."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    y = 750.0
    c.drawString(54, y, prose)
    y -= 30
    for t in tables:
        y = _table(c, t, y)
    c.showPage()
    c.save()
    return path


def _table(c: Any, t: Layout, y: float) -> float:
    """Draw one table (caption, header lines, rows, notes) from ``y`` down; the ``y`` below it."""
    step = t.font_size * t.leading
    right = [t.left + t.label_width + (k + 1) * t.column_width for k in range(_width(t))]
    y = _heads(c, t, _caption(c, t, y, step), step, right)
    for number, (label, cells) in enumerate(t.rows):
        y = _row(c, t, y, step, right, number, label)
        for k, cell in enumerate(cells):
            _cell(c, t, y, right[k], cell)
        if t.grid:
            c.setLineWidth(0.4)
            c.line(t.left, y - 0.3 * step, right[-1] + 4, y - 0.3 * step)
            for x in [right[0] - t.column_width, *right[:-1]]:
                c.line(x + 2, y - 0.3 * step, x + 2, y + 0.7 * step)
        y -= step
    for line in t.notes:
        c.drawString(t.left, y, line)
        y -= step
    return y - 2 * step


def _caption(c: Any, t: Layout, y: float, step: float) -> float:
    c.setFont("Helvetica", t.font_size)
    for line in t.caption:
        if t.caption_left:
            c.drawString(t.left, y, line)
        else:
            c.drawCentredString(306, y, line)
        y -= step
    return y - step / 2


def _heads(c: Any, t: Layout, y: float, step: float, right: list[float]) -> float:
    """The header lines (a stub wrapped within the label column, heads centred or right-aligned, underlined
    where they span columns) and the rule under them; the ``y`` of the first row."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = _head_lines(t)
    if t.shade:
        _band(c, t.left, right[-1] + 4, y - (len(lines) - 1) * step - 0.3 * step, y + 0.8 * step)
    c.setFont("Helvetica-Bold" if t.bold_heads else "Helvetica", t.font_size)
    for index, heads in enumerate(lines):
        below = {(f, la) for _, f, la in lines[index + 1]} if index + 1 < len(lines) else set()
        if t.stub and index == len(lines) - 1:  # the stub wraps within the label column, its last line lowest
            stub = _break(t.stub, t.label_width - 10, t.font_size, stringWidth)
            for k, part in enumerate(stub):
                c.drawString(t.left, y + (len(stub) - 1 - k) * step, part)
        for text, first, last in heads:
            x0 = right[first] - t.column_width + 8
            if t.align == "right" and first == last:
                c.drawRightString(right[last], y, text)
            else:
                c.drawCentredString((x0 + right[last]) / 2, y, text)
            # a wrapped head: under its last line
            if text and t.underline and last > first and (first, last) not in below:
                c.setLineWidth(0.5)
                c.line(x0, y - 3, right[last], y - 3)
        y -= step
    c.setFont("Helvetica", t.font_size)
    y -= t.spacer * step
    if t.head_rule:
        c.setLineWidth(0.5)
        for k in range(len(right)):
            c.line(right[k] - t.column_width + 8, y + step - 3, right[k], y + step - 3)
    return y


def _row(c: Any, t: Layout, y: float, step: float, right: list[float], number: int, label: str) -> float:
    """A row's label (indented, wrapped, with its superscript mark, on a shaded band every other row); the
    ``y`` of its last line, where its numbers stand."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    indent = 8 if label.startswith("  ") else 0
    mark = ""
    if t.superscripts and (m := re.search(r"\u00a0\((\d)\)$", label)):
        label, mark = label[: m.start()], m[1]
    parts = _break(label.strip(), t.label_width - indent - 10, t.font_size, stringWidth)
    if t.shade and number % 2:
        _band(c, t.left, right[-1] + 4, y - (len(parts) - 1) * step - 0.3 * step, y + 0.8 * step)
    for k, part in enumerate(parts):  # a long label wraps; its numbers stand on its last line
        if k:
            y -= step
        c.drawString(t.left + indent + (6 if k else 0), y, part)
    if mark:
        x = t.left + indent + (6 if len(parts) > 1 else 0) + stringWidth(parts[-1], "Helvetica", t.font_size) + 0.5
        c.setFont("Helvetica", t.font_size * 0.6)
        c.drawString(x, y + t.font_size * 0.4, mark)
        c.setFont("Helvetica", t.font_size)
    return y


def _cell(c: Any, t: Layout, y: float, right: float, cell: str) -> None:
    """One number, right-aligned at ``right``: a dollar sign apart or joined, a percent sign or closing
    parenthesis hung outside the column as some releases print them."""
    if cell.startswith("$ ") and t.dollar == "apart":
        c.drawString(right - t.column_width + 12, y, "$")
        cell = cell[2:]
    elif cell.startswith("$ "):
        cell = "$" + cell[2:]
    if cell and t.percent_apart and cell.endswith("%"):
        c.drawRightString(right, y, cell[:-1])
        c.drawString(right + 0.3 * t.font_size, y, "%")
    elif cell and t.hang and cell.endswith(")"):
        c.drawRightString(right, y, cell[:-1])
        c.drawString(right + 0.5, y, ")")
    elif cell:
        c.drawRightString(right, y, cell)


def _band(c: Any, x0: float, x1: float, y0: float, y1: float) -> None:
    """A light grey band behind text (drawn first, so the text stays on top)."""
    c.saveState()
    c.setFillGray(0.88)
    c.rect(x0, y0, x1 - x0, y1 - y0, fill=1, stroke=0)
    c.restoreState()


def _head_lines(t: Layout) -> list[list[Head]]:
    """The head lines as drawn: with ``wrap``, each head broken into lines that fit its span, bottom-aligned
    (or top-aligned)."""
    if not t.wrap:
        return t.heads
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[list[Head]] = []
    for heads in t.heads:
        broken = [(_break(text, (last - first + 1) * t.column_width - 1.5 * t.font_size, t.font_size, stringWidth),
                   first, last)
                  for text, first, last in heads]
        depth = max((len(parts) for parts, _, _ in broken), default=1)
        for level in range(depth):
            line = []
            for parts, first, last in broken:
                k = level if t.top_aligned else level - (depth - len(parts))
                if 0 <= k < len(parts):
                    line.append((parts[k], first, last))
            out.append(line)
    return out


_DAY_AND_MONTH = re.compile(r"\b(\d{1,2}) (?=[A-Z][a-z]+)|\b([A-Z][a-z]{2,}\.?) (?=\d{1,2}\b)", re.I)


def unbreakable(text: str) -> list[str]:
    """The pieces a head is never broken inside: words, and a date's day and month together."""
    return [w.replace("\u00a0", " ")
            for w in _DAY_AND_MONTH.sub(lambda m: (m[1] or m[2]) + "\u00a0", text).split(" ") if w]


def _break(text: str, width: float, size: float, measure: Any) -> list[str]:
    """Lines of ``text`` that fit ``width``, breaking between words but never inside a date's day and month."""
    lines: list[str] = []
    for word in unbreakable(text):
        if lines and measure(lines[-1] + " " + word, "Helvetica", size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _width(t: Layout) -> int:
    return max(len(cells) for _, cells in t.rows)
