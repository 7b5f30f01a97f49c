"""Text normalisation: a search form for embedding and BM25, and a display form for answers.

Neither changes the stored release text: citations keep the source's own words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰†‡"
_NO_MARKS = str.maketrans("", "", FOOTNOTE_MARKS)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$%&|<>~])")
_BOLD = re.compile(r"\*\*|__")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_QUOTES = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
        "‘": "'", "’": "'", "‚": "'", "´": "'", "`": "'",
        "–": "-", "—": "-", "‑": "-", "−": "-", "…": "...",
    }
)


def unmarked(text: str) -> str:
    r"""The text as a reader sees it: markdown escapes (``\$``) and ``**`` bold markers removed, lines and
    spacing kept; ``__`` is kept, since it is as often a name's (``window.__x``) as markup."""
    return _MD_ESCAPE.sub(r"\1", text).replace("**", "")


def display(text: str) -> str:
    """Readable text: markdown escapes and bold markers removed, whitespace collapsed, unicode kept."""
    return " ".join(unmarked(text).split())


@lru_cache(maxsize=64)  # a release's text is normalised for its terms, then its dates, back to back
def normalise(text: str) -> str:
    """Search text: ``display`` plus footnote marks dropped, NFKC (WO₃ → WO3), ASCII quotes and dashes."""
    text = display(text).translate(_NO_MARKS)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def strip_footnote_marks(text: str) -> tuple[str, list[str]]:
    """Text without footnote markers, and the markers found."""
    marks = [ch for ch in text if ch in FOOTNOTE_MARKS]
    return "".join(ch for ch in text if ch not in FOOTNOTE_MARKS), marks
