"""The BM25 index, persisted under QA_HOME so no process rebuilds it from Chroma at start-up.

It is rebuilt at the end of an ingest that changed anything, and whenever its
recorded catalog fingerprint no longer matches (say an ingest was killed).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import threading
from pathlib import Path

from llama_index.core.schema import BaseNode
from llama_index.retrievers.bm25 import BM25Retriever

from index.errors import UnwritableStore
from index.store import Stores

logger = logging.getLogger(__name__)
BM25_META = "release_qa.json"  # written last into a new index folder, which is then swapped in
_META = BM25_META
FORMAT = 2  # 2: the corpus holds ids only
_PAGE = 5000
_SWAP = threading.Lock()  # a rebuild swaps folders while no reader in this process opens one


def all_nodes(stores: Stores) -> list[BaseNode]:
    """Every node in the Chroma collection, in release and chunk order."""
    nodes: list[BaseNode] = []
    offset = 0
    while True:
        batch = list(stores.vector_store._get(limit=_PAGE, where={}, offset=offset).nodes or [])  # noqa: SLF001
        nodes.extend(batch)
        if len(batch) < _PAGE:
            break
        offset += _PAGE
    known = {e.doc_id for e in stores.catalog.entries()}
    nodes = [n for n in nodes if n.metadata.get("doc_id") in known]  # drop orphans of a killed ingest
    nodes.sort(key=lambda n: (n.metadata.get("doc_id", ""), int(n.metadata.get("ordinal", 0))))
    return nodes


def build_bm25(stores: Stores, top_k: int) -> BM25Retriever | None:
    """Rebuild the BM25 index from Chroma and persist it; None when the store is empty.

    It is written to a fresh folder and swapped in by rename under a lock, so a reader never sees half an
    index and two rebuilds (an ingest's and a stale reader's) never write into the same folder."""
    path = stores.settings.bm25_path
    nodes = all_nodes(stores)
    fingerprint = stores.catalog.fingerprint()
    with stores.writing(f"write the BM25 index under {path}"):
        if not nodes:
            with _SWAP:
                shutil.rmtree(path, ignore_errors=True)
            return None
        retriever = _slim(BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=top_k), nodes)
        tmp = Path(tempfile.mkdtemp(prefix=path.name + ".tmp-", dir=path.parent))
        try:
            retriever.persist(str(tmp), show_progress=False)
            (tmp / _META).write_text(json.dumps({"fingerprint": fingerprint, "nodes": len(nodes), "format": FORMAT}))
            with _SWAP:
                old = path.with_name(f"{path.name}.old-{tmp.name.rsplit('-', 1)[-1]}")
                if path.exists():
                    path.rename(old)
                tmp.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    logger.info("BM25 index rebuilt over %d chunks", len(nodes))
    return retriever


def load_bm25(stores: Stores, top_k: int) -> BM25Retriever | None:
    """The persisted BM25 index if it matches the catalog, else a fresh rebuild."""
    path: Path = stores.settings.bm25_path
    meta = path / _META
    if meta.exists():
        try:
            recorded = json.loads(meta.read_text())
        except (OSError, ValueError):
            recorded = {}
        if recorded.get("fingerprint") == stores.catalog.fingerprint() and recorded.get("format") == FORMAT:
            with _SWAP:
                retriever = BM25Retriever.from_persist_dir(str(path))
            retriever.similarity_top_k = min(top_k, int(retriever.bm25.scores.get("num_docs", top_k)))
            return retriever
        logger.info("BM25 index is stale; rebuilding")
    try:
        return build_bm25(stores, top_k)
    except UnwritableStore as exc:  # a read-only or full QA_HOME: answer from an index kept in memory
        nodes = all_nodes(stores)
        if not nodes:
            return None
        logger.warning("%s; using a BM25 index built in memory", exc)
        return _slim(BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=top_k), nodes)


def _slim(retriever: BM25Retriever, nodes: list[BaseNode]) -> BM25Retriever:
    """Keep only each chunk's id and release in the index's corpus: the text lives in Chroma and is fetched
    for the few chunks a question retrieves (``qa.retriever.LexicalRetriever``). Whole nodes would make the
    index ~3 KB a chunk on disk and several times that in memory: gigabytes at 10,000 releases."""
    retriever.corpus = [{"node_id": n.node_id, "doc_id": n.metadata.get("doc_id")} for n in nodes]
    return retriever
