"""Records produced by ingestion: releases, their chunks and their table figures."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in a release's text."""

    start: int
    end: int


@dataclass
class Section:
    """A run of a release classified by role.

    ``kind`` is one of ``body``, ``about``, ``contacts``, ``boilerplate``;
    ``name`` is the heading or a short label (``forward-looking``, ``legend``).
    """

    kind: str
    name: str
    start: int
    end: int


@dataclass
class Release:
    """One press release, parsed.

    ``text`` is the faithful source text (the file's text, or the text
    extracted from HTML/PDF); every offset in the system points into it.
    """

    doc_id: str
    path: str
    sha256: str
    text: str
    title: str
    date: str | None = None
    company: str | None = None
    ticker: str | None = None
    exchange: str | None = None
    reporting_period: str | None = None
    sections: list[Section] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # offset where each page begins (PDF), else empty


def page_at(page_starts: list[int], offset: int) -> int | None:
    """The 1-based page holding ``offset``, given each page's start offset; None without pages."""
    return bisect.bisect_right(page_starts, offset) if page_starts else None


@dataclass
class Chunk:
    """A retrievable passage: a few sentences, or one whole table with its caption.

    ``text`` is the faithful passage (source words, page-break footnotes moved
    out); ``search_text`` is its normalised form for embedding and BM25;
    ``sentences`` are the spans (in release offsets) of its sentences or rows,
    each a list of pieces because a sentence may straddle a footnote.
    """

    chunk_id: str
    doc_id: str
    ordinal: int
    kind: str  # "text" | "table"
    section: str
    section_kind: str
    start: int
    end: int
    text: str
    search_text: str
    sentences: list[list[Span]] = field(default_factory=list)
    page: int | None = None  # 1-based page of the chunk's start (PDF releases), else None


@dataclass
class Figure:
    """One numeric table cell with everything needed to state it exactly.

    ``value`` is in the table's units before scaling (``4553`` in a
    ``$'000`` table is stored as ``-4553.0`` with ``scale=1000`` when shown
    as ``(4,553)``); ``None`` when the cell is nil (``-``) or not a number.
    """

    doc_id: str
    table_index: int
    caption: str
    row_label: str
    parent_label: str | None
    column_label: str
    raw: str
    value: float | None
    unit: str | None
    scale: int
    scale_label: str | None
    period_kind: str | None
    period_end: str | None
    fiscal_period: str | None
    row_text: str
    row_start: int
    row_end: int
    footnotes: list[str] = field(default_factory=list)
    page: int | None = None  # 1-based page of the row (PDF releases), else None
    derived: str | None = None  # a computed column ("% change", "change"): never a period

    @property
    def label(self) -> str:
        """The row's label under its heading: "Net income per share: Diluted"."""
        return row_label(self.row_label, self.parent_label)


def row_label(row: str, parent: str | None) -> str:
    """A table row's label under its heading ("Net income per share: Diluted"), as ``Figure.label`` says it."""
    return f"{parent}: {row}" if parent else row
