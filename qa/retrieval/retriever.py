"""Hybrid retrieval with llama-index: BM25 and dense (Chroma) fused by reciprocal rank."""

from __future__ import annotations

from typing import Any

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
)
from llama_index.retrievers.bm25 import BM25Retriever

from index.store import Stores


def dense_index(stores: Stores, embedder: BaseEmbedding) -> VectorStoreIndex:
    """The Chroma collection as a llama-index ``VectorStoreIndex`` (nothing is re-embedded). Its only
    transformation is the embedder: ``index`` has chunked the releases, and without one llama-index builds
    its default sentence splitter, loading a tiktoken vocabulary (0.3 s of every cold start) never used."""
    return VectorStoreIndex.from_vector_store(stores.vector_store, embed_model=embedder, transformations=[embedder])



def hybrid_retriever(dense: BaseRetriever, bm25: BaseRetriever | None, top_k: int,
                     fusion: str = "rrf", bm25_weight: float = 0.65) -> BaseRetriever:
    """Dense and BM25 results fused (no query rewriting, so no LLM is called): reciprocal rank fusion,
    or (``fusion="weighted"``) min-max-scaled scores weighted towards BM25."""
    retrievers = [dense] if bm25 is None else [dense, bm25]
    weighted = fusion == "weighted" and bm25 is not None
    return QueryFusionRetriever(
        retrievers,
        llm=MockLLM(),  # never called: num_queries=1 means the question is used as is
        mode=FUSION_MODES.RELATIVE_SCORE if weighted else FUSION_MODES.RECIPROCAL_RANK,
        retriever_weights=[1 - bm25_weight, bm25_weight] if weighted else None,
        num_queries=1,
        use_async=False,
        similarity_top_k=top_k,
    )


class StoredVectors:
    """Passage vectors as stored in Chroma, by node id, kept (up to ``limit``) for one state of the store:
    a company's chunks are fetched once for dense ranking and reused to rerank, and by later questions."""

    def __init__(self, collection: Any, limit: int = 20_000) -> None:
        self.collection = collection
        self.limit = limit
        self._kept: dict[str, np.ndarray] = {}

    def get(self, ids: list[str]) -> dict[str, np.ndarray]:
        kept = self._kept  # one dict throughout, even if another thread starts a new one meanwhile
        found = {i: kept[i] for i in dict.fromkeys(ids) if i in kept}
        missing = [i for i in dict.fromkeys(ids) if i not in found]
        if missing:
            got = self.collection.get(ids=missing, include=["embeddings"])
            fetched = {str(i): np.asarray(v, dtype=np.float32)
                       for i, v in zip(got["ids"], got["embeddings"], strict=True)}
            found.update(fetched)
            if len(kept) + len(fetched) > self.limit:
                self._kept = kept = {}
            kept.update(fetched)
        return found


class ChunkSetDense(BaseRetriever):
    """Dense retrieval over a known, small set of chunks (a company's releases): their stored vectors are
    fetched by id and ranked exactly. A filtered HNSW search in Chroma took ~200 ms a question at 176,000
    chunks; this takes a few milliseconds and ranks the same chunks exactly."""

    def __init__(self, vector_store: BasePydanticVectorStore, vectors: StoredVectors, node_ids: list[str],
                 top_k: int) -> None:
        super().__init__()
        self.vector_store = vector_store
        self.vectors = vectors
        self.node_ids = node_ids
        self.top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        if not self.node_ids or query_bundle.embedding is None:
            return []
        got = self.vectors.get(self.node_ids)
        known = list(got)
        if not known:
            return []
        sims = np.stack([got[i] for i in known]) @ np.asarray(query_bundle.embedding, dtype=np.float32)
        best = np.argsort(-sims)[: self.top_k]
        ids = [known[i] for i in best]
        nodes = {n.node_id: n for n in self.vector_store.get_nodes(node_ids=ids)}
        return [NodeWithScore(node=nodes[i], score=float(sims[j]))
                for i, j in zip(ids, best, strict=True) if i in nodes]


def doc_positions(bm25: BM25Retriever) -> dict[str, list[int]]:
    """Where each release's chunks sit in the BM25 corpus, for masks."""
    positions: dict[str, list[int]] = {}
    for i, entry in enumerate(bm25.corpus or []):
        positions.setdefault(str(entry.get("doc_id")), []).append(i)
    return positions


class LexicalRetriever(BaseRetriever):
    """BM25 over the persisted index (ids only), its hits fetched whole from the vector store; with
    ``positions``, over those chunks only (a weight mask: nothing is rebuilt)."""

    def __init__(self, bm25: BM25Retriever, vector_store: BasePydanticVectorStore,
                 positions: list[int] | None = None) -> None:
        super().__init__()
        self.bm25 = bm25
        self.vector_store = vector_store
        self.mask: np.ndarray | None = None
        if positions is not None:
            self.mask = np.zeros(len(bm25.corpus or []), dtype=np.float32)
            self.mask[positions] = 1.0

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        import bm25s

        b = self.bm25
        tokens = bm25s.tokenize(query_bundle.query_str, stemmer=None if b.skip_stemming else b.stemmer,
                                token_pattern=b.token_pattern, show_progress=False)
        k = b.similarity_top_k if self.mask is None else min(b.similarity_top_k, int(self.mask.sum()))
        if k == 0 or not tokens.vocab:
            return []
        indexes, scores = b.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=self.mask)
        corpus = b.corpus or []
        # bm25s hands back the corpus entries themselves when the index was loaded with its corpus
        hits = [(str((i if isinstance(i, dict) else corpus[int(i)])["node_id"]), float(s))
                for i, s in zip(indexes[0], scores[0], strict=True) if s > 0]
        if not hits:
            return []
        nodes = {n.node_id: n for n in self.vector_store.get_nodes(node_ids=[h[0] for h in hits])}
        return [NodeWithScore(node=nodes[i], score=s) for i, s in hits if i in nodes]
