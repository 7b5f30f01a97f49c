"""Who issued a press release, from the names its text gives the company it is about.

Read from the most telling place first: the subject of the lead a dateline opens ("DENVER, Aug. 29, 2023
/PRNewswire/ -- Kestrel Metals Co., Inc. (NYSE: KMC) today announced"); the headline's subject ("Kestrel reports
fiscal 2023 results"); a name with its ticker near the top ("nGenix, Inc. (NASDAQ: NGNX)"); an "About Kestrel"
section; each resolved to the legal name the text gives it ("Kestrel Metals Co., Inc.").

A company the text names in passing is never taken for the issuer, and a release whose issuer cannot be told
has none: no first capitalised "Inc." phrase is guessed. An SEC filing's registrant comes first and is read
with the rest of its cover (``index.filing_cover``).
"""

from __future__ import annotations

import re

from index.cleaner import display
from index.company_names import as_written, display_lines, is_legal, key_word, legal_name, name_at, ticker_owner
from index.listing import TICKER
from index.release_date import DATELINE, FULL_DATE

# a dateline without a date: "BOLINGBROOK, Ill.--(BUSINESS WIRE)--", "TORONTO, ON / ACCESSWIRE /"
_WIRE_DATELINE = re.compile(
    r"^[\s*]*[^\W\d_][\w .,'’&]{0,60}?(?:--|[–—/(])\s*\(?\s*(?:[\w.]+\s+){0,2}?(?:\w*News\s?wire|Wire|Newsfile|CNW)\b"
    r"[^\n()/]{0,30}\)?\s*(?:--|[–—/-])\s*", re.I)
_SEPARATOR = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:--|[–—-])?\s*")  # "(Marketwired - Dec. 12, 2013) - "
_AFTER_SUBJECT = re.compile(  # what follows a lead's subject: its ticker or alias, an apposition, its verb
    r"\s*(?:\(|,\s*(?:a|an|the|one|which|together|through)\b|today\b|(?:has|have|is|was|will|announced|announces|"
    r"reported|reports|declared|declares|said|says|posted|released|completed|entered|signed|provided|filed|closed|"
    r"priced|issued|agreed|received|launched|appointed|named)\b)")
_UNDATED_TITLE = re.compile(rf"^\W*{FULL_DATE}\W*", re.I)  # a headline run into the date line above it
_ABOUT = re.compile(r"^[\s*#]*About\s+(\S[^\n]{0,60}?)[\s*:]*$", re.M)


def issuer(text: str, title: str) -> str | None:
    """The issuer of a release that is not a filing: the subject of its dateline's lead; else the legal name of
    its headline's subject; else a name with its ticker near the top; else the legal name of the company an
    "About" section presents; else the headline's subject when an "About" section presents it too. None when
    none of them names one: a company merely named in the text is never taken for the issuer."""
    if lead := _lead(text):
        return lead if is_legal(lead) else legal_name(lead, text) or lead
    headline = name_at(_UNDATED_TITLE.sub("", display(title)), 0, headline=True) if title else None
    if headline and (resolved := legal_name(headline[0], text, strict=True)):
        return resolved
    flat = display_lines(text[:4000])
    for m in TICKER.finditer(flat):
        if owner := ticker_owner(flat, m.start()):
            return as_written(owner, text)
    abouts = [about for m in _ABOUT.finditer(text) if (about := display(m.group(1)))
              and (found := name_at(about, 0)) and found[0] == about]
    for about in abouts:
        if resolved := legal_name(about, text, strict=True):
            return resolved
    if headline and any(key_word(about) == key_word(headline[0]) for about in abouts):
        return legal_name(headline[0], text)
    return None


def _lead(text: str) -> str | None:
    """The issuer a dateline introduces: "CHICAGO, Jan. 31, 2023 /PRNewswire/ -- Acme Corp. (NYSE: ACM) today …"."""
    for line_match in re.finditer(r"[^\n]+", text[:8000]):
        line = line_match.group(0)
        m = DATELINE.match(line) or _WIRE_DATELINE.match(line)
        if m is None:
            continue
        start = line_match.start() + m.end()
        start = _SEPARATOR.match(text, start).end()  # type: ignore[union-attr]
        found = name_at(text, start)
        if found is None and text.startswith("The ", start):  # "The Coca-Cola Company (NYSE: KO) today …"
            named = name_at(text, start + 4)
            found = (f"The {named[0]}", named[1]) if named and is_legal(named[0]) else None
        if found and _AFTER_SUBJECT.match(text, found[1]):
            return found[0]
    return None
