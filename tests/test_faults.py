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
RELEASES = int(os.environ.get("QA_FAULT_RELEASES", "40"))  # 500 by hand: see docs/reliability.md
KILL_AT = 3 if RELEASES <= 40 else RELEASES // 2  # releases recorded before the SIGKILL


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


def _consistent(home: Path, bm25: bool = True) -> tuple[int, int]:
    """Catalog, Chroma, figures (and with ``bm25`` the persisted BM25 index) agree; (releases, chunks)."""
    settings = Settings.from_env(home=home)
    stores = Stores(settings)
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
    if bm25:
        meta = json.loads((settings.bm25_path / "release_qa.json").read_text())
        assert meta["fingerprint"] == stores.catalog.fingerprint(), "BM25 index is stale"
        assert meta["nodes"] == sum(recorded.values()), f"BM25 {meta['nodes']} chunks, catalog {sum(recorded.values())}"
    return len(entries), len(ids)


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, "-m", "qa", "ingest", str(corpus)], cwd=ROOT, env=_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.time()
    settings = Settings.from_env(home=home)
    while time.time() < started + 300 + RELEASES and proc.poll() is None:  # kill once some, not all, are in
        if settings.catalog_path.exists():
            done = len(Stores(settings).catalog.entries())
            if KILL_AT <= done < RELEASES - 5:
                break
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_after = time.time() - started
    releases_before, chunks_before = _consistent(home, bm25=False)  # the BM25 index is rebuilt at the end
    assert KILL_AT <= releases_before < RELEASES
    ask = subprocess.run([sys.executable, "-m", "qa", "ask", "Who prepared the reserve estimate?", "--json"],
                         cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=300)
    assert ask.returncode == 0 and "question" in json.loads(ask.stdout)
    assert "answering from one built in memory until `qa ingest` rebuilds it" in ask.stderr  # asking never writes
    rerun = subprocess.run([sys.executable, "-m", "qa", "ingest", str(corpus), "--json"], cwd=ROOT, env=_env(home),
                           capture_output=True, text=True, timeout=600 + 3 * RELEASES)
    report = json.loads(rerun.stdout)
    assert rerun.returncode == 0 and len(report["added"]) + len(report["unchanged"]) == RELEASES
    releases, chunks = _consistent(home)
    assert releases == RELEASES and chunks > RELEASES * 10
    print(json.dumps({"releases": RELEASES, "killed_after_s": round(killed_after, 1),
                      "before": [releases_before, chunks_before],
                      "after": [releases, chunks], "figures": len(Stores(Settings.from_env(home=home)).figures.all()),
                      "rerun_added": len(report["added"]), "rerun_s": report.get("seconds")}))
