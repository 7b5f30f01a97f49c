"""The stores under QA_HOME: Chroma (embedded, or a server by URL) behind llama-index, and the catalog."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlparse

from llama_index.vector_stores.chroma import ChromaVectorStore

from index.catalog import Catalog
from index.errors import StoreError
from index.figure_store import FigureStore
from index.settings import Settings

logger = logging.getLogger(__name__)


def chroma_client(settings: Settings) -> Any:
    """A Chroma ``PersistentClient`` under QA_HOME, or an ``HttpClient`` when QA_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise StoreError(f"QA_CHROMA_URL must look like http://host:port, not {settings.chroma_url!r}")
            port = url.port or (443 if url.scheme == "https" else 8000)
            return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except StoreError:
        raise
    except Exception as exc:  # chromadb raises assorted errors for unreachable servers and bad folders
        where = settings.chroma_url or settings.chroma_path
        raise StoreError(f"cannot open Chroma at {where}: {exc}") from exc


class Stores:
    """Open handles on the Chroma collection (as a llama-index vector store) and the catalog."""

    def __init__(self, settings: Settings, client: Any | None = None) -> None:
        self.settings = settings
        try:
            settings.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create QA_HOME at {settings.home}: {exc.strerror or exc}") from exc
        self.client = client if client is not None else chroma_client(settings)
        try:
            self.collection = self.client.get_or_create_collection(
                settings.collection, metadata={"hnsw:space": "cosine"}
            )
        except Exception as exc:
            raise StoreError(f"cannot open Chroma collection {settings.collection!r}: {exc}") from exc
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)
        self.catalog = Catalog(settings.catalog_path)
        self.figures = FigureStore(settings.catalog_path)

    def chunk_count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return int(self.collection.count())
        return len(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])
