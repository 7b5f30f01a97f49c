"""Tables on a PDF page from the geometry of its lines: value columns, header rows and row labels.

A table is a run of lines ending in numbers. Its value columns are where those numbers stand: the
horizontal extents of the value cells of every row, merged where they overlap (numbers of one column are
aligned, columns are apart). Lines just above the first row whose words stand over the value columns are
the header (``index.pdf_headers`` says which columns each header word heads). What stands left of the
first column is the row's label. A table of contents (one column of page numbers) is not a table of figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.cells import cell_kind, is_value, is_year
from index.column_periods import derived_kind, fiscal_label, period_phrase
from index.pdf_layout import Line, Rule, Segment
from index.vocabulary import YEAR_DIGITS

_MAX_HEADER_LINES = 6


@dataclass
class Column:
    x0: float
    x1: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class PageTable:
    """Lines ``first..last`` of a page (indices) as a table: ``header`` lines, then body lines."""

    first: int
    header: int  # index of the first body line
    last: int  # inclusive
    columns: list[Column]
    rules: list[Rule] = field(default_factory=list)  # the page's horizontal lines

    def cells(self, line: Line) -> tuple[list[Segment], list[list[Segment]]]:
        """A line's label segments and, per column, the segments standing in it."""
        edge = self.columns[0].x0
        label: list[Segment] = []
        per_column: list[list[Segment]] = [[] for _ in self.columns]
        if not any(_in_values(s) for s in line.segments):
            return list(line.segments), per_column  # a heading row: all label
        for seg in line.segments:
            if not per_column[0] and not any(per_column) and seg.x1 <= edge + 0.5 * line.size and not _in_values(seg):
                label.append(seg)
                continue
            for k in self.assign(seg):
                per_column[k].append(seg)
        return label, per_column

    def assign(self, seg: Segment) -> list[int]:
        """Columns a segment stands over: those whose middle it covers, else the one it overlaps most,
        else the nearest."""
        covered = [k for k, c in enumerate(self.columns) if seg.x0 <= c.mid <= seg.x1]
        if covered:
            return covered
        overlaps = [(min(seg.x1, c.x1) - max(seg.x0, c.x0), k) for k, c in enumerate(self.columns)]
        best = max(overlaps)
        if best[0] > 0:
            return [best[1]]
        mid = (seg.x0 + seg.x1) / 2
        return [min(range(len(self.columns)), key=lambda k: abs(self.columns[k].mid - mid))]


def _in_values(seg: Segment) -> bool:
    return is_value(seg.text)


def _values(line: Line) -> list[Segment]:
    """Trailing value segments of a line that has a label or several values."""
    tail: list[Segment] = []
    for seg in reversed(line.segments):
        if not is_value(seg.text):
            break
        tail.insert(0, seg)
    if not tail or all(is_year(s.text) for s in tail):
        return []  # no values, or a header of years
    head = line.segments[: len(line.segments) - len(tail)]
    if not head and len(tail) < 2:
        return []
    if head and len(head[-1].text) > 160:
        return []  # prose ending in a number
    return tail


def find_page_tables(lines: list[Line], page_width: float, rules: Sequence[Rule] = ()) -> list[PageTable]:
    """Tables among a page's lines (top to bottom)."""
    data = [bool(_values(ln)) for ln in lines]
    tables: list[PageTable] = []
    i = 0
    while i < len(lines):
        if not data[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _continues(lines, data, j):
            j += 1
        while j > i and not data[j]:
            j -= 1
        body_data = [k for k in range(i, j + 1) if data[k]]
        if len(body_data) >= 2:
            columns = _columns([s for k in body_data for s in _values(lines[k])],
                               [_values(lines[k]) for k in body_data])
            if columns and not _contents(columns, [lines[k] for k in body_data]):
                body = _body_start(lines, data, i, columns)
                first = _header_start(lines, body, columns, page_width)
                if first == body:
                    body = first = _header_start(lines, i, columns, page_width)
                tables.append(PageTable(first, body, j, columns, list(rules)))
        i = j + 1
    return tables


def _contents(columns: list[Column], rows: list[Line]) -> bool:
    """A table of contents: one column of page numbers that never go down (an exhibit's index), not figures."""
    if len(columns) != 1 or len(rows) < 4:
        return False
    numbers = [s.text for ln in rows for s in _values(ln)]
    if not all(n.isdigit() for n in numbers):
        return False
    pages = [int(n) for n in numbers]
    return pages == sorted(pages)


def _continues(lines: list[Line], data: list[bool], j: int) -> bool:
    """Whether line ``j + 1`` still belongs to the table ending at ``j``."""
    nxt = lines[j + 1]
    if nxt.top - lines[j].bottom > 2.2 * max(nxt.size, lines[j].size):
        return False
    if data[j + 1]:
        return True
    if len(nxt.text) > 120:
        return False  # a paragraph
    ahead = next((k for k in range(j + 2, min(j + 5, len(lines))) if data[k]), None)
    if ahead is not None and any(_heads_years(lines[k]) for k in range(j + 1, ahead)):
        return False  # the header of the next table ("2023 | 2022" over its own columns)
    return ahead is not None and lines[ahead].top - nxt.bottom < 3.5 * nxt.size


def _header_above(lines: list[Line], at: int, left: float) -> bool:
    """Line ``at`` heads periods, or ends a block of heads set close under one that does ("Percent | Change",
    "Amount | % of Sales" under "2023 | 2022")."""
    for k in range(at, max(at - 3, -1), -1):
        if _heads_periods(lines[k], left):
            return True
        if k == 0 or lines[k].top - lines[k - 1].bottom > 0.8 * lines[k].size:
            return False
    return False


def _heads_periods(line: Line, left: float) -> bool:
    """Heads over the value columns naming periods or dates ("2023 | 2022", "Three Months Ended"), or changes."""
    over = [s for s in line.segments if s.x1 > left]
    periods = [bool(_YEAR_HEAD.match(s.text) or cell_kind(s.text) == "period" or period_phrase(s.text)
                    or fiscal_label(s.text)) for s in over]
    return any(periods) and all(p or derived_kind(s.text) or _SYMBOLS.fullmatch(s.text) for p, s in zip(periods, over))


_SYMBOLS = re.compile(r"[$€£¥%\s]+")  # unit heads over an amount and a percentage ("$ | %")
_YEAR_HEAD = re.compile(rf"(?:FY\s?)?{YEAR_DIGITS}\b(?![,.]\d)")  # "2023", "2023 $ million", not "2,023"


def _heads_years(line: Line) -> bool:
    """A header line: two or more years or dates heading columns, and no figures."""
    return sum(bool(_YEAR_HEAD.match(s.text)) or cell_kind(s.text) == "period" for s in line.segments) >= 2


def _columns(segments: list[Segment], rows: list[list[Segment]]) -> list[Column]:
    """Value columns: overlapping extents merged; a merge holding two cells of one row is split between them."""
    spans = sorted((s.x0, s.x1) for s in segments)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 < merged[-1][1] - 0.5:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    columns = [Column(a, b) for a, b in merged]
    widest = max(rows, key=len)
    if len(widest) > len(columns):  # cells of one row fell into one merged span: use the fullest row's cells
        columns = [Column(s.x0, s.x1) for s in widest]
        for row in rows:
            for s in row:
                k = min(range(len(columns)), key=lambda c: abs(columns[c].x1 - s.x1))
                columns[k] = Column(min(columns[k].x0, s.x0), max(columns[k].x1, s.x1))
    return columns


def _body_start(lines: list[Line], data: list[bool], first_data: int, columns: list[Column]) -> int:
    """The first body line: section headings ("Assets", "Current assets:") just above the first row of
    values belong to the body."""
    start = first_data
    while start > 0 and first_data - start < 3:
        line, below = lines[start - 1], lines[start]
        if data[start - 1] or line.x1 > columns[0].x0 or below.top - line.bottom > 1.6 * line.size:
            break
        start -= 1
    return start


def _stacked(seg: Segment, below: Line) -> bool:
    """``seg`` stands over one segment of the line below, no wider than it by more than a letter or two each
    side, on a line of several heads: the first line of a wrapped head ("Percent" over "Change")."""
    return len(below.segments) > 1 and any(
        b.x0 - 1.2 * below.size <= seg.x0 and seg.x1 <= b.x1 + 1.2 * below.size for b in below.segments)


def _header_start(lines: list[Line], first_body: int, columns: list[Column], page_width: float) -> int:
    """Index of the first header line above ``first_body``: lines whose words stand over the value columns
    (not prose or a title running across the label area into them)."""
    start = first_body
    left = columns[0].x0
    values_mid = (columns[0].x0 + columns[-1].x1) / 2
    while start > 0 and first_body - start < _MAX_HEADER_LINES:
        line = lines[start - 1]
        below = lines[start]
        gap = below.top - line.bottom
        if gap > 2.2 * max(line.size, below.size) and not (
                gap < 5 * line.size and _header_above(lines, start - 1, left)):
            break  # a blank row or two may stand under a header of periods
        centre = (line.x0 + line.x1) / 2
        if (len(line.segments) == 1 and abs(centre - page_width / 2) < 0.03 * page_width < abs(centre - values_mid)
                and not period_phrase(line.segments[0].text) and sum(ch.isalpha() for ch in line.segments[0].text) > 2
                and not _stacked(line.segments[0], below)):
            break  # a title centred on the page, not a head over the values ("Second Quarter", "%" or "Percent"
            # over "Change" is one)
        over = [s for s in line.segments if s.x1 > left - 0.5 * line.size]
        crosses = any(s.x0 < left - 2 * line.size and s.x1 > left + line.size and len(s.text) > 20
                      and cell_kind(s.text) != "period" for s in line.segments)
        if not over or crosses or line.x1 - line.x0 > 0.9 * page_width and len(line.segments) == 1:
            break
        if any(is_value(s.text) and not is_year(s.text) for s in over):
            break
        start -= 1
    return start
