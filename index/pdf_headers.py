"""Header lines of a PDF table: which columns each header word heads.

Read bottom-up. The lowest line gives each column at most one head (a run of words set close over several
columns is cut where the gutters are); a word on a line above heads the run of whole column groups of the
line below that is centred under it, within its share of its line. When a rule is drawn under the word (the
underline of a spanning head in SEC-style tables), the columns under the rule are its span. Equally
centred runs are decided by what the word is: a period ("Three Months Ended", a date) or a head of the
lowest line spans the widest, a word above the lowest line the narrowest ("Pretax" over "Earnings" is one
wrapped column head), unless the lowest heads under the wider run all name periods or changes ("GAAP" over
"Q4 2022 | Q4 2021 | vs. Q4 2021" qualifies all three) and the narrowest is not a change column's own head
("Percent" over "Change"). A scale statement among the header lines is about
the whole table.
"""

from __future__ import annotations

import re

from index.cells import cell_kind
from index.column_periods import derived_kind, fiscal_label, period_kind_of, period_phrase
from index.pdf_layout import Line, Segment
from index.pdf_tables import Column, PageTable
from index.periods import MONTH
from index.vocabulary import YEAR_DIGITS

_PERIOD_WORDS = re.compile(r"\b(?:months?|weeks?|quarters?|years?|ended|ending|fiscal|FY|Q[1-4])\b", re.I)
_MONTH = re.compile(MONTH, re.I)
_DAY = re.compile(r"\d{1,2},?")
_YEAR_WORD = re.compile(rf"\(?(?:FY\s?)?{YEAR_DIGITS}\)?,?|(?:Q[1-4]\s?)?(?:FY|')\d{{2}},?")
# a scale statement standing among the headers ("(In millions, except per share amounts)"), or the end of
# one wrapped onto the next line ("amounts)"): it is about the whole table, not a column
_CAPTION = re.compile(r"^\(?\s*(?:in|dollars|amounts|figures)\b.*(?:thousand|million|billion|except)|^[a-z][a-z ]*\)$",
                      re.I)


def _periodic(text: str) -> bool:
    """A head naming a period or a change: "Q4 2022", "Dec 31, 2022", "Three Months Ended", "vs. Q4 2021"."""
    return (cell_kind(text) == "period" or bool(_PERIOD_WORDS.search(text)) or fiscal_label(text) is not None
            or derived_kind(text) is not None)


class Headers:
    """The header of one table on a page."""

    def __init__(self, table: PageTable) -> None:
        self.table = table
        self.periodic: set[int] = set()  # columns whose lowest head names a period or a change ("Q4 2022", "vs.")
        self.changes: set[int] = set()  # columns whose lowest head names a change ("% Change", "Inc/(Dec)")
        self.label_left = 0.0  # where the body's row labels begin: a rule from there is a row separator
        self.sole_period = False  # the line being read has one period head ("Three months ended") only
        self.kinds: set[int] = set()  # columns whose heads read so far name a kind of period ("Quarter Ended", "Q2'23")

    def cells(self, lines: list[Line]) -> list[tuple[list[Segment], list[list[Segment]]]]:
        """Label and per-column segments of the header lines, bottom-up: a header word heads the run of
        columns (whole groups of the line below it) centred under it, within its share of the line."""
        out: list[tuple[list[Segment], list[list[Segment]]]] = []
        groups = [[k] for k in range(len(self.table.columns))]
        lowest = True
        bounds = [Column(c.x0, c.x1) for c in self.table.columns]  # values and their own heads: what a head centres on
        self.label_left = min(line.x0 for line in lines[self.table.header : self.table.last + 1])
        self.periodic.clear()
        self.changes.clear()
        self.kinds.clear()
        for at in range(self.table.header - 1, self.table.first - 1, -1):
            line, below = lines[at], lines[at + 1]
            edge = self.table.columns[0].x0 - 0.5 * line.size
            segments = split_heads(line)
            if lowest:  # the lowest header line: one head per column at most
                segments = [part for seg in segments
                            for part in ([seg] if _CAPTION.search(seg.text) else self._split_at_gutters(seg))]
            label = [s for s in segments if s.x1 <= edge or _CAPTION.search(s.text)]
            heads = [s for s in segments if s not in label]
            per_column: list[list[Segment]] = [[] for _ in self.table.columns]
            line_groups: list[list[int]] = []
            self.sole_period = sum(period_phrase(s.text) for s in heads) == 1
            if lowest and len(heads) == 1 and len(self.table.columns) > 2 and len(self.table.assign(heads[0])) == 1:
                # a lone word under one column ("(Decrease)", "Change"): the last line of that column's head set
                # from the top; the line above is still the lowest of the others
                k = self.table.assign(heads[0])[0]
                per_column[k].append(heads[0])
                if derived_kind(heads[0].text):
                    self.changes.add(k)
                if _periodic(heads[0].text):
                    self.periodic.add(k)
                out.insert(0, (label, per_column))
                continue
            shares = [(a.x1 + b.x0) / 2 if lowest else (self._share(a, b, groups, bounds) or (a.x1 + b.x0) / 2)
                      for a, b in zip(heads, heads[1:])]
            for i, seg in enumerate(heads):
                lo = shares[i - 1] if i else float("-inf")
                hi = shares[i] if i + 1 < len(heads) else float("inf")
                others = heads[:i] + heads[i + 1 :]
                span = (None if lowest else self._underlined(seg, others, line, below, bounds)) or self._span(
                    seg, groups, lo, hi, bounds, lowest)
                if lowest and _periodic(seg.text):
                    self.periodic.update(span)
                if lowest and derived_kind(seg.text):
                    self.changes.update(span)
                for k in span:
                    per_column[k].append(seg)
                line_groups.append(span)
                if len(span) == 1:
                    b = bounds[span[0]]
                    bounds[span[0]] = Column(min(b.x0, seg.x0), max(b.x1, seg.x1))
            self.kinds.update(k for k, segs in enumerate(per_column)
                              if any(period_kind_of(s.text) or fiscal_label(s.text) for s in segs))
            covered = {k for g in line_groups for k in g}
            unique = {tuple(g) for g in line_groups} | {
                (k,) for k in range(len(self.table.columns)) if k not in covered}
            groups = [list(g) for g in sorted(unique)]
            out.insert(0, (label, per_column))
            lowest = lowest and not heads
        return out

    def _underlined(self, seg: Segment, others: list[Segment], line: Line, below: Line,
                    bounds: list[Column]) -> list[int] | None:
        """The columns under the line drawn beneath a header word, when one is: a rule between the word and
        the next line, at least as wide as the word (a cell border ending inside it says nothing), not
        starting where the row labels start (a row separator), and not abutting another rule (cell borders of a
        grid meet end to end; the underlines of two spanning heads stand apart)."""
        level = [r for r in self.table.rules if line.bottom - 1 <= r.y <= below.top + 1]
        for rule in level:
            if any(o is not rule and abs(o.y - rule.y) < 1 and (abs(o.x0 - rule.x1) < 1 or abs(o.x1 - rule.x0) < 1)
                   for o in level):
                continue
            if rule.x0 > seg.x0 + 2 or rule.x1 < seg.x1 - 2 or rule.x0 < self.label_left + 2 * line.size:
                continue
            if any(o.x0 < rule.x1 and o.x1 > rule.x0 for o in others):
                continue  # under two heads: a border, not one head's underline
            cols = [k for k, b in enumerate(bounds) if rule.x0 - 2 <= (b.x0 + b.x1) / 2 <= rule.x1 + 2]
            if cols and cols == list(range(cols[0], cols[-1] + 1)):
                return cols
        return None

    def _runs(self, seg: Segment, inside: list[list[int]], bounds: list[Column]) -> list[tuple[float, list[int]]]:
        """Contiguous runs of whole groups near ``seg``, each with how far its centre is from the segment's."""
        centre = (seg.x0 + seg.x1) / 2
        runs: list[tuple[float, list[int]]] = []
        for a in range(len(inside)):
            for b in range(a, len(inside)):
                cols = [k for g in inside[a : b + 1] for k in g]
                if cols != list(range(cols[0], cols[-1] + 1)):
                    break  # not contiguous
                x0, x1 = bounds[cols[0]].x0, bounds[cols[-1]].x1
                if x1 < seg.x0 - 2 or x0 > seg.x1 + 2 and b > a:
                    continue
                # centred on what the columns print, or on their slots: numbers set right fill a column from
                # the edge of the one before it
                slot = bounds[cols[0] - 1].x1 if cols[0] > 0 else self._first_slot(bounds)
                runs.append((min(abs((x0 + x1) / 2 - centre), abs((slot + x1) / 2 - centre)), cols))
        return runs

    def _share(self, left: Segment, right: Segment, groups: list[list[int]], bounds: list[Column]) -> float | None:
        """Where two neighbouring heads' shares of a line meet: between the groups where the runs they are
        best centred on, one on each side, fit together (a wide head reaches past the gap's middle)."""
        cuts: list[tuple[float, float]] = []
        for cut in range(1, len(groups)):
            a, b = self._runs(left, groups[:cut], bounds), self._runs(right, groups[cut:], bounds)
            if a and b:
                at = (self.table.columns[groups[cut - 1][-1]].mid + self.table.columns[groups[cut][0]].mid) / 2
                cuts.append((min(d for d, _ in a) + min(d for d, _ in b), at))
        if not cuts:
            return None
        least, gap = min(c for c, _ in cuts), (left.x1 + right.x0) / 2
        return min((at for c, at in cuts if c <= least + 2), key=lambda at: abs(at - gap))  # the gap's, if it fits

    @staticmethod
    def _first_slot(bounds: list[Column]) -> float:
        """Where the first column's slot begins: a column pitch left of its right edge."""
        pitch = bounds[1].x1 - bounds[0].x1 if len(bounds) > 1 else bounds[0].x1 - bounds[0].x0
        return min(bounds[0].x0, bounds[0].x1 - pitch)

    def _within(self, seg: Segment, k: int, bounds: list[Column]) -> bool:
        """Whether ``seg`` stands inside column ``k``'s slot: from the edge of the column before to its own."""
        left = bounds[k - 1].x1 if k > 0 else self._first_slot(bounds)
        return left - 1 <= seg.x0 and seg.x1 <= bounds[k].x1 + 1

    def _period_run(self, run: list[int], inside: list[list[int]]) -> list[int]:
        """A period's head ("Three months ended"), the only one on its line, heads every period column next to
        the run it is centred on that no other head claims and no head below names a kind of period: numbers
        set right in wide columns pull a run's middle aside."""
        return _grow(run, inside, self.periodic - self.changes - self.kinds)

    def _split_at_gutters(self, seg: Segment) -> list[Segment]:
        """A run of words over several columns cut where a gap between two words lies between two columns
        ("Domestic International Consolidated" set close over three columns)."""
        parts = [[seg.words[0]]]
        if any(ch.isdigit() for ch in seg.text):
            return [seg]  # dates and years are split by split_heads
        for prev, word in zip(seg.words, seg.words[1:]):
            mid = (prev.x1 + word.x0) / 2
            if any(a.x1 - 1 <= mid <= b.x0 + 1 for a, b in zip(self.table.columns, self.table.columns[1:])):
                parts.append([word])
            else:
                parts[-1].append(word)
        return [Segment(p) for p in parts]

    def _span(self, seg: Segment, groups: list[list[int]], lo: float, hi: float, bounds: list[Column],
              lowest: bool = False) -> list[int]:
        """The run of whole groups within ``lo..hi`` whose centre is nearest the segment's centre."""
        inside = [g for g in groups if all(lo <= self.table.columns[k].mid <= hi for k in g)]
        if not inside:
            return self.table.assign(seg)
        spans = lowest or cell_kind(seg.text) == "period" or _PERIOD_WORDS.search(seg.text) is not None
        runs = self._runs(seg, inside, bounds)
        if not lowest and derived_kind(seg.text):  # a change's head ("Variance") spans no period column
            runs = [r for r in runs if not set(r[1]) & (self.periodic - self.changes)] or runs
        elif spans and not lowest:  # nor a period's head a column whose heads below name another kind of period
            runs = [r for r in runs if not set(r[1]) & self.kinds] or runs
        if not runs:
            return self.table.assign(seg)
        # runs centred as well as the best (within 4 pt): a period ("Three Months Ended", a date) or a head of
        # the lowest line ("Change" over an amount and a percentage) heads the widest, a word above it the
        # narrowest ("Pretax" over "Earnings" is one wrapped column head)
        nearest = min(d for d, _ in runs)
        tied = [cols for d, cols in runs if d <= nearest + 4]
        widest, narrowest = max(tied, key=len), min(tied, key=len)
        if spans and self.sole_period and period_phrase(seg.text):
            return self._period_run(widest, inside)
        if (spans and not lowest and len(narrowest) == 1 and self._within(seg, narrowest[0], bounds)
                and not self.periodic.issuperset(widest)):
            return narrowest  # a wrapped column head's first line ("Fiscal Year" over "Ended | Dec. 31,"), not a
            # head over columns of amounts and percentages
        if spans:
            return widest
        over = [k for k, b in enumerate(bounds) if b.x0 < seg.x1 and b.x1 > seg.x0]
        if len(over) == 1 and over[0] in self.changes:
            return over  # the first line of a change column's own head ("Increase" over "(Decrease)")
        # a word over period heads qualifies them all, unless it is the first line of a change column's own
        # head ("Percent" over "Change")
        return widest if self.periodic.issuperset(widest) and not self.changes.issuperset(narrowest) else narrowest


def _grow(run: list[int], inside: list[list[int]], fits: set[int]) -> list[int]:
    """``run`` with the whole groups next to it, on either side, whose columns are all in ``fits``."""
    out = list(run)
    for step in (-1, 1):
        while True:
            edge = out[0] - 1 if step < 0 else out[-1] + 1
            group = next((g for g in inside if edge in g), None)
            if group is None or not fits.issuperset(group):
                break
            out = sorted({*out, *group})
    return out


def _date_ends(words: list[str]) -> list[int]:
    """Indices of words ending a date: a year, or a day and month without one ("September 30,", "30 September")
    when another starts right after it."""
    ends = [k for k, w in enumerate(words) if _YEAR_WORD.fullmatch(w)]
    if ends and ends[-1] == len(words) - 1:
        return ends
    month = [bool(_MONTH.fullmatch(w)) for w in words]
    day = [bool(_DAY.fullmatch(w)) for w in words]
    day_first = day[0]
    found = []
    for k in range(1, len(words) - 1):
        if not day_first and month[k - 1] and day[k] and month[k + 1]:
            found.append(k)  # "September 30, | Sep. 30,"
        elif day_first and day[k - 1] and month[k] and day[k + 1]:
            found.append(k)  # "30 September | 30 September"
    if found and (month[-2] and day[-1] or day[-2] and month[-1]):
        return [*found, len(words) - 1]
    return []


def split_heads(line: Line) -> list[Segment]:
    """A header line's segments, a segment holding several dates or years ("January 28, 2023 January 29,
    2022", "2023 2022", "September 30, September 30,") cut after each: close-set column heads read as one run
    of words."""
    out: list[Segment] = []
    for seg in line.segments:
        ends = _date_ends([w.text for w in seg.words]) if len(seg.words) > 1 else []
        if len(ends) < 2 or ends[-1] != len(seg.words) - 1:
            out.append(seg)
            continue
        begin = 0
        for k in ends:
            out.append(Segment(seg.words[begin : k + 1]))
            begin = k + 1
    return out
