"""The sentence ranker's fitting for `qa train`: which sentences hold the gold answer, the logistic weights fitted
on the fit questions' sentences, and the hand-set and fitted rankers compared on the same sentences."""

from __future__ import annotations

from typing import Any

from qa.eval.scoring import GoldRow, answer_correct, citation_supported
from qa.text.ranker import RANKER_FEATURES, SentenceRanker


def holds(row: GoldRow, sentence: Any, release_text: Any) -> bool:
    """The sentence states the gold answer (at any length: a long one is quoted around it) and holds the gold
    evidence where the row has any."""
    cited = {"doc_id": sentence.doc_id, "text": sentence.text, "start": sentence.pieces[0].start,
             "end": sentence.pieces[-1].end}
    prediction = {"found": True, "answer": sentence.text, "citations": [cited]}
    return (row.answer_type != "none" and answer_correct(row, prediction, max_chars=None)
            and (not row.evidence or citation_supported(row, prediction, release_text)))


def fit_ranker(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The sentence ranker (as its JSON object), fitted on pairs: within each fit question that some sentence
    answers, every (right, wrong) pair of its sentences, as the difference of their standardised signals, for a
    logistic regression without intercept (the log-odds that the first of two sentences is the right one). Only
    what tells a question's sentences apart gets a weight: a signal the same for all of them (the question's
    kind; in a one-release question, whether the release names what is asked) says nothing about which to quote.
    Regularisation chosen by 5-fold cross-validation, folds grouped by question."""
    import numpy as np
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import GroupKFold

    from qa.training.fit import floats, standard

    questions = [(f"{r['set']}/{r['id']}", r["sentences"]) for r in records if r["split"] == "fit" and r["answerable"]
                 and any(s["right"] for s in r.get("sentences", [])) and not all(s["right"] for s in r["sentences"])]
    if not questions:
        return SentenceRanker.hand().as_dict()
    x = np.array([[float(s["signals"].get(n, 0.0)) for n in RANKER_FEATURES] for _, ss in questions for s in ss])
    mean, scale = standard(x)
    diffs, groups = [], []
    for group, sentences in questions:
        z = (np.array([[float(s["signals"].get(n, 0.0)) for n in RANKER_FEATURES] for s in sentences]) - mean) / scale
        right = [i for i, s in enumerate(sentences) if s["right"]]
        wrong = [i for i, s in enumerate(sentences) if not s["right"]]
        diffs += [z[i] - z[j] for i in right for j in wrong]
        groups += [group] * (len(right) * len(wrong))
    d = np.array(diffs)
    x_pairs, y_pairs = np.vstack([d, -d]), np.array([1] * len(d) + [0] * len(d))  # both orders: no side favoured
    folds = list(GroupKFold(n_splits=5).split(x_pairs, y_pairs, groups + groups))
    lr = LogisticRegressionCV(Cs=[0.003, 0.01, 0.03, 0.1, 0.3, 1.0], cv=folds, scoring="neg_log_loss", max_iter=5000,
                              fit_intercept=False, l1_ratios=(0.0,), use_legacy_attributes=False).fit(x_pairs, y_pairs)
    coef, silent = _with_prior(lr.coef_[0], scale, (d != 0).any(axis=0))
    return {"features": list(RANKER_FEATURES), "mean": floats(mean), "scale": floats(scale), "coef": floats(coef),
            "intercept": 0.0, "fitted": True, "C": float(np.atleast_1d(lr.C_)[0]), "questions": len(questions),
            "pairs": len(d), "prior": silent}


def _with_prior(coef: Any, scale: Any, varies: Any) -> tuple[Any, list[str]]:
    """The fitted weights, with the hand-set weight (brought to the fitted scale) for each signal that never
    tells two sentences of a fit question apart: the fit questions are silent on it (whether a sentence's
    release names the company asked, covers the period asked, or is a disclaimer: the fit passages of one
    question come from one release, and disclaimers are never among them), and a weight of 0 would let a
    wrong release's sentence win in an archive of many. The scale is the least-squares ratio of the fitted
    weights (per unit of each signal) to the hand-set ones, over the signals both weigh."""
    hand = SentenceRanker.hand()
    raw = coef / scale
    both = [i for i, w in enumerate(hand.coef) if w and varies[i]]
    ratio = sum(raw[i] * hand.coef[i] for i in both) / sum(hand.coef[i] ** 2 for i in both) if both else 1.0
    out, silent = coef.copy(), []
    for i, name in enumerate(RANKER_FEATURES):
        if not varies[i] and hand.coef[i]:
            out[i] = ratio * hand.coef[i] * scale[i]
            silent.append(name)
    return out, silent


def ranking(records: list[dict[str, Any]], ranker: dict[str, Any]) -> dict[str, dict[str, dict[str, float]]]:
    """Per split, for the hand-set and the fitted ranker: the share of answerable questions whose best-ranked
    sentence holds the gold answer, and whose best three do (the same sentences, ranked by each)."""
    rankers = {"hand-set": SentenceRanker.hand(), "fitted": SentenceRanker.from_dict(ranker)}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for split in ("fit", "validation"):
        asked = [r for r in records if r["split"] == split and r["answerable"] and r.get("sentences")]
        out[split] = {}
        for name, rk in rankers.items():
            tops = [[s["right"] for s in sorted(r["sentences"], key=lambda s: -rk.score(s["signals"]))] for r in asked]
            out[split][name] = {"questions": len(tops), "top1": _share(sum(t[0] for t in tops), len(tops)),
                                "top3": _share(sum(any(t[:3]) for t in tops), len(tops)),
                                "any": _share(sum(any(t) for t in tops), len(tops))}
    return out


def _share(n: int, total: int) -> float:
    return round(100.0 * n / total, 1) if total else 0.0
