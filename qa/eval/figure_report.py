"""The figures score written out: summary.json, report.md (per split, validation first, and per document) and
misses.jsonl, and the same table as text for the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qa.eval.figure_score import ASPECTS, CellResult, DocumentScore, Tally, split_rank


def totals(scores: list[DocumentScore]) -> dict[str, Tally]:
    """A tally per split (validation first), then ``all``."""
    out: dict[str, Tally] = {}
    for s in sorted(scores, key=lambda s: split_rank(s.split)):
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
    rows = ([_row(s.document + (" (unreadable)" if s.error else ""), s.split, s.tally) for s in scores]
            if documents else [])
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
    lines += ["", "## Per split", "", *head,
              *("| " + " | ".join(r) + " |" for r in table_rows(scores, documents=False))]
    lines += ["", "## Per document", "", *head,
              *("| " + " | ".join(r) + " |" for r in table_rows(scores, splits=False))]
    errors = [f"- {s.document}: {s.error}" for s in scores if s.error]
    (folder / "report.md").write_text("\n".join(lines + ([""] + errors if errors else [])) + "\n", encoding="utf-8")
    return summary
