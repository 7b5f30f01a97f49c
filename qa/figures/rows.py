"""Table rows as a figure question meets them: their words, how well they match, and which line item reports
the asked period first."""

from __future__ import annotations

from dataclasses import dataclass

from index.cleaner import normalise
from index.records import Figure
from qa.figures.period import period_fits
from qa.figures.words import BASIS_WORDS, label_stems
from qa.language.glossary import expand
from qa.language.question import Question

MIN_MATCH = 0.6  # the score below which a row is no match for the question


@dataclass
class MatchedRow:
    figures: list[Figure]
    score: float
    label_cover: float = 0.0  # share of the row label's words the question holds
    question_cover: float = 0.0  # share of the question's content words in the row label
    context_cover: float = 0.0  # ... in the label, caption and column heads


@dataclass
class TableRow:
    """A table row's cells and the words it can be matched by, computed once per store refresh."""

    figures: list[Figure]
    label_terms: frozenset[str]  # the row label's words and its heading's
    own_terms: frozenset[str]  # the row label's own words: a heading's words weigh only where asked
    own_weight: float
    context: frozenset[str]


def same_measure(asked: set[str], best: MatchedRow, other: MatchedRow) -> bool:
    """``other`` names the measure ``best`` names, with nothing the question asks (``asked``: its expanded
    terms) left out but the basis ("GAAP diluted EPS" → "Diluted EPS"; never "Diluted EPS from continuing
    operations" → "Diluted EPS")."""
    def words(row: MatchedRow) -> set[str]:
        f = row.figures[0]
        text = f"{f.parent_label or ''} {f.row_label}"
        return expand(text, set(label_stems(text)))

    return (words(best) - words(other)) & asked <= BASIS_WORDS


def label_key(row: MatchedRow) -> str:
    f = row.figures[0]
    return " ".join(normalise(f"{f.parent_label or ''} {f.row_label}").lower().split())


def reporting_first(rows: list[MatchedRow], terms: set[str], question: Question) -> tuple[list[MatchedRow], str]:
    """The rows with the best-matching line item that reports the asked period first, and that line item's key.

    The same line item in several releases (periods, companies): one that reports the asked period goes first,
    even if another release's columns echo the question's words a little better. When the best-matching line
    item does not report it ("GAAP diluted EPS", quarters only), the same measure named more plainly may
    ("Diluted EPS", six months); its lead over the better match is then negative, for the answer model to weigh."""
    label = label_key(rows[0])
    fits = [r for r in rows if r.score >= MIN_MATCH and label_key(r) == label
            and any(period_fits(f, question) for f in r.figures)]
    if not fits and (other := next((r for r in rows if r.score >= MIN_MATCH and any(
            period_fits(f, question) for f in r.figures) and same_measure(terms, rows[0], r)), None)):
        label = label_key(other)
        fits = [r for r in rows if r.score >= MIN_MATCH and label_key(r) == label
                and any(period_fits(f, question) for f in r.figures)]
    return (fits + [r for r in rows if not any(r is f for f in fits)] if fits else rows), label
