"""Questions that compare a row's cells across its periods, answered from the cells: the period in which a
measure was largest or smallest ("In which year was revenue larger?"), and the periods in which it passed a
threshold ("In which years did expected term exceed 0.5 years?", "... less than 100.0 million?")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from index.column_periods import months_kind
from index.records import Figure
from index.scales import amount_scale
from qa.figures.wording import describe_period, describe_value, figure_dict
from qa.language.records import Answer, Citation

_WHICH_PERIOD = re.compile(r"\b(?:which|what)\s+(?:(?:fiscal|financial|calendar)\s+)?"
                           r"(?:years?|fy|periods?|quarters?)\b", re.I)
MOST = re.compile(r"\b(?:larger|largest|higher|highest|greater|greatest|bigger|biggest|more|most|maximum|max)\b", re.I)
LEAST = re.compile(r"\b(?:smaller|smallest|lower|lowest|less|least|fewer|fewest|minimum|min)\b", re.I)
_NUMBER = r"\$?\s?(\d[\d,]*(?:\.\d+)?)\s*(%|thousands?|millions?|billions?|mn|bn)?\b"
_ABOVE = re.compile(r"\b(?:more than|greater than|larger than|higher than|above|over|exceed(?:s|ed|ing)?)\s*" + _NUMBER,
                    re.I)
_BELOW = re.compile(r"\b(?:less than|fewer than|smaller than|lower than|below|under)\s*" + _NUMBER, re.I)


@dataclass(frozen=True)
class Comparison:
    """What is compared: ``most``/``least`` (the extreme period) or ``above``/``below`` a ``threshold`` (in
    units when ``scale`` is 1, else absolute: "100 million" → 1e8)."""

    kind: str
    threshold: float | None = None
    scale: float = 1.0


def comparison_of(text: str) -> Comparison | None:
    """The comparison a question asks for across periods, or None."""
    if not _WHICH_PERIOD.search(text):
        return None
    for kind, rx in (("above", _ABOVE), ("below", _BELOW)):
        if m := rx.search(text):
            scale = amount_scale(f"1 {m[2]}") if m[2] and m[2] != "%" else None  # the words statements use
            value = float(m[1].replace(",", ""))
            return Comparison(kind, value, float(scale[0]) if scale else 1.0)
    most, least = MOST.search(text), LEAST.search(text)
    if most and not least:
        return Comparison("most")
    if least and not most:
        return Comparison("least")
    return None


def compared(figures: list[Figure], c: Comparison) -> tuple[list[Figure], list[Figure]]:
    """The row's period cells that answer (the extreme one, or those past the threshold), and all the cells
    compared; cells of one kind of period only (the row's commonest: years with years), derived columns out."""
    cells = [f for f in figures if f.value is not None and not f.derived and (f.period_end or f.fiscal_period)]
    if len(cells) < 2:
        return [], cells
    kinds = Counter(months_kind(f.period_kind) for f in cells if f.period_kind)
    kind = kinds.most_common(1)[0][0] if kinds else None
    cells = [f for f in cells if f.period_kind is None or months_kind(f.period_kind) == kind]  # unknown: any
    values = {id(f): float(f.value) for f in cells if f.value is not None}
    if c.kind in ("most", "least"):
        pick = max if c.kind == "most" else min
        best = pick(values.values())
        winners = [f for f in cells if values[id(f)] == best]
        return (winners if len(winners) == 1 else []), cells
    assert c.threshold is not None
    absolute = c.scale != 1.0  # "100 million": compared with the full amounts; "0.5", "2.0%": as printed
    line = c.threshold * c.scale
    chosen = []
    for f in cells:
        v = values[id(f)] * (f.scale if absolute else 1)
        if (v > line) if c.kind == "above" else (v < line):
            chosen.append(f)
    return chosen, cells


def comparison_answer(question: str, figures: list[Figure], c: Comparison) -> Answer | None:
    """The answer to a comparison over one row's cells: the period(s) first, then every value compared, the row
    cited; None when the row has fewer than two comparable periods or no single extreme."""
    winners, cells = compared(figures, c)
    if len(cells) < 2 or (not winners and c.kind in ("most", "least")):
        return None
    f = cells[0]
    label = f.label
    values = "; ".join(f"{column_period(x)}: {describe_value(x)}" for x in cells)
    if winners:
        lead = " and ".join(column_period(x) for x in winners)
        text = f"{lead}. {label} by period: {values} [1]."
    else:
        text = f"None of the periods. {label} by period: {values} [1]."
    citation = Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                        text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0)
    return Answer(question=question, answer=text, found=True, citations=[citation],
                  figures=[figure_dict(x) for x in winners or cells])


def column_period(f: Figure) -> str:
    """The period as its column prints it ("2019", "Q4 2022"), else as described."""
    return (f.column_label or "").strip() or describe_period(f)
