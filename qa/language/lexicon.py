"""Corpus term statistics read off the persisted BM25 index: which words the releases use, how rarely, and
in which releases."""

from __future__ import annotations

import math
import re
from typing import Any

from llama_index.retrievers.bm25 import BM25Retriever

from index.vocabulary import MONTH_NAMES, MONTHS
from qa.language.glossary import ABBREVIATIONS
from qa.language.question import stem, stems

_MONTHS = {stem(m) for m in (*MONTH_NAMES, *MONTHS)}
_PERIOD = re.compile(r"(?:q[1-4]|h[12]|fy\d*|\d+)")


class Lexicon:
    """Document frequencies of stemmed terms across all chunks, and the releases each term occurs in."""

    def __init__(self, bm25: BM25Retriever | None) -> None:
        self._df: dict[str, int] = {}
        self._vocab: dict[str, int] = {}
        self._indptr: Any = None
        self._indices: Any = None
        self._doc_of: list[str] = []
        self._releases: dict[str, frozenset[str]] = {}
        self.docs = 0
        if bm25 is None:
            return
        scores = bm25.bm25.scores
        indptr = scores["indptr"]
        self.docs = int(scores.get("num_docs", 0))
        self._indptr, self._indices = indptr, scores["indices"]
        self._vocab = {str(t): int(i) for t, i in bm25.bm25.vocab_dict.items()}
        self._doc_of = [str(entry.get("doc_id")) for entry in (bm25.corpus or [])]
        for token, idx in self._vocab.items():
            if idx + 1 < len(indptr):
                self._df[token] = int(indptr[idx + 1] - indptr[idx])

    def __contains__(self, term: str) -> bool:
        return self._df.get(term, 0) > 0

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the highest weight."""
        df = self._df.get(term, 0)
        return math.log(1 + (self.docs - df + 0.5) / (df + 0.5)) if self.docs else 1.0

    def releases(self, term: str) -> frozenset[str]:
        """The releases (doc ids) with ``term`` in some chunk: read off the index's postings, no text is
        re-read (a figure question naming a project checks it against every release with that line item)."""
        if term not in self._releases:
            idx = self._vocab.get(term)
            if idx is None or self._df.get(term, 0) == 0 or not self._doc_of:
                found: frozenset[str] = frozenset()
            else:
                chunks = self._indices[self._indptr[idx]:self._indptr[idx + 1]]
                found = frozenset(self._doc_of[int(i)] for i in chunks if int(i) < len(self._doc_of))
            if len(self._releases) > 10_000:
                self._releases.clear()
            self._releases[term] = found
        return self._releases[term]

    def releases_with_all(self, terms: set[str]) -> frozenset[str] | None:
        """The releases holding every one of ``terms``; None when ``terms`` is empty (no constraint)."""
        if not terms:
            return None
        sets = sorted((self.releases(t) for t in terms), key=len)
        return frozenset(sets[0].intersection(*sets[1:]))

    def unknown_words(self, names: list[str]) -> set[str]:
        """Words of the question's names that no release uses."""
        return {t for n in names for t in stems(n) if t not in self}

    def unknown_names(self, names: list[str]) -> set[str]:
        """Unknown words of the question's names that name something ("Barrick" in "Barrick Gold's net
        loss"): the question is about what the releases never mention. Periods and abbreviations the
        glossary spells out ("Q1", "CFO") are not names here."""
        return {t for t in self.unknown_words(names) if t not in _MONTHS and not _PERIOD.fullmatch(t)
                and t not in ABBREVIATIONS}
