"""Table measurements run together for ``qa eval``: the figures score on hand-read gold cells and the TAT-QA
table measurement, each written to its results folder, with a readable report."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def evaluate_tables(figures_gold: Path | None, tatqa: Path | None, corpus: Path, results_root: Path,
                    name: str | None, progress: bool = False) -> tuple[dict[str, Any], str]:
    """Run the measurements asked for; their summaries (``figures``, ``tatqa``) and a report to print."""
    out: dict[str, Any] = {}
    lines: list[str] = []
    if figures_gold is not None:
        from qa.eval import figure_report, figure_score

        scores = figure_score.run(figures_gold, corpus, progress=progress)
        folder = results_root / (name or "figures")
        out["figures"] = figure_report.write_results(scores, folder)
        lines += [figure_report.text_table(scores), f"results in {folder}/ (summary.json, report.md, misses.jsonl)"]
    if tatqa is not None:
        from qa.eval import tatqa as tat

        contexts = tat.load_contexts(tatqa)
        splits = tat.load_or_make_split(Path("eval/tatqa/split.json"), [c["table"]["uid"] for c in contexts])
        tallies, cells = tat.measure(contexts, splits, progress=progress)
        folder = results_root / (name or "tatqa") if figures_gold is None else results_root / "tatqa"
        out["tatqa"] = tat.write_results(tallies, cells, folder)
        lines += [tat.text_table(out["tatqa"]), f"results in {folder}/ (summary.json, misses.jsonl)"]
    return out, "\n".join(lines)
