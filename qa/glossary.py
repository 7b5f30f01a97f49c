"""Press-release vocabulary: abbreviations and their spelled-out forms, matched both ways.

General financial and corporate terms only; nothing here names a company or a release.
"""

from __future__ import annotations

import re

from qa.question import stem, stems

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
    "mtu": "metric tonne unit",
    "qp": "qualified person",
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
    "cad": "canadian dollars",
    "usd": "us dollars",
    "aud": "australian dollars",
    "eur": "euros",
    "gbp": "british pounds",
    "tsx-v": "tsx venture exchange",
    "tsxv": "tsx venture exchange",
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


def expand(raw: str, terms: set[str]) -> set[str]:
    """``terms`` plus the other form of any abbreviation or phrase found, and listing words for a ticker."""
    found = set(_ABBREVIATION.findall(raw.lower()))
    out = set(terms)
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
