"""Removing releases from every store (their chunks, figures, catalog row and BM25 entries, and the kept copy of
an upload), and reading a release again from the file it came from.

Removal makes the writes an ingest makes when it replaces a changed release, without the new release. Every
step is idempotent, so a removal cut short is finished by running it again; the catalog row goes last, so until
then the release is still listed and can be removed again.
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
from index.uploads import drop_upload
from index.writer_lock import writer_lock

logger = logging.getLogger(__name__)


class UnknownRelease(ReleaseQAError):
    """A doc id that names no ingested release, or one whose file is gone."""


@dataclass
class RemovalReport:
    """What a removal did: the releases removed, with their chunks, figures and uploaded files."""

    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    figures: int = 0
    uploads: list[str] = field(default_factory=list)


def remove(doc_ids: list[str], stores: Stores) -> RemovalReport:
    """Remove the releases ``doc_ids`` from every store, under the writer lock; unknown ids raise
    ``UnknownRelease`` before anything is written, a read-only or full QA_HOME a ``StoreError``."""
    wanted = list(dict.fromkeys(doc_ids))
    report = RemovalReport()
    with stores.writing(f"remove {', '.join(wanted)}"), writer_lock(stores.settings.home):
        paths = {e.doc_id: e.path for e in stores.catalog.entries()}
        if missing := [d for d in wanted if d not in paths]:
            raise UnknownRelease(f"no ingested release has the doc id {', '.join(missing)}; `qa sources` lists them")
        try:
            for doc_id in wanted:
                report.chunks += stores.chunk_count(doc_id)
                report.figures += stores.figures.count(doc_id)
                stores.vector_store.delete(doc_id)
                stores.figures.replace(doc_id, [])
                stores.catalog.delete(doc_id)
                if drop_upload(paths[doc_id], stores.settings):
                    report.uploads.append(paths[doc_id])
                report.removed.append(doc_id)
                logger.info("removed %s", doc_id)
        finally:  # the lexical index follows whatever was removed, even when a step failed
            build_bm25(stores, stores.settings.candidates)
    return report


def reingest(doc_id: str, stores: Stores, embedder: BaseEmbedding, progress: bool = False) -> IngestReport:
    """Read a release again from the file it was ingested from, its chunks and figures replaced as a changed
    release's are. Nothing is removed first: a file that is gone raises ``UnknownRelease``, and one that is
    now unreadable, or a copy of another release, is reported and the release stays as it was."""
    path = stores.catalog.path_of(doc_id)
    if path is None:
        raise UnknownRelease(f"no ingested release has the doc id {doc_id}; `qa sources` lists them")
    if not Path(path).is_file():
        raise UnknownRelease(f"{doc_id} was ingested from {path}, which is no longer there; it is kept as it is")
    return ingest([Path(path)], stores, embedder, progress=progress, force=True)
