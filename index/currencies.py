"""Currencies as releases write them: ISO 4217 codes and names (from pycountry's copy of the standard),
the symbols and English forms in use, and what an ambiguous ``$`` means in a given release.

``currency_in(text)`` gives an ISO code for the first unambiguous mention (``NOK``, ``US$``, ``C$``,
``€``, "Norwegian kroner", "in millions of Japanese yen"), else an ambiguous symbol (``$``, ``kr``, ``¥``)
that :func:`resolve` settles from what the release states or where the company is listed, or leaves as is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.vocabulary import CURRENCY_CODES, CURRENCY_NAMES, CURRENCY_SYMBOLS, EXCHANGES, exchange_pattern

NAMES = CURRENCY_NAMES
CODES = CURRENCY_CODES
SYMBOLS = CURRENCY_SYMBOLS  # ISO codes followed by "$", such as CAD$ or AUD$, are read as their code
# English forms that ISO's names do not give ("Yen", "Pound Sterling", "Yuan Renminbi").
_ALIASES = {
    r"U\.S\. dollars?|United States dollars?|U\.?S\.? cents": "USD",
    r"pounds? sterling|sterling|British pounds?": "GBP",
    r"renminbi|Chinese yuan": "CNY",
    r"Japanese yen": "JPY",
    r"(?:South )?Korean won": "KRW",
    r"South African rand": "ZAR",
    r"(?:new )?Israeli shekels?": "ILS",
    r"Russian roubles?": "RUB",
    r"Icelandic kron(?:a|ur)": "ISK",
}
_PLURALS = {"krone": "kroner", "krona": "kronor", "real": "reais", "lira": "lire", "euro": "euros"}
# A bare symbol means one of these; which one, the release or its listing says.
_FAMILIES = {
    "$": {code for code, name in NAMES.items() if name.endswith(("Dollar", "Peso"))},
    "kr": {"NOK", "SEK", "DKK", "ISK"},
    "¥": {"JPY", "CNY"},
}
_DEFAULTS = {"¥": "JPY"}  # CLDR's English symbol for the yen; the renminbi is written CN¥ or RMB
# An SEC filing is a US company's: its "$" is the US dollar.
_SEC_FILING = re.compile(r"\bForm\s+8-K\b|\bFORM\s+8-K\b")
# Where a company is listed ("NYSE: X", "TSX-V: X", "ASX: X"), and so the currency of its "$" (or "kr") amounts.
_LISTED = re.compile(rf"(?<![\w.-])({exchange_pattern()})\s*:\s*[A-Z0-9]")


def _name_patterns() -> tuple[dict[str, str], dict[str, str]]:
    """``(anywhere, after "in"/"of")``: name pattern -> code.  One-word names (Yen, Rand, Won, Sol) are
    also English words, so they count only where a currency is being stated: "in millions of Korean won"."""
    anywhere: dict[str, str] = dict(_ALIASES)
    stated: dict[str, str] = {}
    for code, name in NAMES.items():
        words = name.split()
        if "(" in name or len(words) > 3:
            continue
        noun = words[-1].lower()
        plural = _PLURALS.get(noun, noun + "s")
        head = r"\s+".join(r"U\.?S\.?" if w == "US" else re.escape(w) for w in words[:-1])
        pattern = rf"{head}\s+(?:{re.escape(noun)}|{re.escape(plural)})" if head else rf"(?:{noun}|{plural})"
        (anywhere if head else stated)[pattern] = code
    return anywhere, stated


_ANYWHERE, _STATED = _name_patterns()
_NAME_RX = re.compile("|".join(rf"\b(?P<n{i}>{p})\b" for i, p in enumerate(_ANYWHERE)), re.I)
_STATED_RX = re.compile(
    r"\b(?:in|of)\s+(?:(?:thousands|millions|billions)\s+of\s+)?(?-i:(?:South\s+|North\s+)?[A-Z][a-z]+(?:an|ese|ish|i)\s+)?"
    rf"(?:{'|'.join(f'(?P<s{i}>{p})' for i, p in enumerate(_STATED))})(?=\s*(?:[),.;:]|$|unless\b|except\b|in\b))",
    re.I,
)
_NAME_CODES = [*_ANYWHERE.values()]
_STATED_CODES = [*_STATED.values()]
# signs that stand alone ("€", "₹", "CN¥"); those ending in "$" are read by the prefixed-dollar pattern
_SIGNS = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True)
                  if not s.endswith("$") and not s.isalpha())
_WORD_SIGNS = "|".join(s for s in SYMBOLS if s.isalpha())  # "RMB", "NIS", "zł" read as words
_SYMBOL_RX = re.compile(
    r"(?P<prefixed>(?:\b[A-Z][A-Za-z]{0,2}|\bU\.S\.)\s?\\?\$)|(?P<dollar>\\?\$)|(?P<kr>\bkr\b\.?)"
    rf"|(?P<sym>{_SIGNS}|¥|\\b(?:{_WORD_SIGNS})\\b)"
)
_CODE_RX = re.compile(r"(?<![A-Za-z$:])(?<!:\s)(?P<prefix>[kKTM]?)(?P<code>[A-Z]{3})(?![A-Za-z])")
_CODE_AFTER = re.compile(r"\s?(?:'?000|\d|\$|\)|/|mn?\b|M{1,2}\b|bn\b|B\b|[kK]\b|thousands?\b|millions?\b|billions?\b)")
_CODE_BEFORE = re.compile(r"(?:\bin|\bof|\(|,|\d)\s?$")


@lru_cache(maxsize=4096)
def currency_in(text: str) -> str | None:
    """The first unambiguous currency in ``text`` as an ISO code, else an ambiguous symbol, else None."""
    found: list[tuple[int, str]] = []
    ambiguous: list[tuple[int, str]] = []
    for m in _SYMBOL_RX.finditer(text):
        if m["prefixed"]:
            prefix = m["prefixed"].replace("\\", "").replace(" ", "")
            code = SYMBOLS.get(prefix) or (prefix[:-1] if prefix[:-1] in CODES else None)
            (found if code else ambiguous).append((m.start(), code or "$"))
        elif m["dollar"]:
            ambiguous.append((m.start(), "$"))
        elif m["kr"]:
            ambiguous.append((m.start(), "kr"))
        elif m["sym"] in _FAMILIES:
            ambiguous.append((m.start(), m["sym"]))
        else:
            found.append((m.start(), SYMBOLS[m["sym"]]))
    found += [(m.start(), m["code"]) for m in _CODE_RX.finditer(text) if _is_code_mention(text, m)]
    for rx, codes in ((_NAME_RX, _NAME_CODES), (_STATED_RX, _STATED_CODES)):
        if (named := rx.search(text)) and named.lastgroup:
            found.append((named.start(), codes[int(named.lastgroup[1:])]))
    return min(found)[1] if found else min(ambiguous)[1] if ambiguous else None


def _is_code_mention(text: str, m: re.Match[str]) -> bool:
    """``NOK'000``, ``(SEK m)``, ``in CHF``, ``JPY 120``, ``MSEK``: an ISO code used as a currency, not a
    word in capitals ("ALL", "TOP") or an acronym that happens to be a code ("IRR")."""
    if m["code"] not in CODES:
        return False
    return (
        text.strip() == m[0] or bool(_CODE_AFTER.match(text, m.end())) or bool(_CODE_BEFORE.search(text, 0, m.start()))
    )


def resolve(symbol: str, stated: str | None, listed: str | None) -> str:
    """An ISO code for an ambiguous ``symbol`` when the release states one of its currencies, or its
    listing implies one; else the symbol itself (never guessed)."""
    family = _FAMILIES.get(symbol)
    if family is None:
        return symbol
    for code in (stated, listed):
        if code is not None and code in family:
            return code
    return _DEFAULTS.get(symbol, symbol)


def listed_currency(text: str) -> str | None:
    """The currency that the company's listings (``NYSE: X``, ``TSX-V: X``, ``ASX: X``) or an SEC Form 8-K
    imply; None when there is none, or when they disagree (``NYSE`` and ``TSX``: either could be meant)."""
    codes = {EXCHANGES[m[1]].currency for m in _LISTED.finditer(text)}
    if _SEC_FILING.search(text):
        codes.add("USD")
    return codes.pop() if len(codes) == 1 else None


def currency_pattern(symbols: bool = True, bare_names: bool = True) -> str:
    """A regex for any currency written out: a name or alias (any case), a symbol (unless ``symbols`` is
    false: after an amount a sign starts the next one) or an ISO code (as printed, so that "all" is not the
    lek). ``bare_names=False`` leaves out the one-word names that are also English words ("won", "rand")."""
    signs = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True)) + "|" if symbols else ""
    codes = "|".join(sorted(CODES))
    names = "|".join([*_ANYWHERE, *_STATED] if bare_names else _ANYWHERE)
    return rf"(?:(?i:\b(?:{names})\b)|(?-i:{signs}\b(?:{codes})\b))"
