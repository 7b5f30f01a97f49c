"""Sentence scoring: how well each sentence (or table row) of a passage answers the question.

A score mixes meaning (cosine with the question, same embedding model as the
index), words (IDF-weighted share of the question's terms found in the sentence
or its heading/caption), the kind of answer wanted (a name, a date, a number,
a place), and the section (boilerplate never wins over body text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import NodeWithScore

from index.cleaner import display, normalise
from index.nodes import sentences_of
from index.records import Span
from qa.calendar import Calendar
from qa.lexicon import Lexicon
from qa.question import Question, stems

_SECTION_PRIOR = {"body": 0.0, "about": -0.03, "contacts": -0.08, "boilerplate": -0.25}
_CONTACT_WORDS = re.compile(r"\b(contact|phone|telephone|email|e-mail|reach)\b", re.I)
_PERSON = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z]+\b")
_CUE = {
    "date": re.compile(r"\b(19|20)\d{2}\b"),
    "number": re.compile(r"\d"),
    "place": re.compile(r"\b(located|kilometres|kilometers|km|miles|based|in (?:[A-Z][a-z]+))\b"),
}


@dataclass
class ScoredSentence:
    """A sentence or table row of a retrieved passage, with its score."""

    node: NodeWithScore
    rank: int
    pieces: list[Span]
    text: str
    score: float
    covered: bool

    @property
    def doc_id(self) -> str:
        return str(self.node.node.metadata["doc_id"])


class SentenceScorer:
    """Scores the sentences of retrieved nodes; embeddings of sentences are cached across questions."""

    def __init__(self, embedder: BaseEmbedding, lexicon: Lexicon, release_text: Callable[[str], str | None]) -> None:
        self.embedder = embedder
        self.lexicon = lexicon
        self._release_text = release_text
        self._vectors: dict[str, np.ndarray] = {}
        self.calendar = lru_cache(maxsize=4096)(self._calendar)

    def _calendar(self, doc_id: str) -> Calendar:
        return Calendar.of(self._release_text(doc_id) or "")

    def score(self, question: Question, query_vector: list[float], nodes: list[NodeWithScore]) -> list[ScoredSentence]:
        """Every sentence of ``nodes`` scored, best first."""
        rows: list[tuple[NodeWithScore, int, list[Span], str, str]] = []
        for rank, nws in enumerate(nodes):
            text = self._release_text(str(nws.node.metadata["doc_id"])) or ""
            for pieces in sentences_of(nws.node):
                raw = " ".join(text[p.start:p.end] for p in pieces)
                rows.append((nws, rank, pieces, raw, normalise(raw)))
        if not rows:
            return []
        vectors = self._embed([r[4] for r in rows])
        cosines = vectors @ np.asarray(query_vector, dtype=np.float32)
        weights = {t: self.lexicon.idf(t) for t in set(question.terms)}
        total = sum(weights.values()) or 1.0
        wants_contact = bool(_CONTACT_WORDS.search(question.text))
        out = []
        for (nws, rank, pieces, raw, flat), cosine in zip(rows, cosines):
            meta = nws.node.metadata
            context = set(stems(flat)) | set(stems(str(meta.get("section", ""))))
            if meta.get("kind") == "table":
                context |= set(stems(str(nws.node.get_content())[:300]))
            lexical = sum(w for t, w in weights.items() if t in context) / total
            score = 0.5 * float(cosine) + 0.5 * lexical + 0.02 / (1 + rank)
            score += self._cue(question, raw)
            kind = str(meta.get("section_kind", "body"))
            score += 0.0 if (kind == "contacts" and wants_contact) else _SECTION_PRIOR.get(kind, 0.0)
            covered = self.calendar(str(meta["doc_id"])).covers(question)
            if not covered:
                score -= 0.3
            out.append(ScoredSentence(nws, rank, pieces, display(raw), score, covered))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _cue(self, question: Question, raw: str) -> float:
        if question.wants == "person":
            return 0.06 if _PERSON.search(raw[1:]) else 0.0
        cue = _CUE.get(question.wants)
        return 0.05 if cue is not None and cue.search(raw) else 0.0

    def _embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, self.embedder.get_text_embedding_batch(missing)):
                self._vectors[t] = np.asarray(v, dtype=np.float32)
            if len(self._vectors) > 200_000:
                self._vectors.clear()
        return np.stack([self._vectors[t] for t in texts])
