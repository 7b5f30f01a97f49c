"""Figure questions answered from the figures store: matched by metric and period, stated exactly, cited by row.

Never answers a neighbouring period or a similar metric silently: a period the releases do not report is a
refusal naming the periods they do report (unless another line item that matches reports it: then that one,
its lead over the better match negative for the answer model to weigh); several figures that fit are all
shown; changes, sums and ratios are computed from the cells (``qa.figures.arithmetic``, ``qa.figures.pair_arithmetic``).
"""

from __future__ import annotations

import math
import re
import threading

from index.figure_store import FigureStore
from index.records import Figure
from index.vocabulary import YEAR_DIGITS
from qa.figures.arithmetic import asked_of_row, computed_answer, operation_of
from qa.figures.change_column import CHANGE_WORDS, change_column
from qa.figures.columns import asked_columns, other_basis, reported_first
from qa.figures.comparison import comparison_answer, comparison_of
from qa.figures.pair_arithmetic import PairQuestion, pair_answer, pair_of
from qa.figures.period import period_fits
from qa.figures.row_comparison import row_comparison, row_comparison_of
from qa.figures.rows import MIN_MATCH, MatchedRow, TableRow, label_key, reporting_first
from qa.figures.wording import figure_refusal, stated_answer
from qa.figures.words import (
    FILLER,
    PERIOD_WORDS,
    SYNONYM_TERMS,
    expanded_terms,
    glossary_only,
    heads,
    label_stems,
)
from qa.language.elements import elements_in
from qa.language.glossary import ABBREVIATIONS
from qa.language.lexicon import Lexicon
from qa.language.question import Question, stem
from qa.language.records import Answer

_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{2,}\b")
_YEAR = re.compile(YEAR_DIGITS)
_NOT_A_QUANTITY = re.compile(r"^\s*(why|how (does|do|did|is|are|was)\b(?! much| many)"
                             r"|are|is|was|were|does|do|did|has|have|can|describe|explain)\b", re.I)


class FigureLookup:
    """Finds the table cells a question asks for."""

    def __init__(self, store: FigureStore, lexicon: Lexicon, company_terms: set[str] | None = None) -> None:
        self.store = store
        self.lexicon = lexicon
        self.company_terms = company_terms or set()  # words of company names: they pick a release, not a row
        # words that can tell rows apart: those of some row or column label (a project name cannot)
        labels = store.labels()
        self.label_words = {t for label in labels for t in label_stems(label)}
        self.label_words |= {sym for label in labels for sym in elements_in(label)}
        self.label_words |= {"%"}
        self.has_figures = bool(labels)
        # Rows are indexed on demand: a question naming a company needs only its releases' tables, and any
        # other question only rows whose label shares a word with it, so a new process answers without
        # reading the whole figures store (10,000 releases: ~100,000 cells).
        self._pairs: dict[str, set[str]] | None = None  # row label -> stems of it with each parent label
        self._rows_by_label: dict[str, list[TableRow]] = {}
        self._rows_of: dict[str, list[TableRow]] = {}
        self._guard = threading.Lock()

    def rows(self, scope: set[str] | None = None, terms: set[str] | None = None) -> list[TableRow]:
        """The indexed rows of the releases in ``scope`` (None: all releases); without a scope, only rows
        whose label (or parent label) shares one of ``terms`` (None: every row)."""
        with self._guard:
            if scope is not None:
                for doc_id in sorted(scope - self._rows_of.keys()):
                    self._rows_of[doc_id] = self._index(self.store.all(doc_id))
                return [r for d in sorted(scope) for r in self._rows_of[d]]
            if self._pairs is None:
                self._pairs = {}
                for label, parent in self.store.label_pairs():
                    self._pairs.setdefault(label, set()).update(label_stems(f"{parent or ''} {label}"),
                                                                elements_in(f"{parent or ''} {label}"))
            wanted = sorted(lab for lab, words in self._pairs.items() if terms is None or words & terms)
            missing = [lab for lab in wanted if lab not in self._rows_by_label]
            if missing:
                for lab in missing:
                    self._rows_by_label[lab] = []
                for row in self._index(self.store.all(row_labels=missing)):
                    self._rows_by_label[row.figures[0].row_label].append(row)
            return [r for lab in wanted for r in self._rows_by_label[lab]]

    def _index(self, figures: list[Figure]) -> list[TableRow]:
        groups: dict[tuple[str, int, str, str | None], list[Figure]] = {}
        for f in figures:
            groups.setdefault((f.doc_id, f.table_index, f.row_label, f.parent_label), []).append(f)
        rows = []
        for (_, _, label, parent), figs in groups.items():
            text = f"{parent or ''} {label}"
            label_terms = frozenset(t for t in label_stems(text) | elements_in(text)
                                    if t not in PERIOD_WORDS and not _YEAR.fullmatch(t))
            if not label_terms:
                continue
            context = label_terms | label_stems(f"{figs[0].caption} {' '.join(f.column_label for f in figs)}")
            context |= {"%"} if any(f.unit == "%" for f in figs) else set()
            own = label_terms & (label_stems(label) | elements_in(label))
            rows.append(TableRow(figs, label_terms, own, math.fsum(self.lexicon.idf(t) for t in own), context))
        return rows

    def _declines(self, question: Question, comparison: object) -> bool:
        """Not a question about a table figure, or one naming what no release names: never answered here."""
        if (not self.has_figures or question.wants in ("person", "place")
                or (question.wants == "date" and not comparison)
                or (_NOT_A_QUANTITY.match(question.text) and not CHANGE_WORDS.search(question.text))):
            return True
        if self.lexicon.unknown_names(question.names):
            return True  # a company or project no release names: never answer with another one's figures
        acronyms = {stem(a) for a in _ACRONYM.findall(question.text) if a.lower() not in ABBREVIATIONS}
        return any(a not in self.lexicon for a in acronyms)  # a measure no release names (EBITDA): no neighbour

    def answer(self, question: Question, scope: set[str] | None = None, near: set[str] | None = None) -> Answer | None:
        """An answer from the figures store, or None when the question is not about a table figure.

        ``scope``: the releases of the company the question names; only their tables are searched. ``near``:
        the releases of the passages retrieved for the question, whose tables a row comparison reads."""
        comparison = comparison_of(question.text)  # "in which year was X larger": a period, computed from cells
        if row_answer := self._row_comparison(question, scope if scope is not None and len(scope) <= 3 else near):
            return row_answer
        if self._declines(question, comparison):
            return None
        if (pair := pair_of(question.text)) and (related := self._pair(question, pair, scope)):
            return related
        terms = expanded_terms(question)
        names = {stem(n) for n in question.names} & {t for t in question.terms if t in self.lexicon}
        naming = self.lexicon.releases_with_all(names)  # a project or place named: releases that name it
        rows = [r for r in self._rows(terms, question, self.rows(scope, terms))
                if (naming is None or r.figures[0].doc_id in naming)
                and not all(other_basis(question.text, f) for f in r.figures)]
        if not rows or rows[0].score < MIN_MATCH:
            return None
        rows, label = reporting_first(rows, terms, question)
        # never a better match passed over
        best = [r for r in rows if rows[0].score - 0.02 <= r.score <= rows[0].score][:3]
        rival = next((r.score for r in rows if label_key(r) != label), 0.0)
        signals = {"match": rows[0].score, "lead": rows[0].score - rival, "label_cover": rows[0].label_cover,
                   "question_cover": rows[0].question_cover, "context_cover": rows[0].context_cover,
                   "tied": float(len(best))}
        multiple = bool(re.search(r"\band\b", question.text))
        chosen = [f for r in best for f in asked_columns([f for f in r.figures if not other_basis(question.text, f)],
                                                         terms, multiple)]
        # a question relating two measures that could not be related is not a change of one of them
        operation = None if pair else operation_of(question.text)
        if operation and not asked_of_row(operation, best[0].figures):
            operation = None
        if "%" in terms and not (operation and operation.kind == "percent_change") and not any(
                f.unit in ("%", "g/t") for f in chosen):
            return None  # a percentage or grade asked, an amount found: not this table
        asked = elements_in(self._unnamed(question.text))  # "Borealis Copper" is a company, not copper

        def about_asked(f: Figure) -> bool:  # e.g. silver asked, only copper and gold in the table: never substitute
            return not asked or bool(asked & elements_in(f"{f.row_label} {f.column_label}")) or not elements_in(
                self._unnamed(f"{f.row_label} {f.column_label} {f.caption}"))

        change = change_column(question, "%" in terms, best[0].figures)
        if change is not None and about_asked(change):
            answer = stated_answer(question.text, [change])  # "the percentage change in X": the row's change column
            answer.signals = {**signals, "stated": 1.0, "fitting": 1.0, "change": 1.0, "derived": 1.0,
                              "percent": float(change.unit == "%")}
            return answer
        # an amount asked: not its share of sales beside it, nor a change column computed from it
        chosen = [f for f in chosen if not f.derived] or chosen
        if "%" not in terms:
            chosen = [f for f in chosen if f.unit != "%"] or chosen
        chosen = [f for f in chosen if about_asked(f)]
        if not chosen:
            return None
        if comparison and (compared := comparison_answer(question.text, best[0].figures, comparison)):
            compared.signals = {**signals, "compared": 1.0, "stated": float(len(compared.figures)), "fitting": 1.0}
            return compared
        fitting = reported_first(question.text, [f for f in chosen if period_fits(f, question)])
        if operation and (calculated := computed_answer(question.text, fitting, operation, chosen)):
            calculated.signals = {**signals, "calculated": 1.0, "stated": float(len(calculated.figures)),
                                  "fitting": 1.0, "change": float(operation.kind in ("change", "percent_change")),
                                  "percent": float(operation.kind == "percent_change")}
            return calculated
        if operation and not (operation.kind == "percent_change" and any(f.unit == "%" for f in chosen)) and (
                operation.kind in ("change", "percent_change") or len(fitting) > 1):
            return None  # a change asked, or a sum or average over periods, not computed: never the operands instead
        if not fitting:
            return figure_refusal(question.text, chosen)
        answer = stated_answer(question.text, fitting[:4])
        answer.signals = {**signals, "stated": float(len(fitting[:4])), "fitting": len(fitting) / len(chosen),
                          "change": float(len(answer.figures) == 2 and bool(CHANGE_WORDS.search(question.text))),
                          "percent": float(any(f.unit == "%" for f in fitting)),
                          "derived": float(any(f.derived for f in fitting))}
        return answer

    def _row_comparison(self, question: Question, scope: set[str] | None) -> Answer | None:
        """"Which segment had the highest X": a row of one table, computed from its cells."""
        kind = row_comparison_of(question)
        if not self.has_figures or kind is None or self.lexicon.unknown_names(question.names):
            return None
        found = row_comparison(question, kind, self._tables(scope), self.lexicon.idf, period_fits)
        if found is None:
            return None
        answer, match = found
        answer.signals = {"match": match, "rows_compared": 1.0, "stated": 2.0, "fitting": 1.0}
        return answer

    def _pair(self, question: Question, pair: PairQuestion, scope: set[str] | None) -> Answer | None:
        """Two rows of one table related for one period ("the ratio of A to B in 2019"): each measure
        matched as its own figure question, the best-matching pair of rows that share a table."""
        matched = []
        for phrase in (pair.first, pair.second):
            asked = Question.parse(f"What was {phrase} {pair.rest}?", frozenset(self.company_terms))
            terms = expanded_terms(asked)
            rows = [r for r in self._rows(terms, asked, self.rows(scope, terms)) if r.score >= MIN_MATCH]
            if not rows:
                return None
            matched.append([r for r in rows if r.score >= rows[0].score - 0.02])  # each its measure's best match
        table = {(r.figures[0].doc_id, r.figures[0].table_index) for r in matched[1]}
        first = next((r for r in matched[0] if (r.figures[0].doc_id, r.figures[0].table_index) in table), None)
        if first is None:
            return None
        where = (first.figures[0].doc_id, first.figures[0].table_index)
        second = next((r for r in matched[1] if (r.figures[0].doc_id, r.figures[0].table_index) == where
                       and r is not first and label_key(r) != label_key(first)), None)
        if second is None:
            return None

        def cells(row: MatchedRow) -> list[Figure]:
            return [f for f in row.figures
                    if not other_basis(question.text, f) and (pair.kind == "difference" or f.unit != "%")]

        answer = pair_answer(question.text, pair, cells(first), cells(second), lambda f: period_fits(f, question))
        if answer is not None:
            answer.signals = {"match": min(first.score, second.score),
                              "label_cover": min(first.label_cover, second.label_cover),
                              "question_cover": min(first.question_cover, second.question_cover), "stated": 2.0,
                              "fitting": 1.0, "calculated": 1.0, "two_rows": 1.0,
                              "percent": float(pair.kind == "share")}
        return answer

    def _tables(self, scope: set[str] | None) -> list[list[Figure]]:
        """The tables of ``scope``'s releases, each as its cells."""
        tables: dict[tuple[str, int], list[Figure]] = {}
        for row in self.rows(scope) if scope else []:
            tables.setdefault((row.figures[0].doc_id, row.figures[0].table_index), []).extend(row.figures)
        return list(tables.values())

    def _unnamed(self, text: str) -> str:
        """``text`` without the capitalised words of company names."""
        return re.sub(r"\b[A-Z][\w'’]*", lambda m: "" if stem(m.group()) in self.company_terms else m.group(), text)

    def _rows(self, terms: set[str], question: Question, candidates: list[TableRow]) -> list[MatchedRow]:
        names = {stem(n) for n in question.names} - self.label_words  # a project or place picks a release, not a row
        content = {t for t in terms if t not in PERIOD_WORDS and t not in FILLER and t not in self.company_terms
                   and t not in names and not t.isdigit() and (t in self.lexicon or t == "%")}
        content -= glossary_only(question) - SYNONYM_TERMS
        weights = {t: self.lexicon.idf(t) for t in terms | content}
        q_weight = math.fsum(weights[t] for t in content) or 1.0
        rows = []
        for row in candidates:
            f = row.figures[0]
            own_heads, qualifiers = heads(f.row_label)
            if not (own_heads | heads(f.parent_label or "")[0]) & terms and len(qualifiers & terms) < 2:
                continue  # "Mine production *costs*" is no answer to "the main products of the mine"
            matched = row.label_terms & terms
            heading = math.fsum(weights[t] for t in matched - row.own_terms)
            label_cov = math.fsum(weights[t] for t in matched) / ((row.own_weight + heading) or 1.0)
            q_label = math.fsum(weights[t] for t in content & row.label_terms) / q_weight
            q_context = math.fsum(weights[t] for t in content & row.context) / q_weight
            rows.append(MatchedRow(row.figures, 0.45 * label_cov + 0.45 * q_label + 0.1 * q_context, label_cov, q_label,
                             q_context))
        # ties (the same line item in several releases) in release and table order, however rows were loaded
        rows.sort(key=lambda r: (-r.score, r.figures[0].doc_id, r.figures[0].table_index, r.figures[0].row_start))
        return rows
