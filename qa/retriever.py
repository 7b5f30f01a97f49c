"""Hybrid retrieval with llama-index: BM25 and dense (Chroma) fused by reciprocal rank."""

from __future__ import annotations

from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.retrievers.bm25 import BM25Retriever

from index.store import Stores


def dense_retriever(stores: Stores, embedder: BaseEmbedding, top_k: int) -> BaseRetriever:
    """Cosine retrieval over the Chroma collection through ``VectorStoreIndex``."""
    index = VectorStoreIndex.from_vector_store(stores.vector_store, embed_model=embedder)
    return index.as_retriever(similarity_top_k=top_k)


def hybrid_retriever(dense: BaseRetriever, bm25: BM25Retriever | None, top_k: int,
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
