"""Ingest: files → parsed releases → chunks → embeddings → Chroma, the catalog and BM25.

Idempotent by content hash and index version: an unchanged release is skipped, a changed one (or one
indexed by an older version of this pipeline) has its chunks replaced (deterministic ids, deleted then
added), never duplicated.
The catalog row is written last, so a crash leaves at worst a batch of releases to redo.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode
from tqdm import tqdm

from index.catalog import doc_id_for
from index.chunker import chunk_release
from index.errors import UnreadableRelease, UnwritableStore
from index.figures import extract_figures
from index.lexical import bm25_state, build_bm25
from index.nodes import to_node
from index.parser import parse_release
from index.reader import decode_release, discover, read_bytes
from index.records import Figure, Release
from index.store import Stores
from index.writer_lock import writer_lock

logger = logging.getLogger(__name__)
# The version of what ingest makes of a release (parsing, cleaning, sentences, chunks, figures). Raise it when
# a change alters the chunks or figures of releases already stored: the next ingest then re-indexes every
# release (reported as replaced) instead of skipping them as unchanged. 2: a company's legal suffix can end
# a sentence ("... Powders Corp. In connection with ..."); datelines and `date 2016-05-31` headers open their
# own paragraphs; day-month-year datelines; masthead lines are never the title. 3: PDF text and tables from
# page geometry (pypdfium2), HTML tables from the DOM, pages on chunks and figures, column periods and units.
# 4: vocabulary from maintained lists (index.vocabulary): listings on any ISO 10383 exchange and their currency,
# cleanco's legal forms, dates read by dateutil. 5: periods down a roll-forward's rows, a year printed once over
# several columns, headers restated mid-table, totals closing their groups. 6: a bare year dated by the other
# headers ("December 31, 2019 | 2018"), fiscal years across two calendar years ("2018/19"), a quarter never
# named by the year of a date in its header when the two may differ ("Fourth Quarter Jan 2, 2022"), a header
# naming a day but no year never dated by another column, rows under a heading that is a date, headings wrapped
# onto a second line, dates alone beside a header naming their span ("Year Ended Dec 28, 2018 | Dec 29, 2017").
INDEX_VERSION = 6
_MB = 1024 * 1024
_BYTES_PER_CHUNK = 64 * 1024  # Chroma grows ~20 KB a chunk (SQLite rows, log, vector index): room to spare


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)  # files in a folder that are not releases
    chunks: int = 0
    figures: int = 0
    undated: list[str] = field(default_factory=list)  # releases added or replaced without a release date
    unattributed: list[str] = field(default_factory=list)  # ... whose issuer could not be told

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "failed": self.failed, "ignored": self.ignored, "chunks": self.chunks,
            "figures": self.figures,
            "undated": self.undated, "unattributed": self.unattributed, "ok": self.ok,
        }


def _unique_id(path: Path, taken_by: str | None) -> str:
    """``doc_id_for(path)``, unless that id is another file's (``taken_by``: its path): then the id with a
    short hash of this file's own path, so that two files never share an id ("2023/press-release.txt" and
    "2024/press-release.txt", "q3 results.txt" and "q3_results.txt")."""
    base = doc_id_for(path)
    if taken_by is None or Path(taken_by).resolve() == path.resolve():
        return base
    return f"{base}-{hashlib.sha1(str(path.resolve()).encode('utf-8', 'backslashreplace')).hexdigest()[:8]}"


@dataclass
class _Prepared:
    """A release parsed, chunked, embedded and its figures extracted, waiting to be written."""

    release: Release
    nodes: list[BaseNode]
    figures: list[Figure]
    replaces: bool


def ingest(
    paths: list[Path], stores: Stores, embedder: BaseEmbedding, progress: bool = False, force: bool = False
) -> IngestReport:
    """Ingest release files or folders into the stores; unreadable files are reported and skipped.

    Releases are written to Chroma a few together (``write_batch`` chunks per call), then each is recorded in
    the catalog: a crash leaves at worst the releases of one batch to redo (their chunks are replaced).
    ``force``: read unchanged releases again too (their chunks and figures replaced, as a changed one's are)."""
    with writer_lock(stores.settings.home):  # one writer per store, across processes
        return _ingest(paths, stores, embedder, progress, force)


def _ingest(paths: list[Path], stores: Stores, embedder: BaseEmbedding, progress: bool, force: bool) -> IngestReport:
    report = IngestReport()
    files, skipped, ignored = discover(paths)
    report.failed.extend({"path": _shown(p), "reason": reason} for p, reason in skipped)
    report.ignored.extend({"path": _shown(p), "reason": reason} for p, reason in ignored)
    pending: list[_Prepared] = []
    for path in tqdm(files, desc="ingesting", unit="release", disable=not progress):
        try:
            prepared = _prepare(path, stores, embedder, report, pending, force)
        except UnreadableRelease as exc:
            logger.warning("skipped %s", exc)
            report.failed.append({"path": _shown(path), "reason": str(exc).split(": ", 1)[-1]})
            continue
        if prepared is not None:
            pending.append(prepared)
            if sum(len(p.nodes) for p in pending) >= stores.settings.write_batch:
                _write(pending, stores, report)
                pending = []
    _write(pending, stores, report)
    if report.added or report.replaced or _bm25_unusable(stores):
        build_bm25(stores, stores.settings.candidates)
    return report


def room_for(stores: Stores, chunks: int, doing: str) -> None:
    """Refuse, before anything is written, a write of ``chunks`` chunks that could fill the disk under QA_HOME:
    Chroma logs a write before applying it, and a log it cannot apply for want of space makes every later
    read fail until space is freed. A Chroma server keeps its own disk."""
    if stores.settings.chroma_url:
        return
    need = stores.settings.min_free_mb * _MB + chunks * _BYTES_PER_CHUNK
    free = shutil.disk_usage(stores.settings.chroma_path).free
    if free < need:
        raise UnwritableStore(
            f"no space left on device under QA_HOME {stores.settings.home}: cannot {doing} ({free // _MB} MB free; an "
            f"ingest keeps {stores.settings.min_free_mb} MB free (QA_MIN_FREE_MB) and needs about "
            f"{-(-chunks * _BYTES_PER_CHUNK // _MB)} MB more for these chunks); what was stored before is unchanged")


def _shown(path: Path) -> str:
    """A path as a report shows it: a name that is not UTF-8 with its odd bytes escaped (it could not be stored)."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _bm25_unusable(stores: Stores) -> bool:
    """The BM25 index is missing, stale (an ingest cut short) or damaged while Chroma holds chunks: an ingest
    rebuilds it even when no release changed (answering only reads it, building one in memory meanwhile)."""
    return bm25_state(stores) in ("missing", "stale", "damaged") and stores.chunk_count() > 0


def _prepare(path: Path, stores: Stores, embedder: BaseEmbedding, report: IngestReport,
             pending: list[_Prepared], force: bool = False) -> _Prepared | None:
    """The release at ``path`` ready to write, or None when it is unchanged or a duplicate (reported)."""
    data = read_bytes(path, stores.settings.max_release_mb * 1024 * 1024)
    sha256 = hashlib.sha256(data).hexdigest()  # an unchanged file is told before it is parsed
    base = doc_id_for(path)
    owner = next((p.release.path for p in pending if p.release.doc_id == base), None) or stores.catalog.path_of(base)
    doc_id = _unique_id(path, owner)
    waiting = {p.release.doc_id: p.release.sha256 for p in pending}
    known = (waiting[doc_id], INDEX_VERSION) if doc_id in waiting else stores.catalog.stamp(doc_id)
    if known == (sha256, INDEX_VERSION) and not force:
        report.unchanged.append(doc_id)
        return None
    twin = next((d for d, sha in waiting.items() if sha == sha256), None) or stores.catalog.find_by_hash(sha256)
    if twin is not None and twin != doc_id:
        report.duplicates.append({"path": str(path), "same_as": twin})
        return None
    source = decode_release(path, data)
    release, paras = parse_release(doc_id, str(path), source.sha256, source.text, source.page_starts)
    chunks = chunk_release(release, paras)
    if not chunks:
        raise UnreadableRelease(f"{path}: no text to index")
    nodes: list[BaseNode] = [to_node(c, release) for c in chunks]
    vectors = embedder.get_text_embedding_batch([n.get_content() for n in nodes])
    for node, vector in zip(nodes, vectors):
        node.embedding = vector
    figures = extract_figures(release.text, doc_id, source.tables, source.page_starts)
    return _Prepared(release, nodes, figures, known is not None)


def _write(batch: list[_Prepared], stores: Stores, report: IngestReport) -> None:
    """Chunks of the whole batch to Chroma in one call, then each release's figures and catalog row."""
    if not batch:
        return
    doing = f"store {', '.join(p.release.doc_id for p in batch)} in Chroma"
    room_for(stores, sum(len(p.nodes) for p in batch), doing)
    with stores.writing(doing):  # read-only/full → StoreError
        for p in batch:
            stores.vector_store.delete(p.release.doc_id)
        stores.vector_store.add([n for p in batch for n in p.nodes])
    for p in batch:
        doc_id = p.release.doc_id
        stores.figures.replace(doc_id, p.figures)
        # last: until this row exists the release counts as not ingested
        stores.catalog.put(p.release, len(p.nodes), INDEX_VERSION)
        (report.replaced if p.replaces else report.added).append(doc_id)
        if not p.release.date:
            report.undated.append(doc_id)
        if not p.release.company:
            report.unattributed.append(doc_id)
        report.chunks += len(p.nodes)
        report.figures += len(p.figures)
        logger.info("ingested %s: %d chunks", doc_id, len(p.nodes))
