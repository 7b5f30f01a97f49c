"""The scale benchmark's CI size: 100 synthetic releases through ingest, re-ingest, answers, the starter
pipeline and Chroma server mode, with the real model. Times are reported, never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import set_scores

pytestmark = [pytest.mark.slow, pytest.mark.server]
ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_at_100_releases(tmp_path: Path) -> None:
    work, out = tmp_path / "work", tmp_path / "out"
    args = [sys.executable, "-m", "bench.run", "--sizes", "100", "--work", str(work), "--out", str(out),
            "--questions", "60"]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((out / "bench.json").read_text())
    (row,) = result["sizes"]
    assert row["ingest"]["added"] == 100 and row["ingest"]["failed"] == 0 and row["ingest"]["chunks"] > 300
    assert row["reingest"]["added"] == 0 and row["reingest"]["unchanged"] == 100
    assert row["encoder"]["chunks_per_s"] > 0 and row["full"]["peak_rss_mb"] > 0
    fixed = set_scores(row["full"], "fixed")
    assert fixed["n"] == 60
    # a smoke floor, far under what the full run measures: it catches a broken pipeline, not a regression
    assert fixed["cited"] is not None and fixed["cited"] > 0.5, fixed
    assert fixed["refused"] is not None and fixed["refused"] > 0.5, fixed
    assert row["server"]["answers"] == row["full"]["answers"]  # server mode answers exactly as embedded
    assert row["starter"]["all"]["questions"] == 60
    table = (out / "bench.md").read_text()
    assert "| 100 |" in table and "Costs" in table

    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "done earlier, skipped" in again.stderr  # resumable: finished steps are not redone
