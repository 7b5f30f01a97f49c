"""How text becomes terms, the same for the BM25 index and for matching questions: the token pattern,
English stop words and the Snowball stemmer (those of llama-index's ``BM25Retriever`` and bm25s)."""

from __future__ import annotations

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # words of two characters or more
STOPWORDS = frozenset(STOPWORDS_EN)
STEMMER_LANGUAGE = "english"


def stemmer() -> Stemmer.Stemmer:
    """A new English Snowball stemmer (PyStemmer's are not shared between threads)."""
    return Stemmer.Stemmer(STEMMER_LANGUAGE)
