"""The catalog: a SQLite file under QA_HOME recording each ingested release and its content hash.

Schema (``releases``): doc_id (primary key), path, sha256, title, date, company,
ticker, exchange, reporting_period, chunk_count, text (the faithful release
text, for citations in context), ingested_at (UTC ISO time), index_version (the
version of the parsing and chunking its chunks were made with; older catalogs
gain the column, as version 1), page_starts (JSON list of the offset where each page of a PDF release
begins; NULL for other releases and older catalogs).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.errors import EmptyStore, StoreError, storage_error
from index.records import Release

_SCHEMA = """
CREATE TABLE IF NOT EXISTS releases (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    company TEXT,
    ticker TEXT,
    exchange TEXT,
    reporting_period TEXT,
    chunk_count INTEGER NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    index_version INTEGER NOT NULL DEFAULT 1,
    page_starts TEXT
);
CREATE INDEX IF NOT EXISTS releases_sha ON releases(sha256);
"""


def doc_id_for(path: Path) -> str:
    """A stable, readable id from the file name: lower case, letters (any script) and digits, dashes."""
    slug = re.sub(r"[\W_]+", "-", path.stem.lower()).strip("-")
    return slug or "release"


@dataclass
class CatalogEntry:
    """A release as the catalog knows it."""

    doc_id: str
    path: str
    sha256: str
    title: str
    date: str | None
    company: str | None
    ticker: str | None
    exchange: str | None
    reporting_period: str | None
    chunk_count: int
    ingested_at: str
    page_starts: list[int] = field(default_factory=list)  # where each page begins (PDF releases)


class Catalog:
    """Releases ingested, with their hashes: what makes ingest idempotent."""

    def __init__(self, path: Path, create: bool = True) -> None:
        """Open the catalog at ``path``; ``create=False`` opens one that exists and writes nothing (no
        folder, table or column is made: a column a newer ingest adds is read as its default)."""
        self.path = path
        if not create and not path.is_file():
            raise EmptyStore(f"no releases ingested yet (no catalog at {path}): run `qa ingest` first")
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
                with self._connect() as db:
                    db.executescript(_SCHEMA)
            self._columns = self._add_columns() if create else self._present_columns()
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, path.parent, f"open the catalog {path}") or StoreError(
                f"cannot open the catalog at {path}: {exc}") from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    @property
    def _versioned(self) -> bool:
        return "index_version" in self._columns

    def _present_columns(self) -> set[str]:
        with self._connect() as db:
            return {row[1] for row in db.execute("PRAGMA table_info(releases)")}

    def _add_columns(self) -> set[str]:
        """Give a catalog written before index versions its column (its releases are version 1). A catalog
        that cannot be written (a read-only QA_HOME) is read as it is: asking still works."""
        columns = self._present_columns()
        for name, kind in (("index_version", "INTEGER NOT NULL DEFAULT 1"), ("page_starts", "TEXT")):
            if name in columns:
                continue
            try:
                with self._connect() as db:
                    db.execute(f"ALTER TABLE releases ADD COLUMN {name} {kind}")
                columns.add(name)
            except sqlite3.OperationalError as exc:
                if "duplicate column" in str(exc):  # another process added it first; else read-only
                    columns.add(name)
        return columns

    def stamp(self, doc_id: str) -> tuple[str, int] | None:
        """The content hash of the release recorded as ``doc_id`` and the index version of its chunks."""
        version = "index_version" if self._versioned else "1"
        with self._connect() as db:
            row = db.execute(f"SELECT sha256, {version} FROM releases WHERE doc_id = ?", (doc_id,)).fetchone()
        return (str(row[0]), int(row[1])) if row else None

    def path_of(self, doc_id: str) -> str | None:
        """The file path the release recorded as ``doc_id`` was read from, if there is one."""
        with self._connect() as db:
            row = db.execute("SELECT path FROM releases WHERE doc_id = ?", (doc_id,)).fetchone()
        return str(row[0]) if row else None

    def delete(self, doc_id: str) -> None:
        """Forget the release recorded as ``doc_id`` (nothing when there is none)."""
        try:
            with self._connect() as db:
                db.execute("DELETE FROM releases WHERE doc_id = ?", (doc_id,))
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path.parent, f"write the catalog {self.path}") or StoreError(
                f"cannot write the catalog at {self.path}: {exc}") from exc

    def find_by_hash(self, sha256: str) -> str | None:
        """The doc_id of a release with this content hash, if any."""
        with self._connect() as db:
            row = db.execute("SELECT doc_id FROM releases WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def put(self, release: Release, chunk_count: int, index_version: int) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            if not {"index_version", "page_starts"} <= self._columns:
                self._columns = self._add_columns()
            with self._connect() as db:
                db.execute(
                    "INSERT OR REPLACE INTO releases (doc_id, path, sha256, title, date, company, ticker, exchange,"
                    " reporting_period, chunk_count, text, ingested_at, index_version, page_starts)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (release.doc_id, release.path, release.sha256, release.title, release.date,
                     release.company, release.ticker, release.exchange, release.reporting_period,
                     chunk_count, release.text, now, index_version,
                     json.dumps(release.page_starts) if release.page_starts else None),
                )
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path.parent, f"write the catalog {self.path}") or StoreError(
                f"cannot write the catalog at {self.path}: {exc}") from exc

    def entries(self) -> list[CatalogEntry]:
        pages = "page_starts" if "page_starts" in self._columns else "NULL"
        with self._connect() as db:
            rows = db.execute(
                "SELECT doc_id, path, sha256, title, date, company, ticker, exchange, reporting_period,"
                f" chunk_count, ingested_at, {pages} FROM releases ORDER BY date, doc_id"
            ).fetchall()
        names = ("doc_id", "path", "sha256", "title", "date", "company", "ticker", "exchange", "reporting_period",
                 "chunk_count", "ingested_at")
        return [CatalogEntry(**dict(zip(names, row, strict=False)), page_starts=json.loads(row[-1]) if row[-1] else [])
                for row in rows]

    def text(self, doc_id: str) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT text FROM releases WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def text_window(self, doc_id: str, start: int, end: int) -> str | None:
        """Characters ``start..end`` of a release's text, read without loading the rest (a 250-page filing's
        text is megabytes; an answer needs the lines above one row)."""
        start = max(0, start)
        with self._connect() as db:
            row = db.execute("SELECT substr(text, ?, ?) FROM releases WHERE doc_id = ?",
                             (start + 1, max(0, end - start), doc_id)).fetchone()
        return row[0] if row else None

    def page_starts(self, doc_id: str) -> list[int]:
        """Where each page of a PDF release begins (empty for other releases)."""
        if "page_starts" not in self._columns:
            return []
        with self._connect() as db:
            row = db.execute("SELECT page_starts FROM releases WHERE doc_id = ?", (doc_id,)).fetchone()
        return [int(x) for x in json.loads(row[0])] if row and row[0] else []

    def fingerprint(self) -> str:
        """A hash of every (doc_id, sha256, index version): changes whenever the set of releases does, or
        a release is re-indexed by a newer version of the pipeline."""
        version = "index_version" if self._versioned else "1"
        with self._connect() as db:
            rows = db.execute(f"SELECT doc_id, sha256, {version} FROM releases ORDER BY doc_id").fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()
