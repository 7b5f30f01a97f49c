"""Removing and re-ingesting releases: every store forgets a removed release, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.ingest import ingest
from index.lexical import load_bm25
from index.removal import UnknownRelease, reingest, remove
from index.settings import Settings
from index.store import Stores

INTERIM = "2016-05-31-interim-results-quarter-ended-2016-12-31"


@pytest.fixture
def stores(samples: Path, fake_embedder) -> Stores:
    stores = Stores(Settings.from_env())
    ingest([samples], stores, fake_embedder)
    return stores


def _bm25_docs(stores: Stores) -> set[str]:
    retriever = load_bm25(stores, 50)
    assert retriever is not None
    return {str(row["doc_id"]) for row in retriever.corpus}  # every chunk the lexical index holds


def test_a_removed_release_leaves_every_store_and_the_others_stay(stores: Stores) -> None:
    others = {e.doc_id for e in stores.catalog.entries()} - {INTERIM}
    chunks, figures = stores.chunk_count(INTERIM), stores.figures.count(INTERIM)
    assert chunks and figures and INTERIM in _bm25_docs(stores)
    report = remove([INTERIM], stores)
    assert (report.removed, report.chunks, report.figures) == ([INTERIM], chunks, figures)
    assert stores.chunk_count(INTERIM) == 0 and stores.figures.count(INTERIM) == 0
    assert {e.doc_id for e in stores.catalog.entries()} == others
    assert INTERIM not in _bm25_docs(stores) and _bm25_docs(stores) <= others
    assert all(stores.chunk_count(d) for d in others)


def test_a_read_only_home_refuses_a_removal_plainly(stores: Stores, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.errors import StoreError

    monkeypatch.setattr(stores, "read_only", True)
    with pytest.raises(StoreError, match="read-only"):
        remove([INTERIM], stores)
    assert stores.chunk_count(INTERIM)


def test_an_unknown_doc_id_is_refused_before_anything_is_removed(stores: Stores) -> None:
    before = stores.chunk_count()
    with pytest.raises(UnknownRelease, match="no-such-release"):
        remove([INTERIM, "no-such-release"], stores)
    assert stores.chunk_count() == before and stores.catalog.path_of(INTERIM)


def test_a_removal_cut_short_is_finished_by_running_it_again(stores: Stores) -> None:
    stores.vector_store.delete(INTERIM)  # a removal that died after Chroma, before the figures and the catalog
    assert stores.catalog.path_of(INTERIM) and stores.figures.count(INTERIM)
    remove([INTERIM], stores)
    assert stores.catalog.path_of(INTERIM) is None and stores.figures.count(INTERIM) == 0


def test_reingest_reads_the_file_again_and_keeps_the_release_when_it_cannot(stores: Stores, fake_embedder) -> None:
    chunks = stores.chunk_count(INTERIM)
    report = reingest(INTERIM, stores, fake_embedder)
    assert report.replaced == [INTERIM] and stores.chunk_count(INTERIM) == chunks
    path = Path(str(stores.catalog.path_of(INTERIM)))
    path.write_text("")  # the file is now unreadable: reported, and the release stays as it was
    report = reingest(INTERIM, stores, fake_embedder)
    assert report.failed and "empty" in report.failed[0]["reason"] and not report.replaced
    assert stores.chunk_count(INTERIM) == chunks and stores.catalog.path_of(INTERIM)
    path.unlink()
    with pytest.raises(UnknownRelease, match="no longer there"):
        reingest(INTERIM, stores, fake_embedder)
    assert stores.chunk_count(INTERIM) == chunks  # kept as it was


def test_an_uploaded_release_takes_its_kept_file_with_it(stores: Stores, fake_embedder) -> None:
    from index.uploads import upload_folder

    folder = upload_folder(stores.settings)
    folder.mkdir(parents=True)
    kept = folder / "acme.txt"
    kept.write_text("ACME NAMES CHIEF EXECUTIVE\n\nMarch 3, 2024 – Acme Robotics Inc. named Jane Roe "
                    "chief executive.\n")
    ingest([kept], stores, fake_embedder)
    outside = Path(str(stores.catalog.path_of(INTERIM)))
    report = remove(["acme", INTERIM], stores)
    assert report.uploads == [str(kept)] and not kept.exists()
    assert outside.exists()  # a file of the user's own folder is never touched


def test_the_command_removes_and_says_so(stores: Stores, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from qa import cli

    runner = CliRunner()
    result = runner.invoke(cli.cli, ["remove", INTERIM])
    assert result.exit_code == 0 and result.output.startswith(f"removed {INTERIM}: ")
    listed = json.loads(runner.invoke(cli.cli, ["sources", "--json"]).output)
    assert INTERIM not in {r["doc_id"] for r in listed} and len(listed) == 3
    monkeypatch.setattr("sys.argv", ["qa", "remove", INTERIM])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2 and "error: no ingested release has the doc id" in capsys.readouterr().err
