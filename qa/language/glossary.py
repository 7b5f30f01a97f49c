"""Press-release vocabulary: abbreviations and their spelled-out forms, matched both ways.

General financial and corporate terms only; nothing here names a company or a release. Currency codes (ISO 4217)
and exchange acronyms (ISO 10383) are spelled out from ``index.vocabulary`` where a question writes them in
capitals ("CAD", "TSX-V").
"""

from __future__ import annotations

import re

from index.vocabulary import CURRENCY_NAMES, EXCHANGES, exchange_full_name
from qa.language.question import stem, stems

ABBREVIATIONS = _PAIRS = {
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "agm": "annual general meeting",
    "egm": "extraordinary general meeting",
    "md&a": "management discussion analysis",
    "fx": "foreign exchange",
    "g&a": "general administrative",
    "sg&a": "selling general administrative",
    "eps": "earnings per share",
    "capex": "capital expenditure",
    "yoy": "year over year",
    "ipo": "initial public offering",
    "qp": "qualified person",
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
}
# Everyday paraphrases of release wording (one-way: the question word → words a release uses).
_PARAPHRASES = {
    "headquartered": "based", "headquarters": "based", "hq": "based", "located": "based",
    "staff": "employees", "workforce": "employees", "boss": "chief executive officer",
}
_ABBREVIATION = re.compile(r"(?<![\w&-])(" + "|".join(re.escape(a) for a in sorted(_PAIRS, key=len, reverse=True))
                           + r")(?![\w&-])")
_TICKER = re.compile(r"\(\s*[^()]{0,40}?\b[A-Z][A-Za-z -]{1,15}\s*:\s*[A-Z][A-Z0-9.]{0,9}\s*\)")
_TICKER_WORDS = set(stems("stock exchange ticker symbol listed shares trade traded"))
_PARAPHRASE_STEMS = [(stem(w), set(stems(p))) for w, p in _PARAPHRASES.items()]
_EXPANSIONS = [(set(stems(abbr.replace("&", " and "))) or {abbr}, set(stems(full))) for abbr, full in _PAIRS.items()]


_CODE = re.compile(r"(?<![\w$-])([A-Z][A-Z0-9-]{1,7})(?![\w-])")


def _spelled_out(code: str) -> set[str]:
    """The words a currency code or an exchange acronym stands for: "CAD" → canadian dollar, "TSX" → toronto
    stock exchange."""
    if code in CURRENCY_NAMES:
        return set(stems(CURRENCY_NAMES[code]))
    if (exchange := EXCHANGES.get(code)) is not None:
        return set(stems(exchange_full_name(exchange.mic)))
    return set()


# the other way: a name written out ("Canadian dollars", "Toronto Stock Exchange") adds its code; the names are
# filed under their first word, so a text is checked only against names that word starts
def _codes_of_names() -> dict[str, set[tuple[frozenset[str], str]]]:
    out: dict[str, set[tuple[frozenset[str], str]]] = {}
    named = [*CURRENCY_NAMES.items(), *((form, exchange_full_name(e.mic)) for form, e in EXCHANGES.items())]
    for code, name in named:
        words = stems(name)
        if len(set(words)) >= 2:
            out.setdefault(words[0], set()).add((frozenset(words), code.lower()))
    return out


_CODES_OF_NAMES = _codes_of_names()


def expand(raw: str, terms: set[str]) -> set[str]:
    """``terms`` plus the other form of any abbreviation or phrase found, and listing words for a ticker."""
    found = set(_ABBREVIATION.findall(raw.lower()))
    out = set(terms)
    for code in _CODE.findall(raw):
        out |= _spelled_out(code)
    out |= {code for t in terms & _CODES_OF_NAMES.keys() for name, code in _CODES_OF_NAMES[t] if name <= terms}
    for abbr, (abbr_terms, full_terms) in zip(_PAIRS, _EXPANSIONS):
        if abbr in found:
            out |= full_terms
        elif len(full_terms) >= 2 and full_terms <= terms:
            out |= abbr_terms | {abbr}
    if _TICKER.search(raw):
        out |= _TICKER_WORDS
    for word, plain in _PARAPHRASE_STEMS:
        if plain <= out:
            out.add(word)
    return out
