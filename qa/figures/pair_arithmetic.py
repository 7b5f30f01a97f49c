"""Quantities a question asks of two rows of one table for one period: the difference between them, the
ratio of one to the other, one as a percentage of the other. The question is split into its two measures
("the difference between *A* and *B* in 2019", "*A* as a percentage of *B*", "the ratio of *A* to *B*");
each is matched to a row as a figure question would be, both rows must sit in one table, and each must have
one cell for the period asked. The answer states the result first, then both operands, and cites both rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from index.cells import decimals
from index.records import Figure
from index.vocabulary import YEAR_DIGITS
from qa.figures.wording import describe_value, figure_dict
from qa.language.records import Answer, Citation

_TAIL = r"(?P<rest>\s+(?:in|for|as of|as at|at|on|during|from|between)\b.*|\s*\?|$)"
_PAIRS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bdifference between (?:the )?(?P<a>.+?) and (?:the )?(?P<b>.+?){_TAIL}", re.I), "difference"),
    (re.compile(rf"\bratio of (?:the )?(?P<a>.+?) (?:to|over|and) (?:the )?(?P<b>.+?){_TAIL}", re.I), "ratio"),
    (re.compile(rf"^(?:what|how much) (?:is|was|were|are) (?:the )?(?P<a>.+?) "
                rf"as a (?:percentage|proportion|ratio|share) of (?:the )?(?P<b>.+?){_TAIL}", re.I), "share"),
    # "the percentage of A in total B", "the proportion of A over B", "the share of A among B": a separator that
    # cannot be part of a measure's own name ("share of net income attributable to", "proportion of revenue in
    # the United States" are one measure)
    (re.compile(rf"\b(?:proportion|percentage|share) of (?:the )?(?P<a>.+?) "
                rf"(?:over|out of|among|(?:in|of|to)(?= (?:the )?total\b)) (?:the )?(?P<b>.+?){_TAIL}", re.I), "share"),
]


@dataclass(frozen=True)
class PairQuestion:
    """The two measures a question relates, how (``difference``, ``ratio``, ``share``), and the rest of the
    question (its period) to ask of each."""

    kind: str
    first: str
    second: str
    rest: str


def pair_of(text: str) -> PairQuestion | None:
    """The two measures and the operation a question asks of them, or None."""
    text = " ".join(text.split())
    for rx, kind in _PAIRS:
        if (m := rx.search(text)) and m["a"].strip() and m["b"].strip():
            a, b = m["a"].strip(" ,"), m["b"].strip(" ,?")
            if a.lower() == b.lower() or re.search(rf"^{YEAR_DIGITS}$|^(?:fiscal |FY)?{YEAR_DIGITS}\b", f"{a}\n{b}",
                                                   re.I | re.M):
                continue  # "the difference between 2018 and 2019": periods, not measures
            return PairQuestion(kind, a, b, (m["rest"] or "").strip(" ?"))
    return None


def pair_answer(question: str, pair: PairQuestion, first: list[Figure], second: list[Figure],
                fits: Callable[[Figure], bool]) -> Answer | None:
    """The operation over the two rows' cells (``first``, ``second``: each row's cells in one table) for the
    one period that ``fits``, or None when either row has not exactly one such cell or their units differ."""
    a = [f for f in first if f.value is not None and not f.derived and fits(f)]
    b = [f for f in second if f.value is not None and not f.derived and fits(f)]
    if len(a) != 1 or len(b) != 1 or (a[0].period_kind, a[0].period_end, a[0].fiscal_period) != (
            b[0].period_kind, b[0].period_end, b[0].fiscal_period):
        return None
    x, y = a[0], b[0]
    if x.value is None or y.value is None or (x.unit, x.scale) != (y.unit, y.scale):
        return None
    if pair.kind == "difference":
        places = max(decimals(x.raw), decimals(y.raw))
        raw = f"{abs(x.value - y.value):,.{places}f}"
        shown = describe_value(replace(x, value=x.value - y.value, raw=raw))
        what = f"The difference between {x.row_label} and {y.row_label}"
    else:
        if y.value == 0:
            return None
        ratio = x.value / y.value
        shown = (f"{ratio * 100:.2f}%, a ratio of {ratio:.2f}" if abs(ratio) >= 0.1
                 else f"{ratio * 100:.2f}%, a ratio of {ratio:.4f}")
        what = f"{x.row_label} as a share of {y.row_label}"
    text = f"{what} was {shown} [1][2] ({x.row_label}: {describe_value(x)}; {y.row_label}: {describe_value(y)})."
    citations = [Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                          text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0)
                 for f in (x, y)]
    return Answer(question=question, answer=text, found=True, citations=citations,
                  figures=[figure_dict(x), figure_dict(y)])
