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


def hybrid_retriever(dense: BaseRetriever, bm25: BM25Retriever | None, top_k: int) -> BaseRetriever:
    """Reciprocal-rank fusion of dense and BM25 results (no query rewriting, so no LLM is called)."""
    retrievers = [dense] if bm25 is None else [dense, bm25]
    return QueryFusionRetriever(
        retrievers,
        llm=MockLLM(),  # never called: num_queries=1 means the question is used as is
        mode=FUSION_MODES.RECIPROCAL_RANK,
        num_queries=1,
        use_async=False,
        similarity_top_k=top_k,
    )
