"""What every ``qa`` command shares: the settings read once, and the stores, embedder and engine built on first
use."""

from __future__ import annotations

import json
from typing import Any

import click

from index.settings import Settings


class Context:
    """Settings read once, and the heavy objects built on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Any = None
        self._stores: Any = None
        self._embedder: Any = None

    def stores(self, create: bool = True) -> Any:
        """The stores, opened to write (``create``: ingest and its kin, through ``index``) or only to read."""
        from index.store import Stores

        if self._stores is None or (create and not self._stores.create):
            self._stores = Stores(self.settings, create=create)
            self._engine = None  # an engine built on read-only stores is built again on these
        return self._stores

    def embedder(self) -> Any:
        from index.embedder import load_embedder

        if self._embedder is None:
            self._embedder = load_embedder(self.settings.embed_model, self.settings.embed_batch_size,
                                           self.settings.embed_tokenizer)
        return self._embedder

    def engine(self) -> Any:
        from qa.engine import Engine

        if self._engine is None:
            self._engine = Engine(self.settings, self.embedder(), self.stores(create=False))
        return self._engine


def emit(data: Any) -> None:
    """Print ``data`` as one line of JSON."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))
