"""The signals of an answer candidate (a quoted sentence or a table figure): what the learned answer model weighs.

Each source has its own list of named signals. Question signals (the kind of answer wanted, whether it names a
period, asks a computed quantity or a comparison) are shared. Values are plain floats so that a model file
stays a list of weights.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from qa.figures.comparison import comparison_of
from qa.language.lexicon import Lexicon
from qa.language.question import Question
from qa.language.records import Answer

KINDS = ("person", "date", "place", "number", "choice", "fact")
# words that ask for a quantity computed from several figures (the figure source computes those of one row:
# qa.figures.arithmetic)
_COMPUTED = re.compile(r"\b(average|mean|total|sum|difference|ratio|proportion|percentage change|change|"
                       r"increase|decrease|growth|combined|between)\b", re.I)
# words that ask for an explanation or a method, which a figure never gives ("why", "the reason for", "what drove",
# "how is the discount rate determined")
_EXPLAINS = re.compile(r"\b(why|reasons?|caus(?:e|ed|es|ing)|drove|driven|drivers?|due to what|attributable to what|"
                       r"explain\w*)\b|\bhow\b(?!\s+(?:much|many)\b).*\b(determined|calculated|computed|measured|estimated|defined|"
                       r"recogni[sz]ed|accounted|valued|stated)\b|\bwhat\s+(?:has\s+|have\s+)?(?:impacted|affected|"
                       r"influenced|contributed to)\b", re.I)
QUESTION_FEATURES = (*(f"wants_{k}" for k in KINDS), "period_named", "computed", "comparison", "explains",
                     "unknown_terms", "terms")
# "covered" and "unknown_names" are computed for the hard limits (qa.engine) but not weighed: a candidate that
# fails them never reaches the model, so they are constant there; whether the two sources state the same number
# was weighed once and did not pay on validation (eval/README.md).
# a sentence that leads into a table or a list ("... as follows:", "The following table presents ..."): it says
# where an answer is, and is none
TEXT_FEATURES = ("score", "cosine", "lexical", "margin", "focus", "bearing", "unnamed", "off_topic", "cue", "section",
                 "pair", "rank", "anchor", "chars", "leads_in", "position", "period_stated", "figure_refused",
                 *QUESTION_FEATURES)
FIGURE_FEATURES = ("match", "lead", "label_cover", "question_cover", "context_cover", "stated", "fitting",
                   "compared", "rows_compared", "calculated", "two_rows", "change", "percent", "derived", "tied",
                   *QUESTION_FEATURES)
FEATURES: Mapping[str, tuple[str, ...]] = MappingProxyType({"text": TEXT_FEATURES, "figure": FIGURE_FEATURES})


@dataclass
class Candidate:
    """One source's proposed answer, with its signals; ``probability`` is filled by the answer model."""

    source: str  # "text" | "figure"
    answer: Answer
    signals: dict[str, float]
    probability: float = 0.0


def question_signals(question: Question, lexicon: Lexicon) -> dict[str, float]:
    """What the question asks: the kind of answer, a period, a computed quantity or comparison, and how many
    of its words no release uses."""
    terms = set(question.terms)
    named_period = bool(question.years or question.dates or question.month_years)
    return {
        **{f"wants_{k}": float(question.wants == k) for k in KINDS},
        "period_named": float(named_period),
        "computed": float(bool(_COMPUTED.search(question.text))),
        "comparison": float(comparison_of(question.text) is not None),
        "explains": float(bool(_EXPLAINS.search(question.text))),
        "unknown_terms": sum(t not in lexicon for t in terms) / len(terms) if terms else 0.0,
        "terms": math.log1p(len(terms)),
    }


def vector(source: str, signals: dict[str, float]) -> list[float]:
    """The signals in the model's order for ``source`` (a missing one reads 0)."""
    return [float(signals.get(name, 0.0)) for name in FEATURES[source]]
