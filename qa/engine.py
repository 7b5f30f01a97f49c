"""The answering pipeline, composed: hybrid retrieval → sentence reranking → extractive answer."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import NodeWithScore, QueryBundle

from index.errors import BadQuestion, EmptyStore
from index.lexical import load_bm25
from index.settings import Settings
from index.store import Stores
from qa.answerer import Answerer
from qa.figure_lookup import FigureLookup
from qa.lexicon import Lexicon
from qa.question import Question, stems
from qa.records import Answer
from qa.reranker import SentenceReranker
from qa.retriever import ScopedBM25, dense_index, doc_positions, hybrid_retriever, scoped_dense
from qa.scope import ReleaseScope
from qa.scorer import SentenceScorer

logger = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 1000


class Engine:
    """Answers questions over the stores; picks up newly ingested releases on the next question."""

    def __init__(self, settings: Settings, embedder: BaseEmbedding, stores: Stores | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.stores = stores or Stores(settings)
        self._lock = threading.Lock()
        self._fingerprint: str | None = None
        self._release_text = lru_cache(maxsize=1024)(self.stores.catalog.text)
        self._release_terms = lru_cache(maxsize=1024)(self._terms_of)

    def _refresh(self) -> None:
        fingerprint = self.stores.catalog.fingerprint()
        if fingerprint == self._fingerprint:
            return
        with self._lock:
            if fingerprint == self._fingerprint:
                return
            s = self.settings
            self._release_text.cache_clear()
            self._release_terms.cache_clear()
            self.bm25 = load_bm25(self.stores, s.candidates)
            self.positions = doc_positions(self.bm25) if self.bm25 is not None else {}
            self.lexicon = Lexicon(self.bm25)
            self.index = dense_index(self.stores, self.embedder)
            self.dense = self.index.as_retriever(similarity_top_k=s.candidates)
            self.retriever = hybrid_retriever(self.dense, self.bm25, s.candidates, s.fusion, s.bm25_weight)
            passage_vectors = None if s.sentence_vectors else self._passage_vectors
            self.scorer = SentenceScorer(self.embedder, self.lexicon, self._release_text, passage_vectors)
            self.reranker = SentenceReranker(scorer=self.scorer, top_n=s.top_k)
            self.answerer = Answerer(self.lexicon, s.min_score, s.max_answer_chars)
            self.entries = {e.doc_id: e for e in self.stores.catalog.entries()}
            self.scope = ReleaseScope(self.entries.values())
            companies = {t for e in self.entries.values() for t in stems(e.company or "")}
            self.figures = FigureLookup(self.stores.figures, self.lexicon, self._release_terms, companies)
            self._fingerprint = fingerprint

    def ask(self, question: str, *, mode: str = "hybrid", rerank: bool = True, figures: bool = True) -> Answer:
        """Answer one question with citations, or say the releases do not hold the answer.

        ``mode`` (hybrid, bm25, dense), ``rerank`` and ``figures`` exist for ablations; users get the defaults.
        """
        return self.run(question, mode=mode, rerank=rerank, figures=figures, passages=False)[0]

    def run(self, question: str, *, mode: str = "hybrid", rerank: bool = True, figures: bool = True,
            passages: bool = True) -> tuple[Answer, list[NodeWithScore]]:
        """The answer and (with ``passages``) the passages retrieved for the question, for evaluation."""
        text = " ".join(question.split())
        if not text:
            raise BadQuestion("the question is empty")
        text = text[:MAX_QUESTION_CHARS]
        self._refresh()
        if self.bm25 is None:
            raise EmptyStore("no releases ingested yet: run `qa ingest` first")
        parsed = Question.parse(text)
        scope = self.scope.releases(text)
        figure_answer = self.figures.answer(parsed, scope) if figures else None
        if figure_answer is not None and not passages:
            return self._with_titles(figure_answer), []
        bundle = QueryBundle(text, embedding=self.embedder.get_query_embedding(text))
        found = self._retriever(mode, scope).retrieve(bundle)
        nodes = self.reranker.postprocess_nodes(found, bundle) if rerank else found[: self.settings.top_k]
        if figure_answer is not None:
            return self._with_titles(figure_answer), nodes
        assert bundle.embedding is not None
        sentences = self.scorer.score(parsed, bundle.embedding, nodes if rerank else nodes[:1])
        return self.answerer.answer(parsed, sentences), nodes

    def _retriever(self, mode: str, scope: set[str] | None) -> BaseRetriever:
        """The retriever for ``mode``, limited to the releases in ``scope`` when the question names a company."""
        assert self.bm25 is not None
        if scope is None:
            return {"hybrid": self.retriever, "bm25": self.bm25, "dense": self.dense}[mode]
        s = self.settings
        dense = scoped_dense(self.index, s.candidates, scope)
        bm25 = ScopedBM25(self.bm25, [i for d in scope for i in self.positions.get(d, [])])
        if mode != "hybrid":
            return bm25 if mode == "bm25" else dense
        return hybrid_retriever(dense, bm25, s.candidates, s.fusion, s.bm25_weight)

    def _passage_vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """The stored vectors of passages (by node id), fetched from Chroma: nothing is re-encoded."""
        got = self.stores.collection.get(ids=list(dict.fromkeys(ids)), include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def _terms_of(self, doc_id: str) -> set[str]:
        return set(stems(self._release_text(doc_id) or ""))

    def _with_titles(self, answer: Answer) -> Answer:
        """Fill release title, date and period on figure citations from the catalog."""
        for c in answer.citations + answer.closest:
            if (e := self.entries.get(c.doc_id)) is not None:
                c.title, c.date, c.reporting_period = e.title, e.date, e.reporting_period
        return answer
