"""Spell out ligature glyphs that a PDF leaves unmapped: "\ufffenancial" → "financial".

Some fonts map their ligature glyphs (fi, fl, ff, ffi, ffl) to no character, so PDFium reports the code
U+FFFE (poppler drops them: "nancial", "O cer"). The glyph's width tells a two-letter ligature from a
three-letter one; the word it completes is looked up in the English vocabulary the project already ships
(the MiniLM tokenizer's word list), and the commonest ligature of that width is used when no word fits.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

UNMAPPED = "\ufffe"
_NARROW = ("fi", "fl", "ff", "ffi", "ffl")
_WIDE = ("ffi", "ffl", "fi", "ff", "fl")
_SUFFIXES = ("", "s", "es", "ed", "d", "ing", "ly", "ally", "er", "ers", "ies", "ation", "ations")
_LETTERS = re.compile(r"[^a-z]")


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Whole words of the shipped MiniLM tokenizer (empty if it cannot be found: the width rule still works)."""
    try:
        from index.embedder import BUNDLED_TOKENIZER

        words = json.loads(BUNDLED_TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError) as exc:  # the vocabulary only refines a guess; reading must not fail
        logger.debug("no vocabulary for ligatures: %s", exc)
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) > 2)


def _known(word: str, vocabulary: frozenset[str]) -> bool:
    w = _LETTERS.sub("", word.lower())
    return any(w.endswith(s) and w[: len(w) - len(s)] in vocabulary for s in _SUFFIXES if len(w) - len(s) > 2)


def spell_out(word: str, widths: list[float], size: float) -> str:
    """``word`` with each unmapped glyph replaced by the ligature that makes a known word.

    ``widths`` are the widths of the unmapped glyphs in order, ``size`` the font size."""
    vocabulary = _vocabulary()
    if word.endswith(UNMAPPED) and word[-2:-1].isalpha() and len(widths) == 1 and widths[0] < 0.45 * size:
        return word[:-1] + "-"  # a line-end hyphen the font left unmapped
    for width in widths:
        options = _WIDE if width > 0.75 * size else _NARROW
        head, _, tail = word.partition(UNMAPPED)
        before = re.split(r"[^A-Za-z]", head)[-1]
        after = re.split(r"[^A-Za-z\ufffe]", tail)[0]
        choice = next((o for o in options if _known(before + o + after.replace(UNMAPPED, o), vocabulary)), options[0])
        word = head + choice + tail
    return word
