"""Draw a financial table into a PDF as releases set one: headers centred over the columns they span,
numbers right-aligned, ``$`` apart from its number. For tests of reading tables from page geometry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Head = tuple[str, int, int]  # text, first column, last column (inclusive)


@dataclass
class Layout:
    caption: list[str]
    heads: list[list[Head]]  # header lines, top to bottom
    rows: list[tuple[str, list[str]]]  # label, cells ("" for none)
    label_width: float = 200
    column_width: float = 70
    left: float = 54
    font_size: float = 8
    underline: bool = True


def draw(path: Path, *tables: Layout, prose: str = "Acme Industries, Inc. (NYSE: ACME) reported results for the period.") -> Path:
    """One page: a line of prose, then each table under its caption."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    y = 750.0
    c.drawString(54, y, prose)
    y -= 30
    for t in tables:
        c.setFont("Helvetica", t.font_size)
        step = t.font_size * 1.5
        for line in t.caption:
            c.drawCentredString(306, y, line)
            y -= step
        y -= step / 2
        right = [t.left + t.label_width + (k + 1) * t.column_width for k in range(_width(t))]
        for heads in t.heads:
            for text, first, last in heads:
                x0 = right[first] - t.column_width + 8
                c.drawCentredString((x0 + right[last]) / 2, y, text)
                if t.underline and last > first:  # the rule under a spanning head, as SEC-style tables draw it
                    c.setLineWidth(0.5)
                    c.line(x0, y - 3, right[last], y - 3)
            y -= step
        for label, cells in t.rows:
            c.drawString(t.left + (8 if label.startswith("  ") else 0), y, label.strip())
            for k, cell in enumerate(cells):
                if cell.startswith("$ "):
                    c.drawString(right[k] - t.column_width + 12, y, "$")
                    cell = cell[2:]
                if cell:
                    c.drawRightString(right[k], y, cell)
            y -= step
        y -= 2 * step
    c.showPage()
    c.save()
    return path


def _width(t: Layout) -> int:
    return max(len(cells) for _, cells in t.rows)
