"""Chemical elements and commodities, by name, by the symbol tables print ("Au (g/t)") and by oxide ("WO3 (%)").

A question about silver is never answered with a copper figure or a copper sentence. The elements, their names and
symbols come from ``index.vocabulary`` (periodictable); an element's key is its symbol in lower case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.cleaner import normalise
from index.vocabulary import ELEMENT_NAMES, ELEMENT_SYMBOLS, oxide_element

ELEMENTS = ELEMENT_NAMES
_SYMBOLS = "|".join(sorted(ELEMENT_SYMBOLS))
_FORMULA = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]?[0-9₀-₉]?O[0-9₀-₉]?(?![A-Za-z0-9])")
# in a label, a symbol as printed ("Au (g/t)", "Cu %"); never a company's "Co." or "AG"
_LABEL_SYMBOL = re.compile(rf"(?<![A-Za-z0-9])({_SYMBOLS})(?![A-Za-z0-9.])")
_NAME = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ELEMENTS), key=len, reverse=True)) + r")\b", re.I)
# in running text, a symbol next to its value or grade ("0.25% Cu", "4.1 g/t Ag", "Au-equivalent", "Cu (%)"):
# a symbol alone is as often a word or an initial ("He said", "Co.", "NI 43-101")
_TEXT_SYMBOL = re.compile(rf"(?<![A-Za-z])\d[\d.,]*\s*(?:%|g/t|ppm|ppb|oz/t|lbs?|kg|t)?\s+({_SYMBOLS})(?![A-Za-z0-9.])"
                          rf"|(?<![A-Za-z0-9])({_SYMBOLS})(?=\s*(?:\(|\d|-?eq|\s+grades?\b))")
# a name in running text, not "lead" (a verb as often) nor "tin" ... as words go: names are read as names
_TEXT_NAME = re.compile(r"\b(" + "|".join(sorted((n for n in ELEMENTS if n != "lead"), key=len, reverse=True)) + r")\b",
                        re.I)


def _oxides(text: str) -> set[str]:
    return {e for m in _FORMULA.finditer(text) if (e := oxide_element(m.group()))}


@lru_cache(maxsize=65536)
def elements_in(text: str) -> frozenset[str]:
    """Element keys a table label, sentence or question names (by symbol as printed, oxide or name)."""
    flat = normalise(text)
    names = {ELEMENTS[n.lower()] for n in _NAME.findall(flat)}
    return frozenset({s.lower() for s in _LABEL_SYMBOL.findall(flat)} | _oxides(flat) | names)


def elements_written(text: str) -> frozenset[str]:
    """Element keys a sentence or question names in running text (stricter than ``elements_in``, which reads
    table labels): names, oxides, and symbols next to a value or grade."""
    flat = normalise(text)
    symbols = {(a or b).lower() for a, b in _TEXT_SYMBOL.findall(flat)}
    return frozenset(symbols | _oxides(flat) | {ELEMENTS[n.lower()] for n in _TEXT_NAME.findall(flat)})
