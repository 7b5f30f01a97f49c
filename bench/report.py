"""The benchmark's results as Markdown tables (one row per corpus size)."""

from __future__ import annotations

from typing import Any


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def set_scores(evaluation: dict[str, Any], tag: str) -> dict[str, float | None]:
    """Answer accuracy, correct-and-cited and refusals over one question set (fixed or spread)."""
    groups = {k.split("-", 1)[1]: v for k, v in evaluation["groups"].items() if k.startswith(f"category:{tag}-")}
    answerable = [v for k, v in groups.items() if k != "unanswerable"]
    n = sum(v["questions"] for v in answerable)

    def mean(key: str) -> float | None:
        return sum(v[key] * v["questions"] for v in answerable) / n if n else None

    refused = groups.get("unanswerable", {}).get("abstention_accuracy")
    return {"n": n + groups.get("unanswerable", {}).get("questions", 0), "answer": mean("answer_accuracy"),
            "cited": mean("correct_and_cited"), "refused": refused,
            "figure": groups.get("figure", {}).get("correct_and_cited"),
            "text": groups.get("text", {}).get("correct_and_cited")}


def _acc(evaluation: dict[str, Any] | None, tag: str) -> str:
    if not evaluation:
        return "–"
    s = set_scores(evaluation, tag)
    if not s["n"]:
        return "–"
    return f"{_pct(s['cited'])} ({_pct(s['figure'])}/{_pct(s['text'])}) · {_pct(s['refused'])}"


def _lat(evaluation: dict[str, Any] | None) -> str:
    if not evaluation:
        return "–"
    a = evaluation["all"]
    return f"{a['latency_ms_median']:.0f} / {a['latency_ms_p95']:.0f}"


def markdown(result: dict[str, Any]) -> str:
    rows = result["sizes"]
    cumulative = 0.0
    cost = ["| releases | new releases | ingest s | releases/s | chunks/s | encoder chunks/s | overhead | "
            "re-ingest s (% of first) | ingest RSS MB | store MB (chroma/bm25/sqlite) |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ing, enc = r["ingest"], r["encoder"]
        cumulative += ing["seconds"]
        encode_only = ing["chunks"] / enc["chunks_per_s"] if enc["chunks_per_s"] else 0
        overhead = (ing["seconds"] - encode_only) / encode_only if encode_only else None
        store = r["store_mb"]
        cost.append(
            f"| {r['size']:,} | {ing['added']:,} | {ing['seconds']:.0f} | {ing['added'] / ing['seconds']:.2f} | "
            f"{ing['chunks'] / ing['seconds']:.1f} | {enc['chunks_per_s']:.1f} | "
            f"{'–' if overhead is None else f'{100 * overhead:.0f}%'} | "
            f"{r['reingest']['seconds']:.1f} ({100 * r['reingest']['seconds'] / cumulative:.1f}%) | "
            f"{ing['peak_rss_mb']:.0f} | {store.get('chroma', 0):.0f} / {store.get('bm25', 0):.0f} / "
            f"{store.get('catalog+figures', 0):.0f} |")
    answers = ["| releases | warm ask p50 / p95 ms | serving RSS MB | cold `qa ask` s | "
               "fixed set: cited (figure/text) · refused | spread set | starter p50 / p95 ms | "
               "starter fixed (lenient answer) | server p50 / p95 ms | server answers = embedded |",
               "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        full, starter, server = r["full"], r.get("starter"), r.get("server")
        same = "–"
        if server:
            same_n = sum(a == b for a, b in zip(full["answers"], server["answers"], strict=True))
            same = f"{same_n}/{len(full['answers'])}"
        lenient = "–"
        if starter:
            lenient = _pct(starter["all"].get("lenient_accuracy"))
        answers.append(
            f"| {r['size']:,} | {_lat(full)} | {full['peak_rss_mb']:.0f} | {r['cold_ask']['seconds_median']:.1f} | "
            f"{_acc(full, 'fixed')} | {_acc(full, 'spread')} | {_lat(starter)} | {lenient} | {_lat(server)} | {same} |")
    return "\n".join(["## Costs", "", *cost, "", "## Answers", "", *answers, ""])
