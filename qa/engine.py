"""The answering pipeline, composed: hybrid retrieval → sentence reranking → text and figure candidates →
the answer model's choice, or a refusal."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from functools import lru_cache

from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.retrievers.bm25 import BM25Retriever

from index.catalog import CatalogEntry
from index.errors import BadQuestion, EmptyStore
from index.lexical import BM25_META, load_bm25
from index.records import page_at
from index.settings import Settings
from index.store import Stores
from index.writer_lock import ingest_running
from qa.choice.features import Candidate, question_signals
from qa.choice.model import DEFAULT_MODEL, AnswerModel
from qa.figures.headers import with_header
from qa.figures.lookup import FigureLookup
from qa.figures.period import states_period
from qa.language.elements import elements_written
from qa.language.lexicon import Lexicon
from qa.language.question import Question, stems
from qa.language.records import Answer
from qa.retrieval.filters import AskFilters, matching
from qa.retrieval.retriever import (
    ChunkSetDense,
    LexicalRetriever,
    StoredVectors,
    dense_index,
    doc_positions,
    hybrid_retriever,
)
from qa.retrieval.scope import ReleaseScope
from qa.text.answerer import Answerer
from qa.text.reranker import SentenceReranker
from qa.text.scorer import ScoredSentence, SentenceScorer

logger = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 1000
NEAR_RELEASES = 3


@dataclass(frozen=True)
class Snapshot:
    """Everything a question is answered with, built together from one state of the stores and swapped in
    by one assignment: a question in flight never mixes an old retriever with a new lexicon."""

    stores: Stores
    bm25: BM25Retriever | None
    lexical: BaseRetriever | None
    positions: dict[str, list[int]]
    lexicon: Lexicon
    index: VectorStoreIndex
    retriever: BaseRetriever
    dense: BaseRetriever
    scorer: SentenceScorer
    reranker: SentenceReranker
    answerer: Answerer
    entries: dict[str, CatalogEntry]
    scope: ReleaseScope
    figures: FigureLookup
    vectors: StoredVectors


class Engine:
    """Answers questions over the stores; picks up newly ingested releases once their ingest has finished.

    The trigger is the persisted BM25 index, rewritten (atomically) at the end of every ingest that changed
    something: a stat per question, where reading the catalog would cost milliseconds at 10,000 releases,
    and releases recorded by an ingest still running are not half-visible (no BM25 rebuild per release)."""

    def __init__(self, settings: Settings, embedder: BaseEmbedding, stores: Stores | None = None,
                 model: AnswerModel | None = None) -> None:
        self.settings = settings
        self.model = model or AnswerModel.load(settings.answer_model or DEFAULT_MODEL)
        self.embedder = embedder
        self.stores = stores or Stores(settings, create=False)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._snapshot: Snapshot | None = None

    def _index_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = (self.settings.bm25_path / BM25_META).stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _writing(self) -> bool:
        return not self.settings.chroma_url and ingest_running(self.settings.home)

    def snapshot(self) -> Snapshot:
        """The current parts, rebuilt first if an ingest has finished since they were built."""
        stamp = self._index_stamp()
        current = self._snapshot
        if current is not None and (stamp == self._stamp or self._writing()):
            return current  # unchanged, or an ingest is still writing: the stores are reopened once it is done
        with self._lock:
            if self._snapshot is not None and stamp == self._stamp:
                return self._snapshot
            if self._snapshot is not None:
                self.stores = self.stores.reopened()  # another process may have written: read the disk afresh
            self._snapshot = self._build()
            self._stamp = self._index_stamp()  # after the build (a stale index is read into memory, never rewritten)
            return self._snapshot

    def warm(self) -> None:
        """Build the parts and index every table now, so that a server's first questions are not slow."""
        snap = self.snapshot()
        if snap.bm25 is not None:
            snap.figures.rows()

    def _build(self) -> Snapshot:
        s = self.settings
        release_text = lru_cache(maxsize=1024)(self.stores.catalog.text)

        bm25 = load_bm25(self.stores, s.candidates)
        lexical = LexicalRetriever(bm25, self.stores.vector_store) if bm25 is not None else None
        lexicon = Lexicon(bm25)
        index = dense_index(self.stores, self.embedder)
        dense = index.as_retriever(similarity_top_k=s.candidates)
        vectors = StoredVectors(self.stores.collection)  # passages are never re-encoded to rank them
        entries = {e.doc_id: e for e in self.stores.catalog.entries()}
        companies = {t for name in {e.company or "" for e in entries.values()} for t in stems(name)}
        scorer = SentenceScorer(self.embedder, lexicon, release_text, vectors.get, frozenset(companies),
                                2 * s.max_answer_chars, ranker=self.model.ranker)
        return Snapshot(
            stores=self.stores, bm25=bm25, lexical=lexical,
            positions=doc_positions(bm25) if bm25 is not None else {}, lexicon=lexicon, index=index,
            retriever=hybrid_retriever(dense, lexical, s.candidates, s.fusion, s.bm25_weight), dense=dense,
            scorer=scorer, reranker=SentenceReranker(scorer=scorer, top_n=s.top_k, max_candidates=s.rerank_candidates),
            answerer=Answerer(lexicon, s.max_answer_chars), entries=entries,
            scope=ReleaseScope(entries.values(), self.stores.catalog.text),
            figures=FigureLookup(self.stores.figures, lexicon, companies), vectors=vectors,
        )

    def ask(self, question: str, *, mode: str = "hybrid", rerank: bool = True, figures: bool = True,
            filters: AskFilters | None = None) -> Answer:
        """Answer one question with citations, or say the releases do not hold the answer.

        ``filters`` limit the releases that may answer (one release, a company, a span of dates); ``mode``
        (hybrid, bm25, dense), ``rerank`` and ``figures`` exist for ablations; users get the defaults.
        """
        return self.run(question, mode=mode, rerank=rerank, figures=figures, passages=False, filters=filters)[0]

    def run(self, question: str, *, mode: str = "hybrid", rerank: bool = True, figures: bool = True,
            passages: bool = True, filters: AskFilters | None = None) -> tuple[Answer, list[NodeWithScore]]:
        """The answer and (with ``passages``) the passages retrieved for the question, for evaluation."""
        snap = self.snapshot()
        found = self._candidates(snap, question, mode, rerank, figures, filters)
        return _with_titles(self.choose(found.candidates, found.refusal), snap.entries), found.nodes if passages else []

    def candidates(self, question: str, *, mode: str = "hybrid", rerank: bool = True, figures: bool = True,
                   filters: AskFilters | None = None) -> Considered:
        """Every source's candidate answer with its signals (unscored), the refusal to give if none is
        chosen, the passages retrieved and their sentences as ranked. The figure lookup is one source among
        others: it pre-empts nothing, and its refusal hides no text answer."""
        return self._candidates(self.snapshot(), question, mode, rerank, figures, filters)

    def _candidates(self, snap: Snapshot, question: str, mode: str, rerank: bool, figures: bool,
                    filters: AskFilters | None) -> Considered:
        text = " ".join(question.split())
        if not text:
            raise BadQuestion("the question is empty")
        text = text[:MAX_QUESTION_CHARS]
        if snap.bm25 is None:
            raise EmptyStore("no releases ingested yet: run `qa ingest` first")
        parsed = Question.parse(text, snap.scorer.companies)
        scope = snap.scope.releases(text)
        if filters:
            company = snap.scope.company(filters.company) if filters.company else None
            allowed = matching(filters, snap.entries.values(), company)
            scope = (scope & allowed if scope else None) or allowed  # what the user set wins over the question
        bundle = QueryBundle(text, embedding=self.embedder.get_query_embedding(text))
        found = self._retriever(snap, mode, scope).retrieve(bundle)
        nodes = snap.reranker.postprocess_nodes(found, bundle) if rerank else found[: self.settings.top_k]
        # the releases of the best passages: where a question comparing a table's rows finds its table
        near = set(list(dict.fromkeys(str(n.node.metadata["doc_id"]) for n in nodes))[:NEAR_RELEASES])
        figure_answer = snap.figures.answer(parsed, scope, near) if figures else None
        if figure_answer is not None and figure_answer.found:
            figure_answer = with_header(figure_answer, snap.stores.catalog.text_window)
        assert bundle.embedding is not None
        exact = self.settings.exact_passages
        chosen = nodes if rerank else nodes[:1]
        sentences = snap.scorer.score(parsed, bundle.embedding, chosen[:exact] if exact else chosen, exact=exact > 0)
        if exact and len(chosen) > exact and not _holds_an_answer(sentences):
            # the closest passages hold nothing of the kind asked: read the rest of them sentence by sentence
            sentences = snap.scorer.score(parsed, bundle.embedding, chosen, exact=True)
        asked = question_signals(parsed, snap.lexicon)
        figure_found = figure_answer if figure_answer is not None and figure_answer.found else None
        candidates = []
        texts = [a for a in snap.answerer.candidates(parsed, sentences) if _admissible(parsed, a)]
        for answer in texts:
            answer.signals.update(asked, period_stated=float(states_period(parsed, answer.answer)),
                                  figure_refused=float(figure_answer is not None and not figure_answer.found))
            candidates.append(Candidate("text", answer, answer.signals))
        if figure_found is not None:
            figure_found.signals.update(asked)
            candidates.append(Candidate("figure", figure_found, figure_found.signals))
        # the refusal: the periods the tables do report for the measure asked, or the closest sentences
        refusal = figure_answer if figure_answer is not None and not figure_answer.found else snap.answerer.refusal(
            parsed, sentences)
        return Considered(candidates, refusal, nodes, sentences)

    @property
    def threshold(self) -> float:
        """The probability below which an answer is withheld (QA_MIN_CONFIDENCE, else the answer model's)."""
        return self.settings.min_confidence if self.settings.min_confidence is not None else self.model.threshold

    def choose(self, candidates: list[Candidate], refusal: Answer) -> Answer:
        """The most probable candidate if it is probable enough, else the refusal; ``confidence`` is that
        probability either way."""
        ranked = self.model.rank(candidates)
        best = ranked[0] if ranked else None
        chosen = best.answer if best is not None and best.probability >= self.threshold else refusal
        return replace(chosen, confidence=best.probability if best is not None else 0.0,
                       signals={"source_" + (best.source if best else "none"): 1.0, **(best.signals if best else {})})

    def _retriever(self, snap: Snapshot, mode: str, scope: set[str] | None) -> BaseRetriever:
        """The retriever for ``mode``, limited to the releases in ``scope`` when the question names a company."""
        assert snap.bm25 is not None and snap.lexical is not None
        if scope is None:
            return {"hybrid": snap.retriever, "bm25": snap.lexical, "dense": snap.dense}[mode]
        s = self.settings
        positions = [i for d in sorted(scope) for i in snap.positions.get(d, [])]
        corpus = snap.bm25.corpus or []
        dense = ChunkSetDense(snap.stores.vector_store, snap.vectors, [str(corpus[i]["node_id"]) for i in positions],
                              s.candidates)
        bm25 = LexicalRetriever(snap.bm25, snap.stores.vector_store, positions)
        if mode != "hybrid":
            return bm25 if mode == "bm25" else dense
        return hybrid_retriever(dense, bm25, s.candidates, s.fusion, s.bm25_weight)



@dataclass
class Considered:
    """What a question was answered from: the candidates, the refusal, the passages and their ranked sentences."""

    candidates: list[Candidate]
    refusal: Answer
    nodes: list[NodeWithScore]
    sentences: list[ScoredSentence]


def _admissible(question: Question, answer: Answer) -> bool:
    """The limits no learned weight may cross, for a quoted answer: its release covers the period the question
    names (a 2011 sentence is no answer about 2019), the question names nothing no release knows (a project
    or company: the figure lookup refuses those too), and it is about the element asked, if it names one (a
    silver question is never answered with a tungsten grade). Checked on validation: they cost nothing there
    (eval/README.md), and they keep the worst answers, a right-looking number for the wrong thing, out."""
    if not answer.signals.get("covered", 1.0) or answer.signals.get("unknown_names"):
        return False
    asked = elements_written(question.text)
    said = elements_written(" ".join(c.text for c in answer.citations))
    return not (asked and said and not asked & said)


def _holds_an_answer(sentences: list[ScoredSentence]) -> bool:
    best = next((s for s in sentences if s.quotable), None)
    return best is not None and best.bearing and best.covered and not best.unnamed


def _with_titles(answer: Answer, entries: dict[str, CatalogEntry]) -> Answer:
    """Fill release title, date, period and page on citations from the catalog."""
    for c in answer.citations + answer.closest:
        if (e := entries.get(c.doc_id)) is not None:
            c.title, c.date, c.reporting_period = e.title, e.date, e.reporting_period
            c.page = page_at(e.page_starts, c.start)
    return answer
