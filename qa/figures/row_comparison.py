"""Questions that compare the rows of one table ("Which segment had the highest revenue in 2019?"): the row
whose cell in the asked column is largest or smallest, answered with its label and value beside the runner-up's,
both rows cited. A total row is no member of what it totals; a tie, or a column the question does not pick out,
is no answer.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from index.records import Figure
from qa.figures.comparison import LEAST, MOST, comparison_of
from qa.figures.wording import describe_period, describe_value, figure_dict
from qa.language.question import Question, stems
from qa.language.records import Answer, Citation

# "which segment ...", "in which business ...", "what is the component that ...": a row asked for by its kind
_WHICH = re.compile(r"\bwhich\b|\bwhat\s+(?:is|was|are|were)\s+the\s+\w+\s+(?:that|which|with)\b", re.I)
_TOTAL = re.compile(r"\btotal\b|\bsubtotal\b|\bnet\b.*\btotal\b", re.I)


def row_comparison_of(question: Question) -> str | None:
    """``most`` or ``least`` when the question asks which row (segment, component, item ...) is the extreme
    one, not which period (that is ``comparison_of``'s)."""
    text = question.text
    if not _WHICH.search(text) or comparison_of(text) is not None:
        return None
    most, least = MOST.search(text), LEAST.search(text)
    if bool(most) == bool(least):
        return None
    return "most" if most else "least"


def row_comparison(question: Question, kind: str, tables: Sequence[list[Figure]], weight: Callable[[str], float],
                   fits: Callable[[Figure, Question], bool]) -> tuple[Answer, float] | None:
    """The answer over the table (of ``tables``, each a table's cells) whose caption, columns and labels hold
    most of the question's words (IDF ``weight``), and that match's share; ``fits``: whether a cell's period is
    the one asked."""
    asked = set(stems(question.text))
    total = math.fsum(weight(t) for t in asked) or 1.0
    scored = []
    for cells in tables:
        words = set(stems(" ".join({f"{f.caption} {f.column_label} {f.parent_label or ''} {f.row_label}"
                                    for f in cells})))
        scored.append((math.fsum(weight(t) for t in asked & words) / total, cells))
    scored.sort(key=lambda s: -s[0])
    for match, cells in scored[:3]:
        column = _column(question, cells, asked, fits)
        if column is None:
            continue
        members = [f for f in column if f.value is not None and not f.derived and not _TOTAL.search(f.row_label)]
        # like with like: the column's commonest unit and scale (no percentage against an amount)
        common = Counter((f.unit, f.scale) for f in members).most_common(1)
        members = [f for f in members if common and (f.unit, f.scale) == common[0][0]]
        ordered = sorted(members, key=lambda f: float(f.value or 0.0), reverse=kind == "most")
        runner = next((f for f in ordered[1:] if f.row_label != ordered[0].row_label), None)
        if runner is None or ordered[0].value == runner.value:
            continue  # one row, or a tie: no single row answers
        return _answer(question, ordered[0], runner), match
    return None


def _column(question: Question, cells: list[Figure], asked: set[str],
            fits: Callable[[Figure, Question], bool]) -> list[Figure] | None:
    """The cells of the one column the question picks: by its period when it names one (and none if no column
    or several fit), else by its words, else the table's only column."""
    columns: dict[str, list[Figure]] = {}
    for f in cells:
        columns.setdefault(f.column_label, []).append(f)
    if question.years or question.dates or question.month_years:
        dated = [c for c in columns.values() if all(fits(f, question) for f in c)]
        return dated[0] if len(dated) == 1 else None
    if len(columns) == 1:
        return next(iter(columns.values()))
    named = [c for label, c in columns.items() if set(stems(label)) & asked and not c[0].derived]
    return named[0] if len(named) == 1 else None


def _answer(question: Question, winner: Figure, runner: Figure) -> Answer:
    period = (winner.column_label or "").strip() or describe_period(winner)
    text = (f"{winner.row_label}. {winner.label} ({period}): {describe_value(winner)} [1]; next, "
            f"{runner.label}: {describe_value(runner)} [2].")
    citations = [Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                          text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0)
                 for f in (winner, runner)]
    return Answer(question=question.text, answer=text, found=True, citations=citations,
                  figures=[figure_dict(f) for f in (winner, runner)])
