"""One writer per store: an exclusive file lock on ``QA_HOME`` that every ingest holds while it writes.

The lock is an OS lock (``flock``) on ``QA_HOME/ingest.lock``: it dies with its process, so a killed ingest
never leaves it behind. A second writer (another ``qa ingest``, an upload in the app) waits for it, saying so.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import StoreError

logger = logging.getLogger(__name__)
LOCK_NAME = "ingest.lock"


@contextmanager
def writer_lock(home: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the store's writer lock; while another process holds it, wait (``wait_seconds``: at most that
    long, then ``StoreError``; None: as long as it takes), logging once that it waits."""
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning("another ingest is writing to %s; waiting for it to finish", home)
            _wait(fd, home, wait_seconds)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _wait(fd: int, home: Path, wait_seconds: float | None) -> None:
    if wait_seconds is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreError(f"another ingest is still writing to {home}; try again when it has finished") from None
            time.sleep(0.2)


def ingest_running(home: Path) -> bool:
    """Whether an ingest (of any process, this one included) holds the store's writer lock now. Reading takes
    no lock: a reader only asks, so as not to reopen stores in the middle of a write."""
    path = home / LOCK_NAME
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
