"""`qa train`: the answer model fitted on the fit questions of every gold set, deterministic, written as JSON.

Each gold set's releases are ingested into a cache folder (reused when unchanged), every question is run
through the engine for its candidates (quoted text, table figure) with their signals, and each candidate is
labelled right when it answers correctly and cites the gold evidence. Only the ``fit`` questions train. The
sentences are ranked by the hand-set weights; a sentence ranker is fitted on them too (does the sentence hold
the gold answer?) and compared in the report, and with ``--ranker fitted`` a second collection ranks with it
and the answer model is fitted on that. The answer model: one standardised logistic regression per source
(regularisation chosen by cross-validation on fit), and the refusal threshold is the lowest probability at
which the fit answers are still ``PRECISION`` right.
Validation questions are collected too, for the report (``qa.training.report``), never for fitting.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from index.settings import Settings
from qa.choice.features import FEATURES
from qa.eval.scoring import GoldRow, answer_right, load_gold, load_splits
from qa.retrieval.filters import AskFilters
from qa.text.ranker import SentenceRanker
from qa.training.ranker import fit_ranker, holds, ranking

logger = logging.getLogger(__name__)
CANDIDATES = "candidates.jsonl"  # the collected candidates, in the cache folder
FIRST_PASS = "sentences.jsonl"  # the first pass, its sentences ranked by the hand-set weights, in the cache folder
SENTENCES_KEPT = 300  # sentences of each question kept to fit the sentence ranker on: all the ranked passages hold
PRECISION = 0.90  # the refusal threshold is set for this share of right answers among those given
MIN_ANSWERED = 20  # a threshold is not set on fewer answers than this
SEED = 0


@dataclass(frozen=True)
class GoldSet:
    """A gold file, the releases its questions are asked over, and the gold field naming each question's
    release when questions are asked within it (None: over all the set's releases)."""

    name: str
    gold: Path
    corpus: Path
    within: str | None = None
    all_fit: bool = False  # no split file: every question is fit (the project's own gold sets)
    store: str | None = None  # the cache store to share with another set over the same releases

    @property
    def home(self) -> str:
        return self.store or self.name


def default_sets(tatqa_export: Path) -> list[GoldSet]:
    return [
        GoldSet("tatqa", tatqa_export / "gold.jsonl", tatqa_export / "corpus", within="doc_id"),
        GoldSet("earnings", Path("eval/earnings/gold.jsonl"), Path("../shared/data/earnings")),
        GoldSet("financebench", Path("eval/earnings/financebench.jsonl"), Path("../shared/data/earnings"),
                store="earnings"),
        GoldSet("gold", Path("eval/gold.jsonl"), Path("data/releases"), all_fit=True),
        GoldSet("gold_other", Path("eval/gold_other.jsonl"), Path("eval/corpus_other"), all_fit=True),
    ]


def train_and_report(settings: Settings, cache: Path, tatqa: Path, out: Path, report_dir: Path, reuse: bool = False,
                     ablation: bool = True, progress: bool = False, fitted_ranker: bool = False) -> str:
    """`qa train`: collect the candidates (or ``reuse`` those collected last time), fit, write the model to
    ``out`` and ``report.md`` to ``report_dir``; the report's text. The sentences are ranked by the hand-set
    weights unless ``fitted_ranker``: then the ranker fitted on the first collection ranks a second one, and
    the answer model is fitted on that (the report compares the two rankers either way)."""
    from qa.eval.tatqa_answers import export
    from qa.training.report import ablation as ablate
    from qa.training.report import markdown

    if reuse:
        first, records = load_records(cache / FIRST_PASS), load_records(cache / CANDIDATES)
    else:
        export(tatqa, cache / "tatqa_export")
        sets = default_sets(cache / "tatqa_export")
        first = collect(sets, settings, cache, progress=progress)  # sentences ranked by the hand-set weights
        save_records(first, cache / FIRST_PASS)
        records = (collect(sets, settings, cache, progress=progress, ranker=SentenceRanker.from_dict(fit_ranker(first)))
                   if fitted_ranker else first)
        save_records(records, cache / CANDIDATES)
    fitted = fit_ranker(first)
    model = {**fit(records), "ranker": fitted if fitted_ranker else SentenceRanker.hand().as_dict()}
    counts = {split: sum(r["split"] == split for r in records) for split in ("fit", "validation")}
    write_model(model, out, {"questions": counts, "precision_target": PRECISION})
    report = markdown(model, records, ablate(records, fit) if ablation else None, ranking(first, fitted))
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "report.md").write_text(report, encoding="utf-8")
    return report


def collect(sets: list[GoldSet], settings: Settings, cache: Path, progress: bool = False,
            ranker: SentenceRanker | None = None) -> list[dict[str, Any]]:
    """One record per question: set, id, split, answerable, its candidates' source, signals and label, and its
    best sentences' signals and label, with sentences ranked by ``ranker`` (default: the hand-set weights)."""
    from index.embedder import load_embedder
    from index.ingest import ingest
    from index.store import Stores
    from qa.choice.model import AnswerModel
    from qa.engine import Engine

    embedder = load_embedder(settings.embed_model, settings.embed_batch_size, settings.embed_tokenizer)
    records: list[dict[str, Any]] = []
    for gs in sets:
        rows = load_gold(gs.gold)
        splits = {r.id: "fit" for r in rows} if gs.all_fit else (load_splits(gs.gold) or {})
        home = settings.model_copy(update={"home": cache / gs.home, "chroma_url": None})
        stores = Stores(home)
        report = ingest([gs.corpus], stores, embedder, progress=progress)
        for failed in report.failed:
            logger.warning("%s: skipped %s: %s", gs.name, failed["path"], failed["reason"])
        engine = Engine(home, embedder, stores, model=AnswerModel.untrained(ranker))
        for row in tqdm(rows, desc=gs.name, unit="q", disable=not progress):
            records.append(_record(gs, row, splits.get(row.id, "unsplit"), engine))
    return records


def _record(gs: GoldSet, row: GoldRow, split: str, engine: Any) -> dict[str, Any]:
    named = getattr(row, gs.within, None) if gs.within else None
    found = engine.candidates(row.question, filters=AskFilters(doc=str(named)) if named else None)
    release_text = engine.stores.catalog.text
    out = []
    for c in found.candidates:
        right = answer_right(row, c.answer.as_dict(), release_text)
        out.append({"source": c.source, "signals": _rounded(c.signals), "right": bool(right)})
    sentences = [{"signals": _rounded(s.signals), "right": holds(row, s, release_text)}
                 for s in [s for s in found.sentences if s.quotable][:SENTENCES_KEPT]]
    return {"set": gs.name, "id": row.id, "split": split, "category": row.category,
            "answerable": row.answer_type != "none", "candidates": out, "sentences": sentences}


def _rounded(signals: dict[str, float]) -> dict[str, float]:
    return {k: round(float(v), 6) for k, v in signals.items()}


def fit(records: list[dict[str, Any]], drop: frozenset[str] = frozenset(),
        sources: tuple[str, ...] = ("text", "figure")) -> dict[str, Any]:
    """The model (as its JSON object) fitted on the fit records; ``drop``: signals left out (for ablations,
    their weights are 0), ``sources``: the candidate sources used. The refusal threshold is set on
    probabilities held out by question (5 folds), where the fitted model's own would be optimistic."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.model_selection import StratifiedGroupKFold

    fit_records = [r for r in records if r["split"] == "fit"]
    model: dict[str, Any] = {"sources": {}, "threshold": 1.0, "dropped": sorted(drop)}
    held_out: dict[tuple[int, int], float] = {}  # (record, candidate) -> probability from a model not fitted on it
    for source in sources:
        names = FEATURES[source]
        at = [(i, j) for i, r in enumerate(fit_records) for j, c in enumerate(r["candidates"]) if c["source"] == source]
        rows = [fit_records[i]["candidates"][j] for i, j in at]
        if len({c["right"] for c in rows}) < 2:
            continue
        x = np.array([[0.0 if n in drop else float(c["signals"].get(n, 0.0)) for n in names] for c in rows])
        y = np.array([int(c["right"]) for c in rows])
        mean, scale = standard(x)
        z = (x - mean) / scale
        pairs = pair_products(z)  # every pair of signals: "a number asked" with "holds a number", ...
        pair_mean, pair_scale = standard(pairs)
        expanded = np.hstack([z, (pairs - pair_mean) / pair_scale])
        # folds by question: a question's candidates are never split between fitting and scoring
        groups = [f"{fit_records[i]['set']}/{fit_records[i]['id']}" for i, _ in at]
        folds = list(StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED).split(expanded, y, groups))
        lr = LogisticRegressionCV(Cs=[0.003, 0.01, 0.03, 0.1, 0.3, 1.0], cv=folds, scoring="neg_log_loss",
                                  max_iter=5000, l1_ratios=(0.0,), use_legacy_attributes=False).fit(expanded, y)
        c_best = float(np.atleast_1d(lr.C_)[0])
        for train, test in folds:
            fold = LogisticRegression(C=c_best, max_iter=5000).fit(expanded[train], y[train])
            for k, p in zip(test, fold.predict_proba(expanded[test])[:, 1]):
                held_out[at[k]] = float(p)
        model["sources"][source] = {
            "features": list(names), "mean": floats(mean), "scale": floats(scale), "pair_mean": floats(pair_mean),
            "pair_scale": floats(pair_scale), "coef": floats(lr.coef_[0]),
            "intercept": round(float(lr.intercept_[0]), 6), "C": c_best, "candidates": len(rows), "right": int(y.sum())}
    # the threshold is set on held-out probabilities: the fitted model's own are optimistic on what it was fitted on
    model["threshold"] = threshold_of(out_of_fold(fit_records, held_out))
    return model


def out_of_fold(records: list[dict[str, Any]], held_out: dict[tuple[int, int], float]) -> list[tuple[float, bool]]:
    """Per question: the held-out probability of its most probable candidate, and whether that one is right."""
    out = []
    for i, r in enumerate(records):
        scored = [(held_out[(i, j)], bool(c["right"])) for j, c in enumerate(r["candidates"]) if (i, j) in held_out]
        out.append(max(scored, key=lambda t: t[0]) if scored else (0.0, False))
    return out


def decisions(records: list[dict[str, Any]], model: dict[str, Any]) -> list[tuple[float, bool, dict[str, Any]]]:
    """Per question: the best candidate's probability, whether it is right, and the record."""
    from qa.choice.features import Candidate
    from qa.choice.model import AnswerModel
    from qa.language.records import Answer

    loaded = AnswerModel.from_dict(model)
    dropped = set(model.get("dropped", []))  # signals an ablation left out read 0, as they did in fitting
    out = []
    for r in records:
        cands = [Candidate(c["source"], Answer("", "", True),
                           {k: v for k, v in c["signals"].items() if k not in dropped})
                 for c in r["candidates"]]
        right = {id(c): bool(rc["right"]) for c, rc in zip(cands, r["candidates"])}
        ranked = loaded.rank(cands)
        out.append((ranked[0].probability, right[id(ranked[0])], r) if ranked else (0.0, False, r))
    return out


def threshold(records: list[dict[str, Any]], model: dict[str, Any], precision: float = PRECISION) -> float:
    """The threshold ``threshold_of`` sets on the model's own probabilities for ``records``."""
    return threshold_of([(p, right) for p, right, _ in decisions(records, model)], precision)


def threshold_of(scored: list[tuple[float, bool]], precision: float = PRECISION) -> float:
    """The lowest probability at which the answers given (best candidates at or above it) are ``precision``
    right, over at least ``MIN_ANSWERED`` answers; 1.0 (refuse everything) when none is. Rounded down."""
    ranked = sorted(scored, key=lambda t: -t[0])
    best, hits = 1.0, 0
    for n, (p, right) in enumerate(ranked, 1):
        hits += right
        if n >= MIN_ANSWERED and hits / n >= precision and (n == len(ranked) or ranked[n][0] < p):
            best = p
    return math.floor(best * 1e6) / 1e6


def standard(x: Any) -> tuple[Any, Any]:
    """Column means and standard deviations (1 where a column is constant)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def pair_products(z: Any) -> Any:
    """Products of every pair of standardised signals (i < j, in order), as the model file lists them."""
    import numpy as np

    i, j = np.triu_indices(z.shape[1], k=1)
    return z[:, i] * z[:, j]


def floats(values: Any) -> list[float]:
    """Values as a model file stores them: floats rounded to 6 places."""
    return [round(float(v), 6) for v in values]


def write_model(model: dict[str, Any], path: Path, info: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**model, "info": info}, indent=1) + "\n", encoding="utf-8")


def save_records(records: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def load_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
