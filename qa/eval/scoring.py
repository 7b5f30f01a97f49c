"""Scoring answers against a gold JSONL set: answer accuracy, citation support, abstention."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from index.cleaner import normalise
from index.errors import ReleaseQAError


class GoldError(ReleaseQAError):
    """A gold file that cannot be read or has a malformed row."""


class GoldRow(BaseModel):
    """One gold question (fields beyond these, such as a file name or page, are kept for ``--within``)."""

    model_config = ConfigDict(extra="allow")

    id: str
    question: str
    answer_type: Literal["number", "text", "none"]
    accept: list[str] = []
    evidence: str = ""
    category: str | None = None
    doc_id: str | None = None
    numbers: list[float] | None = None


def load_gold(path: Path) -> list[GoldRow]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(GoldRow.model_validate_json(line))
            except ValidationError as exc:
                raise GoldError(f"{path}:{n}: bad gold row: {exc.errors()[0]['msg']}") from exc
    return rows


_NUMBER = re.compile(r"\(?-?[A-Z]{0,2}\$?\d[\d,]*(?:\.\d+)?\)?(?:\s+(thousand|million|billion)\b|\s?([kKmMbB]n?)\b)?")
_SCALE_WORDS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "b": 1e9, "bn": 1e9}


def numbers_in(text: str) -> list[float]:
    """Numbers written in ``text``: parentheses mean negative, commas are thousands separators, and a
    scale word also gives the full amount ("C$4.55 million" → 4.55 and 4,550,000)."""
    out = []
    for m in _NUMBER.finditer(normalise(text)):
        token = re.sub(r"\s?(thousand|million|billion|[kKmMbB]n?)$", "", m.group(0).strip())
        negative = token.startswith("(") and token.endswith(")") or token.startswith("-")
        digits = re.sub(r"[^\d.]", "", token)
        try:
            value = float(digits)
        except ValueError:
            continue
        value = -value if negative else value
        out.append(value)
        if scale := m.group(1) or m.group(2):
            out.append(value * _SCALE_WORDS[scale.lower()])
    return out


def _same_amount(found: float, expected: float) -> bool:
    """Equal as written, or equal once one side is scaled by thousands/millions (tables print $'000)."""
    for factor in (1.0, 1e3, 1e6):
        for a, b in ((found, expected * factor), (found * factor, expected)):
            if abs(abs(a) - abs(b)) <= 1e-9 + 1e-6 * abs(b):
                return True
    return False


def _norm(text: str) -> str:
    """Lower case, one space between words, no currency sign standing apart ("$ 1,234" reads as "1,234")."""
    return " ".join(w for w in normalise(text).lower().replace("$", " ").split())


def answer_correct(row: GoldRow, prediction: dict[str, Any], max_chars: int | None = 400) -> bool:
    """Refusal for ``none`` rows; otherwise an accepted string or the expected number in a found answer
    of at most ``max_chars`` characters (None: any length, the lenient score)."""
    if row.answer_type == "none":
        return not prediction["found"]
    if not prediction["found"] or (max_chars is not None and len(prediction["answer"]) > max_chars):
        return False
    answer = _norm(prediction["answer"])
    if any(_norm(a) in answer for a in row.accept if a.strip()):
        return True
    if row.answer_type == "number" and row.numbers:
        found = numbers_in(prediction["answer"])
        return any(_same_amount(x, y) for x in found for y in row.numbers)
    return False


def answer_right(row: GoldRow, prediction: dict[str, Any], release_text: Callable[[str], str | None]) -> bool:
    """A found answer that is correct and, where the gold row has evidence, cites it."""
    return (row.answer_type != "none" and prediction["found"] and answer_correct(row, prediction)
            and (not row.evidence or citation_supported(row, prediction, release_text)))


def citation_supported(row: GoldRow, prediction: dict[str, Any], release_text: Callable[[str], str | None]) -> bool:
    """The gold evidence lies inside (or mostly overlaps) a cited passage of the right release."""
    if row.answer_type == "none" or not row.evidence:
        return False
    evidence = _norm(row.evidence)
    for c in prediction["citations"]:
        if evidence in _norm(c["text"]):
            return True
        text = release_text(c["doc_id"]) or ""
        at = text.find(row.evidence)
        if at >= 0:
            overlap = min(at + len(row.evidence), c["end"]) - max(at, c["start"])
            if overlap >= 0.5 * len(row.evidence):
                return True
    return False


def evidence_rank(row: GoldRow, passages: list[dict[str, Any]],
                  release_text: Callable[[str], str | None]) -> int | None:
    """1-based rank of the first retrieved passage holding the gold evidence, or None."""
    if row.answer_type == "none" or not row.evidence:
        return None
    evidence = _norm(row.evidence)
    for rank, p in enumerate(passages, 1):
        if evidence in _norm(str(p.get("text", ""))):
            return rank
        text = release_text(str(p.get("doc_id"))) or ""
        at = text.find(row.evidence)
        if at >= 0 and p.get("start") is not None and p.get("end") is not None:
            overlap = min(at + len(row.evidence), int(p["end"])) - max(at, int(p["start"]))
            if overlap >= 0.5 * len(row.evidence):
                return rank
    return None


def summarise(rows: list[GoldRow], predictions: list[dict[str, Any]], release_text: Callable[[str], str | None],
              splits: dict[str, str] | None = None) -> dict[str, Any]:
    """Scores overall, per answer_type and per category; with ``splits`` (question id → fit/validation), also
    per split and per split and category."""
    groups: dict[str, list[tuple[GoldRow, dict[str, Any]]]] = defaultdict(list)
    for row, pred in zip(rows, predictions):
        groups["all"].append((row, pred))
        groups[f"type:{row.answer_type}"].append((row, pred))
        if row.category:
            groups[f"category:{row.category}"].append((row, pred))
        if splits and (split := splits.get(row.id)):
            groups[f"split:{split}"].append((row, pred))
            if row.category:
                groups[f"split:{split} category:{row.category}"].append((row, pred))
    return {name: _score(items, release_text) for name, items in sorted(groups.items())}


def _score(items: list[tuple[GoldRow, dict[str, Any]]], release_text: Callable[[str], str | None]) -> dict[str, Any]:
    answerable = [(r, p) for r, p in items if r.answer_type != "none"]
    unanswerable = [(r, p) for r, p in items if r.answer_type == "none"]
    correct = [answer_correct(r, p) for r, p in answerable]
    cited = [answer_correct(r, p) and citation_supported(r, p, release_text) for r, p in answerable]
    latencies = sorted(p.get("latency_ms", 0.0) for _, p in items)
    # right: a correct answer citing the gold evidence (where the gold row has any: an arithmetic answer has
    # none), or a refusal of an unanswerable question; as `qa train` labels its candidates
    right = [answer_right(r, p, release_text) if p["found"] else r.answer_type == "none" for r, p in items]
    given = [ok for (_, p), ok in zip(items, right) if p["found"]]
    ranks = [p.get("evidence_rank") for r, p in answerable if "evidence_rank" in p]
    return {
        "questions": len(items),
        "answer_accuracy": _ratio(sum(correct), len(answerable)),
        "lenient_accuracy": _ratio(sum(answer_correct(r, p, None) for r, p in answerable), len(answerable)),
        "correct_and_cited": _ratio(sum(cited), len(answerable)),
        "citation_support": _ratio(sum(citation_supported(r, p, release_text) for r, p in answerable), len(answerable)),
        "abstention_accuracy": _ratio(sum(not p["found"] for _, p in unanswerable), len(unanswerable)),
        "false_refusals": sum(not p["found"] for _, p in answerable),
        "coverage": _ratio(len(given), len(items)),
        "precision": _ratio(sum(given), len(given)),
        "calibration": calibration([float(p.get("confidence", 0.0)) for _, p in items if p["found"]], given),
        "hit_at_1": _ratio(sum(1 for k in ranks if k == 1), len(ranks)),
        "hit_at_5": _ratio(sum(1 for k in ranks if k is not None and k <= 5), len(ranks)),
        "mrr": round(sum(1 / k for k in ranks if k) / len(ranks), 4) if ranks else None,
        "latency_ms_median": latencies[len(latencies) // 2] if latencies else None,
        "latency_ms_p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else None,
    }


def calibration(confidences: list[float], right: list[bool], bins: int = 5) -> list[dict[str, Any]]:
    """Per confidence band of the answers given: how many, mean confidence, and the share right (correct and
    cited): is ``confidence`` the probability of being right? (`qa train` reports refused candidates too.)"""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        band = [(c, ok) for c, ok in zip(confidences, right) if lo <= c < hi or (b == bins - 1 and c >= 1.0)]
        if band:
            out.append({"band": f"{lo:.1f}-{hi:.1f}", "questions": len(band),
                        "confidence": round(sum(c for c, _ in band) / len(band), 3),
                        "right": round(sum(ok for _, ok in band) / len(band), 3)})
    return out


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def load_splits(gold: Path) -> dict[str, str] | None:
    """Question id → split from the ``split.json`` beside a gold file (``{"fit": [ids], "validation": [ids]}``;
    other keys ignored), or None when there is none."""
    path = gold.parent / "split.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldError(f"cannot read split file {path}: {exc}") from exc
    return {str(i): name for name in ("fit", "validation") for i in data.get(name, [])}


def write_predictions(path: Path, rows: list[GoldRow], predictions: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row, pred in zip(rows, predictions):
            out.write(json.dumps({"id": row.id, **pred}, ensure_ascii=False) + "\n")
