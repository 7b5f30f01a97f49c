"""The BM25 index, persisted under QA_HOME so no process rebuilds it from Chroma at start-up.

It is rebuilt at the end of an ingest that changed anything, whenever its
recorded catalog fingerprint no longer matches (say an ingest was killed), and
whenever a file of it no longer has the checksum recorded when it was written
(a damaged disk or a stray edit): by the next reader, or by the next ingest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import bm25s
from llama_index.retrievers.bm25 import BM25Retriever

from index.analysis import STOPWORDS, TOKEN_PATTERN
from index.analysis import stemmer as new_stemmer
from index.store import Stores

logger = logging.getLogger(__name__)
BM25_META = "release_qa.json"  # written last into a new index folder, which is then swapped in
_META = BM25_META
FORMAT = 2  # 2: the corpus holds ids only
_PAGE = 5000
_SWAP = threading.Lock()  # a rebuild swaps folders while no reader in this process opens one


@dataclass
class _Row:
    node_id: str
    doc_id: str
    ordinal: int
    text: str


def _rows(stores: Stores) -> list[_Row]:
    """Every chunk's id, release and search text, in release and chunk order, read from Chroma a page at a
    time (documents and two metadata fields only: whole nodes held ~3 GB at 176,000 chunks)."""
    known = {e.doc_id for e in stores.catalog.entries()}
    rows: list[_Row] = []
    offset = 0
    while True:
        got = stores.collection.get(limit=_PAGE, offset=offset, include=["documents", "metadatas"])
        for node_id, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True):
            doc_id = str((meta or {}).get("doc_id", ""))
            if doc_id in known:  # orphans of a killed ingest are left out
                rows.append(_Row(str(node_id), doc_id, int((meta or {}).get("ordinal", 0)), text or ""))
        if len(got["ids"]) < _PAGE:
            break
        offset += _PAGE
    rows.sort(key=lambda r: (r.doc_id, r.ordinal))
    return rows


def _index(rows: list[_Row], top_k: int) -> BM25Retriever:
    """A BM25 retriever over ``rows``, analysed as llama-index's ``BM25Retriever`` analyses nodes (English
    stopwords, Snowball stemmer, its token pattern); its corpus holds ids only: the text lives in Chroma and
    is fetched for the few chunks a question retrieves (``qa.retrieval.retriever.LexicalRetriever``)."""
    stemmer = new_stemmer()
    pattern = TOKEN_PATTERN
    tokens = bm25s.tokenize([r.text for r in rows], stopwords=list(STOPWORDS), stemmer=stemmer, token_pattern=pattern,
                            show_progress=False)
    model = bm25s.BM25()
    model.index(tokens, show_progress=False)
    del tokens
    retriever = BM25Retriever(existing_bm25=model, stemmer=stemmer, token_pattern=pattern,
                              similarity_top_k=min(top_k, len(rows)))
    retriever.corpus = [{"node_id": r.node_id, "doc_id": r.doc_id} for r in rows]
    return retriever


def build_bm25(stores: Stores, top_k: int) -> BM25Retriever | None:
    """Rebuild the BM25 index from Chroma and persist it; None when the store is empty.

    It is written to a fresh folder and swapped in by rename under a lock, so a reader never sees half an
    index and two rebuilds (an ingest's and a stale reader's) never write into the same folder."""
    path = stores.settings.bm25_path
    rows = _rows(stores)
    fingerprint = stores.catalog.fingerprint()
    with stores.writing(f"write the BM25 index under {path}"):
        if not rows:
            with _SWAP:
                shutil.rmtree(path, ignore_errors=True)
            return None
        retriever = _index(rows, top_k)
        tmp = Path(tempfile.mkdtemp(prefix=path.name + ".tmp-", dir=path.parent))
        try:
            retriever.persist(str(tmp), show_progress=False)
            (tmp / _META).write_text(json.dumps({"fingerprint": fingerprint, "nodes": len(rows), "format": FORMAT,
                                                 "sha256": _checksums(tmp)}))
            with _SWAP:
                old = path.with_name(f"{path.name}.old-{tmp.name.rsplit('-', 1)[-1]}")
                if path.exists():
                    path.rename(old)
                tmp.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    logger.info("BM25 index rebuilt over %d chunks", len(rows))
    return retriever


def _checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of an index folder but its metadata."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != _META}


def bm25_state(stores: Stores) -> str:
    """``current``, ``missing``, ``stale`` (another catalog, another format) or ``damaged`` (a file changed
    since it was written, or unreadable). Damage is checked twice: another process may have swapped a new
    index in between reading the metadata and hashing the files."""
    state = _state(stores)
    return _state(stores) if state == "damaged" else state


def _state(stores: Stores) -> str:
    path: Path = stores.settings.bm25_path
    meta = path / _META
    if not meta.exists():
        return "missing"
    try:
        recorded = json.loads(meta.read_text())
    except (OSError, ValueError):
        return "damaged"
    if (recorded.get("fingerprint") != stores.catalog.fingerprint() or recorded.get("format") != FORMAT
            or "sha256" not in recorded):  # written before checksums were recorded
        return "stale"
    try:
        with _SWAP:
            return "current" if _checksums(path) == recorded.get("sha256") else "damaged"
    except OSError:
        return "damaged"


def load_bm25(stores: Stores, top_k: int) -> BM25Retriever | None:
    """The persisted BM25 index if it matches the catalog and its checksums; else one built in memory from
    Chroma's chunks, said in the log. Reading never writes: only an ingest (or a removal) rebuilds the
    persisted index, and `qa ingest` does so whenever it finds it missing, stale or damaged."""
    path: Path = stores.settings.bm25_path
    state = bm25_state(stores)
    if state == "current":
        try:
            with _SWAP:
                retriever = BM25Retriever.from_persist_dir(str(path))
            retriever.similarity_top_k = min(top_k, int(retriever.bm25.scores.get("num_docs", top_k)))
            return retriever
        except Exception as exc:  # bm25s and numpy raise assorted errors on files they cannot read
            state = f"unreadable ({exc})"
    rows = _rows(stores)
    if not rows:
        return None
    logger.warning("the BM25 index under %s is %s; answering from one built in memory until `qa ingest` rebuilds it",
                   path, state)
    return _index(rows, top_k)
