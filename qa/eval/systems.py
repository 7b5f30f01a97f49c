"""Systems compared by `qa eval --systems`: ablations of Release QA, and the plain llama-index starter.

Each system turns a question into the `qa ask --json` object plus the passages it retrieved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from llama_index.core.schema import NodeWithScore

from qa.engine import Engine
from qa.retrieval.filters import AskFilters, doc_key

Passage = dict[str, Any]
System = Callable[[str, AskFilters | None], tuple[dict[str, Any], list[Passage]]]
ABLATIONS: dict[str, dict[str, Any]] = {
    "bm25": {"mode": "bm25", "rerank": False, "figures": False},
    "dense": {"mode": "dense", "rerank": False, "figures": False},
    "hybrid": {"mode": "hybrid", "rerank": False, "figures": False},
    "hybrid+rerank": {"mode": "hybrid", "rerank": True, "figures": False},
    "full": {"mode": "hybrid", "rerank": True, "figures": True},
}
BASELINE = "llamaindex-starter"
ALL_SYSTEMS = [*ABLATIONS, BASELINE]


def passages_of(nodes: list[NodeWithScore], limit: int = 5) -> list[Passage]:
    return [{"doc_id": n.node.metadata.get("doc_id"), "start": n.node.metadata.get("start"),
             "end": n.node.metadata.get("end"), "text": n.node.metadata.get("passage") or n.node.get_content()}
            for n in nodes[:limit]]


def make_system(name: str, engine: Engine) -> System:
    if name == BASELINE:
        return StarterBaseline(engine)
    if name not in ABLATIONS:
        raise ValueError(f"unknown system {name!r}; choose from {', '.join(ALL_SYSTEMS)}")
    options = ABLATIONS[name]

    def run(question: str, filters: AskFilters | None = None) -> tuple[dict[str, Any], list[Passage]]:
        answer, nodes = engine.run(question, filters=filters, **options)
        return answer.as_dict(), passages_of(nodes)

    return run


class StarterBaseline:
    """What a user would otherwise build: VectorStoreIndex over Chroma, default SentenceSplitter, top-2,
    the same embedding model; its answer is its top chunk, and it never refuses."""

    def __init__(self, engine: Engine, top_k: int = 2) -> None:
        import uuid

        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.storage import StorageContext
        from llama_index.vector_stores.chroma import ChromaVectorStore

        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.create_collection(f"starter-{uuid.uuid4().hex[:8]}")
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        catalog = engine.stores.catalog
        documents = [Document(text=catalog.text(e.doc_id) or "", metadata={"doc_id": e.doc_id, "title": e.title},
                              excluded_embed_metadata_keys=["doc_id", "title"]) for e in catalog.entries()]
        index = VectorStoreIndex.from_documents(documents, storage_context=storage, embed_model=engine.embedder,
                                                transformations=[SentenceSplitter()])
        self.index, self.top_k = index, top_k
        self.retriever = index.as_retriever(similarity_top_k=top_k)
        self.titles = {e.doc_id: (e.title, e.date) for e in catalog.entries()}

    def __call__(self, question: str, filters: AskFilters | None = None) -> tuple[dict[str, Any], list[Passage]]:
        """The top chunk as the answer; ``filters``: only their ``doc`` is applied (a metadata filter), the
        starter has no notion of companies or dates."""
        from llama_index.core.vector_stores import ExactMatchFilter, MetadataFilters

        started = time.perf_counter()
        retriever = self.retriever
        if filters is not None and filters.doc:
            only = MetadataFilters(filters=[ExactMatchFilter(key="doc_id", value=doc_key(filters.doc))])
            retriever = self.index.as_retriever(similarity_top_k=self.top_k, filters=only)
        nodes = retriever.retrieve(question)
        passages = []
        for n in nodes:
            doc_id = str(n.node.metadata.get("doc_id"))
            passages.append({"doc_id": doc_id, "start": getattr(n.node, "start_char_idx", None),
                             "end": getattr(n.node, "end_char_idx", None),
                             "text": n.node.get_content()})
        top = passages[0] if passages else None
        citations = [{"doc_id": p["doc_id"], "title": self.titles.get(str(p["doc_id"]), ("", None))[0],
                      "date": self.titles.get(str(p["doc_id"]), ("", None))[1], "section": "", "text": p["text"],
                      "start": p["start"] or 0, "end": p["end"] or 0, "score": float(n.score or 0)}
                     for p, n in zip(passages, nodes)]
        prediction = {"question": question, "answer": top["text"] if top else "", "found": top is not None,
                      "citations": citations, "figures": [],
                      "latency_ms": round((time.perf_counter() - started) * 1000, 1)}
        return prediction, passages
