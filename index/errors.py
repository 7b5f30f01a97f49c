"""Domain errors raised by ingestion and the stores; the CLI and app turn them into messages."""


class ReleaseQAError(Exception):
    """Base class of every error Release QA raises on purpose."""


class SettingsError(ReleaseQAError):
    """A setting has a value that cannot be used."""


class UnreadableRelease(ReleaseQAError):
    """A release file could not be read or holds no usable text."""


class StoreError(ReleaseQAError):
    """A store (Chroma, the catalog, the BM25 index) could not be opened or written."""


class ModelError(ReleaseQAError):
    """The embedding model could not be loaded from a local package or path."""


class EmptyStore(StoreError):
    """Nothing has been ingested yet."""


class BadQuestion(ReleaseQAError):
    """A question that cannot be asked (empty, say)."""
