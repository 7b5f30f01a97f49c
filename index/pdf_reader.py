"""A PDF release as text, its tables from page geometry, and where each page begins (pypdfium2).

Chosen by measuring on the shared earnings PDFs (see README "Reading PDFs"): PDFium through pypdfium2
reads the characters of the shared set's 248-page 8-K with their boxes in about 2 s, ten times faster than pypdf's
text alone and twenty times faster than pdfplumber's words, under permissive licences (Apache-2.0 /
BSD-3-Clause; PyMuPDF is AGPL). Lines and tables are built from the boxes here (``index.pdf_layout``,
``index.pdf_tables``). Prose lines keep their line breaks, paragraphs are separated by a blank line where
the vertical gap says so, and each table row is one line with its cells separated by tabs, the cells'
offsets handed over as a :class:`RawTable` so nothing re-parses flattened text.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import UnreadableRelease
from index.pdf_headers import Headers
from index.pdf_layout import Line, Rule, Segment, View, page_lines, page_rules
from index.pdf_tables import PageTable, find_page_tables
from index.table_layouts import Field, RawRow, RawTable

logger = logging.getLogger(__name__)
# PDFium is not thread-safe, not even across documents: every call into it (reading a release on an ingest
# thread, rendering a cited page for the app's viewer) holds this lock
PDFIUM_LOCK = threading.Lock()

_WORDLIKE = re.compile(r"[A-Za-z]{2,}")
_OPEN_END = re.compile(r"(?:\b(?:and|or|of|in|for|to|the|from|by|with|on|at|excluding|including|less|net of)"
                       r"|[,(&—–-])$", re.I)
_GLYPH_CODE = re.compile(r"^(?:/[A-Za-z]?\d+)+$|\(cid:\d+\)|[\ue000-\uf8ff]")  # "/0", "/g12/g13", "(cid:42)"
_NUMERIC = re.compile(r"^[($€£¥-]*\d[\d,.]*%?\)?[,.;:]?$")


@dataclass
class PdfText:
    """A PDF's text, its tables with offsets into the text, and each page's start offset."""

    text: str
    tables: list[RawTable] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)


class _Writer:
    """Appends text and tells the offset of what it appends."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def since(self, start: int) -> str:
        """What was written from offset ``start`` on."""
        parts, pos = [], self.pos
        for part in reversed(self.parts):
            if pos <= start:
                break
            parts.append(part)
            pos -= len(part)
        return "".join(reversed(parts))[start - pos :]

    def write(self, text: str) -> int:
        """Append ``text``; its offset."""
        at = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return at

    def field(self, text: str, indent: int = 0) -> Field:
        """Append ``text`` as a table cell or label with its offsets."""
        at = self.write(text)
        return Field(text, at, at + len(text), indent)

    def paragraph_break(self) -> None:
        """End the paragraph: a blank line, once."""
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.write("\n\n" if not self.parts[-1].endswith("\n") else "\n")


def read_pdf(path: Path, data: bytes) -> PdfText:
    """Text, tables and page starts of a PDF; ``UnreadableRelease`` when it is damaged, encrypted or has no
    readable text (scanned pages, or fonts that map glyphs to codes rather than letters)."""
    with PDFIUM_LOCK:
        return _read_pdf(path, data)


def render_page(path: Path, page: int, sha256: str, scale: float = 1.4) -> tuple[Any, str]:
    """Page ``page`` (1-based) of the PDF release at ``path``, rendered (a PIL image), if the file there is still
    the one ingested (its SHA-256 is ``sha256``); else None and why."""
    import pypdfium2 as pdfium

    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"the file {path} cannot be read ({exc.strerror or exc})"
    if hashlib.sha256(data).hexdigest() != sha256:
        return None, f"the file {path} has changed since it was ingested; re-ingest it to see its pages"
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            return None, f"the file {path} cannot be opened ({exc})"
        try:
            if not 1 <= page <= len(doc):
                return None, f"the file {path} has no page {page}"
            return doc[page - 1].render(scale=scale).to_pil(), ""
        finally:
            doc.close()


def _read_pdf(path: Path, data: bytes) -> PdfText:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise UnreadableRelease(f"{path}: encrypted PDF (a password is needed)") from exc
        raise UnreadableRelease(f"{path}: damaged or truncated PDF ({reason})") from exc
    out = _Writer()
    tables: list[RawTable] = []
    starts: list[int] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            page_width, page_height = page.get_size()
            view = View(page_width, page_height, page.get_rotation())
            width, _ = view.size
            lines = page_lines(page.get_textpage(), view)
            rules = functools.partial(page_rules, page, view)  # drawings are read only for pages with headers
            out.paragraph_break()
            starts.append(out.pos)
            for table in _write_page(out, lines, width, rules):
                gap = table.start - tables[-1].end if tables else _FURNITURE_CHARS + 1
                near = gap <= _FURNITURE_CHARS and _furniture(out.since(tables[-1].end)[:gap])
                tables.append(_continued(tables[-1], table) if near else table)
    except pdfium.PdfiumError as exc:
        raise UnreadableRelease(f"{path}: damaged PDF ({exc})") from exc
    finally:
        doc.close()
    text = "".join(out.parts).rstrip() + "\n"
    _check_readable(path, text)
    return PdfText(text, tables, starts)


def _check_readable(path: Path, text: str) -> None:
    tokens = text.split()
    if not tokens:
        raise UnreadableRelease(f"{path}: no readable text: scanned or image-only PDF")
    codes = sum(1 for t in tokens if _GLYPH_CODE.search(t))
    readable = sum(1 for t in tokens if _WORDLIKE.search(t) or _NUMERIC.match(t) or t in ("$", "—", "-", "–", "%"))
    if codes > 0.2 * len(tokens) or readable < 0.5 * len(tokens):
        raise UnreadableRelease(f"{path}: no readable text: scanned or encoded PDF (its fonts map glyphs to codes)")


def _write_page(out: _Writer, lines: list[Line], width: float, rules: Callable[[], list[Rule]]) -> list[RawTable]:
    found = find_page_tables(lines, width)
    if any(t.header - t.first > 1 for t in found):  # a spanning head may be underlined
        drawn = rules()
        for table in found:
            table.rules = drawn
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    leading = gaps[len(gaps) // 4] if gaps else 0.0  # the usual space between two lines of a paragraph
    tables: list[RawTable] = []
    i = 0
    prev: Line | None = None
    for table in found:
        _write_prose(out, lines[i : table.first], prev, leading)
        out.paragraph_break()
        tables.append(_write_table(out, lines, table))
        out.paragraph_break()
        i, prev = table.last + 1, None
    _write_prose(out, lines[i:], prev, leading)
    return tables


def _column_heads(table: RawTable) -> list[str]:
    heads = table.rows[: table.header_count or 0]
    width = max((len(r.cells) for r in table.rows), default=0)
    return [" ".join(r.cells[k].text for r in heads if k < len(r.cells) and r.cells[k].text) for k in range(width)]


_FURNITURE_CHARS = 400  # no more than four short lines (and blank ones) fit between two blocks of one table


_NEW_STATEMENT = re.compile(r"\b(?:balance sheets?|statements? of|cash flows?|reconciliations?|supplemental|"
                            r"segment (?:information|results)|selected financial)\b", re.I)
_CONTINUED = re.compile(r"\bcontinued\b|\bcont'd\b", re.I)


def _furniture(text: str) -> bool:
    """Only headings or page furniture (a folio, a running head) between two tables: a few short lines, no
    sentence, and no title of another statement ("Consolidated Balance Sheets" unless "(continued)")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if any(_NEW_STATEMENT.search(ln) for ln in lines) and not any(_CONTINUED.search(ln) for ln in lines):
        return False
    return len(lines) <= 4 and all(len(ln) <= 80 and not ln.endswith(".") for ln in lines)


def _continued(previous: RawTable, table: RawTable) -> RawTable:
    """A table that goes on from the previous one under no header (the next block of a statement after a
    section gap, or the next page), or under a shortened one ("Three Months Ended" alone on the next page),
    takes the previous table's header when it has as many columns."""
    before, now = _column_heads(previous), _column_heads(table)
    if not previous.header_count or len(before) != len(now) or any(h not in b for h, b in zip(now, before)):
        return table
    body = table.rows[table.header_count or 0 :]
    return RawTable(table.layout, table.start, table.end, previous.rows[: previous.header_count] + body,
                    previous.header_count, table.explicit_parents)


def _write_prose(out: _Writer, lines: list[Line], prev: Line | None, leading: float) -> None:
    for line in lines:
        if prev is not None:
            gap = line.top - prev.bottom
            new_paragraph = (gap > leading + 0.45 * max(line.size, prev.size)
                             or abs(line.size - prev.size) > 0.25 * prev.size)
            if new_paragraph:
                out.paragraph_break()
            else:
                out.write("\n")
        out.write(line.text)
        prev = line


def _write_table(out: _Writer, lines: list[Line], table: PageTable) -> RawTable:
    rows: list[RawRow] = []
    start = out.pos
    left = min(ln.x0 for ln in lines[table.first : table.last + 1])
    header = Headers(table).cells(lines)
    k = table.first
    while k <= table.last:
        line = lines[k]
        label, per_column = header[k - table.first] if k < table.header else table.cells(line)
        label_text = " ".join(s.text for s in label)
        # a label-only line whose label goes on in lower case on the next lines is one wrapped label, its
        # values on its last line
        nxt = lines[k + 1] if k < table.last else None
        if label and not any(per_column) and nxt is not None and k >= table.header:
            end, text = k, label_text
            while end < min(table.last, k + 3):
                nlabel, ncols = table.cells(lines[end + 1])
                if not nlabel or not _goes_on(text, nlabel[0].text):
                    break
                text, end = f"{text} {' '.join(s.text for s in nlabel)}", end + 1
                if any(ncols):
                    label_text, per_column, k = text, ncols, end
                    break
        # a row whose label ends on the next line, in lower case and with no values there: "(loss) of affiliates"
        elif label and any(per_column) and nxt is not None and k >= table.header:
            nlabel, ncols = table.cells(nxt)
            first = next((ch for ch in nlabel[0].text if ch.isalpha()), "") if nlabel else ""
            if first.islower() and not any(ncols) and nxt.top - line.bottom < 0.6 * line.size:
                label_text = f"{label_text} {' '.join(s.text for s in nlabel)}"
                k += 1
        if rows:
            out.write("\n")
        row_start = out.pos
        indent = round(label[0].x0 - left) if label else 0
        label_field = out.field(label_text, indent) if label_text else Field("", out.pos, out.pos, 0)
        cells = _write_cells(out, per_column)
        rows.append(RawRow(row_start, out.pos, label_field, cells))
        k += 1
    return RawTable("pdf", start, out.pos, rows, header_count=table.header - table.first)


def _goes_on(label: str, following: str) -> bool:
    """Whether ``following`` continues a label wrapped onto the next line: it starts in lower case, or the
    label stops on a word that cannot end one ("and", "of", "excluding", a comma)."""
    first = next((ch for ch in following if ch.isalpha()), "")
    return first.islower() or bool(_OPEN_END.search(label))


def _write_cells(out: _Writer, per_column: list[list[Segment]]) -> list[Field]:
    """Cells of one row, tab-separated; a segment over several columns is written once and heads each."""
    written: dict[int, Field] = {}
    cells: list[Field] = []
    for segs in per_column:
        out.write("\t")
        fields: list[Field] = []
        for seg in segs:
            if id(seg) not in written:
                if fields:
                    out.write(" ")
                written[id(seg)] = out.field(seg.text)
            fields.append(written[id(seg)])
        if not fields:
            cells.append(Field("", out.pos, out.pos))
        elif len(fields) == 1:
            cells.append(fields[0])
        else:
            cells.append(Field(" ".join(f.text for f in fields), fields[0].start, fields[-1].end))
    return cells
