"""A read-only or full QA_HOME becomes one clear StoreError, whatever layer (OS, SQLite, Chroma) met it."""

from __future__ import annotations

import errno
import html
import json
import sqlite3
from pathlib import Path

import pytest

from index.errors import StoreError, UnwritableStore, storage_error, storage_failure, writing
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from tests.conftest import SAMPLES


@pytest.mark.parametrize(("exc", "kind"), [
    (OSError(errno.EROFS, "Read-only file system"), "read-only"),
    (PermissionError(errno.EACCES, "Permission denied"), "read-only"),
    (OSError(errno.ENOSPC, "No space left on device"), "full"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "full"),
    (OSError(errno.EFBIG, "File too large"), "full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (sqlite3.OperationalError("database or disk is full"), "full"),
    (sqlite3.OperationalError("unable to open database file"), "read-only"),
    (RuntimeError("error returned from database: (code: 8) attempt to write a readonly database"), "read-only"),
])
def test_causes_are_recognised(exc: BaseException, kind: str) -> None:
    failure = storage_failure(exc)
    assert failure is not None and failure[0] == kind


def test_cause_is_found_down_the_chain_and_named_with_qa_home(tmp_path: Path) -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("Error in compaction") from inner
    except RuntimeError as exc:
        error = storage_error(exc, tmp_path, "store x in Chroma")
    assert isinstance(error, UnwritableStore)
    assert str(error).startswith(f"no space left on device under QA_HOME {tmp_path}: cannot store x in Chroma")


def test_other_errors_pass_through(tmp_path: Path) -> None:
    assert storage_failure(RuntimeError("simulated crash"), tmp_path) is None
    with pytest.raises(ValueError), writing(tmp_path, "write"):
        raise ValueError("not a disk problem")
    with pytest.raises(StoreError, match=f"QA_HOME {tmp_path} is read-only"), writing(tmp_path, "write"):
        raise PermissionError(errno.EACCES, "Permission denied")


def test_read_only_chroma_is_read_through_a_copy_and_never_written(fake_embedder, monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    settings = Settings.from_env()
    ingest([SAMPLES], Stores(settings), fake_embedder)
    monkeypatch.setattr("index.store._writable", lambda folder: False)  # as a read-only mount would answer
    stores = Stores(settings)
    assert stores.read_only and stores.chunk_count() > 40
    extra = tmp_path / "extra.txt"
    extra.write_text("March 3, 2024 – Acme Corp. named Jane Roe chief executive officer.\n")
    with pytest.raises(UnwritableStore, match=f"QA_HOME {settings.home} is read-only"):
        ingest([extra], stores, fake_embedder)
    assert len(Stores(settings).catalog.entries()) == 4


def test_upload_to_a_read_only_home_is_reported_in_the_app(fake_embedder, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    from qa.app.handlers import ReleaseApp
    from qa.engine import Engine

    settings = Settings.from_env()
    ingest([SAMPLES], Stores(settings), fake_embedder)
    monkeypatch.setattr("index.store._writable", lambda folder: False)
    stores = Stores(settings)
    extra = tmp_path / "extra.txt"
    extra.write_text("March 3, 2024 – Acme Corp. named Jane Roe chief executive officer.\n")
    app = ReleaseApp(Engine(settings, fake_embedder, stores))
    shown = app.upload([str(extra)])
    releases = app.refresh("", "", None, "", "", 0)[9]
    message = html.unescape(shown)  # the report is escaped for the page
    assert message.startswith("<p>Could not ingest the upload: QA_HOME") and "is read-only" in message
    assert len(releases) == 4


def test_reading_commands_on_a_home_with_nothing_ingested_create_nothing(qa_home: Path) -> None:
    from click.testing import CliRunner

    from qa.cli import cli

    runner = CliRunner()
    listed = runner.invoke(cli, ["sources"])
    assert listed.exit_code == 0 and "no releases ingested yet" in listed.output
    shown = runner.invoke(cli, ["figures", "--json"])
    assert shown.exit_code == 0 and json.loads(shown.output) == []
    assert not qa_home.exists()  # reading made no folder, collection or catalog
