"""The TAT-QA table measurement: each context rendered as an HTML release, its numeric cells looked up in the figures.

Measures, per split (``eval/tatqa/split.json``: contexts split by table uid, seeded, ~70/30) and overall, the
share of numeric cells (in rows with a label) stored as a figure with that row label and value, and, for cells
under a year or date header, the share stored with a period (period end or fiscal period).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.vocabulary import YEAR_DIGITS, month_pattern
from qa.eval.figure_score import Extractor, GoldCell, match_cell

logger = logging.getLogger(__name__)

SEED = 13
VALIDATION_SHARE = 0.3
_MONTH = f"(?i:{month_pattern()})"
_DATE = re.compile(rf"(?:{_MONTH}\s+\d{{1,2}},?\s+{YEAR_DIGITS}|\d{{1,2}}\s+{_MONTH},?\s+{YEAR_DIGITS}"
                   rf"|{YEAR_DIGITS}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/{YEAR_DIGITS})")
_YEAR = re.compile(rf"(?:fy\s?)?{YEAR_DIGITS}")
_HEADER_NOISE = re.compile(r"\(\d{1,2}\)|[*†‡]|(?:us|a|c|rmb)?[$€£¥]\s?(?:m|bn|k|'000|’000)?"
                           r"|(?:€|£|\$)?m\b|[’']000|%|,$")


@dataclass
class TatqaCell:
    """A numeric body cell of a TAT-QA table and what the extractor stored for it."""

    uid: str
    split: str
    row: str
    column: str  # the column's header cells, top to bottom, joined with " | "
    raw: str
    value: float
    year_column: bool
    stored: bool = False
    dated: bool = False
    figure: dict[str, Any] | None = None


@dataclass
class TatqaTally:
    """Counts of one split."""

    contexts: int = 0
    cells: int = 0
    stored: int = 0
    year_cells: int = 0
    year_dated: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"contexts": self.contexts, "numeric_cells": self.cells, "stored": self.stored,
                "stored_rate": round(self.stored / self.cells, 4) if self.cells else None,
                "year_cells": self.year_cells, "year_dated": self.year_dated,
                "year_dated_rate": round(self.year_dated / self.year_cells, 4) if self.year_cells else None,
                "unreadable": self.errors}


def load_contexts(path: Path) -> list[dict[str, Any]]:
    """The TAT-QA contexts of a dataset file (each a ``table``, ``paragraphs`` and ``questions``)."""
    return list(json.loads(path.read_text(encoding="utf-8")))


def make_split(uids: Iterable[str], seed: int = SEED, validation_share: float = VALIDATION_SHARE) -> dict[str, Any]:
    """Table uids split deterministically: ordered by a seeded hash, the first ``validation_share`` held out."""
    ordered = sorted(set(uids), key=lambda u: hashlib.sha256(f"{seed}:{u}".encode()).hexdigest())
    n = round(len(ordered) * validation_share)
    return {"seed": seed, "validation_share": validation_share,
            "fit": sorted(ordered[n:]), "validation": sorted(ordered[:n])}


def write_split(path: Path, split: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")


def load_or_make_split(path: Path, uids: list[str]) -> dict[str, str]:
    """Each uid's split from ``path``; the file is made (and written) when missing; uids not in it are logged."""
    if not path.exists():
        write_split(path, make_split(uids))
        logger.info("wrote TAT-QA split %s", path)
    split = json.loads(path.read_text(encoding="utf-8"))
    names = {u: name for name in ("fit", "validation") for u in split.get(name, [])}
    if missing := [u for u in uids if u not in names]:
        logger.warning("%d TAT-QA contexts are not in %s: counted as 'unsplit'", len(missing), path)
    return {u: names.get(u, "unsplit") for u in uids}


def parse_number(cell: str) -> float | None:
    """A cell as a number ("$ 1,452.4", "(12.5)%", "−3") or None (text, "-", "n/a", empty)."""
    s = re.sub(r"\s+", "", cell).replace("−", "-").replace("–", "-")
    s = re.sub(r"^(?:US|A|C|NZ|HK|S|RMB)?[$€£¥]", "", s)
    s = s.removesuffix("%")
    negative = s.startswith("(") and s.endswith(")")
    s = s.strip("()")
    s = re.sub(r"^(?:US|A|C|RMB)?[$€£¥]", "", s)
    if s.startswith("-"):
        negative, s = True, s[1:]
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+", s):
        return None
    value = float(s.replace(",", ""))
    return -value if negative else value


def is_period_header(text: str) -> bool:
    """A header cell that is a bare year ("2019", "2 0 1 8", "2019 €m", "2019 (1)") or a date."""
    t = re.sub(r"(?<=\d) (?=\d)", "", text.strip().casefold())
    t = " ".join(_HEADER_NOISE.sub(" ", t).split())
    return bool(_YEAR.fullmatch(t) or _DATE.fullmatch(t))


def header_rows(rows: list[list[str]]) -> int:
    """How many leading rows are header rows: rows holding no numbers (a bare year or date is not one); a row
    with a label only ends the header once a header row with column text was seen ("Assets", "Current assets:")."""
    seen_columns = False
    for n, row in enumerate(rows):
        cells = [c.strip() for c in row]
        if any(parse_number(c) is not None and not is_period_header(c) for c in cells[1:] + cells[:1]):
            return n
        has_columns = any(cells[1:])
        if seen_columns and not has_columns:
            return n
        seen_columns = seen_columns or has_columns
    return len(rows)


def render_html(context: dict[str, Any]) -> str:
    """A context as an HTML release: a title, the paragraphs, the table (header rows as ``<th>`` in ``<thead>``)."""
    rows: list[list[str]] = context["table"]["table"]
    n = header_rows(rows)
    esc = html.escape

    def tr(row: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{esc(c)}</{tag}>" for c in row) + "</tr>"

    paragraphs = sorted(context.get("paragraphs", []), key=lambda p: p.get("order", 0))
    return "\n".join([
        "<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>TAT-QA context</title></head><body>",
        "<h1>Financial report extract</h1>",  # the uid is in the file name only: no stray numbers in the text
        *(f"<p>{esc(p['text'])}</p>" for p in paragraphs),
        "<table>", "<thead>", *(tr(r, "th") for r in rows[:n]), "</thead>",
        "<tbody>", *(tr(r, "td") for r in rows[n:]), "</tbody>", "</table>", "</body></html>", ""])


def numeric_cells(context: dict[str, Any], split: str) -> list[TatqaCell]:
    """The cells measured: numbers in body rows with a non-empty label."""
    rows: list[list[str]] = context["table"]["table"]
    n = header_rows(rows)
    out = []
    for row in rows[n:]:
        label = row[0].strip() if row else ""
        if not label:
            continue
        for k, raw in enumerate(row[1:], 1):
            value = parse_number(raw)
            if value is None:
                continue
            heads = [r[k].strip() for r in rows[:n] if k < len(r) and r[k].strip()]
            out.append(TatqaCell(context["table"]["uid"], split, label, " | ".join(heads), raw.strip(), value,
                                 any(is_period_header(h) for h in heads)))
    return out


def measure(contexts: list[dict[str, Any]], splits: dict[str, str], extract: Extractor | None = None,
            progress: bool = False) -> tuple[dict[str, TatqaTally], list[TatqaCell]]:
    """Render, read and extract every context; tally per split (and ``all``) and return every measured cell."""
    from tqdm import tqdm

    from index.errors import UnreadableRelease

    if extract is None:
        from index.extract import release_figures

        extract = release_figures
    tallies: dict[str, TatqaTally] = {}
    cells_out: list[TatqaCell] = []
    with tempfile.TemporaryDirectory(prefix="qa-tatqa-") as tmp:
        for context in tqdm(contexts, desc="TAT-QA", unit="table", disable=not progress):
            uid = context["table"]["uid"]
            split = splits.get(uid, "unsplit")
            path = Path(tmp) / f"tatqa-{uid}.html"
            path.write_text(render_html(context), encoding="utf-8")
            cells = numeric_cells(context, split)
            try:
                _, figures = extract(path)
            except UnreadableRelease as exc:
                logger.warning("TAT-QA %s: %s", uid, exc)
                figures = []
                for name in (split, "all"):
                    tallies.setdefault(name, TatqaTally()).errors.append(uid)
            for cell in cells:
                gold = GoldCell(document=uid, row=cell.row, column=cell.column, value=cell.value)
                figure, candidate, _ = match_cell(gold, figures)
                cell.stored = figure is not None
                cell.dated = bool(figure and (figure.period_end or figure.fiscal_period))
                shown = figure or candidate
                cell.figure = None if shown is None else {k: getattr(shown, k) for k in (
                    "row_label", "parent_label", "column_label", "raw", "value", "period_kind", "period_end",
                    "fiscal_period", "derived")}
            for name in (split, "all"):
                t = tallies.setdefault(name, TatqaTally())
                t.contexts += 1
                t.cells += len(cells)
                t.stored += sum(c.stored for c in cells)
                t.year_cells += sum(c.year_column for c in cells)
                t.year_dated += sum(c.year_column and c.dated for c in cells)
            cells_out.extend(cells)
    order = ["validation", "fit", "unsplit", "all"]
    return {k: tallies[k] for k in order if k in tallies}, cells_out


def write_results(tallies: dict[str, TatqaTally], cells: list[TatqaCell], folder: Path) -> dict[str, Any]:
    """summary.json and misses.jsonl (cells not stored, or under a year/date header without a period)."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {name: t.as_dict() for name, t in tallies.items()}
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    with (folder / "misses.jsonl").open("w", encoding="utf-8") as out:
        for c in cells:
            if not c.stored or (c.year_column and not c.dated):
                out.write(json.dumps(c.__dict__, ensure_ascii=False) + "\n")
    return summary


def text_table(summary: dict[str, Any]) -> str:
    """One line per split: contexts, numeric cells, stored %, year-column cells, dated %."""
    lines = [f"{'split':12} {'tables':>6} {'cells':>6} {'stored':>7} {'year cells':>10} {'dated':>7}"]
    for name, s in summary.items():
        def pct(v: float | None) -> str:
            return "-" if v is None else f"{100 * v:.1f}"

        lines.append(f"{name:12} {s['contexts']:>6} {s['numeric_cells']:>6} {pct(s['stored_rate']):>7} "
                     f"{s['year_cells']:>10} {pct(s['year_dated_rate']):>7}")
    return "\n".join(lines)
