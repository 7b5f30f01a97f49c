"""The stores under QA_HOME: Chroma (embedded, or a server by URL) behind llama-index, and the catalog."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from llama_index.vector_stores.chroma import ChromaVectorStore

from index.catalog import Catalog
from index.errors import EmptyStore, StoreError, UnwritableStore, storage_error, writing
from index.figure_store import FigureStore
from index.settings import Settings

logger = logging.getLogger(__name__)


def chroma_client(settings: Settings) -> tuple[Any, bool]:
    """A Chroma ``PersistentClient`` under QA_HOME, or an ``HttpClient`` when QA_CHROMA_URL is set; and whether
    it reads a snapshot because QA_HOME is read-only (embedded Chroma cannot open a folder it cannot write)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    path = settings.chroma_path
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise StoreError(f"QA_CHROMA_URL must look like http://host:port, not {settings.chroma_url!r}")
            port = url.port or (443 if url.scheme == "https" else 8000)
            client = chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https",
                                         settings=chroma_settings)
            return client, False
        with writing(settings.home, f"create the Chroma folder {path}"):
            path.mkdir(parents=True, exist_ok=True)
        snapshot = not _writable(path)
        if snapshot:
            path = _snapshot(path)
            logger.warning("QA_HOME %s is read-only: reading a copy of its Chroma store (%s)", settings.home, path)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings), snapshot
    except StoreError:
        raise
    except Exception as exc:  # chromadb raises assorted errors for unreachable servers and bad folders
        where = settings.chroma_url or settings.chroma_path
        raise storage_error(exc, settings.home, f"open Chroma at {where}") or StoreError(
            f"cannot open Chroma at {where}: {exc}") from exc


def _writable(folder: Path) -> bool:
    files = [folder, *(p for p in folder.rglob("*"))]
    return all(os.access(p, os.W_OK) for p in files)


def _snapshot(folder: Path) -> Path:
    """A private, writable copy of a read-only Chroma folder, removed at exit: Chroma's Rust core opens its
    SQLite file read-write, so a read-only QA_HOME is read through a copy (writes never reach QA_HOME)."""
    target = Path(tempfile.mkdtemp(prefix="release-qa-chroma-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    shutil.copytree(folder, target, dirs_exist_ok=True)
    for p in [target, *target.rglob("*")]:
        p.chmod(0o700 if p.is_dir() else 0o600)
    return target


class Stores:
    """Open handles on the Chroma collection (as a llama-index vector store) and the catalog."""

    def __init__(self, settings: Settings, client: Any | None = None, create: bool = True) -> None:
        """Open the stores. ``create=True`` (ingest's) makes QA_HOME, the collection and the catalog tables
        when missing; ``create=False`` (answering's) only opens what exists
        and raises ``EmptyStore`` when nothing has been ingested. Embedded Chroma's own files are opened
        read-write by Chroma itself either way; nothing of this project is written by a reader."""
        self.settings = settings
        self.create = create
        self.read_only = False  # True when Chroma is read through a snapshot: nothing may be written
        if not create and not settings.chroma_url and not settings.chroma_path.is_dir():
            raise EmptyStore(f"no releases ingested yet under {settings.home}: run `qa ingest` first")
        if create:
            try:
                settings.home.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise storage_error(exc, settings.home, "create QA_HOME") or StoreError(
                    f"cannot create QA_HOME at {settings.home}: {exc.strerror or exc}") from exc
        if client is None:
            client, self.read_only = chroma_client(settings)
        self.client = client
        self.collection = self._collection(create)
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)
        self.catalog = Catalog(settings.catalog_path, create)
        self.figures = FigureStore(settings.catalog_path, create)

    def _collection(self, create: bool) -> Any:
        name = self.settings.collection
        try:
            if not create:
                return self.client.get_collection(name)
            with writing(self.settings.home, f"open Chroma collection {name!r}"):
                return self.client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
        except StoreError:
            raise
        except Exception as exc:
            if not create and type(exc).__name__ == "NotFoundError":
                raise EmptyStore(f"no releases ingested yet (no collection {name!r}): run `qa ingest` first") from exc
            raise StoreError(f"cannot open Chroma collection {name!r}: {exc}") from exc

    def reopened(self) -> Stores:
        """These stores opened afresh, to read what another process has written since they were opened.

        Embedded Chroma keeps one system per folder per process, with its vector index in memory: a new
        client on the same folder would get the same, stale system (queries then fail with "Error finding
        id"). The cached system is forgotten, not stopped, so questions still running on these handles
        finish; the next client reads the folder again. A Chroma server needs none of this."""
        if self.settings.chroma_url or self.read_only:
            return self
        from chromadb.api.shared_system_client import SharedSystemClient

        with SharedSystemClient._refcount_lock:  # chromadb has no public call that drops one folder's system
            SharedSystemClient._identifier_to_system.pop(str(self.settings.chroma_path), None)
            SharedSystemClient._identifier_to_refcount.pop(str(self.settings.chroma_path), None)
        logger.info("reopening the stores under %s after another ingest", self.settings.home)
        return Stores(self.settings, create=self.create)

    def writing(self, doing: str) -> Any:
        """A context that turns a read-only or full QA_HOME into a ``StoreError`` naming it."""
        if self.read_only:
            raise UnwritableStore(f"QA_HOME {self.settings.home} is read-only: cannot {doing}")
        return writing(self.settings.home, doing)

    def chunk_count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return int(self.collection.count())
        return len(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])
