"""What `qa train` reports: precision, coverage and calibration of the answer model per gold set and split,
and the ablation table (each group of signals, and each source, left out and the model refitted on fit)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from qa.training.fit import PRECISION, decisions

# signal groups for the ablation: each is dropped from both sources' models at once
GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "meaning (cosine, sentence score)": ("cosine", "score"),
    "words (lexical cover, focus, margin)": ("lexical", "focus", "margin"),
    "answer kind (cue, bearing, anchor)": ("cue", "bearing", "anchor"),
    "section and position": ("section", "rank", "pair", "chars"),
    "periods (stated, named, figure refused)": ("period_stated", "period_named", "figure_refused", "fitting"),
    "names (unnamed, off topic, unknown terms)": ("unnamed", "off_topic", "unknown_terms"),
    "question kind (wants, computed, comparison)": ("wants_person", "wants_date", "wants_place", "wants_number",
                                                    "wants_choice", "wants_fact", "computed", "comparison", "terms"),
    "figure row match (match, lead, covers, ties)": ("match", "lead", "label_cover", "question_cover",
                                                     "context_cover", "tied"),
    "figure cells (stated, percent, derived, change, compared)": ("stated", "percent", "derived", "change",
                                                                   "compared", "rows_compared"),
    "computed from cells (one row, two rows)": ("calculated", "two_rows"),
})


def scores(records: list[dict[str, Any]], model: dict[str, Any], threshold: float | None = None) -> dict[str, Any]:
    """Coverage, precision, right answers and refusals of unanswerable questions at the model's threshold."""
    t = model["threshold"] if threshold is None else threshold
    made = decisions(records, model)
    answerable = [(p, right) for p, right, r in made if r["answerable"]]
    unanswerable = [p for p, _, r in made if not r["answerable"]]
    given = [(p, right) for p, right, _ in made if p >= t]
    return {
        "questions": len(made),
        "coverage": _ratio(len(given), len(made)),
        "precision": _ratio(sum(right for _, right in given), len(given)),
        "correct_and_cited": _ratio(sum(right for p, right in answerable if p >= t), len(answerable)),
        "unanswerable_refused": _ratio(sum(p < t for p in unanswerable), len(unanswerable)),
        "oracle": _ratio(sum(any(c["right"] for c in r["candidates"]) for _, _, r in made if r["answerable"]),
                         len(answerable)),
    }


def calibration(records: list[dict[str, Any]], model: dict[str, Any], bins: int = 10) -> list[dict[str, Any]]:
    """Per probability band: questions, mean predicted probability, share right."""
    made = decisions(records, model)
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        band = [(p, right) for p, right, _ in made if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if band:
            out.append({"band": f"{lo:.1f}-{hi:.1f}", "questions": len(band),
                        "predicted": round(sum(p for p, _ in band) / len(band), 3),
                        "right": round(sum(r for _, r in band) / len(band), 3)})
    return out


def groups(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Records by split, and by split and set."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        for key in (r["split"], f"{r['split']} {r['set']}"):
            out.setdefault(key, []).append(r)
    return out


def ablation(records: list[dict[str, Any]], refit: Callable[..., dict[str, Any]]) -> list[dict[str, Any]]:
    """Each signal group, then each source, left out and the model refitted on fit; scored on validation
    (each refit sets its own threshold on fit)."""
    validation = [r for r in records if r["split"] == "validation"]
    fitted = [r for r in records if r["split"] == "fit"]
    rows = [{"left out": "nothing (the model)", **scores(validation, refit(records))}]
    for name, signals in GROUPS.items():
        model = refit(records, drop=frozenset(signals))
        rows.append({"left out": name, **scores(validation, model), "fit": scores(fitted, model)["correct_and_cited"]})
    for source in ("figure", "text"):
        kept = tuple(s for s in ("text", "figure") if s != source)
        model = refit(records, sources=kept)
        rows.append({"left out": f"the {source} source", **scores(validation, model),
                     "fit": scores(fitted, model)["correct_and_cited"]})
    return rows


def markdown(model: dict[str, Any], records: list[dict[str, Any]], ablated: list[dict[str, Any]] | None,
             ranked: dict[str, dict[str, dict[str, float]]] | None = None) -> str:
    """The report: scores by split and set, the validation calibration table, the ablation table, and the
    sentence rankers compared (``qa.training.ranker.ranking``)."""
    by = groups(records)
    lines = [f"Threshold {model['threshold']:.3f} (set on held-out fit probabilities for {100 * PRECISION:.0f}% "
             "precision; 1.000: no threshold reaches it).", "",
             "| questions | n | coverage | precision | correct and cited | unanswerable refused | "
             "any candidate right |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for key in sorted(by, key=lambda k: (k.split()[0] != "validation", k)):
        s = scores(by[key], model)
        lines.append(f"| {key} | {s['questions']} | {_pct(s['coverage'])} | {_pct(s['precision'])} | "
                     f"{_pct(s['correct_and_cited'])} | {_pct(s['unanswerable_refused'])} | {_pct(s['oracle'])} |")
    lines += ["", "Calibration on validation (best candidate per question):", "",
              "| probability | questions | predicted | right |", "|---|---:|---:|---:|"]
    for row in calibration(by.get("validation", []), model):
        lines.append(f"| {row['band']} | {row['questions']} | {row['predicted']:.3f} | {row['right']:.3f} |")
    if ablated:
        lines += ["", "Ablation (refitted on fit without it; validation unless marked):", "",
                  "| left out | coverage | precision | correct and cited | unanswerable refused | "
                  "fit: correct and cited |",
                  "|---|---:|---:|---:|---:|---:|"]
        for row in ablated:
            lines.append(f"| {row['left out']} | {_pct(row['coverage'])} | {_pct(row['precision'])} | "
                         f"{_pct(row['correct_and_cited'])} | {_pct(row['unanswerable_refused'])} | "
                         f"{_pct(row.get('fit'))} |")
    if ranked:
        lines += ["", "Sentence ranking (answerable questions whose sentences, ranked, hold the gold answer; the "
                  "same sentences for both rankers):", "",
                  "| split | ranker | questions | best sentence | best three | any sentence |",
                  "|---|---|---:|---:|---:|---:|"]
        for split, rankers in ranked.items():
            for name, r in rankers.items():
                lines.append(f"| {split} | {name} | {r['questions']:.0f} | {r['top1']:.1f} | {r['top3']:.1f} | "
                             f"{r['any']:.1f} |")
    return "\n".join(lines) + "\n"


def _ratio(n: float, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"
