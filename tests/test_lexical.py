"""The persisted BM25 index: built from chunk texts, it analyses text exactly as llama-index's retriever does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from llama_index.retrievers.bm25 import BM25Retriever

from index.ingest import ingest
from index.lexical import _rows, build_bm25
from index.settings import Settings
from index.store import Stores


def _postings(retriever: BM25Retriever) -> dict[str, dict[int, float]]:
    scores, out = retriever.bm25.scores, {}
    for token, i in retriever.bm25.vocab_dict.items():
        if i + 1 < len(scores["indptr"]):
            a, b = scores["indptr"][i], scores["indptr"][i + 1]
            out[str(token)] = dict(zip(scores["indices"][a:b].tolist(), np.round(scores["data"][a:b], 5).tolist()))
    return out


def test_index_from_texts_matches_llama_index_over_whole_nodes(samples: Path, fake_embedder) -> None:
    stores = Stores(Settings.from_env())
    ingest([samples], stores, fake_embedder)
    built = build_bm25(stores, 20)
    assert built is not None
    nodes = stores.vector_store.get_nodes(node_ids=[r.node_id for r in _rows(stores)])
    order = {n.node_id: n for n in nodes}
    reference = BM25Retriever.from_defaults(nodes=[order[r["node_id"]] for r in built.corpus], similarity_top_k=20)
    assert _postings(built) == _postings(reference) and len(built.corpus) == stores.chunk_count()
    assert set(built.corpus[0]) == {"node_id", "doc_id"}  # ids only: the text stays in Chroma
