"""Tables on a PDF page from the geometry of its lines: value columns, header rows and row labels.

A table is a run of lines ending in numbers. Its value columns are where those numbers stand: the
horizontal extents of the value cells of every row, merged where they overlap (numbers of one column are
aligned, columns are apart). Lines just above the first row whose words stand over the value columns are
the header; a header word is assigned to every column it spans, so "Three Months Ended" over two year
columns heads both. What stands left of the first column is the row's label; a label-only line followed by
a line whose label goes on in lower case is one wrapped label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.pdf_layout import Line, Rule, Segment
from index.table_layouts import cell_kind, is_value, is_year

_MAX_HEADER_LINES = 6
_PERIOD_WORDS = re.compile(r"\b(?:months?|weeks?|quarters?|years?|ended|ending|fiscal|FY|Q[1-4])\b", re.I)
_YEAR_WORD = re.compile(r"\(?(?:FY\s?)?(?:19|20)\d{2}\)?,?|(?:Q[1-4]\s?)?(?:FY|')\d{2},?")
# a scale statement standing among the headers ("(In millions, except per share amounts)"), or the end of
# one wrapped onto the next line ("amounts)"): it is about the whole table, not a column
_CAPTION = re.compile(r"^\(?\s*(?:in|dollars|amounts|figures)\b.*(?:thousand|million|billion|except)|^[a-z][a-z ]*\)$", re.I)


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

    def header_cells(self, lines: list[Line]) -> list[tuple[list[Segment], list[list[Segment]]]]:
        """Label and per-column segments of the header lines, bottom-up: a header word heads the run of
        columns (whole groups of the line below it) centred under it, within its share of the line."""
        out: list[tuple[list[Segment], list[list[Segment]]]] = []
        groups = [[k] for k in range(len(self.columns))]
        lowest = True
        bounds = [Column(c.x0, c.x1) for c in self.columns]  # values and their own heads: what a head centres on
        for at in range(self.header - 1, self.first - 1, -1):
            line, below = lines[at], lines[at + 1]
            edge = self.columns[0].x0 - 0.5 * line.size
            segments = split_heads(line)
            if lowest:  # the lowest header line: one head per column at most
                segments = [part for seg in segments
                            for part in ([seg] if _CAPTION.search(seg.text) else self._split_at_gutters(seg))]
            label = [s for s in segments if s.x1 <= edge or _CAPTION.search(s.text)]
            heads = [s for s in segments if s not in label]
            per_column: list[list[Segment]] = [[] for _ in self.columns]
            line_groups: list[list[int]] = []
            for i, seg in enumerate(heads):
                lo = (heads[i - 1].x1 + seg.x0) / 2 if i else float("-inf")
                hi = (seg.x1 + heads[i + 1].x0) / 2 if i + 1 < len(heads) else float("inf")
                span = (None if lowest else self._underlined(seg, line, below, bounds, lo, hi)) or self._span(
                    seg, groups, lo, hi, bounds, lowest)
                for k in span:
                    per_column[k].append(seg)
                line_groups.append(span)
                if len(span) == 1:
                    b = bounds[span[0]]
                    bounds[span[0]] = Column(min(b.x0, seg.x0), max(b.x1, seg.x1))
            covered = {k for g in line_groups for k in g}
            unique = {tuple(g) for g in line_groups} | {(k,) for k in range(len(self.columns)) if k not in covered}
            groups = [list(g) for g in sorted(unique)]
            out.insert(0, (label, per_column))
            lowest = lowest and not heads
        return out

    def _underlined(self, seg: Segment, line: Line, below: Line, bounds: list[Column], lo: float,
                    hi: float) -> list[int] | None:
        """The columns under the line drawn beneath a header word, when one is: a rule between the word and
        the next line, at least as wide as the word (a cell border ending inside it says nothing), not
        reaching into the row labels (a row separator), and not abutting another rule (cell borders of a
        grid meet end to end; the underlines of two spanning heads stand apart)."""
        level = [r for r in self.rules if line.bottom - 1 <= r.y <= below.top + 1]
        for rule in level:
            if any(o is not rule and abs(o.y - rule.y) < 1 and (abs(o.x0 - rule.x1) < 1 or abs(o.x1 - rule.x0) < 1)
                   for o in level):
                continue
            if rule.x0 > seg.x0 + 2 or rule.x1 < seg.x1 - 2 or rule.x0 < self.columns[0].x0 - 2 * line.size:
                continue
            cols = [k for k, b in enumerate(bounds) if rule.x0 - 2 <= (b.x0 + b.x1) / 2 <= rule.x1 + 2
                    and lo <= self.columns[k].mid <= hi]
            if cols and cols == list(range(cols[0], cols[-1] + 1)):
                return cols
        return None

    def _split_at_gutters(self, seg: Segment) -> list[Segment]:
        """A run of words over several columns cut where a gap between two words lies between two columns
        ("Domestic International Consolidated" set close over three columns)."""
        parts = [[seg.words[0]]]
        if any(ch.isdigit() for ch in seg.text):
            return [seg]  # dates and years are split by split_heads
        for prev, word in zip(seg.words, seg.words[1:]):
            mid = (prev.x1 + word.x0) / 2
            if any(a.x1 - 1 <= mid <= b.x0 + 1 for a, b in zip(self.columns, self.columns[1:])):
                parts.append([word])
            else:
                parts[-1].append(word)
        return [Segment(p) for p in parts]

    def _span(self, seg: Segment, groups: list[list[int]], lo: float, hi: float, bounds: list[Column],
              lowest: bool = False) -> list[int]:
        """The run of whole groups within ``lo..hi`` whose centre is nearest the segment's centre."""
        inside = [g for g in groups if all(lo <= self.columns[k].mid <= hi for k in g)]
        if not inside:
            return self.assign(seg)
        centre = (seg.x0 + seg.x1) / 2
        spans = lowest or cell_kind(seg.text) == "period" or _PERIOD_WORDS.search(seg.text) is not None
        runs: list[tuple[float, list[int]]] = []
        for a in range(len(inside)):
            for b in range(a, len(inside)):
                cols = [k for g in inside[a : b + 1] for k in g]
                if cols != list(range(cols[0], cols[-1] + 1)):
                    break  # not contiguous
                x0, x1 = bounds[cols[0]].x0, bounds[cols[-1]].x1
                if x1 < seg.x0 - 2 or x0 > seg.x1 + 2 and b > a:
                    continue
                runs.append((abs((x0 + x1) / 2 - centre), cols))
        if not runs:
            return self.assign(seg)
        # runs centred as well as the best (within 4 pt): a period ("Three Months Ended", a date) or a head of
        # the lowest line ("Change" over an amount and a percentage) heads the widest, a word above it the
        # narrowest ("Pretax" over "Earnings" is one wrapped column head)
        nearest = min(d for d, _ in runs)
        tied = [cols for d, cols in runs if d <= nearest + 4]
        return max(tied, key=len) if spans else min(tied, key=len)

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
            columns = _columns([s for k in body_data for s in _values(lines[k])], [_values(lines[k]) for k in body_data])
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
    return ahead is not None and lines[ahead].top - nxt.bottom < 3.5 * nxt.size


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


def split_heads(line: Line) -> list[Segment]:
    """A header line's segments, a segment holding several dates or years ("January 28, 2023 January 29,
    2022", "2023 2022") cut after each: close-set column heads read as one run of words."""
    out: list[Segment] = []
    for seg in line.segments:
        ends = [k for k, w in enumerate(seg.words) if _YEAR_WORD.fullmatch(w.text)]
        if len(ends) < 2 or ends[-1] != len(seg.words) - 1:
            out.append(seg)
            continue
        begin = 0
        for k in ends:
            out.append(Segment(seg.words[begin : k + 1]))
            begin = k + 1
    return out


def _header_start(lines: list[Line], first_body: int, columns: list[Column], page_width: float) -> int:
    """Index of the first header line above ``first_body``: lines whose words stand over the value columns
    (not prose or a title running across the label area into them)."""
    start = first_body
    left = columns[0].x0
    values_mid = (columns[0].x0 + columns[-1].x1) / 2
    while start > 0 and first_body - start < _MAX_HEADER_LINES:
        line = lines[start - 1]
        below = lines[start]
        if below.top - line.bottom > 2.2 * max(line.size, below.size):
            break
        centre = (line.x0 + line.x1) / 2
        if len(line.segments) == 1 and abs(centre - page_width / 2) < 0.03 * page_width < abs(centre - values_mid):
            break  # a title centred on the page, not a head centred over the values
        over = [s for s in line.segments if s.x1 > left - 0.5 * line.size]
        crosses = any(s.x0 < left - 2 * line.size and s.x1 > left + line.size and len(s.text) > 20
                      and cell_kind(s.text) != "period" for s in line.segments)
        if not over or crosses or line.x1 - line.x0 > 0.9 * page_width and len(line.segments) == 1:
            break
        if any(is_value(s.text) and not is_year(s.text) for s in over):
            break
        start -= 1
    return start
