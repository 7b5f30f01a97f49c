"""Reliability under real use (issue 15): one writer at a time across processes, ids that never collide, odd
files reported while the rest is ingested, spreadsheet-safe exports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.errors import StoreError
from index.ingest import doc_id_for, ingest
from index.settings import Settings
from index.store import Stores
from index.writer_lock import writer_lock
from qa.figures.wording import spreadsheet_cell

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


_INGEST = """
import sys
from pathlib import Path
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from tests.conftest import FakeEmbedder
report = ingest([Path(sys.argv[2])], Stores(Settings.from_env().model_copy(update={"home": Path(sys.argv[1])})),
                FakeEmbedder())
print(len(report.added), flush=True)
"""


def test_a_serving_engine_reads_what_another_process_ingested(tmp_path: Path, fake_embedder) -> None:
    from qa.engine import Engine

    home = tmp_path / "home"
    first, later = tmp_path / "first", tmp_path / "later"
    for folder, whats in ((first, ["its copper results", "a drill program"]),
                          (later, ["the Kestrel nickel discovery", "a nickel offtake", "a new chief executive"])):
        folder.mkdir()
        for i, what in enumerate(whats):
            (folder / f"{folder.name}-{i}.txt").write_text(RELEASE.format(what=what), encoding="utf-8")
    settings = Settings.from_env().model_copy(update={"home": home})
    stores = Stores(settings)
    ingest([first], stores, fake_embedder)
    engine = Engine(settings, fake_embedder, stores)
    engine.ask("What did Acme announce about copper?")  # the serving engine has read the store
    before = engine.stores.chunk_count()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", _INGEST, str(home), str(later)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
    # embedded Chroma caches its index per process: before the engine reopened its stores, every question
    # here failed with "Error finding id"
    answer = engine.ask("What did Acme announce about the Kestrel nickel discovery?")
    assert engine.stores.chunk_count() > before
    cited = {c.doc_id for c in [*answer.citations, *answer.closest]}
    assert cited & {"later-0", "later-1", "later-2"}
    assert len(engine.snapshot().entries) == 5


def test_a_damaged_bm25_index_is_found_and_rebuilt(tmp_path: Path, fake_embedder) -> None:
    from index.lexical import bm25_state, load_bm25

    folder = tmp_path / "releases"
    folder.mkdir()
    for i, what in enumerate(["its copper results", "the Kestrel nickel discovery"]):
        (folder / f"r{i}.txt").write_text(RELEASE.format(what=what), encoding="utf-8")
    stores = Stores(Settings.from_env().model_copy(update={"home": tmp_path / "home"}))
    ingest([folder], stores, fake_embedder)
    assert bm25_state(stores) == "current"
    damaged = stores.settings.bm25_path / "data.csc.index.npy"
    damaged.write_bytes(damaged.read_bytes()[:-8] + b"\x00" * 8)  # its metadata still matches the catalog
    assert bm25_state(stores) == "damaged"
    again = ingest([folder], stores, fake_embedder)  # nothing changed, yet the index is rebuilt
    assert sorted(again.unchanged) == ["r0", "r1"] and bm25_state(stores) == "current"
    damaged.write_bytes(b"not an index")
    retriever = load_bm25(stores, 5)  # a reader meeting a damaged index answers from one in memory...
    assert retriever is not None and int(retriever.bm25.scores["num_docs"]) == stores.chunk_count() > 0
    assert bm25_state(stores) == "damaged"  # ...and writes nothing: the next ingest rebuilds it
    ingest([folder], stores, fake_embedder)
    assert bm25_state(stores) == "current"


_FULL_DISK = """
import json, os, shutil, sys
from pathlib import Path
from index.errors import StoreError
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.engine import Engine
from tests.conftest import FakeEmbedder
disk, first, later = (Path(a) for a in sys.argv[1:4])
settings = Settings.from_env().model_copy(update={"home": disk / "home", "min_free_mb": 2})
embedder = FakeEmbedder()
ingest([first], Stores(settings), embedder)
with open(disk / "filler", "wb") as out:  # leave under a megabyte: Chroma half-wrote and broke at this point
    out.write(b"\\0" * (shutil.disk_usage(disk).free - 900 * 1024))
try:
    ingest([later], Stores(settings), embedder)
    refused = ""
except StoreError as exc:
    refused = str(exc)
answer = Engine(settings, embedder).ask("What did Acme announce about copper?")
print(json.dumps({"refused": refused, "found": answer.found, "cited": [c.doc_id for c in answer.citations + answer.closest]}))
"""  # noqa: E501


def test_an_ingest_that_would_fill_the_disk_is_refused_and_answers_still_come(tmp_path: Path) -> None:
    """On a real 24 MB tmpfs, mounted in a private mount namespace (no root needed outside it)."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode:
        pytest.skip("unshare cannot make a user and mount namespace here")
    disk, first, later = tmp_path / "disk", tmp_path / "first", tmp_path / "later"
    for folder, whats in ((first, ["its copper results", "a drill program"]),
                          (later, [f"nickel discovery number {i}" for i in range(12)])):
        folder.mkdir()
        for i, what in enumerate(whats):
            (folder / f"{folder.name}-{i}.txt").write_text(RELEASE.format(what=what) * 20, encoding="utf-8")
    disk.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    script = f'mount -t tmpfs -o size=24m tmpfs "$1" && exec "{sys.executable}" -c "$2" "$1" "$3" "$4"'
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script, "sh", str(disk), _FULL_DISK, str(first), str(later)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "no space left on device" in result["refused"] and "QA_MIN_FREE_MB" in result["refused"]
    assert result["found"] and {"first-0", "first-1"} & set(result["cited"])


def test_hosts_answered_and_what_an_operator_is_told() -> None:
    from qa.app.serving import Login, ServingError, allowed_hosts, warnings_for

    assert allowed_hosts("127.0.0.1", None) == ["127.0.0.1", "localhost", "::1", "[::1]"]
    assert ("10.0.0.5" in allowed_hosts("10.0.0.5", None)
            and "qa.example.com" in allowed_hosts("10.0.0.5", "qa.example.com"))
    assert allowed_hosts("0.0.0.0", None) == ["*"] and allowed_hosts("127.0.0.1", "*") == ["*"]
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0", "qa.example.com")
    login = Login.parse("analyst:pa:ss")
    assert (login.user, login.password) == ("analyst", "pa:ss")
    with pytest.raises(ServingError, match="user:password"):
        Login.parse("analyst")
    said = warnings_for("0.0.0.0", None, ["*"])
    assert any("without QA_AUTH" in s for s in said) and any("QA_ALLOWED_HOSTS" in s for s in said)
    assert warnings_for("127.0.0.1", None, allowed_hosts("127.0.0.1", None)) == []


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.ingest as ingesting

    folder = tmp_path / "releases"
    folder.mkdir()
    for i, what in enumerate(["its copper results", "a drill program"]):
        (folder / f"r{i}.txt").write_text(RELEASE.format(what=what), encoding="utf-8")
    stores = Stores(Settings.from_env().model_copy(update={"home": tmp_path / "home"}))
    parsed: list[str] = []
    decode = ingesting.decode_release
    monkeypatch.setattr(ingesting, "decode_release", lambda path, data: parsed.append(path.name) or decode(path, data))
    ingest([folder], stores, fake_embedder)
    assert sorted(parsed) == ["r0.txt", "r1.txt"]
    (folder / "r1.txt").write_text(RELEASE.format(what="a revised drill program"), encoding="utf-8")
    again = ingest([folder], stores, fake_embedder)
    assert again.unchanged == ["r0"] and again.replaced == ["r1"]
    assert sorted(parsed) == ["r0.txt", "r1.txt", "r1.txt"]  # the unchanged one was hashed, not parsed


def test_a_reader_sees_whether_an_ingest_is_writing(tmp_path: Path) -> None:
    from index.writer_lock import ingest_running

    assert not ingest_running(tmp_path)
    holder = _holder(tmp_path, 60)  # another process writing: the serving engine keeps its stores till it ends
    try:
        assert ingest_running(tmp_path)
    finally:
        holder.kill()
        holder.communicate(timeout=60)
    assert not ingest_running(tmp_path)
    with writer_lock(tmp_path):  # this process's own ingest (an app upload) counts too
        assert ingest_running(tmp_path)
