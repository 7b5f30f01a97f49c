"""The sentence ranker: how a sentence's signals (meaning, words, answer kind, section, position, names, period)
combine into the score that orders the sentences of the retrieved passages.

``qa train`` fits the weights (a logistic model: the probability that the sentence holds the gold answer) on fit
questions only and stores them in the answer model file. The hand-set weights the project used before are kept
as ``SentenceRanker.hand()``: ``qa train`` collects its first pass with them, to have sentences to fit on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

RANKER_FEATURES = (
    "cosine",  # meaning: cosine of the sentence (or its passage) with the question
    "lexical",  # words: IDF-weighted share of the question's terms the sentence and its context hold
    "focus",  # share of the asked-for words in the sentence itself
    "first_passage",  # 1 / (1 + the passage's retrieval rank)
    "pair",  # two neighbouring sentences read together
    "held_date_strong", "held_date", "held",  # holds an answer of the kind asked: a full date, a date, other
    "held_near",  # ... next to what is asked
    "missing",  # holds nothing of the kind asked
    "about", "contacts", "boilerplate",  # the section (body text is the base)
    "footnote",  # a note on the text, not the text
    "unnamed",  # names in the question its release never uses
    "absent",  # people the question names whom the release knows but the passage never mentions
    "uncovered",  # its release does not cover the period asked
)
# The weights used before they were fitted (score = their sum, not a probability).
_HAND = {"cosine": 0.5, "lexical": 0.5, "first_passage": 0.02, "pair": -0.02, "held_date_strong": 0.08,
         "held_date": 0.02, "held": 0.06, "held_near": 0.04, "missing": -0.15, "about": -0.02, "contacts": -0.06,
         "boilerplate": -0.25, "footnote": -0.02, "unnamed": -0.3, "absent": -0.15, "uncovered": -0.3}


@dataclass(frozen=True)
class SentenceRanker:
    """Linear weights over standardised signals. The score is the weighted sum: for fitted weights, the log-odds
    that the sentence holds the answer (only the order matters, and the answer model rescales it)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    fitted: bool

    @classmethod
    def hand(cls) -> SentenceRanker:
        n = len(RANKER_FEATURES)
        return cls(RANKER_FEATURES, (0.0,) * n, (1.0,) * n, tuple(_HAND.get(f, 0.0) for f in RANKER_FEATURES),
                   0.0, fitted=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SentenceRanker:
        features = tuple(data["features"])
        if features != RANKER_FEATURES:
            raise ValueError("the sentence ranker was trained on other signals than these")
        n = len(features)
        if not len(data["mean"]) == len(data["scale"]) == len(data["coef"]) == n:
            raise ValueError("the sentence ranker's weights are truncated")
        return cls(features, tuple(map(float, data["mean"])), tuple(map(float, data["scale"])),
                   tuple(map(float, data["coef"])), float(data["intercept"]), bool(data.get("fitted", True)))

    def as_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "fitted": self.fitted}

    def score(self, signals: Mapping[str, float]) -> float:
        return self.intercept + sum(c * (float(signals.get(f, 0.0)) - m) / s
                                    for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef))
