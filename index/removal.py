"""Removing releases from every store: their chunks (Chroma), figures, catalog row and BM25 entries.

The same writes an ingest makes when it replaces a changed release, without the new release. Every step is
idempotent, so a removal cut short is finished by running it again; the catalog row goes last, so until then
the release is still listed and can be removed again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from index.errors import ReleaseQAError
from index.ingest import IngestReport, ingest
from index.lexical import build_bm25
from index.store import Stores
from index.writer_lock import writer_lock

logger = logging.getLogger(__name__)


class UnknownRelease(ReleaseQAError):
    """A doc id that names no ingested release."""


@dataclass
class RemovalReport:
    """What a removal did: the releases removed, with their chunks and figures."""

    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    figures: int = 0


def remove(doc_ids: list[str], stores: Stores) -> RemovalReport:
    """Remove the releases ``doc_ids`` from every store, under the writer lock; unknown ids raise
    ``UnknownRelease`` before anything is written."""
    known = {e.doc_id for e in stores.catalog.entries()}
    if missing := [d for d in doc_ids if d not in known]:
        raise UnknownRelease(f"no ingested release has the doc id {', '.join(missing)}; `qa sources` lists them")
    report = RemovalReport()
    with writer_lock(stores.settings.home):
        with stores.writing(f"remove {', '.join(doc_ids)}"):  # read-only/full → StoreError
            for doc_id in doc_ids:
                report.chunks += stores.chunk_count(doc_id)
                report.figures += stores.figures.count(doc_id)
                stores.vector_store.delete(doc_id)
                stores.figures.replace(doc_id, [])
                stores.catalog.delete(doc_id)
                report.removed.append(doc_id)
                logger.info("removed %s", doc_id)
        build_bm25(stores, stores.settings.candidates)
    return report


def reingest(doc_id: str, stores: Stores, embedder: BaseEmbedding) -> IngestReport:
    """Read a release again from the file it was ingested from: removed, then ingested as new (its parse,
    chunks and figures made by this version of the pipeline). A file that is gone raises before anything is
    removed."""
    path = stores.catalog.path_of(doc_id)
    if path is None:
        raise UnknownRelease(f"no ingested release has the doc id {doc_id}; `qa sources` lists them")
    if not Path(path).is_file():
        raise UnknownRelease(f"{doc_id} was ingested from {path}, which is no longer there; it is kept as it is")
    remove([doc_id], stores)
    return ingest([Path(path)], stores, embedder)
