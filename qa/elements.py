"""Chemical elements and commodities, by name and by the symbol tables print ("Au (g/t)", "WO3 (%)").

A question about silver is never answered with a copper figure or a copper sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.cleaner import normalise

ELEMENTS: dict[str, str] = {"gold": "au", "silver": "ag", "copper": "cu", "zinc": "zn", "lead": "pb", "nickel": "ni", "tin": "sn",
            "tungsten": "wo3", "molybdenum": "mo", "cobalt": "co", "uranium": "u3o8", "lithium": "li2o",
            "iron": "fe", "platinum": "pt", "palladium": "pd", "vanadium": "v2o5", "manganese": "mn"}
_SYMBOL = re.compile(r"(?<![a-z0-9])(" + "|".join(sorted({re.escape(s) for s in ELEMENTS.values()}, key=len, reverse=True))
                     + r")(?![a-z0-9])")
_NAME = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ELEMENTS), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=65536)
def elements_in(text: str) -> frozenset[str]:
    """Element symbols a label, sentence or question names (by symbol or by name)."""
    flat = normalise(text).lower()
    return frozenset(_SYMBOL.findall(flat)) | frozenset(ELEMENTS[n] for n in _NAME.findall(flat))


# in running text: element names (not "lead", a verb as often) and symbols as chemistry writes them ("Cu",
# "WO₃"), never "NI 43-101", a company's "Co." or "AG"
_TEXT_SYMBOL = re.compile(r"(?<![A-Za-z0-9])(Au|Ag|Cu|Zn|Pb|Ni|Sn|Mo|Co|Fe|Pt|Pd|Mn|WO3|WO₃|U3O8|U₃O₈|Li2O|V2O5)(?![A-Za-z0-9.])")
_TEXT_NAME = re.compile(r"\b(" + "|".join(sorted((n for n in ELEMENTS if n != "lead"), key=len, reverse=True)) + r")\b", re.I)


def elements_written(text: str) -> frozenset[str]:
    """Element symbols a sentence or question names in running text (stricter than ``elements_in``, which
    reads table labels)."""
    symbols = {m.lower().replace("₃", "3").replace("₈", "8") for m in _TEXT_SYMBOL.findall(text)}
    return frozenset(symbols | {ELEMENTS[n.lower()] for n in _TEXT_NAME.findall(text)})
