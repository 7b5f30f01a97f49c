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

        return {"cells": self.cells, "found": self.found, "right": self.right,
                "right_rate": rate(self.right, self.cells), "value_found": rate(self.found, self.cells),
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
             ("value on the page",
              [f for f in figures if same_value(cell.value, f.value) and f.page in (cell.page, None)]))
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


def run(gold_folder: Path, corpus: Path, extract: Extractor | None = None,
        progress: bool = False) -> list[DocumentScore]:
    """Score every gold document of ``gold_folder`` against the figures extracted from ``corpus``'s files."""
    from tqdm import tqdm

    if extract is None:
        from index.extract import release_figures

        extract = release_figures
    cells, splits = load_gold(gold_folder)
    scores = []
    for document in tqdm(sorted(cells, key=lambda d: (split_rank(splits.get(d, "")), d)), desc="figures",
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


def split_rank(split: str) -> int:
    """Validation first, then fit, then any other split."""
    return SPLIT_ORDER.index(split) if split in SPLIT_ORDER else len(SPLIT_ORDER)
