"""A figure answer's column header, cited beside its row: the line above the row, inside its table, that
prints the columns' periods ("2019 2018", "Three Months Ended June 30, 2023"), so that a reader checks the
period of a number where the release prints it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from index.vocabulary import YEAR_DIGITS
from qa.language.records import Answer, Citation

_YEAR = re.compile(rf"\b{YEAR_DIGITS}\b")
_LOOK_BACK = 40  # lines above a row searched for its header: a long statement's header is this close
_WINDOW = 8000  # characters read above a row: 40 lines of a wide table


def _tokens(column: str) -> list[str]:
    """What a header line must print for a column: its years, else its last words."""
    years = _YEAR.findall(column)
    if years:
        return years
    words = column.split()
    return [" ".join(words[-2:])] if words else []


def header_citation(text: str, row_start: int, columns: list[str], base: int = 0) -> Citation | None:
    """The nearest line above ``row_start`` printing every column's tokens, or None; ``text`` is the
    release's text from offset ``base`` on (offsets in and out are the release's)."""
    row_start -= base
    wanted = {t for c in columns for t in _tokens(c)}
    if not wanted:
        return None
    end = text.rfind("\n", 0, row_start)
    for _ in range(_LOOK_BACK):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and all(t in line for t in wanted):
            return Citation(doc_id="", title="", date=None, section="table header", text=" ".join(line.split()),
                            start=base + start, end=base + end, score=1.0)
        end = start - 1
    return None


def with_header(answer: Answer, text_window: Callable[[str, int, int], str | None]) -> Answer:
    """``answer`` (from the figures store) with its rows' column header cited after them; ``text_window``
    reads a stretch of a release's text (``Catalog.text_window``)."""
    if not answer.found or not answer.figures or not answer.citations:
        return answer
    row = answer.citations[0]
    base = max(0, row.start - _WINDOW)
    text = text_window(row.doc_id, base, row.start) or ""
    figures: list[dict[str, Any]] = [f for f in answer.figures if f.get("doc_id") == row.doc_id]
    header = header_citation(text, row.start, [str(f.get("column") or "") for f in figures], base)
    if header is None or any(c.start == header.start and c.doc_id == row.doc_id for c in answer.citations):
        return answer
    header = replace(header, doc_id=row.doc_id)
    return replace(answer, citations=[*answer.citations, header])
