"""Which releases a question is about, from the companies and tickers it names and the releases it dates.

In an archive of many companies the same template sentence ("revenue for the quarter was …", "appointed
Chief Financial Officer") occurs in every company's releases, so a question that names a company is
answered from that company's releases only: retrieval is filtered to them (Chroma ``$in`` filter, a BM25
weight mask) and so is the figures lookup. A question that names no known company searches everything.
A question that points at a release by its date ("per the 2011 release", "in the October 2011 results
release", "by the December 2013 reserve update") is answered from the releases of that month or year (or
reporting that period); when none is, the date is ignored rather than refusing.

A release whose issuer could not be parsed is not lost to a question naming its company: when its text is
about a known company (names it in its first lines, or twice near the top), it counts among that company's
releases. Which companies each such release is about is worked out once, when the scope is built, never per
question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from index.catalog import CatalogEntry
from index.vocabulary import LEGAL_WORDS, MONTH_NAMES, YEAR_DIGITS

# Legal forms (cleanco's one-word ones, index.vocabulary) and filler words are not part of how people name a
# company; "Pty" is cleanco's only as a word of "Pty Ltd", and "SE" (Societas Europaea) is not in its lists.
_SUFFIXES = LEGAL_WORDS | {"the", "pty", "se"}
# First words too common to name a company on their own ("Northern", "Global", ...).
_GENERIC = {"north", "northern", "south", "southern", "east", "eastern", "west", "western", "global", "first",
            "new", "united", "american", "canadian", "international", "national", "general", "great", "royal",
            "pacific", "atlantic", "central", "golden", "silver", "gold", "copper", "energy", "mining",
            "resources", "metals", "minerals", "capital", "group", "holdings", "industries", "technologies",
            "pharma", "health", "power", "oil", "gas", "star", "blue", "green", "red", "black", "white", "big"}
_WORD = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)?")
# "the 2011 release", "October 2011 results release", "December 2013 reserve update", "May 2013 announcement"
_DATED_RELEASE = re.compile(r"\b(?:(" + "|".join(MONTH_NAMES) + rf")\s+)?({YEAR_DIGITS})\s+(?:[a-z0-9&-]+\s+){{0,3}}?"
                            r"(?:press release|news release|release|announcement|update)\b", re.I)
_MAX_WORDS = 6
_NAME_TOKEN = re.compile(r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)?")
_CONNECTORS = {"of", "and", "de", "du", "la", "the", "y", "van", "von", "der", "del"}  # lower case inside a name
_LEAD_CHARS = 2000  # a company named this early in a release's text is what the release is about
_SCAN_CHARS = 20_000  # where a release without an issuer is read for the companies it is about


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def core_name(company: str) -> tuple[str, ...]:
    """A company's name as people say it: lower-case words without the legal suffix. The first word always
    stays: a short legal form may also be a name ("DNO ASA", "KT Corp", "BT plc")."""
    words = _words(company)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return tuple(words)


class ReleaseScope:
    """Maps company names, their distinctive first words and tickers to the releases that carry them.

    ``text`` (a release's text by doc_id, such as ``Catalog.text``) lets releases without a parsed issuer join
    the companies their text is about; it is read once per such release, here."""

    def __init__(self, entries: Iterable[CatalogEntry], text: Callable[[str], str | None] | None = None) -> None:
        self.phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.tickers: dict[str, set[str]] = defaultdict(set)
        self.all: set[str] = set()
        self.dated: dict[tuple[int, int], set[str]] = defaultdict(set)  # (year, month) of issue or period end
        prefixes: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        tickers: dict[tuple[str, ...], set[str]] = defaultdict(set)  # each company's tickers
        unattributed: list[str] = []
        for e in entries:
            self.all.add(e.doc_id)
            for when in (e.date, (e.reporting_period or "").rsplit(" ", 1)[-1]):
                if when and re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
                    self.dated[(int(when[:4]), int(when[5:7]))].add(e.doc_id)
            name = core_name(e.company or "")
            if name:
                self.phrases[name].add(e.doc_id)
                for n in range(1, len(name)):
                    prefixes[name[:n]].add(name)
            else:
                unattributed.append(e.doc_id)
            if e.ticker:
                self.tickers[e.ticker.upper()].add(e.doc_id)
                if name:
                    tickers[name].add(e.ticker.upper())
        aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for prefix, names in prefixes.items():
            # "Acme" names Acme Industries, "Northern Lights" Northern Lights Energy, when no other
            # company's name starts so; a lone word must be distinctive, not "Northern" or "Global"
            if len(names) > 1 or prefix in self.phrases:
                continue
            if len(prefix) == 1 and (len(prefix[0]) < 4 or prefix[0] in _GENERIC or prefix[0].isdigit()):
                continue
            (aliases[prefix],) = names
        if text is not None and unattributed:
            self._attach(unattributed, text, aliases, tickers)
        for prefix, name in aliases.items():
            self.phrases[prefix] = set(self.phrases[name])

    def _attach(self, docs: list[str], text: Callable[[str], str | None],
                aliases: dict[tuple[str, ...], tuple[str, ...]], tickers: dict[tuple[str, ...], set[str]]) -> None:
        """Count each release without an issuer among the companies its text is about: a known company's name
        (or its distinctive first words) written as a name (capitalised) in the release's first lines, or twice."""
        known: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)  # first word → (said, name)
        for name in list(self.phrases):
            known[name[0]].append((name, name))
        for alias, name in aliases.items():
            known[alias[0]].append((alias, name))
        for doc_id in docs:
            for name in _companies_in(text(doc_id) or "", known):
                self.phrases[name].add(doc_id)
                for ticker in tickers.get(name, ()):
                    self.tickers[ticker].add(doc_id)

    def releases(self, question: str) -> set[str] | None:
        """The releases of the companies the question names, or None when it names none (or all of them)."""
        words = _words(question)
        found: set[str] = set()
        for n in range(min(_MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                docs = self.phrases.get(tuple(words[i:i + n]))
                if docs and (n > 1 or self._proper(question, words[i])):
                    found |= docs
        for token in re.findall(r"\b[A-Z][A-Z0-9.]{1,6}\b", question):
            found |= self.tickers.get(token, set())
        dated = self._dated(question)
        if dated and found:
            dated &= found
        found = dated or found
        if not found or found >= self.all:
            return None
        return found

    def company(self, name: str) -> set[str] | None:
        """The releases of the company ``name`` (as a user types it: any case, or a ticker), or None."""
        written = name if any(ch.isupper() for ch in name) else name.title()
        return self.releases(written) or (self.tickers.get(name.strip().upper()) or None)

    def _dated(self, question: str) -> set[str]:
        """The releases issued in (or reporting a period that ends in) the month or year a question dates
        a release by."""
        out: set[str] = set()
        for m in _DATED_RELEASE.finditer(question):
            year = int(m.group(2))
            months = [MONTH_NAMES.index(m.group(1).lower()) + 1] if m.group(1) else range(1, 13)
            for month in months:
                out |= self.dated.get((year, month), set())
        return out

    @staticmethod
    def _proper(question: str, word: str) -> bool:
        """A one-word name counts only where the question writes it as a name: with a capital ("Kestrel", "nGenix")."""
        return any(m.group(0) != word for m in re.finditer(rf"\b{re.escape(word)}\b", question, re.I))


def _companies_in(text: str, known: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]) -> set[tuple[str, ...]]:
    """The known companies a release's text is about: named as a name is written (with a capital: "Kestrel",
    "nGenix") within its first ``_LEAD_CHARS`` characters, or at least twice in its first ``_SCAN_CHARS``. One pass
    over those words."""
    tokens = [(m.group(0).lower(), m.group(0) != m.group(0).lower(), m.start())
              for m in _NAME_TOKEN.finditer(text, 0, _SCAN_CHARS)]
    words = [t[0] for t in tokens]
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    about: set[tuple[str, ...]] = set()
    for i, (word, capital, start) in enumerate(tokens):
        if not capital or word not in known:
            continue
        for said, name in known[word]:
            span = tokens[i:i + len(said)]
            if tuple(words[i:i + len(said)]) == said and all(c or w in _CONNECTORS for w, c, _ in span):
                seen[name] += 1
                if start < _LEAD_CHARS or seen[name] >= 2:
                    about.add(name)
    return about

