"""Locate tables in a release's text and parse them into labelled grids.

Layouts: tab-separated lines (also HTML tables converted to TSV), markdown pipe
tables, PDF text tables aligned with runs of spaces (``index.table_layouts``)
and tables flattened into one paragraph (below).  No document, company or row
names are known here: everything is inferred from the shape of the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from index import table_layouts as tl
from index.periods import find_dates, parse_month
from index.table_layouts import Field, RawRow, RawTable

logger = logging.getLogger(__name__)

_HEADER_WORDS = frozenset(
    re.split(
        r"\s+",
        "three six nine twelve 3 6 9 12 month months ended ending end year years quarter quarters fiscal as at "
        "of for the and half first second third fourth q1 q2 q3 q4 h1 h2 fy weeks period periods unaudited "
        "audited restated in thousands millions",
    )
)
_PERIOD_WORDS = frozenset(
    {"month", "months", "ended", "ending", "year", "years", "quarter", "fy", "q1", "q2", "q3", "q4"}
)
_SENTENCE_END = re.compile(r"[a-z]{2,}[.;!?]")
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?")
_WEAK = re.compile(r"\d{1,4}")
_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\s*\n))*")
_TOKEN = re.compile(r"\S+")
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


def find_tables(text: str) -> list[TableBlock]:
    """All tables in ``text``, in order of position."""
    accepted: list[RawTable] = []
    for raw in [*tl.find_tsv(text), *tl.find_pipe(text), *tl.find_spaced(text), *find_flattened(text)]:
        if all(raw.end <= t.start or raw.start >= t.end for t in accepted):
            accepted.append(raw)
    accepted.sort(key=lambda t: t.start)
    return [_build(text, raw) for raw in accepted]


def _combine(headers: list[RawRow], ncols: int) -> tuple[list[tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    grid = [[c.text for c in r.cells] + [""] * (ncols - len(r.cells)) for r in headers]
    for r, row in enumerate(grid[:-1]):
        for k in range(1, ncols):
            if not row[k] and row[k - 1] and any(grid[x][k] for x in range(r + 1, len(grid))):
                row[k] = row[k - 1]
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
    header_rows, columns, units = _combine(headers, ncols) if headers else ([], ("",) * ncols, ("",) * ncols)
    stub = " ".join(r.label.text for r in headers if r.label.text)
    indents = {r.label.indent for r in body if r.label.text}
    rows: list[TableRow] = []
    stack: list[tuple[int, str]] = []
    open_parent: str | None = None
    cur_cols, cur_units = columns, units
    for r in body:
        cells = (r.cells + [Field("", r.end, r.end)] * ncols)[:ncols]
        if not r.label.text and tl.is_header_row(r):
            if tl.is_units_row([c.text for c in cells]):
                cur_units = tuple(c.text for c in cells)
            else:
                cur_cols, cur_units = tuple(c.text for c in cells), ("",) * ncols
            stack, open_parent = [], None
            continue
        if not r.label.text and not any(c.text for c in cells):
            continue
        label, marks = tl.split_footnotes(r.label.text)
        label = label.rstrip(":").strip()
        has_values = any(c.text for c in cells)
        if raw.explicit_parents:
            parent = r.parent
        elif len(indents) > 1:
            while stack and stack[-1][0] >= r.label.indent:
                stack.pop()
            parent = stack[-1][1] if stack else None
            stack.append((r.label.indent, label))
        elif not has_values:
            parent, open_parent = None, label
        else:
            parent = open_parent
            if label.lower().startswith("total"):
                open_parent = None  # a total closes the group it sums
        table_cells = []
        for c in cells:
            value, cmarks = tl.split_footnotes(c.text)
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


def _is_period_token(token: str) -> bool:
    t = token.strip("(),:;")
    return tl.is_year(t) or bool(find_dates(t)) or bool(parse_month(t) and "-" in t)


def _header_length(tokens: list[re.Match[str]]) -> int:
    """Number of leading tokens that read as a period/scale header."""
    i = 0
    while i < len(tokens):
        tok = tokens[i][0]
        word = tok.lower().strip("(),:;")
        prev_month = i > 0 and parse_month(tokens[i - 1][0] + " 2000") is not None
        if not (
            word in _HEADER_WORDS
            or _is_period_token(tok)
            or (tl.is_unit_cell(tok) and not tok.isdigit())
            or parse_month(tok + " 2000") is not None
            and tok[:1].isupper()
            or (prev_month and _DAY.fullmatch(tok))
        ):
            break
        i += 1
    return i


def _compatible(a: list[str], b: list[str]) -> bool:
    return all(
        x.lower() == y.lower() or (_is_period_token(x) and _is_period_token(y)) for x, y in zip(a, b, strict=True)
    )


def _span(tokens: list[re.Match[str]], text: str) -> Field:
    return Field(text[tokens[0].start() : tokens[-1].end()], tokens[0].start(), tokens[-1].end())


def _header_rows(tokens: list[re.Match[str]], ncols: int, text: str) -> list[RawRow]:
    """Split a flattened header into lines of ``ncols`` repeated phrases; tokens
    that repeat in no such line form a spanning row over every column."""
    lines: list[list[Field]] = []
    prefix: list[re.Match[str]] = []
    i = 0
    while i < len(tokens):
        for k in range(1, (len(tokens) - i) // ncols + 1):
            groups = [tokens[i + g * k : i + (g + 1) * k] for g in range(ncols)]
            words = [[t[0] for t in g] for g in groups]
            if all(_compatible(words[0], w) for w in words[1:]):
                break
        else:
            prefix.append(tokens[i])
            i += 1
            continue
        if prefix:
            lines.append([_span(prefix, text)] * ncols)
            prefix = []
        lines.append([_span(g, text) for g in groups])
        i += k * ncols
    if prefix:
        lines.append([_span(prefix, text)] * ncols)
    return [RawRow(c[0].start, c[-1].end, Field("", c[0].start, c[0].start), c) for c in lines]


def _split_label(tokens: list[re.Match[str]]) -> int:
    """Index splitting ``parent child`` in a label (after ``(000)`` or ``Heading:``), or 0."""
    for p in range(len(tokens) - 2, -1, -1):
        if tl.is_scale_marker(tokens[p][0]) or tokens[p][0].endswith(":"):
            return p + 1
    return 0


def _parse_flattened(text: str, start: int, end: int) -> RawTable | None:
    tokens = list(_TOKEN.finditer(text, start, end))
    h = _header_length(tokens)
    ncols = sum(1 for t in tokens[:h] if _is_period_token(t[0]) and not _DAY.fullmatch(t[0]))
    has_scale = any(tl.is_unit_cell(t[0]) for t in tokens[:h])
    period_words = any(
        t[0].lower().strip("(),:;") in _PERIOD_WORDS or tl.cell_kind(t[0]) == "period" for t in tokens[:h]
    )
    if ncols == 0 or not (has_scale or (ncols >= 2 and period_words)):
        return None
    body: list[RawRow] = []
    label: list[re.Match[str]] = []
    open_parent: str | None = None
    i = h
    while i < len(tokens):
        if not tl.is_value(tokens[i][0]):
            label.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and tl.is_value(tokens[j][0]):
            j += 1
        extra = j - i - ncols
        if extra < 0:
            label.extend(tokens[i:j])
            i = j
            continue
        last_weak = all(_WEAK.fullmatch(t[0]) for t in tokens[j - extra : j])
        first_weak = all(_WEAK.fullmatch(t[0]) for t in tokens[i : i + extra])
        if extra and (not label or j == len(tokens) or (first_weak and not last_weak)):
            label.extend(tokens[i : i + extra])
            values, rest = tokens[i + extra : j], []
        else:
            values, rest = tokens[i : i + ncols], tokens[i + ncols : j]
        if not label or len(label) > 15 or any(_SENTENCE_END.fullmatch(t[0]) for t in label):
            return None
        split = _split_label(label)
        if split:
            parent = _span(label[:split], text)
            body.append(RawRow(parent.start, parent.end, parent, [Field("", parent.end, parent.end)] * ncols))
            open_parent, label = parent.text, label[split:]
        elif open_parent and len(label) > 2:
            open_parent = None
        head = _span(label, text)
        cells = [_span([v], text) for v in values]
        body.append(RawRow(head.start, cells[-1].end, head, cells, open_parent))
        label, i = list(rest), j
    if len(label) > 3 or sum(1 for r in body if r.cells[0].text) < 2:
        return None
    headers = _header_rows(tokens[:h], ncols, text)
    return RawTable("flattened", tokens[0].start(), body[-1].end, headers + body, len(headers), True)


def find_flattened(text: str) -> list[RawTable]:
    """Paragraphs that start with a period/scale header followed by label + N values runs."""
    paragraphs = [m for m in _PARAGRAPH.finditer(text) if "\t" not in m[0] and not m[0].lstrip().startswith("|")]
    return [t for m in paragraphs if (t := _parse_flattened(text, m.start(), m.end()))]
