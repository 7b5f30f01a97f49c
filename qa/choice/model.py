"""The learned answer model: the probability that a candidate answer is right, and the refusal threshold.

Weights are fitted by ``qa train`` (``qa.training.fit``) on the fit questions only and committed as a small JSON
file (``qa/models/answer_model.json``); this module only reads it. A logistic model per source (quoted text,
table figure) over the signals of ``qa.choice.features``, standardised with the fit data's means and scales; and
the sentence ranker's weights (``qa.text.ranker``), which order the sentences the text candidates come from.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ReleaseQAError
from qa.choice.features import FEATURES, Candidate, vector
from qa.text.ranker import SentenceRanker

DEFAULT_MODEL = Path(__file__).parent.parent / "models" / "answer_model.json"


class ModelError(ReleaseQAError):
    """An answer model file that is missing, unreadable or for other signals than this version computes."""


@dataclass(frozen=True)
class SourceWeights:
    """One source's logistic weights over its standardised signals and every pair's product (standardised
    again), in the order ``qa.training.fit.pair_products`` writes them."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    pair_mean: tuple[float, ...]
    pair_scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, x: list[float]) -> float:
        z = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale)]
        pairs = [z[i] * z[j] for i in range(len(z)) for j in range(i + 1, len(z))]
        terms = z + [(p - m) / s for p, m, s in zip(pairs, self.pair_mean, self.pair_scale)]
        logit = self.intercept + sum(c * t for c, t in zip(self.coef, terms))
        return 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0


@dataclass(frozen=True)
class AnswerModel:
    """Weights per source and the threshold below which the best candidate is refused."""

    sources: dict[str, SourceWeights]
    threshold: float
    info: dict[str, Any]
    ranker: SentenceRanker = field(default_factory=SentenceRanker.hand)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> AnswerModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the answer model {path}: {exc}; run `qa train`") from exc
        try:
            return cls.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"the answer model {path} is malformed ({exc}); run `qa train`") from exc

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerModel:
        sources = {}
        for name, w in data["sources"].items():
            if tuple(w["features"]) != FEATURES.get(name):
                raise ModelError(f"the answer model was trained on other {name} signals than these; run `qa train`")
            n = len(w["features"])
            sizes = (len(w["mean"]), len(w["scale"]), len(w["pair_mean"]), len(w["pair_scale"]), len(w["coef"]))
            if sizes != (n, n, n * (n - 1) // 2, n * (n - 1) // 2, n + n * (n - 1) // 2):
                raise ModelError(f"the answer model's {name} weights are truncated; run `qa train`")
            sources[name] = SourceWeights(tuple(w["features"]), tuple(w["mean"]), tuple(w["scale"]),
                                          tuple(w["pair_mean"]), tuple(w["pair_scale"]), tuple(w["coef"]),
                                          float(w["intercept"]))
        try:
            ranker = SentenceRanker.from_dict(data["ranker"]) if "ranker" in data else SentenceRanker.hand()
        except ValueError as exc:
            raise ModelError(f"{exc}; run `qa train`") from exc
        return cls(sources, float(data["threshold"]), dict(data.get("info", {})), ranker)

    @classmethod
    def untrained(cls, ranker: SentenceRanker | None = None) -> AnswerModel:
        """No weights: every candidate has probability 0 and every answer is a refusal (for collecting the
        candidates a model is trained on); sentences ranked by ``ranker`` (default: the hand-set weights)."""
        return cls({}, 1.0, {}, ranker or SentenceRanker.hand())

    def probability(self, candidate: Candidate) -> float:
        weights = self.sources.get(candidate.source)
        return weights.probability(vector(candidate.source, candidate.signals)) if weights else 0.0

    def rank(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates with their probabilities, most probable first (ties: text before figure, as listed)."""
        for c in candidates:
            c.probability = self.probability(c)
        return sorted(candidates, key=lambda c: -c.probability)
