"""Domain errors raised by ingestion and the stores; the CLI and app turn them into messages."""

from __future__ import annotations

import errno
import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ReleaseQAError(Exception):
    """Base class of every error Release QA raises on purpose."""


class SettingsError(ReleaseQAError):
    """A setting has a value that cannot be used."""


class UnreadableRelease(ReleaseQAError):
    """A release file could not be read or holds no usable text."""


class StoreError(ReleaseQAError):
    """A store (Chroma, the catalog, the BM25 index) could not be opened or written."""


class UnwritableStore(StoreError):
    """QA_HOME is read-only or full: what is stored can be read, nothing can be written."""


class ModelError(ReleaseQAError):
    """The embedding model could not be loaded from a local package or path."""


class EmptyStore(StoreError):
    """Nothing has been ingested yet."""


class BadQuestion(ReleaseQAError):
    """A question that cannot be asked (empty, say)."""


_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)
_FULL_ERRNOS = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded",
                errno.EFBIG: "file too large (a file-size limit was reached)"}
_LOW_SPACE = 8 * 1024 * 1024  # less free than this after a failed write counts as a full disk
_READ_ONLY_TEXT = ("readonly database", "read-only file system", "permission denied", "unable to open database")
_FULL_TEXT = {"database or disk is full": "no space left on device", "no space left": "no space left on device",
              "disk quota": "disk quota exceeded", "file too large": "file too large (a file-size limit was reached)",
              "disk i/o error": "disk I/O error (a full disk or a file-size limit)"}


def storage_failure(exc: BaseException, home: Path | None = None) -> tuple[str, str] | None:
    """("read-only" or "full", detail) when ``exc`` or what caused it is a read-only or full disk, else None.

    Covers OSError (EROFS, EACCES, EPERM, ENOSPC, EDQUOT, EFBIG), sqlite3's messages and chromadb's errors,
    which carry SQLite's or the OS's message as text, or (like "Error in compaction") none: then, given
    ``home``, the folder itself is examined."""
    seen: BaseException | None = exc
    for _ in range(8):  # walk the cause chain
        if seen is None:
            break
        if isinstance(seen, OSError) and seen.errno in _READ_ONLY_ERRNOS:
            return "read-only", seen.strerror or str(seen)
        if isinstance(seen, OSError) and seen.errno in _FULL_ERRNOS:
            return "full", _FULL_ERRNOS[seen.errno]
        text = str(seen).lower()
        if any(marker in text for marker in _READ_ONLY_TEXT):
            return "read-only", str(seen)
        for marker, detail in _FULL_TEXT.items():
            if marker in text:
                return "full", detail
        seen = seen.__cause__ or seen.__context__
    storage_module = type(exc).__module__.split(".")[0] in ("chromadb", "sqlite3")
    return _probe(home) if home is not None and (storage_module or isinstance(exc, OSError)) else None


def _probe(home: Path) -> tuple[str, str] | None:
    """Why writes under ``home`` fail when the error did not say: a read-only mount or folder, a nearly
    full disk, or a file-size limit."""
    try:
        stats = os.statvfs(home)
    except OSError:
        return None
    if stats.f_flag & os.ST_RDONLY or not os.access(home, os.W_OK):
        return "read-only", "not writable"
    free = stats.f_bavail * stats.f_frsize
    if free < _LOW_SPACE:
        return "full", f"only {free / 1e6:.1f} MB free"
    if resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY:
        return "full", "a file-size limit (ulimit -f) was reached"
    return None


def storage_error(exc: BaseException, home: Path, doing: str) -> UnwritableStore | None:
    """An ``UnwritableStore`` naming QA_HOME and the cause when ``exc`` is a read-only or full disk, else None."""
    failure = storage_failure(exc, home)
    if failure is None:
        return None
    kind, detail = failure
    if kind == "read-only":
        return UnwritableStore(f"QA_HOME {home} is read-only: cannot {doing} ({detail})")
    return UnwritableStore(f"no space left on device under QA_HOME {home}: cannot {doing} ({detail})")


@contextmanager
def writing(home: Path, doing: str) -> Iterator[None]:
    """Turn a read-only or full disk met while writing under QA_HOME into a clear ``UnwritableStore``."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        error = storage_error(exc, home, doing)
        if error is None:
            raise
        raise error from exc
