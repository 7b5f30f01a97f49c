"""Figure questions answered from the figures store: matched by metric and period, stated exactly, cited by row.

Never answers a neighbouring period or a similar metric silently: a period the
releases do not report is a refusal naming the periods they do report; several
figures that fit are all shown; a change between two periods is computed here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from index.cleaner import normalise
from index.figure_store import FigureStore
from index.records import Figure
from qa.arithmetic import asked_of_row, computed_answer, operation_of
from qa.change_column import CHANGE_WORDS, change_column
from qa.comparison import comparison_answer, comparison_of
from qa.elements import ELEMENTS, elements_in
from qa.figure_columns import asked_columns, other_basis
from qa.figure_period import period_fits
from qa.figure_text import describe_period, describe_value, figure_dict
from qa.glossary import ABBREVIATIONS, expand
from qa.lexicon import Lexicon
from qa.pair_arithmetic import PairQuestion, pair_answer, pair_of
from qa.question import Question, stem, stems
from qa.records import Answer, Citation
from qa.row_comparison import row_comparison, row_comparison_of

# Everyday words for table metrics and columns (general finance and mining vocabulary).
_SYNONYMS = {
    "lose": ["net income loss"], "lost": ["net income loss"], "losing": ["net income loss"], "profit": ["income", "earnings"],
    "sales": ["revenue"], "turnover": ["revenue"], "earned": ["income"], "make": ["income"],
    "grade": ["%"], "percent": ["%"], "percentage": ["%"], "contained": ["contained"],
    "tonnage": ["tonnes"], "tons": ["tonnes"], "much": [], "debt": ["debt", "indebtedness"],
    "equity": ["equity"], "costs": ["cost"], "expenses": ["cost"], "fx": ["exchange"],
}
_FILLER = set(stems("table tables report reported record recorded show shown state stated disclose disclosed figure "
                    "number amount value hold held have had big large size column row company category categories level"))
_SYNONYM_TERMS = {t for syns in _SYNONYMS.values() for syn in syns for t in stems(syn)}
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{2,}\b")
_PERIOD_WORDS = set(stems("three six nine twelve months month quarter quarterly year years annual ended ending end as at of "
                          "fiscal period full first second third fourth q1 q2 q3 q4"))
_YEAR = re.compile(r"(?:19|20)\d\d")
MIN_MATCH = 0.6
_NOT_A_QUANTITY = re.compile(r"^\s*(why|how (does|do|did|is|are|was)\b(?! much| many)|are|is|was|were|does|do|did|has|have|can|describe|explain)\b", re.I)


@dataclass
class _Row:
    figures: list[Figure]
    score: float
    label_cover: float = 0.0  # share of the row label's words the question holds
    question_cover: float = 0.0  # share of the question's content words in the row label
    context_cover: float = 0.0  # ... in the label, caption and column heads


@dataclass
class _TableRow:
    """A table row's cells and the words it can be matched by, computed once per store refresh."""

    figures: list[Figure]
    label_terms: frozenset[str]  # the row label's words and its heading's
    own_terms: frozenset[str]  # the row label's own words: a heading's words weigh only where asked
    own_weight: float
    context: frozenset[str]


class FigureLookup:
    """Finds the table cells a question asks for."""

    def __init__(self, store: FigureStore, lexicon: Lexicon, company_terms: set[str] | None = None) -> None:
        self.store = store
        self.lexicon = lexicon
        self.company_terms = company_terms or set()  # words of company names: they pick a release, not a row
        # words that can tell rows apart: those of some row or column label (a project name cannot)
        labels = store.labels()
        self.label_words = {t for label in labels for t in _stems(label)}
        self.label_words |= {sym for label in labels for sym in elements_in(label)}
        self.label_words |= {"%"}
        self.has_figures = bool(labels)
        # Rows are indexed on demand: a question naming a company needs only its releases' tables, and any
        # other question only rows whose label shares a word with it, so a new process answers without
        # reading the whole figures store (10,000 releases: ~100,000 cells).
        self._pairs: dict[str, set[str]] | None = None  # row label -> stems of it with each parent label
        self._rows_by_label: dict[str, list[_TableRow]] = {}
        self._rows_of: dict[str, list[_TableRow]] = {}
        self._guard = threading.Lock()

    def rows(self, scope: set[str] | None = None, terms: set[str] | None = None) -> list[_TableRow]:
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
                    self._pairs.setdefault(label, set()).update(_stems(f"{parent or ''} {label}"),
                                                                elements_in(f"{parent or ''} {label}"))
            wanted = sorted(lab for lab, words in self._pairs.items() if terms is None or words & terms)
            missing = [lab for lab in wanted if lab not in self._rows_by_label]
            if missing:
                for lab in missing:
                    self._rows_by_label[lab] = []
                for row in self._index(self.store.all(row_labels=missing)):
                    self._rows_by_label[row.figures[0].row_label].append(row)
            return [r for lab in wanted for r in self._rows_by_label[lab]]

    def _index(self, figures: list[Figure]) -> list[_TableRow]:
        groups: dict[tuple[str, int, str, str | None], list[Figure]] = {}
        for f in figures:
            groups.setdefault((f.doc_id, f.table_index, f.row_label, f.parent_label), []).append(f)
        rows = []
        for (_, _, label, parent), figs in groups.items():
            text = f"{parent or ''} {label}"
            label_terms = frozenset(t for t in _stems(text) | elements_in(text) if t not in _PERIOD_WORDS and not _YEAR.fullmatch(t))
            if not label_terms:
                continue
            context = label_terms | _stems(f"{figs[0].caption} {' '.join(f.column_label for f in figs)}")
            context |= {"%"} if any(f.unit == "%" for f in figs) else set()
            own = label_terms & (_stems(label) | elements_in(label))
            rows.append(_TableRow(figs, label_terms, own, sum(self.lexicon.idf(t) for t in own), context))
        return rows

    def answer(self, question: Question, scope: set[str] | None = None, near: set[str] | None = None) -> Answer | None:
        """An answer from the figures store, or None when the question is not about a table figure.

        ``scope``: the releases of the company the question names; only their tables are searched. ``near``:
        the releases of the passages retrieved for the question, whose tables a row comparison reads."""
        comparison = comparison_of(question.text)  # "in which year was X larger": a period, computed from cells
        if row_answer := self._row_comparison(question, scope if scope is not None and len(scope) <= 3 else near):
            return row_answer
        if not self.has_figures or question.wants in ("person", "place") or (question.wants == "date" and not comparison) or (
                _NOT_A_QUANTITY.match(question.text) and not CHANGE_WORDS.search(question.text)):
            return None
        if self.lexicon.unknown_names(question.names):
            return None  # a company or project no release names: never answer with another one's figures
        acronyms = {stem(a) for a in _ACRONYM.findall(question.text) if a.lower() not in ABBREVIATIONS}
        if any(a not in self.lexicon for a in acronyms):
            return None  # a measure no release names (EBITDA, say): never substitute a neighbouring row
        if (pair := pair_of(question.text)) and (related := self._pair(question, pair, scope)):
            return related
        terms = _expanded(question)
        names = {stem(n) for n in question.names} & {t for t in question.terms if t in self.lexicon}
        naming = self.lexicon.releases_with_all(names)  # a project or place named: releases that name it
        rows = [r for r in self._rows(terms, question, self.rows(scope, terms))
                if (naming is None or r.figures[0].doc_id in naming) and not all(other_basis(question.text, f) for f in r.figures)]
        if not rows or rows[0].score < MIN_MATCH:
            return None
        # The same line item in several releases (periods, companies): one that reports the asked period
        # goes first, even if another release's columns echo the question's words a little better.
        label = _label_key(rows[0])
        fits = [r for r in rows if r.score >= MIN_MATCH and _label_key(r) == label
                and any(period_fits(f, question) for f in r.figures)]
        if fits:
            rows = fits + [r for r in rows if not any(r is f for f in fits)]
        best = [r for r in rows if r.score >= rows[0].score - 0.02][:3]
        rival = next((r.score for r in rows if _label_key(r) != label), 0.0)
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
            answer = self._state(question, [change])  # "the percentage change in X": the row's change column
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
        fitting = [f for f in chosen if period_fits(f, question)]
        if operation and (calculated := computed_answer(question.text, fitting, operation, chosen)):
            calculated.signals = {**signals, "calculated": 1.0, "stated": float(len(calculated.figures)), "fitting": 1.0,
                                  "change": float(operation.kind in ("change", "percent_change")),
                                  "percent": float(operation.kind == "percent_change")}
            return calculated
        if operation and operation.kind == "percent_change" and not any(f.unit == "%" for f in chosen):
            return None  # a percentage asked and not computed: never state the amounts instead
        if not fitting:
            return self._refusal(question, chosen)
        answer = self._state(question, fitting[:4])
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
            terms = _expanded(asked)
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
                       and r is not first and _label_key(r) != _label_key(first)), None)
        if second is None:
            return None

        def cells(row: _Row) -> list[Figure]:
            return [f for f in row.figures if not other_basis(question.text, f) and (pair.kind == "difference" or f.unit != "%")]

        answer = pair_answer(question.text, pair, cells(first), cells(second), lambda f: period_fits(f, question))
        if answer is not None:
            answer.signals = {"match": min(first.score, second.score), "label_cover": min(first.label_cover, second.label_cover),
                              "question_cover": min(first.question_cover, second.question_cover), "stated": 2.0,
                              "fitting": 1.0, "calculated": 1.0, "two_rows": 1.0, "percent": float(pair.kind == "share")}
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

    def _rows(self, terms: set[str], question: Question, candidates: list[_TableRow]) -> list[_Row]:
        names = {stem(n) for n in question.names} - self.label_words  # a project or place picks a release, not a row
        content = {t for t in terms if t not in _PERIOD_WORDS and t not in _FILLER and t not in self.company_terms
                   and t not in names and not t.isdigit() and (t in self.lexicon or t == "%")}
        content -= _glossary_only(question) - _SYNONYM_TERMS
        weights = {t: self.lexicon.idf(t) for t in terms | content}
        q_weight = sum(weights[t] for t in content) or 1.0
        rows = []
        for row in candidates:
            f = row.figures[0]
            heads, qualifiers = _heads(f.row_label)
            if not (heads | _heads(f.parent_label or "")[0]) & terms and len(qualifiers & terms) < 2:
                continue  # "Mine production *costs*" is no answer to "the main products of the mine"
            matched = row.label_terms & terms
            heading = sum(weights[t] for t in matched - row.own_terms)
            label_cov = sum(weights[t] for t in matched) / ((row.own_weight + heading) or 1.0)
            q_label = sum(weights[t] for t in content & row.label_terms) / q_weight
            q_context = sum(weights[t] for t in content & row.context) / q_weight
            rows.append(_Row(row.figures, 0.45 * label_cov + 0.45 * q_label + 0.1 * q_context, label_cov, q_label,
                             q_context))
        # ties (the same line item in several releases) in release and table order, however rows were loaded
        rows.sort(key=lambda r: (-r.score, r.figures[0].doc_id, r.figures[0].table_index, r.figures[0].row_start))
        return rows

    def _state(self, question: Question, figs: list[Figure]) -> Answer:
        citations, parts = [], []
        for i, f in enumerate(figs, 1):
            citations.append(Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                                      text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=1.0))
            parts.append(f"{_metric(f)} {describe_period(f)} was {describe_value(f)} [{i}].")
        if len(figs) == 2 and CHANGE_WORDS.search(question.text) and all(f.value is not None for f in figs):
            old, new = sorted(figs, key=lambda f: f.period_end or "")
            assert old.value is not None and new.value is not None
            diff = new.value - old.value
            pct = f", {diff / abs(old.value) * 100:+.1f}%" if old.value else ""
            parts.append(f"Change: {diff:+,.2f}".rstrip("0").rstrip(".") + f" ({old.scale_label or 'units'}){pct}.")
        return Answer(question=question.text, answer=" ".join(parts), found=True, citations=citations,
                      figures=[figure_dict(f) for f in figs])

    @staticmethod
    def _refusal(question: Question, figs: list[Figure]) -> Answer:
        periods = sorted({describe_period(f) for f in figs})
        label = _metric(figs[0]) if figs else "That figure"
        text = f"The releases do not report {label.lower()} for the period asked; they report it {', '.join(periods)}."
        closest = [Citation(doc_id=f.doc_id, title="", date=None, section=f"table: {f.caption}",
                            text=" ".join(f.row_text.split()), start=f.row_start, end=f.row_end, score=0.0) for f in figs[:3]]
        return Answer(question=question.text, answer=text[:400], found=False, closest=closest)


def _label_key(row: _Row) -> str:
    f = row.figures[0]
    return " ".join(normalise(f"{f.parent_label or ''} {f.row_label}").lower().split())


def _metric(f: Figure) -> str:
    label = f"{f.parent_label}: {f.row_label}" if f.parent_label else f.row_label
    if f.period_end and f.column_label and not re.search(r"\b(19|20)\d{2}\b|\d{1,2}-[A-Za-z]{3}-\d{2}", f.column_label):
        label += f" ({f.column_label})"
    return label


def _glossary_only(question: Question) -> set[str]:
    """Words the glossary added (SG&A → selling general administrative): they help a label match,
    but are not more words the question asks about."""
    return expand(question.text, set(question.terms)) - set(question.terms)


def _expanded(question: Question) -> set[str]:
    words = re.findall(r"[\w%]+", question.text.lower())
    terms = expand(question.text, set(question.terms))
    terms |= {"%"} if "%" in question.text else set()
    for w in words:
        for syn in _SYNONYMS.get(w, []):
            terms |= set(stems(syn)) or {syn}
        if w in ELEMENTS:
            terms.add(ELEMENTS[w])
            terms.discard(stem(w))  # "gold" is matched as "Au"
    return terms


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    """Stems of a label: table labels repeat across releases, so they are stemmed once each."""
    return frozenset(stems(text))


_HEAD_CUT = re.compile(r"\(|,|:|\b(?:from|for|of|per|in|at|to|by|on|before|after|under|less|net of|excluding|including"
                       r"|provided|used|generated|attributable)\b", re.I)


@lru_cache(maxsize=65536)
def _heads(label: str) -> tuple[frozenset[str], frozenset[str]]:
    """The head nouns of a row label, and the words of its qualifier. Heads: the last word of each
    coordinated part before any qualifier ("Mine production costs" → costs; "Net income (loss) for the
    period" → income, loss; "Depreciation and amortization" → both), and element symbols ("Cu (%)"). A
    question must name a head, or two words of the qualifier ("cash did *operating activities provide*"
    for "Cash flows provided by operating activities"), not just the label's modifiers."""
    flat = normalise(label)
    first = _HEAD_CUT.split(flat, maxsplit=1)[0]
    heads = {words[-1] for part in re.split(r"\band\b|&|\+|/", first) if (words := stems(part))}
    if alternative := re.match(r"\s*\(([A-Za-z ]+)\)", flat[len(first):]):  # "Net income (loss)"
        heads |= set(stems(alternative.group(1)))
    if not heads:
        return frozenset(stems(label)) | elements_in(label), frozenset()
    return frozenset(heads) | elements_in(label), frozenset(stems(flat[len(first):]))
