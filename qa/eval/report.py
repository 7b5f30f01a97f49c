"""Running gold sets through several systems, and reporting: terminal table, summary JSON, misses, PNG, comparison."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from qa.eval.scoring import GoldRow, answer_correct, citation_supported, evidence_rank, summarise
from qa.eval.systems import System
from qa.retrieval.filters import AskFilters

COLUMNS = [("answer_accuracy", "answer"), ("correct_and_cited", "cited"), ("lenient_accuracy", "lenient"),
           ("abstention_accuracy", "abstain"), ("precision", "precision"), ("coverage", "coverage"),
           ("hit_at_1", "hit@1"), ("hit_at_5", "hit@5"), ("mrr", "MRR"),
           ("latency_ms_median", "p50 ms"), ("latency_ms_p95", "p95 ms")]


def run_system(system: System, rows: list[GoldRow], release_text: Callable[[str], str | None],
               label: str = "", progress: bool = False, within: str | None = None) -> list[dict[str, Any]]:
    """Every gold question through one system: the `ask` object plus id, latency, retrieved passages.
    ``within``: a gold field naming a release (``doc_id``, a file name field); each question is then answered
    only from that release (a row without it is answered from everything)."""
    out = []
    for row in tqdm(rows, desc=label or "questions", disable=not progress, unit="q"):
        named = getattr(row, within, None) if within else None
        started = time.perf_counter()
        prediction, passages = system(row.question, AskFilters(doc=str(named)) if named else None)
        prediction["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
        prediction["evidence_rank"] = evidence_rank(row, passages, release_text)
        prediction["retrieved"] = [{**p, "text": str(p.get("text", ""))[:300]} for p in passages]
        out.append(prediction)
    return out


def write_results(folder: Path, rows: list[GoldRow], results: dict[str, list[dict[str, Any]]],
                  release_text: Callable[[str], str | None], splits: dict[str, str] | None = None) -> dict[str, Any]:
    """summary.json (overall, per answer_type and category, per system), misses.jsonl, chart.png."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = {name: summarise(rows, preds, release_text, splits) for name, preds in results.items()}
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    with (folder / "misses.jsonl").open("w", encoding="utf-8") as out:
        for name, preds in results.items():
            for row, pred in zip(rows, preds):
                correct = answer_correct(row, pred)
                cited = row.answer_type == "none" or citation_supported(row, pred, release_text)
                if not (correct and cited):
                    out.write(json.dumps({"system": name, "id": row.id, "category": row.category,
                                          "question": row.question, "accept": row.accept, "evidence": row.evidence,
                                          "answer": pred["answer"], "found": pred["found"], "correct": correct,
                                          "cited": cited, "evidence_rank": pred.get("evidence_rank"),
                                          "retrieved": pred.get("retrieved", [])}, ensure_ascii=False) + "\n")
    chart(summary, folder / "chart.png")
    return summary


def table(summary: dict[str, Any], group: str = "all") -> str:
    """One line per system for a group (``all``, ``type:number``, ``category:name`` ...)."""
    head = f"{'system':20}" + "".join(f"{label:>9}" for _, label in COLUMNS)
    lines = [head, "-" * len(head)]
    for name, groups in summary.items():
        scores = groups.get(group, {})
        lines.append(f"{name:20}" + "".join(f"{_fmt(key, scores.get(key)):>9}" for key, _ in COLUMNS))
    return "\n".join(lines)


def markdown_table(summary: dict[str, Any], group: str = "all") -> str:
    lines = ["| system | " + " | ".join(label for _, label in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    for name, groups in summary.items():
        scores = groups.get(group, {})
        lines.append(f"| {name} | " + " | ".join(_fmt(key, scores.get(key)) for key, _ in COLUMNS) + " |")
    return "\n".join(lines)


def _fmt(key: str, value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if key.startswith("latency") else f"{100 * value:.1f}" if key != "mrr" else f"{value:.3f}"


def compare(summary: dict[str, Any], baseline: dict[str, Any], group: str = "all") -> str:
    """Score differences from a committed baseline summary (points for rates)."""
    lines = [f"difference from baseline ({group}):"]
    for name, groups in summary.items():
        base = baseline.get(name, {}).get(group)
        if not base:
            lines.append(f"  {name:20} (not in baseline)")
            continue
        diffs = []
        for key, label in COLUMNS[:7]:
            now, then = groups.get(group, {}).get(key), base.get(key)
            if now is not None and then is not None:
                delta = (now - then) * (1 if key == "mrr" else 100)
                diffs.append(f"{label} {delta:+.1f}" if key != "mrr" else f"{label} {delta:+.3f}")
        lines.append(f"  {name:20} " + ", ".join(diffs))
    return "\n".join(lines)


def chart(summary: dict[str, Any], path: Path) -> None:
    """Grouped bars: answer accuracy, correct & cited, abstention, hit@5 per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = [("answer_accuracy", "answer"), ("correct_and_cited", "correct & cited"),
               ("abstention_accuracy", "abstention"), ("hit_at_5", "hit@5")]
    names = list(summary)
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(names)), 4))
    width = 0.8 / len(metrics)
    for i, (key, label) in enumerate(metrics):
        values = [100 * (summary[n].get("all", {}).get(key) or 0) for n in names]
        ax.bar([x + i * width for x in range(len(names))], values, width, label=label)
    ax.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(names))], names, rotation=15)
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, 1.12))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
