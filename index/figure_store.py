"""The figures store: one row per numeric table cell, in the catalog's SQLite file.

Schema (``figures``): doc_id, table_index, caption, row_label, parent_label,
column_label, raw (cell text as printed), value (number before scaling; NULL
for nil cells), unit (CAD, USD, %, tonnes, shares, CAD/share, EUR/CAD, ...),
scale (1, 1000, 1000000), scale_label (the source token: $'000, (000's)),
period_kind (three_months_ended, nine_months_ended, year_ended, as_at),
period_end (ISO date), fiscal_period (Q1 2017), row_text, row_start, row_end
(offsets of the row in the release text), footnotes (JSON list), page (1-based, PDF releases),
derived (the kind of a computed column such as ``% change``; its cells have no period).
A release's figures are replaced whenever the release is re-ingested.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from index.errors import EmptyStore, StoreError, storage_error
from index.records import Figure

_SCHEMA = """
CREATE TABLE IF NOT EXISTS figures (
    doc_id TEXT NOT NULL, table_index INTEGER NOT NULL, caption TEXT, row_label TEXT NOT NULL,
    parent_label TEXT, column_label TEXT, raw TEXT, value REAL, unit TEXT, scale INTEGER NOT NULL,
    scale_label TEXT, period_kind TEXT, period_end TEXT, fiscal_period TEXT, row_text TEXT,
    row_start INTEGER, row_end INTEGER, footnotes TEXT, page INTEGER, derived TEXT
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_id);
"""
_COLUMNS = ("doc_id", "table_index", "caption", "row_label", "parent_label", "column_label", "raw", "value",
            "unit", "scale", "scale_label", "period_kind", "period_end", "fiscal_period", "row_text",
            "row_start", "row_end", "footnotes", "page", "derived")
_ADDED = {"page": "INTEGER", "derived": "TEXT"}  # columns added after the first schema


class FigureStore:
    """Table figures per release, kept consistent with the catalog."""

    def __init__(self, path: Path, create: bool = True) -> None:
        """Open the figures store at ``path``; ``create=False`` opens one that exists and writes nothing."""
        self.path = path
        if not create and not path.is_file():
            raise EmptyStore(f"no releases ingested yet (no figures store at {path}): run `qa ingest` first")
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(path, timeout=30) as db:
                    db.executescript(_SCHEMA)
            present = self._present_columns()
            # a store from before figures were kept, opened to read: no figures until the next ingest adds them
            self.absent = not create and not present
            self._missing = self._add_columns() if create else set(_ADDED) - present
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, path.parent, f"open the figures store {path}") or StoreError(
                f"cannot open the figures store at {path}: {exc}") from exc

    def _present_columns(self) -> set[str]:
        with sqlite3.connect(self.path, timeout=30) as db:
            return {row[1] for row in db.execute("PRAGMA table_info(figures)")}

    def _add_columns(self) -> set[str]:
        """Give a store written before pages and derived columns its new columns; those that cannot be added
        (a read-only QA_HOME) are read as NULL."""
        have = self._present_columns()
        missing = set()
        for name, kind in _ADDED.items():
            if name in have:
                continue
            try:
                with sqlite3.connect(self.path, timeout=30) as db:
                    db.execute(f"ALTER TABLE figures ADD COLUMN {name} {kind}")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):
                    missing.add(name)
        return missing

    def replace(self, doc_id: str, figures: list[Figure]) -> None:
        rows = [tuple(json.dumps(f.footnotes) if c == "footnotes" else getattr(f, c) for c in _COLUMNS)
                for f in figures]
        try:
            with sqlite3.connect(self.path, timeout=30) as db:
                db.execute("DELETE FROM figures WHERE doc_id = ?", (doc_id,))
                db.executemany(f"INSERT INTO figures VALUES ({','.join('?' * len(_COLUMNS))})", rows)
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path.parent, f"write figures for {doc_id}") or StoreError(
                f"cannot write figures for {doc_id}: {exc}") from exc

    def labels(self) -> list[str]:
        """Every distinct row, parent-row and column label of the stored tables."""
        if self.absent:
            return []
        with sqlite3.connect(self.path, timeout=30) as db:
            rows = db.execute("SELECT row_label FROM figures UNION SELECT parent_label FROM figures"
                              " UNION SELECT column_label FROM figures").fetchall()
        return [r[0] for r in rows if r[0]]

    def label_pairs(self) -> list[tuple[str, str | None]]:
        """Every distinct (row label, parent row label) of the stored tables."""
        if self.absent:
            return []
        with sqlite3.connect(self.path, timeout=30) as db:
            return [(str(r[0]), r[1]) for r in
                    db.execute("SELECT DISTINCT row_label, parent_label FROM figures").fetchall()]

    def all(self, doc_id: str | None = None, row_labels: list[str] | None = None) -> list[Figure]:
        """Every figure of releases the catalog knows (orphans of a killed ingest are ignored), of one
        release and/or only of rows with the given labels."""
        if self.absent:
            return []
        where, args = [], []
        if doc_id:
            where.append("f.doc_id = ?")
            args.append(doc_id)
        if row_labels is not None:
            where.append("f.row_label IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(row_labels))
        columns = ",".join(f"NULL AS {c}" if c in self._missing else f"f.{c}" for c in _COLUMNS)
        sql = (f"SELECT {columns} FROM figures f JOIN releases r ON r.doc_id = f.doc_id"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.doc_id, f.table_index, f.row_start")
        with sqlite3.connect(self.path, timeout=30) as db:
            rows = db.execute(sql, args).fetchall()
        out = []
        for row in rows:
            data = dict(zip(_COLUMNS, row))
            data["footnotes"] = json.loads(data["footnotes"] or "[]")
            out.append(Figure(**data))
        return out

    def count(self, doc_id: str) -> int:
        if self.absent:
            return 0
        with sqlite3.connect(self.path, timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM figures WHERE doc_id = ?", (doc_id,)).fetchone()[0])
