"""Vocabulary from maintained lists, in one place: currencies, exchanges, company legal forms, months, elements.

- currencies: ISO 4217 codes and names (pycountry), their symbols as CLDR's English locale writes them (babel);
- exchanges: ISO 10383 market identifier codes (iso10383), each with its country's currency (babel);
- company legal forms: cleanco's list of business entity terms ("Inc.", "plc", "S.A.", "GmbH", "Oyj");
- months: dateutil's parser vocabulary; chemical elements: periodictable's names and symbols, and the oxides
  that assays are reported as ("WO3", "U3O8"), read as formulas.

Where releases write a form the standards do not list (``US$``, ``TSXV``, ``NYSE American``), it is mapped onto
the standard's code right here. Nothing in this module names a company, a release or a sample's domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import iso10383
import periodictable
import pycountry
from babel.numbers import get_currency_symbol, get_territory_currencies
from cleanco.termdata import terms_by_type
from dateutil.parser import parserinfo

from index.analysis import STOPWORDS

# --- currencies -------------------------------------------------------------------------------------------
# ISO 4217 units no company reports in: precious metals, bond-market units, SDR, testing, "no currency".
_NOT_MONEY = {"XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XAD", "XTS", "XXX"}
CURRENCY_NAMES = MappingProxyType({c.alpha_3: c.name for c in pycountry.currencies if c.alpha_3 not in _NOT_MONEY})
CURRENCY_CODES = frozenset(CURRENCY_NAMES)
# Written forms CLDR's English locale does not give, as releases print them.
_WRITTEN_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CDN$": "CAD", "Cdn$": "CAD", "AU$": "AUD", "SG$": "SGD",
    "S$": "SGD", "RMB": "CNY", "NIS": "ILS", "zł": "PLN", "₽": "RUB", "₺": "TRY", "₦": "NGN", "฿": "THB",
}  # fmt: skip
# Symbols that stand for several currencies; which one, the release or its listing says (see index.currencies).
AMBIGUOUS_SYMBOLS = frozenset({"$", "¥", "kr"})


def _currency_symbols() -> dict[str, str]:
    symbols: dict[str, str] = {}
    for code in sorted(CURRENCY_CODES):
        symbol = get_currency_symbol(code, "en")
        # a sign ("€", "HK$"), not letters CLDR prints for want of one ("F CFA", "Cg.")
        if symbol not in AMBIGUOUS_SYMBOLS and any(not c.isalnum() and c not in ". \u202f" for c in symbol):
            symbols.setdefault(symbol, code)
    return symbols | _WRITTEN_SYMBOLS


CURRENCY_SYMBOLS = MappingProxyType(_currency_symbols())


@cache  # answers and `qa figures` word every figure's value: scan the symbols once per currency
def currency_sign(code: str) -> str | None:
    """How releases print ``code`` before an amount: "US$", "C$", "AU$", "€", "£", "HK$"; "$" as itself (a
    dollar the release does not say); None for a currency with no sign or only a word ("RMB", "kr", "zł"),
    and for "¥": it is written after the amount, as its code."""
    if code == "$":
        return code
    signs = [sign for sign, of in CURRENCY_SYMBOLS.items() if of == code and not sign.isalpha()]
    return next((sign for sign in signs if sign in _WRITTEN_SYMBOLS), None) or next(iter(signs), None)


def territory_currency(country: str) -> str | None:
    """The currency in use in an ISO 3166 country (``"CA"`` → ``"CAD"``), per CLDR; None when unknown."""
    found = get_territory_currencies(country.upper()) if country else []
    return found[0] if found else None


# --- exchanges --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Exchange:
    """A trading venue: the code the project shows (ISO's acronym, else the form releases write), its ISO 10383
    MIC, its country (ISO 3166) and that country's currency."""

    code: str
    mic: str
    country: str
    currency: str | None


# Forms releases write that ISO 10383 does not list as an acronym: written form -> (MIC, code shown).
_WRITTEN_EXCHANGES = {
    "TSXV": ("XTSX", "TSX-V"), "TSX Venture": ("XTSX", "TSX-V"), "TSX Venture Exchange": ("XTSX", "TSX-V"),
    "NYSE American": ("XASE", "NYSE American"), "NYSE MKT": ("XASE", "NYSE MKT"),
    "NYSE Arca": ("ARCX", "NYSE Arca"), "Nasdaq": ("XNAS", "NASDAQ"), "AIM": ("AIMX", "AIM"),
    "CSE": ("XCNQ", "CSE"), "NEO": ("NEOE", "NEO"), "OTC": ("OTCM", "OTC"), "OTCQX": ("OTCM", "OTCQX"),
    "OTCQB": ("OTCM", "OTCQB"), "SEHK": ("XHKG", "SEHK"), "Oslo Børs": ("XOSL", "Oslo Børs"),
    "Nasdaq Stockholm": ("XSTO", "Nasdaq Stockholm"), "Nasdaq Copenhagen": ("XCSE", "Nasdaq Copenhagen"),
}  # fmt: skip
_VENUE_WORDS = re.compile(r"EXCHANGE|BORS|BOURSE|BÖRSE|BORSA|BOLSA|BURSA")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{1,7}")


def _exchanges() -> tuple[dict[str, Exchange], dict[str, Exchange]]:
    """``(by written form, by ISO market name)``. An acronym ISO gives to venues in two countries ("CSE",
    "BSE") has no currency: either could be meant."""
    entries = {e.value.mic: e.value for e in iso10383.MIC if e.value.status.name != "expired"}
    by_form: dict[str, Exchange] = {}
    by_name: dict[str, Exchange] = {}
    countries: dict[str, set[str]] = {}
    venues: list[tuple[str, str, str, str]] = []  # acronym, MIC, market name, country
    for entry in entries.values():
        acronym, name, country = entry.acronym or "", entry.market_name, _country(entry)
        if (entry.operating_mic is None and _ACRONYM.fullmatch(acronym)
                and (_VENUE_WORDS.search(name) or acronym == name)):
            venues.append((acronym, entry.mic, name, country))
            countries.setdefault(acronym, set()).add(country)
    for acronym, mic, name, country in venues:
        one = len(countries[acronym]) == 1
        exchange = Exchange(acronym, mic, country, territory_currency(country) if one else None)
        by_form.setdefault(acronym, exchange)
        by_name.setdefault(_plain_name(name), exchange)
    for form, (mic, code) in _WRITTEN_EXCHANGES.items():
        country = _country(entries[mic])
        by_form[form] = by_name[_plain_name(form)] = Exchange(code, mic, country, territory_currency(country))
        by_form.setdefault(form.upper(), by_form[form])  # "TSX VENTURE" as mastheads print it
    return by_form, by_name


def _country(entry: iso10383.MICEntry) -> str:
    return entry.iso_country_code.name.upper() if entry.iso_country_code is not None else ""


def _plain_name(name: str) -> str:
    """A market's name without "The", a trailing legal form or punctuation: "NEW YORK STOCK EXCHANGE"."""
    words = re.sub(r"[,.]", " ", name).upper().split()
    if words and words[0] == "THE":
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _LEGAL_TERMS:
        words = words[:-1]
    return " ".join(words)


def exchange_pattern() -> str:
    """A regex for an exchange as a ticker line writes it ("NYSE", "TSX-V", "Nasdaq", "NYSE American"), case as
    written, longest first."""
    return "|".join(re.escape(f).replace(r"\ ", " ") for f in sorted(EXCHANGES, key=len, reverse=True))


def exchange_name_pattern() -> str:
    """A regex (to be used case-insensitively) for an exchange's full name as a filing cover writes it."""
    names = sorted({n for n in EXCHANGE_NAMES if " " in n}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


def exchange_named(name: str) -> Exchange | None:
    """The exchange a written form or full name stands for ("New York Stock Exchange", "The Nasdaq Stock
    Market LLC", "TSXV"): an exact form, else the longest ISO market name that the name starts with."""
    if (found := EXCHANGES.get(" ".join(name.split()))) is not None:
        return found
    plain = _plain_name(name)
    starts = [n for n in EXCHANGE_NAMES if plain == n or plain.startswith(n + " ")]
    return EXCHANGE_NAMES[max(starts, key=len)] if starts else None


def exchange_full_name(mic: str) -> str:
    """An exchange's name as ISO 10383 gives it, without its legal form: "TORONTO STOCK EXCHANGE"."""
    return _MARKET_NAMES.get(mic, "")


# --- company legal forms ------------------------------------------------------------------------------------
_LEGAL_TERMS = frozenset(t for terms in terms_by_type.values() for t in terms if t.isascii())
# The one-word forms as words of a name, lower case and undotted: "inc", "sa", "gmbh", "oyj".
LEGAL_WORDS = frozenset(t.lower().replace(".", "") for t in _LEGAL_TERMS if " " not in t)


def legal_form_pattern() -> str:
    """A regex (case-sensitive) for a company's legal form as names end in it: "Inc.", "Corp", "PLC", "plc",
    "S.A.", "GmbH", "Oyj", "Pty" (a word of a longer form, "Pty Ltd"). Two-letter forms count only in capitals
    ("AG", "SA": "As" is a word) unless dotted ("Co."); others with a capital first letter; a final dot is optional."""
    forms: set[str] = set()
    for term in _LEGAL_TERMS:
        for token in term.split():
            letters = re.sub(r"[^a-z]", "", token)
            if len(letters) < 2 or (" " in term and len(letters) < 3):
                continue
            stem, dot = (token[:-1], r"\.?") if token.endswith(".") else (token, "")
            if len(letters) == 2 and not dot and "." not in stem:
                forms.add(re.escape(stem.upper()))
                continue
            forms.add(f"{re.escape(stem[0].upper())}(?i:{re.escape(stem[1:])}){dot}")
            if len(letters) == 3 and "." not in token:
                forms.add(re.escape(token))  # "plc", "llc" as written
    return "|".join(sorted(forms, key=len, reverse=True))


# --- dates --------------------------------------------------------------------------------------------------
YEAR_DIGITS = r"(?:19|20)\d{2}"  # a year as releases print one: a regex fragment, one group
_MONTH_FORMS = parserinfo().MONTHS  # [("Jan", "January"), ..., ("Sep", "Sept", "September"), ...]
MONTH_NAMES = tuple(forms[-1].lower() for forms in _MONTH_FORMS)
MONTHS = MappingProxyType({form.lower(): i for i, forms in enumerate(_MONTH_FORMS, 1) for form in forms[:-1]})


def month_pattern() -> str:
    """A regex for a month as written in full or short, with an optional period: "Sept.", "December"."""
    alternatives = sorted({f for forms in _MONTH_FORMS for f in forms}, key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + r")\.?"


# --- chemical elements --------------------------------------------------------------------------------------
# The elements found in nature (hydrogen to uranium); an element's key is its symbol in lower case. Symbols are
# read as chemistry writes them (two letters, "Au", "Cu"), never one that is an English word ("In", "As", "Be");
# a one-letter element only in its oxide ("WO3", "V2O5").
_NATURAL = [e for e in periodictable.elements if 0 < e.number <= 92]
ELEMENT_NAMES = MappingProxyType({e.name: e.symbol.lower() for e in _NATURAL})
ELEMENT_SYMBOLS = frozenset(e.symbol for e in _NATURAL if len(e.symbol) == 2 and e.symbol.lower() not in STOPWORDS)
_OXIDE = re.compile(r"(?<![A-Za-z0-9])([A-Z][a-z]?)([2-9₂-₉]?)O([2-9₂-₉]?)(?![A-Za-z0-9])")


def oxide_element(formula: str) -> str | None:
    """The element an oxide formula reports ("WO3" → "w", "U₃O₈" → "u", "Li2O" → "li"), else None."""
    m = _OXIDE.fullmatch(formula.translate(_SUBSCRIPTS))
    if not m or not (m[2] or m[3]):
        return None
    symbol = m[1]
    return symbol.lower() if symbol in _ELEMENT_SET and symbol != "O" else None


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_ELEMENT_SET = frozenset(e.symbol for e in _NATURAL)
EXCHANGES, EXCHANGE_NAMES = (MappingProxyType(d) for d in _exchanges())
_MARKET_NAMES = MappingProxyType({e.value.mic: _plain_name(e.value.market_name) for e in iso10383.MIC})
