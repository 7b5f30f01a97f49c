"""Sentence boundaries with exact offsets, aware of abbreviations, initials and decimals."""

from __future__ import annotations

import re

from index.vocabulary import MONTH_NAMES, MONTHS

_ABBREVIATIONS = frozenset({
    "inc", "corp", "ltd", "co", "mr", "mrs", "ms", "dr", "st", "no", "nos", "jr", "sr", "vs", "approx",
    "e.g", "i.e", "u.s", "u.k", "etc", "fig", "dept", "est", "avg", "mt", "ft", "oz", "p", "pp", "ave",
    "s.a", "s.l", "n.v", *(m for m in MONTHS if m not in MONTH_NAMES),  # "Jan.", "Sept." (not "may")
})
# a company's legal suffix ends its sentence too when a capitalised word follows ("... Powders Corp. In
# connection with ..."); not before a bracket, a number or another suffix ("Inc. (TSX-V: AII)", "Co. Ltd.")
_SUFFIXES = frozenset({"inc", "corp", "ltd", "co", "llc", "plc", "s.a", "s.l", "n.v"})
# words that go on a company's name mid-sentence: a spelled-out suffix ("Co. Limited") or a title
# ("Acme Corp. Chief Executive Officer Jane Doe said")
_NAME_GOES_ON = frozenset({"limited", "incorporated", "corporation", "company", "group", "holdings", "chief",
                           "president", "chairman", "chair", "director", "executive", "ceo", "cfo", "vice"})
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9¹²³*])")


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WINDOW = 64  # longer than any abbreviation and any word that follows a company's suffix


def sentence_spans(text: str, offset: int = 0, suffix_ends: bool = True) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, shifted by ``offset``. ``suffix_ends``: a
    company's suffix may end a sentence (not in a headline: "Acme Corp. Announces Results")."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end <= start or _is_abbreviation(text, m.start(), suffix_ends):
            continue
        spans.append((offset + start, offset + end))
        start = _skip_space(text, end)
    tail = text[start:].rstrip()
    if tail:
        spans.append((offset + start, offset + start + len(tail)))
    return spans


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_abbreviation(text: str, dot: int, suffix_ends: bool = True) -> bool:
    if text[dot] != ".":
        return False
    # only the few characters around the dot are read: a sentence end costs the same in a long paragraph
    word = _WORD_BEFORE.search(text[max(0, dot - _WINDOW):dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token in _SUFFIXES:
        after = re.match(r"\s+([A-Z][a-z]+)\b", text[dot + 1:dot + 1 + _WINDOW])
        return not suffix_ends or after is None or after.group(1).lower() in _SUFFIXES | _NAME_GOES_ON
    if token in _ABBREVIATIONS:
        return True
    return len(token) == 1 and text[dot - 1].isupper()  # an initial: "J. Smith"
