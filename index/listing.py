"""The issuer's ticker and exchange as a release's running text writes them: "(NYSE: BBY)", "(TSX: ABC; NYSE: XYZ)".

An SEC filing's "Trading Symbol(s)" table comes first and is read with the rest of its cover
(``index.filing_cover``). In running text a ticker belongs to the issuer when it follows the issuer's name or a
mention of it, never when it follows another company named earlier.
"""

from __future__ import annotations

import re

from index.company_names import display_lines, key_word, name_words, ticker_owner
from index.vocabulary import EXCHANGES, exchange_pattern

# "(NYSE: BBY)", "(TSX: ABC; NYSE: XYZ)", "NYSE:KMC", "Nasdaq: NGNX": any exchange of ISO 10383 (index.vocabulary)
TICKER = re.compile(
    r"(?:\((?:[^()]{0,40}?[;,]\s*)??|(?<![\w.-]))"
    rf"({exchange_pattern()})"
    r"\s*:\s*([A-Z][A-Z0-9.]{0,9})"
)
_TICKER_CHARS = 120_000


def listing(text: str, company: str | None) -> tuple[str | None, str | None]:
    """The issuer's ticker and exchange as the text writes them: attached to the issuer's name, or near a mention
    of it; for a release without a known issuer, the first ticker near the top."""
    flat = display_lines(text[:_TICKER_CHARS])
    key = key_word(company) if company else None
    for m in TICKER.finditer(flat):
        if key is None:
            return _code(m) if m.start() < 4000 else (None, None)
        owner = ticker_owner(flat, m.start())
        if owner is not None and key in name_words(owner):
            return _code(m)
        if owner is None and key in flat[max(0, m.start() - 300):m.start()].lower():
            return _code(m)
    return None, None


def _code(m: re.Match[str]) -> tuple[str, str]:
    return m.group(2), EXCHANGES[m.group(1)].code
