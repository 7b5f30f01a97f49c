"""Corpus term statistics read off the persisted BM25 index: which words the releases use, and how rarely."""

from __future__ import annotations

import math

from llama_index.retrievers.bm25 import BM25Retriever


class Lexicon:
    """Document frequencies of stemmed terms across all chunks."""

    def __init__(self, bm25: BM25Retriever | None) -> None:
        self._df: dict[str, int] = {}
        self.docs = 0
        if bm25 is None:
            return
        scores = bm25.bm25.scores
        indptr = scores["indptr"]
        self.docs = int(scores.get("num_docs", 0))
        for token, idx in bm25.bm25.vocab_dict.items():
            if idx + 1 < len(indptr):
                self._df[str(token)] = int(indptr[idx + 1] - indptr[idx])

    def __contains__(self, term: str) -> bool:
        return self._df.get(term, 0) > 0

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the highest weight."""
        df = self._df.get(term, 0)
        return math.log(1 + (self.docs - df + 0.5) / (df + 0.5)) if self.docs else 1.0
