"""Which columns of a table row a figure question points at, before its period is matched, and which cells
are on another accounting basis than the one asked (GAAP or non-GAAP)."""

from __future__ import annotations

import re
from functools import lru_cache

from index.cleaner import normalise
from index.records import Figure
from qa.language.question import stems

_NON_GAAP = re.compile(r"\bnon[- ]?(?:gaap|ifrs)\b|\badjusted\b|\bunderlying\b", re.I)
_GAAP = re.compile(r"(?<![-\w])(?:gaap|ifrs)\b", re.I)
_RECONCILIATION = re.compile(r"\breconcil", re.I)
# a figure asked net of something, or on a measure of the company's own: an adjusted one, though not named so
_QUALIFIED = re.compile(r"\bexcluding\b|\bex-|\bcore\b|\bpro[- ]forma\b|\bspecial items\b|\bone[- ]time\b", re.I)


@lru_cache(maxsize=1024)
def basis_asked(question: str) -> str | None:
    """``non-gaap`` (non-GAAP, adjusted, underlying), ``gaap``, or None when the question names no basis."""
    if _NON_GAAP.search(question):
        return "non-gaap"
    return "gaap" if _GAAP.search(question) else None


def other_basis(question: str, f: Figure) -> bool:
    """The cell is on another basis than the question asks: a GAAP figure asked ("GAAP operating income")
    and the cell's row, heading or column says non-GAAP or adjusted, or the reverse. A question that names
    neither basis takes either."""
    asked = basis_asked(question)
    if asked is None:
        return False
    own = _own_words(f)
    if asked == "non-gaap":
        return bool(_GAAP.search(_NON_GAAP.sub(" ", own))) and not _NON_GAAP.search(own)
    return bool(_NON_GAAP.search(own))


def reported_first(question: str, figs: list[Figure]) -> list[Figure]:
    """A question that names no basis asks for the figure as reported: where cells on both bases fit, the
    non-GAAP and adjusted ones go (a question naming them keeps them: ``other_basis``)."""
    if basis_asked(question) is not None or _QUALIFIED.search(question):
        return figs
    return [f for f in figs if not _NON_GAAP.search(_own_words(f))] or figs


def _own_words(f: Figure) -> str:
    """What says a cell's basis: its heading, row and column ("Reconciliation of GAAP to non-GAAP net income"
    names both bases: it says nothing of its rows')."""
    heading = f.parent_label or ""
    return f"{'' if _RECONCILIATION.search(heading) else heading} {f.row_label} {f.column_label}"


def asked_columns(figs: list[Figure], terms: set[str], multiple: bool = False) -> list[Figure]:
    """Within a row, the columns the question points at (periods are matched later). Dated columns are all
    kept for the period asked to pick among them, but columns of one period ("As reported", "Adjustments")
    are told apart by the words of their headers; other columns by their headers' words alone."""
    if all(f.period_end and f.column_label and re.search(r"\d", f.column_label) for f in figs):
        groups: dict[tuple[str | None, str | None], list[Figure]] = {}
        for f in figs:
            groups.setdefault((f.period_kind, f.period_end), []).append(f)
        kept = {id(f) for group in groups.values() for f in (group if len(group) == 1 else by_words(group, terms))}
        return [f for f in figs if id(f) in kept]
    return by_words(figs, terms, multiple)


def by_words(figs: list[Figure], terms: set[str], multiple: bool = False) -> list[Figure]:
    """The columns whose headers hold most of the question's words (grades and contained metal weighed);
    with ``multiple`` (the question joins several things with "and"), every column it names."""
    scored = []
    for f in figs:
        col = set(stems(f.column_label or ""))
        score = len(col & terms) + (2 if f.unit in ("%", "g/t") and "%" in terms else 0)
        element = bool(re.search(r"[A-Z][a-z]?\d|contained", normalise(f.column_label or "")))
        if element and "contain" in terms:
            score += 1
        elif element and not {t for t in col if re.search(r"\d", t)} & terms:
            score -= 1
        if f.unit in ("%", "g/t") and "%" not in terms:
            score -= 1
        scored.append((score, f))
    named = [f for s, f in scored if s > 0]
    if len({f.column_label for f in named}) > 1 and multiple:
        return named  # the question names several columns ("tonnes ... and at what grade")
    top = max(s for s, _ in scored)
    return [f for s, f in scored if s == top]
