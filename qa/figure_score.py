"""The figures score: gold table cells of real releases against the figures the extractor stores for them.

Each gold cell (``eval/figures/README.md``) is matched to one figure of its document: same page (when the
figure has one), same row label once normalised (also ``section row`` / ``parent row`` forms), same value;
among several, the one whose column label is closest to the gold column. A cell is *right* when found with
the gold scale, unit, period kind, period end and derived flag (a derived cell must have no period).
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from index.cleaner import FOOTNOTE_MARKS
from index.errors import ReleaseQAError, UnreadableRelease
from index.records import Figure, Release

logger = logging.getLogger(__name__)

Extractor = Callable[[Path], tuple[Release, list[Figure]]]
ASPECTS = ("scale", "unit", "period", "page")
SPLIT_ORDER = ("validation", "fit")
_MARK = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|[*§¶" + FOOTNOTE_MARKS + "]")
_GLUED_MARK = re.compile(r"(?<=[a-z]{2})\d(?:,\d)*\b")  # "Net income1": a footnote number glued to a word
_NON_WORD = re.compile(r"[^\w]+|_")


class FiguresGoldError(ReleaseQAError):
    """A figures gold folder that cannot be read or has a malformed cell."""


class GoldCell(BaseModel):
    """One gold table cell, read from the page (fields as in ``eval/figures/README.md``)."""

    document: str
    page: int | None = None
    caption: str | None = None
    section: str | None = None
    row: str
    column: str = ""
    period_kind: str | None = None
    period_end: str | None = None
    fiscal_period: str | None = None
    derived: bool | None = False
    printed: str | None = None
    value: float | None
    scale: int = 1
    unit: str | None = None


@dataclass
class CellResult:
    """A gold cell, the figure matched to it (or the closest candidate) and which aspects agree."""

    gold: GoldCell
    figure: Figure | None
    candidate: Figure | None = None
    candidate_match: str | None = None
    aspects: dict[str, bool] = field(default_factory=dict)

    @property
    def right(self) -> bool:
        return self.figure is not None and all(self.aspects[a] for a in ASPECTS if a != "page")


@dataclass
class Tally:
    """Counts for a document or a split; rates come from :meth:`as_dict`."""

    cells: int = 0
    found: int = 0
    right: int = 0
    aspects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ASPECTS, 0))
    figures: int = 0
    figures_not_derived: int = 0
    figures_dated: int = 0  # of those, figures with a period end or fiscal period

    def add(self, other: Tally) -> None:
        for name in ("cells", "found", "right", "figures", "figures_not_derived", "figures_dated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for a in ASPECTS:
            self.aspects[a] += other.aspects[a]

    def as_dict(self) -> dict[str, Any]:
        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        return {"cells": self.cells, "found": self.found, "right": self.right, "right_rate": rate(self.right, self.cells),
                "value_found": rate(self.found, self.cells),
                **{f"{a}_of_found": rate(self.aspects[a], self.found) for a in ASPECTS},
                "figures": self.figures, "figures_with_period": rate(self.figures_dated, self.figures_not_derived)}


@dataclass
class DocumentScore:
    """One document's cells, their results and its tally."""

    document: str
    split: str
    results: list[CellResult]
    tally: Tally
    error: str | None = None


@lru_cache(maxsize=16384)
def normalise_label(text: str | None) -> str:
    """A label for comparison: footnote marks and superscripts dropped, NFKC, case and punctuation folded."""
    if not text:
        return ""
    text = _GLUED_MARK.sub("", _MARK.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def load_gold(folder: Path) -> tuple[dict[str, list[GoldCell]], dict[str, str]]:
    """Gold cells by document from ``folder/gold/*.jsonl`` (or ``folder/*.jsonl``), and each document's split."""
    files = sorted((folder / "gold").glob("*.jsonl")) or sorted(folder.glob("*.jsonl"))
    if not files:
        raise FiguresGoldError(f"no gold JSONL files in {folder}/gold or {folder}")
    cells: dict[str, list[GoldCell]] = defaultdict(list)
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    cell = GoldCell.model_validate_json(line)
                except ValidationError as exc:
                    raise FiguresGoldError(f"{path}:{n}: bad gold cell: {exc.errors()[0]['msg']}") from exc
                cells[cell.document].append(cell)
    splits: dict[str, str] = {}
    split_file = folder / "split.json"
    if split_file.exists():
        for name, documents in json.loads(split_file.read_text(encoding="utf-8")).items():
            splits.update(dict.fromkeys(documents, name))
    return dict(cells), splits


def _forms(label: str | None, section: str | None) -> set[str]:
    forms = {normalise_label(label)}
    if section:
        forms.add(normalise_label(f"{section} {label}"))
    return forms - {""}


def column_similarity(gold: str | None, stored: str | None) -> float:
    """Dice overlap of the two column labels' words (0 to 1)."""
    a, b = set(normalise_label(gold).split()), set(normalise_label(stored).split())
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def same_value(gold: float | None, stored: float | None) -> bool:
    if gold is None or stored is None:
        return gold is None and stored is None
    return math.isclose(gold, stored, rel_tol=1e-9)


def _rank(cell: GoldCell, f: Figure) -> tuple[float, bool, bool]:
    section = bool(cell.section) and normalise_label(f.parent_label) == normalise_label(cell.section)
    return column_similarity(cell.column, f.column_label), section, f.page == cell.page


def match_cell(cell: GoldCell, figures: Sequence[Figure]) -> tuple[Figure | None, Figure | None, str | None]:
    """(the matched figure, else None; the best candidate; how the candidate was found)."""
    gold_forms = _forms(cell.row, cell.section)
    labelled = [f for f in figures if gold_forms & _forms(f.row_label, f.parent_label)]
    on_page = [f for f in labelled if f.page is None or cell.page is None or f.page == cell.page]
    tiers = (("row, value and page", [f for f in on_page if same_value(cell.value, f.value)]),
             ("row and value, other page", [f for f in labelled if same_value(cell.value, f.value)]),
             ("row only", on_page or labelled),
             ("value on the page", [f for f in figures if same_value(cell.value, f.value) and f.page in (cell.page, None)]))
    for n, (how, found) in enumerate(tiers):
        if found:
            best = max(found, key=lambda f: _rank(cell, f))
            return (best if n == 0 else None), best, how
    return None, None, None


def score_cell(cell: GoldCell, figure: Figure | None) -> dict[str, bool]:
    """Which aspects of ``figure`` agree with the gold cell (all False when there is no figure)."""
    if figure is None:
        return dict.fromkeys(ASPECTS, False)
    if cell.derived:
        period = bool(figure.derived) and not (figure.period_kind or figure.period_end or figure.fiscal_period)
    else:
        period = not figure.derived and figure.period_kind == cell.period_kind and figure.period_end == cell.period_end
    return {"scale": int(figure.scale) == int(cell.scale), "unit": figure.unit == cell.unit, "period": period,
            "page": figure.page is not None and figure.page == cell.page}


def score_document(document: str, split: str, cells: list[GoldCell], figures: list[Figure],
                   error: str | None = None) -> DocumentScore:
    """Match and score each gold cell of one document against that document's figures."""
    periodic = [f for f in figures if not f.derived]
    tally = Tally(cells=len(cells), figures=len(figures), figures_not_derived=len(periodic),
                  figures_dated=sum(bool(f.period_end or f.fiscal_period) for f in periodic))
    results = []
    for cell in cells:
        figure, candidate, how = match_cell(cell, figures)
        result = CellResult(cell, figure, candidate, how, score_cell(cell, figure))
        results.append(result)
        if figure is not None:
            tally.found += 1
            tally.right += result.right
            for a in ASPECTS:
                tally.aspects[a] += result.aspects[a]
    return DocumentScore(document, split, results, tally, error)


def run(gold_folder: Path, corpus: Path, extract: Extractor | None = None, progress: bool = False) -> list[DocumentScore]:
    """Score every gold document of ``gold_folder`` against the figures extracted from ``corpus``'s files."""
    from tqdm import tqdm

    if extract is None:
        from index.extract import release_figures

        extract = release_figures
    cells, splits = load_gold(gold_folder)
    scores = []
    for document in tqdm(sorted(cells, key=lambda d: (_split_rank(splits.get(d, "")), d)), desc="figures",
                         unit="document", disable=not progress):
        figures: list[Figure] = []
        error = None
        try:
            _, figures = extract(corpus / document)
        except UnreadableRelease as exc:  # its cells count as not found
            error = str(exc)
            logger.warning("figures score: %s", exc)
        scores.append(score_document(document, splits.get(document, "unsplit"), cells[document], figures, error))
    return scores


def _split_rank(split: str) -> int:
    return SPLIT_ORDER.index(split) if split in SPLIT_ORDER else len(SPLIT_ORDER)


def totals(scores: list[DocumentScore]) -> dict[str, Tally]:
    """A tally per split (validation first), then ``all``."""
    out: dict[str, Tally] = {}
    for s in sorted(scores, key=lambda s: _split_rank(s.split)):
        for name in (s.split, "all"):
            out.setdefault(name, Tally()).add(s.tally)
    out["all"] = out.pop("all", Tally())  # last
    return out


_FIGURE_FIELDS = ("page", "caption", "parent_label", "row_label", "column_label", "raw", "value", "unit", "scale",
                  "scale_label", "period_kind", "period_end", "fiscal_period", "derived", "row_text")


def miss_record(result: CellResult) -> dict[str, Any]:
    """A gold cell that is not right, the aspects that failed and the closest stored figure."""
    figure = result.figure or result.candidate
    wrong = [a for a in ASPECTS if a != "page" and not result.aspects[a]] if result.figure else ["not found"]
    return {"gold": result.gold.model_dump(), "found": result.figure is not None, "wrong": wrong,
            "candidate_match": result.candidate_match,
            "candidate": {k: _clip(getattr(figure, k)) for k in _FIGURE_FIELDS} if figure else None}


def _clip(value: Any, limit: int = 400) -> Any:
    return value[:limit] + "…" if isinstance(value, str) and len(value) > limit else value


_HEAD = ("document", "split", "cells", "found", "right", "scale", "unit", "period", "page", "dated")


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


def _row(name: str, split: str, t: Tally) -> list[str]:
    d = t.as_dict()
    return [name, split, str(t.cells), _pct(d["value_found"]), _pct(d["right_rate"]),
            *(_pct(d[f"{a}_of_found"]) for a in ASPECTS), _pct(d["figures_with_period"])]


def table_rows(scores: list[DocumentScore], documents: bool = True, splits: bool = True) -> list[list[str]]:
    """Rows of the per-document table (validation first), then one row per split and ``all``."""
    rows = [_row(s.document + (" (unreadable)" if s.error else ""), s.split, s.tally) for s in scores] if documents else []
    return rows + ([_row(f"[{name}]", name, t) for name, t in totals(scores).items()] if splits else [])


def text_table(scores: list[DocumentScore]) -> str:
    """The per-document table as fixed-width text (percentages; aspects are shares of found cells)."""
    rows = [list(_HEAD), *table_rows(scores)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEAD))]
    return "\n".join("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in rows)


def write_results(scores: list[DocumentScore], folder: Path) -> dict[str, Any]:
    """summary.json, report.md and misses.jsonl under ``folder``; returns the summary."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {"splits": {name: t.as_dict() for name, t in totals(scores).items()},
               "documents": [{"document": s.document, "split": s.split, "error": s.error, **s.tally.as_dict()}
                             for s in scores]}
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    with (folder / "misses.jsonl").open("w", encoding="utf-8") as out:
        for s in scores:
            for r in s.results:
                if not r.right:
                    out.write(json.dumps(miss_record(r), ensure_ascii=False, default=str) + "\n")
    lines = ["# Figures score", "",
             "Gold cells stored right (value, scale, unit, period; page where the figure has one). *found*: share of",
             "gold cells matched to a figure; *scale … page*: share of found cells with that aspect right; *dated*:",
             "share of the document's stored figures (derived columns excluded) with a period end or fiscal period.",
             "Found cells are on the gold page whenever the figure has a page, so *page* is the share with a page."]
    head = ["| " + " | ".join(_HEAD) + " |", "|" + "---|" * 2 + "---:|" * (len(_HEAD) - 2)]
    lines += ["", "## Per split", "", *head, *("| " + " | ".join(r) + " |" for r in table_rows(scores, documents=False))]
    lines += ["", "## Per document", "", *head, *("| " + " | ".join(r) + " |" for r in table_rows(scores, splits=False))]
    errors = [f"- {s.document}: {s.error}" for s in scores if s.error]
    (folder / "report.md").write_text("\n".join(lines + ([""] + errors if errors else [])) + "\n", encoding="utf-8")
    return summary
