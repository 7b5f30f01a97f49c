"""A real ingest killed with SIGKILL midway leaves a store that opens, answers, and completes on re-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.settings import Settings
from index.store import Stores
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
RELEASES = 40


def _corpus(folder: Path) -> Path:
    """Many small releases (copies of the samples under other names, each made distinct)."""
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(RELEASES):
        text = samples[i % len(samples)].read_text()
        (folder / f"release-{i:03d}.txt").write_text(text + f"\n\nArchive copy number {i}.\n")
    return folder


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "QA_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _consistent(home: Path) -> tuple[int, int]:
    stores = Stores(Settings.from_env(home=home))
    entries = stores.catalog.entries()
    known = {e.doc_id for e in entries}
    in_chroma = stores.collection.get(include=["metadatas"])
    ids = in_chroma["ids"]
    assert len(ids) == len(set(ids)), "duplicate chunks"
    recorded = {e.doc_id: e.chunk_count for e in entries}
    per_doc: dict[str, int] = {}
    for meta in in_chroma["metadatas"]:
        per_doc[meta["doc_id"]] = per_doc.get(meta["doc_id"], 0) + 1
    for doc_id, count in recorded.items():
        assert per_doc.get(doc_id) == count, f"{doc_id}: catalog {count} chunks, Chroma {per_doc.get(doc_id)}"
    assert all(f.doc_id in known for f in stores.figures.all())  # no figure without its release
    return len(entries), len(ids)


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, "-m", "qa", "ingest", str(corpus)], cwd=ROOT, env=_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    settings = Settings.from_env(home=home)
    while time.time() < deadline and proc.poll() is None:  # kill once some, not all, releases are in
        if settings.catalog_path.exists():
            done = len(Stores(settings).catalog.entries())
            if 3 <= done < RELEASES - 5:
                break
        time.sleep(0.5)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    releases_before, _ = _consistent(home)
    assert 3 <= releases_before < RELEASES
    ask = subprocess.run([sys.executable, "-m", "qa", "ask", "Who prepared the reserve estimate?", "--json"],
                         cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=300)
    assert ask.returncode == 0 and "question" in json.loads(ask.stdout)
    rerun = subprocess.run([sys.executable, "-m", "qa", "ingest", str(corpus), "--json"], cwd=ROOT, env=_env(home),
                           capture_output=True, text=True, timeout=600)
    report = json.loads(rerun.stdout)
    assert rerun.returncode == 0 and len(report["added"]) + len(report["unchanged"]) == RELEASES
    releases, chunks = _consistent(home)
    assert releases == RELEASES and chunks > RELEASES * 10
