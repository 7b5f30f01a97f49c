"""A read-only or full QA_HOME, and a release the user may not read, exercised for real through `qa`.

The tests run as root in CI, and root ignores file permissions; so each `qa` run here drops the
capabilities that let root bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) from its
bounding set before exec: still uid 0, but held to the owner's mode bits. Where that is not allowed the
run becomes user nobody instead, if nobody can reach this interpreter and repository, else the test skips.
A full disk is a tmpfs mounted small where root may mount one, else a file-size limit (RLIMIT_FSIZE, so
writes fail with EFBIG; QA_FAULT_DISK=fsize picks that method everywhere).
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
QUESTION = "Who prepared the reserve estimate?"
_PR_CAPBSET_DROP = 24
_DAC_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
_NOBODY = 65534


def _drop_dac() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _become_nobody() -> None:
    os.setgroups([])
    os.setgid(_NOBODY)
    os.setuid(_NOBODY)


def _works(preexec: Callable[[], None]) -> bool:
    try:
        probe = subprocess.run([sys.executable, "-c", "import index.store"], cwd=ROOT, preexec_fn=preexec,
                               capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@pytest.fixture(scope="module")
def unprivileged() -> Callable[[], None]:
    """A preexec_fn under which file permissions hold for the child."""
    if os.geteuid() != 0:
        return lambda: None
    for preexec in (_drop_dac, _become_nobody):
        if _works(preexec):
            return preexec
    pytest.skip("running as root, and neither dropping CAP_DAC_OVERRIDE nor becoming nobody (who cannot reach "
                f"{sys.executable} or {ROOT}) is possible here, so permissions cannot be made to hold")


def _qa(home: Path, *args: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QA_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "HOME": str(home.parent), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=ROOT, env=env, preexec_fn=preexec,
                          capture_output=True, text=True, timeout=600)


def _answer(home: Path, preexec: Callable[[], None] | None = None) -> str:
    run = _qa(home, "ask", QUESTION, "--json", preexec=preexec)
    assert run.returncode == 0, run.stderr[-2000:]
    return str(json.loads(run.stdout)["answer"])


def _releases(home: Path) -> list[str]:
    run = _qa(home, "sources", "--json")
    assert run.returncode == 0, run.stderr[-2000:]
    return sorted(r["doc_id"] for r in json.loads(run.stdout))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    """A QA_HOME holding the sample releases, its answer to QUESTION and its releases."""
    home = tmp_path_factory.mktemp("store") / "home"
    run = _qa(home, "ingest", str(SAMPLES), "--json")
    assert run.returncode == 0, run.stderr[-2000:]
    return home, _answer(home), _releases(home)


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """Releases not yet ingested (other companies)."""
    return Path(shutil.copytree(ROOT / "eval" / "corpus_other", tmp_path / "extra"))


def _copy(home: Path, target: Path) -> Path:
    shutil.copytree(home, target)
    return target


def _set_writable(root: Path, writable: bool) -> None:
    for p in [root, *root.rglob("*")]:
        mode = p.stat().st_mode
        p.chmod(mode | 0o200 if writable else mode & ~0o222)


def _clear_failure(run: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr[-3000:])
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert any(n in run.stderr for n in needles), run.stderr[-3000:]


def test_read_only_home_still_answers_and_refuses_ingest_clearly(ingested, extra: Path, tmp_path: Path,
                                                                unprivileged) -> None:
    source, answer, releases = ingested
    home = _copy(source, tmp_path / "home")
    _set_writable(home, False)
    try:
        assert _answer(home, unprivileged) == answer  # reading needs no writes
        run = _qa(home, "ingest", str(extra), preexec=unprivileged)
        _clear_failure(run, f"QA_HOME {home} is read-only")
        assert _releases(home) == releases  # as root, before any write could happen
    finally:
        _set_writable(home, True)
    assert _answer(home) == answer and _releases(home) == releases


@pytest.fixture
def small_disk(ingested, tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None] | None, Callable[[], None]]]:
    """(a folder on a nearly full disk, the preexec_fn that makes it full, a function that frees space)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    room = sum(p.stat().st_size for p in ingested[0].rglob("*") if p.is_file()) // 1024 + 512  # KiB: the store + a bit
    use_tmpfs = os.geteuid() == 0 and os.environ.get("QA_FAULT_DISK", "tmpfs") == "tmpfs"  # =fsize: the limit
    if use_tmpfs and subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room}k", "tmpfs", str(mount)],
                                            capture_output=True).returncode == 0:
        try:
            yield mount, None, lambda: subprocess.run(["mount", "-o", "remount,size=256m", str(mount)], check=True)
        finally:
            subprocess.run(["umount", "-l", str(mount)], check=False)
        return

    def file_size_limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_200_000, 1_200_000))

    yield mount, file_size_limit, lambda: None


def test_full_disk_is_a_clear_error_and_loses_nothing(ingested, extra: Path, small_disk) -> None:
    source, answer, releases = ingested
    folder, preexec, free_space = small_disk
    home = _copy(source, folder / "home")
    run = _qa(home, "ingest", str(extra), preexec=preexec)
    _clear_failure(run, f"no space left on device under QA_HOME {home}")
    free_space()
    assert _answer(home) == answer
    assert set(releases) <= set(_releases(home))
    rerun = _qa(home, "ingest", str(extra), "--json")  # with room again, the rest goes in
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert len(_releases(home)) == len(releases) + len(list(extra.iterdir()))


def test_release_without_read_permission_is_reported_and_the_rest_ingested(tmp_path: Path, unprivileged) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    good = next(SAMPLES.glob("2013-12-12*"))
    shutil.copy(good, folder / good.name)
    locked = folder / "locked.txt"
    locked.write_text("Acme Corp. named a new chief executive.\n")
    locked.chmod(0)
    run = _qa(tmp_path / "home", "ingest", str(folder), "--json", preexec=unprivileged)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    report = json.loads(run.stdout)
    assert report["added"] == [good.stem]
    assert [(Path(f["path"]).name, "cannot read" in f["reason"]) for f in report["failed"]] == [("locked.txt", True)]
