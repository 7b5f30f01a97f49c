"""Ingest: files → parsed releases → chunks → embeddings → Chroma, the catalog and BM25.

Idempotent by content hash: an unchanged release is skipped, a changed one has
its chunks replaced (deterministic ids, deleted then added), never duplicated.
The catalog row is written last, so a crash leaves at worst a release to redo.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode
from tqdm import tqdm

from index.chunker import chunk_release
from index.errors import UnreadableRelease
from index.figures import extract_figures
from index.lexical import BM25_META, build_bm25
from index.nodes import to_node
from index.parser import parse_release
from index.reader import discover, read_release
from index.store import Stores

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    chunks: int = 0
    figures: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "failed": self.failed, "chunks": self.chunks, "figures": self.figures, "ok": self.ok,
        }


def doc_id_for(path: Path) -> str:
    """A stable, readable id from the file name: lower case, dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "release"


def ingest(
    paths: list[Path], stores: Stores, embedder: BaseEmbedding, progress: bool = False
) -> IngestReport:
    """Ingest release files or folders into the stores; unreadable files are reported and skipped."""
    report = IngestReport()
    files, skipped = discover(paths)
    report.failed.extend({"path": str(p), "reason": reason} for p, reason in skipped)
    for path in tqdm(files, desc="ingesting", unit="release", disable=not progress):
        try:
            _ingest_file(path, stores, embedder, report)
        except UnreadableRelease as exc:
            logger.warning("skipped %s", exc)
            report.failed.append({"path": str(path), "reason": str(exc).split(": ", 1)[-1]})
    if report.added or report.replaced or _bm25_missing(stores):
        build_bm25(stores, stores.settings.candidates)
    return report


def _bm25_missing(stores: Stores) -> bool:
    return not (stores.settings.bm25_path / BM25_META).exists() and stores.chunk_count() > 0


def _ingest_file(path: Path, stores: Stores, embedder: BaseEmbedding, report: IngestReport) -> None:
    source = read_release(path, stores.settings.max_release_mb * 1024 * 1024)
    doc_id = doc_id_for(path)
    known = stores.catalog.sha256(doc_id)
    if known == source.sha256:
        report.unchanged.append(doc_id)
        return
    twin = stores.catalog.find_by_hash(source.sha256)
    if twin is not None and twin != doc_id:
        report.duplicates.append({"path": str(path), "same_as": twin})
        return
    release, paras = parse_release(doc_id, str(path), source.sha256, source.text)
    chunks = chunk_release(release, paras)
    if not chunks:
        raise UnreadableRelease(f"{path}: no text to index")
    nodes: list[BaseNode] = [to_node(c, release) for c in chunks]
    vectors = embedder.get_text_embedding_batch([n.get_content() for n in nodes])
    for node, vector in zip(nodes, vectors):
        node.embedding = vector
    figures = extract_figures(release.text, doc_id)
    with stores.writing(f"store {doc_id} in Chroma"):  # a read-only or full QA_HOME becomes a clear StoreError
        stores.vector_store.delete(doc_id)
        stores.vector_store.add(nodes)
    stores.figures.replace(doc_id, figures)
    stores.catalog.put(release, len(chunks))  # last: until this row exists the release counts as not ingested
    (report.replaced if known else report.added).append(doc_id)
    report.chunks += len(chunks)
    report.figures += len(figures)
    logger.info("ingested %s: %d chunks", doc_id, len(chunks))
