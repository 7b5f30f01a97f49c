"""Reliability under real use (issue 15): one writer at a time across processes, ids that never collide, odd
files reported while the rest is ingested, spreadsheet-safe exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.errors import StoreError
from index.ingest import doc_id_for, ingest
from index.settings import Settings
from index.store import Stores
from index.writer_lock import writer_lock
from qa.figure_text import spreadsheet_cell

RELEASE = ("Acme Metals Corp. (TSX: ACM) today announced {what}. Revenue for the quarter was $12.5 million, "
           "compared with $10.1 million a year earlier.\n\nAbout Acme\n\nAcme Metals is a copper producer.\n")
_HOLD = """
import sys, time, json
from pathlib import Path
from index.writer_lock import writer_lock
with writer_lock(Path(sys.argv[1])):
    acquired = time.time()
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    released = time.time()
print(json.dumps({"acquired": acquired, "released": released}), flush=True)
"""


def _holder(home: Path, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(home), str(seconds)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_waits_for_the_first_process(tmp_path: Path) -> None:
    first = _holder(tmp_path, 1.5)
    second = _holder_after(tmp_path)
    out_first, _ = first.communicate(timeout=60)
    out_second, err_second = second.communicate(timeout=60)
    held = json.loads(out_first.strip().splitlines()[-1])
    waited = json.loads(out_second.strip().splitlines()[-1])
    assert waited["acquired"] >= held["released"]  # never both at once
    assert "waiting for it to finish" in err_second


def _holder_after(home: Path) -> subprocess.Popen[str]:
    """A second process asking for the lock while the first holds it: it says it waits, then holds it."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    code = "import logging; logging.basicConfig(level=logging.WARNING)\n" + _HOLD
    return subprocess.Popen([sys.executable, "-c", code, str(home), "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_a_writer_that_cannot_wait_is_told_why(tmp_path: Path) -> None:
    first = _holder(tmp_path, 3)
    with pytest.raises(StoreError, match="another ingest is still writing"), writer_lock(tmp_path, wait_seconds=0.3):
        pass
    first.communicate(timeout=60)
    with writer_lock(tmp_path, wait_seconds=0.3):  # free again
        pass


def test_a_killed_writer_leaves_no_lock(tmp_path: Path) -> None:
    first = _holder(tmp_path, 60)
    first.kill()
    first.communicate(timeout=60)
    with writer_lock(tmp_path, wait_seconds=1.0):
        pass


def test_files_with_the_same_name_keep_their_own_ids(tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "releases"
    files = {"2023/press-release.txt": "the 2023 drill results", "2024/press-release.txt": "the 2024 drill results",
             "Stock Options.txt": "a grant of stock options", "stock-options.md": "a second grant of options",
             "q3 results.txt": "its third quarter results", "q3_results.txt": "its revised third quarter results",
             "決算短信.txt": "its annual results", "業績予想.txt": "its forecast"}
    for name, what in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(RELEASE.format(what=what), encoding="utf-8")
    stores = Stores(Settings.from_env().model_copy(update={"home": tmp_path / "home"}))
    report = ingest([folder], stores, fake_embedder)
    assert report.ok and report.replaced == [] and len(report.added) == len(files) == len(set(report.added))
    assert {"決算短信", "業績予想"} <= set(report.added)
    again = ingest([folder], stores, fake_embedder)  # the same files again: nothing moves
    assert sorted(again.unchanged) == sorted(report.added)
    assert doc_id_for(Path("AMCOR_2023Q4_EARNINGS.pdf")) == "amcor-2023q4-earnings"  # ASCII names as before


def test_odd_files_are_reported_and_the_rest_ingested(tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "good.txt").write_text(RELEASE.format(what="a good release"), encoding="utf-8")
    (folder / "wide.txt").write_bytes(RELEASE.format(what="a release in UTF-16").encode("utf-16"))
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / b"bad-\xff-name.txt".decode("utf-8", "surrogateescape")).write_text(RELEASE.format(what="x"))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00")
    stores = Stores(Settings.from_env().model_copy(update={"home": tmp_path / "home"}))
    report = ingest([folder], stores, fake_embedder)
    assert sorted(report.added) == ["good", "wide"]
    reasons = {Path(f["path"]).name: f["reason"] for f in report.failed}
    assert reasons["pipe.txt"] == "not a regular file (a pipe)"
    assert reasons["zero.txt"] == "not a regular file (a device)"
    assert reasons["loop-a.txt"] == reasons["loop-b.txt"] == "symbolic link loop"
    assert any("not valid UTF-8" in r for r in reasons.values())
    ignored = {Path(f["path"]).name: f["reason"] for f in report.ignored}
    assert ignored == {"notes.docx": "unsupported file type .docx", ".DS_Store": "hidden file"}
    json.dumps(report.as_dict())  # the report itself holds only text that can be written out


def test_the_size_limit_reads_no_more_than_the_limit(tmp_path: Path, fake_embedder) -> None:
    big = tmp_path / "big.txt"
    big.write_text(RELEASE.format(what="a long release") * 8000, encoding="utf-8")  # about 1.6 MB
    settings = Settings.from_env().model_copy(update={"home": tmp_path / "home", "max_release_mb": 1})
    report = ingest([big], Stores(settings), fake_embedder)
    assert report.failed and "larger than" in report.failed[0]["reason"]


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("@SUM(A1)", "'@SUM(A1)"), ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"), ("-12.5", "-12.5"), ("-1,234", "-1,234"), (-12.5, -12.5), ("Revenue", "Revenue"),
])
def test_csv_cells_never_run_as_formulas(cell: object, written: object) -> None:
    assert spreadsheet_cell(cell) == written
