"""The words a figure question and a table row are matched by: everyday names for line items, words that name
no line item (filler, periods), the glossary's additions, and the head nouns of a row label."""

from __future__ import annotations

import re
from functools import lru_cache

from index.cleaner import normalise
from qa.language.elements import ELEMENTS, elements_in
from qa.language.glossary import expand
from qa.language.question import Question, stem, stems

# Everyday words for table metrics and columns (general finance and mining vocabulary).
SYNONYMS = {
    "lose": ["net income loss"], "lost": ["net income loss"], "losing": ["net income loss"],
    "profit": ["income", "earnings"],
    "sales": ["revenue"], "turnover": ["revenue"], "earned": ["income"], "make": ["income"],
    "grade": ["%"], "percent": ["%"], "percentage": ["%"], "contained": ["contained"],
    "tonnage": ["tonnes"], "tons": ["tonnes"], "much": [], "debt": ["debt", "indebtedness"],
    "equity": ["equity"], "costs": ["cost"], "expenses": ["cost"], "fx": ["exchange"],
}
FILLER = set(stems("table tables report reported record recorded show shown state stated disclose disclosed figure "
                    "number amount value hold held have had big large size column row company category "
                    "categories level"))
SYNONYM_TERMS = {t for syns in SYNONYMS.values() for syn in syns for t in stems(syn)}
# words that say a figure's basis or presentation, not which measure it is: a row that leaves only these out of
# a better-matching one is the same measure ("GAAP diluted EPS" and "Diluted EPS")
BASIS_WORDS = set(stems("gaap ifrs reported consolidated total"))
PERIOD_WORDS = set(stems("three six nine twelve months month quarter quarterly year years annual ended ending end as "
                          "at of fiscal period full first second third fourth q1 q2 q3 q4"))


def glossary_only(question: Question) -> set[str]:
    """Words the glossary added (SG&A → selling general administrative): they help a label match,
    but are not more words the question asks about."""
    return expand(question.text, set(question.terms)) - set(question.terms)


def expanded_terms(question: Question) -> set[str]:
    """The question's terms with the glossary's and the everyday names' (\"sales\" → revenue, \"gold\" → Au)."""
    words = re.findall(r"[\w%]+", question.text.lower())
    terms = expand(question.text, set(question.terms))
    terms |= {"%"} if "%" in question.text else set()
    for w in words:
        for syn in SYNONYMS.get(w, []):
            terms |= set(stems(syn)) or {syn}
        if w in ELEMENTS:
            terms.add(ELEMENTS[w])
            terms.discard(stem(w))  # "gold" is matched as "Au"
    return terms


# a footnote number printed against a word ("Current year1", "Revenue2"): after three lower-case letters, so that
# "Q1", "FY2019", "CO2" and "Tier 1" keep theirs
_GLUED_MARK = re.compile(r"(?<=[a-z]{3})[1-9]\b")


@lru_cache(maxsize=65536)
def label_stems(text: str) -> frozenset[str]:
    """Stems of a label (footnote numbers against its words dropped): table labels repeat across releases, so
    they are stemmed once each."""
    return frozenset(stems(_GLUED_MARK.sub("", text)))


HEAD_CUT = re.compile(r"\(|,|:|\b(?:from|for|of|per|in|at|to|by|on|before|after|under|less|net of|excluding|including"
                       r"|provided|used|generated|attributable)\b", re.I)


@lru_cache(maxsize=65536)
def heads(label: str) -> tuple[frozenset[str], frozenset[str]]:
    """The head nouns of a row label, and the words of its qualifier. Heads: the last word of each
    coordinated part before any qualifier ("Mine production costs" → costs; "Net income (loss) for the
    period" → income, loss; "Depreciation and amortization" → both), and element symbols ("Cu (%)"). A
    question must name a head, or two words of the qualifier ("cash did *operating activities provide*"
    for "Cash flows provided by operating activities"), not just the label's modifiers."""
    flat = normalise(_GLUED_MARK.sub("", label))
    first = HEAD_CUT.split(flat, maxsplit=1)[0]
    heads = {words[-1] for part in re.split(r"\band\b|&|\+|/", first) if (words := stems(part))}
    if alternative := re.match(r"\s*\(([A-Za-z ]+)\)", flat[len(first):]):  # "Net income (loss)"
        heads |= set(stems(alternative.group(1)))
    if not heads:
        return frozenset(stems(label)) | elements_in(label), frozenset()
    return frozenset(heads) | elements_in(label), frozenset(stems(flat[len(first):]))
