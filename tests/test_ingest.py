"""Ingestion into Chroma, the catalog and BM25: idempotent, replace-on-change, bad files skipped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from llama_index.vector_stores.chroma import ChromaVectorStore

from index.ingest import INDEX_VERSION, ingest
from index.lexical import load_bm25
from index.settings import Settings
from index.store import Stores


def _stores() -> Stores:
    return Stores(Settings.from_env())


def test_ingest_samples_then_reingest_is_a_no_op(samples: Path, fake_embedder) -> None:
    stores = _stores()
    first = ingest([samples], stores, fake_embedder)
    assert sorted(first.added) == sorted(p.stem for p in samples.glob("*.txt"))
    assert first.ok and first.chunks == stores.chunk_count() > 40
    second = ingest([samples], stores, fake_embedder)
    assert second.added == [] and second.replaced == [] and len(second.unchanged) == 4
    assert stores.chunk_count() == first.chunks


def test_changed_release_replaces_its_chunks_without_duplicates(samples: Path, fake_embedder) -> None:
    stores = _stores()
    ingest([samples], stores, fake_embedder)
    target = next(samples.glob("2013-05-29*"))
    before = stores.chunk_count(target.stem)
    target.write_text(target.read_text() + "\n\nAlmonty also appointed a new auditor, Smith & Co.\n")
    report = ingest([samples], stores, fake_embedder)
    assert report.replaced == [target.stem]
    assert stores.chunk_count(target.stem) == before + 1
    ids = stores.collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids))
    bm25 = load_bm25(stores, 5)
    assert bm25 is not None and len(bm25.corpus) == stores.chunk_count()


def test_a_new_index_version_re_indexes_every_release_once(samples: Path, fake_embedder,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    stores = _stores()
    first = ingest([samples], stores, fake_embedder)
    monkeypatch.setattr("index.ingest.INDEX_VERSION", INDEX_VERSION + 1)
    again = ingest([samples], stores, fake_embedder)
    assert sorted(again.replaced) == sorted(first.added) and again.added == [] and again.unchanged == []
    assert stores.chunk_count() == first.chunks
    ids = stores.collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids))
    assert sorted(ingest([samples], stores, fake_embedder).unchanged) == sorted(first.added)


def test_a_catalog_written_before_index_versions_is_re_indexed(samples: Path, fake_embedder) -> None:
    stores = _stores()
    first = ingest([samples], stores, fake_embedder)
    with sqlite3.connect(stores.settings.catalog_path) as db:  # the catalog as version 1 wrote it: no column
        db.execute("ALTER TABLE releases DROP COLUMN index_version")
    again = ingest([samples], _stores(), fake_embedder)
    assert sorted(again.replaced) == sorted(first.added) and again.unchanged == []


def test_bad_files_are_reported_and_the_rest_ingested(samples: Path, fake_embedder) -> None:
    (samples / "empty.txt").write_text("")
    (samples / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (samples / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    stores = _stores()
    report = ingest([samples], stores, fake_embedder)
    reasons = {Path(f["path"]).name: f["reason"] for f in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.pdf"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "PDF" in reasons["broken.pdf"]
    assert len(report.added) == 4 and not report.ok


def test_same_content_under_another_name_is_a_duplicate(samples: Path, fake_embedder) -> None:
    src = next(samples.glob("2013-12-12*"))
    (samples / "copy-of-reserves.txt").write_bytes(src.read_bytes())
    stores = _stores()
    report = ingest([samples], stores, fake_embedder)
    assert len(report.added) == 4
    assert report.duplicates and report.duplicates[0]["path"].endswith("copy-of-reserves.txt")


def test_crash_mid_ingest_leaves_a_usable_store(samples: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_WRITE_BATCH", "1")  # one release per Chroma write
    stores = _stores()
    files = sorted(samples.glob("*.txt"))
    ingest(files[:2], stores, fake_embedder)
    calls = {"n": 0}
    original = ChromaVectorStore.add

    def failing_add(self, nodes, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("simulated crash")
        return original(self, nodes, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(ChromaVectorStore, "add", failing_add)
        with pytest.raises(RuntimeError):
            ingest(files, stores, fake_embedder)
    fresh = _stores()
    # files 1-2 unchanged, file 3 added, file 4 crashed before its catalog row: never recorded
    assert len(fresh.catalog.entries()) == 3
    report = ingest(files, fresh, fake_embedder)
    assert len(report.added) == 1 and len(report.unchanged) == 3
    per_doc = sum(e.chunk_count for e in fresh.catalog.entries())
    assert per_doc == fresh.chunk_count()


def test_a_crash_in_a_batched_write_records_none_of_the_batch(samples: Path, fake_embedder,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    stores = _stores()
    files = sorted(samples.glob("*.txt"))
    ingest(files[:1], stores, fake_embedder)

    def failing_add(self, nodes, **kw):
        raise RuntimeError("simulated crash")

    with monkeypatch.context() as patch:
        patch.setattr(ChromaVectorStore, "add", failing_add)
        with pytest.raises(RuntimeError):
            ingest(files, stores, fake_embedder)  # releases 2-4 go to Chroma in one write, which fails
    fresh = _stores()
    assert len(fresh.catalog.entries()) == 1
    assert sum(e.chunk_count for e in fresh.catalog.entries()) == fresh.chunk_count()
    report = ingest(files, fresh, fake_embedder)
    assert len(report.added) == len(files) - 1 and len(report.unchanged) == 1
    assert sum(e.chunk_count for e in fresh.catalog.entries()) == fresh.chunk_count()


def test_the_same_release_twice_in_one_run_is_ingested_once(samples: Path, fake_embedder, tmp_path: Path) -> None:
    first = sorted(samples.glob("*.txt"))[0]
    copy = tmp_path / "copy" / "renamed.txt"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    stores = _stores()
    report = ingest([first, copy], stores, fake_embedder)
    assert len(report.added) == 1 and report.duplicates[0]["same_as"] == report.added[0]
    assert sum(e.chunk_count for e in stores.catalog.entries()) == stores.chunk_count()


def test_oversized_release_is_reported_and_skipped(samples: Path, fake_embedder,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_MAX_RELEASE_MB", "1")
    (samples / "huge.txt").write_text("Acme Corp. reported results. " * 60_000)  # ~1.7 MB
    report = ingest([samples], _stores(), fake_embedder)
    failed = {Path(f["path"]).name: f["reason"] for f in report.failed}
    assert "larger than 1 MB" in failed["huge.txt"] and len(report.added) == 4
