"""Cold start: how long a new `qa ask` process takes on a store, and where its imports spend the time.

    python -m bench.cold_start [--home DIR] [--repeats 5] [--out bench/results/cold_start.json]

Without ``--home`` the bundled sample releases are ingested into a temporary QA_HOME first. Each run is a
fresh `python -m qa ask --json` (median of ``--repeats``); one more run under ``python -X importtime``
gives each top-level package's share of the import time (cumulative, as first imported).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from bench.measure import qa_command, timed
from index.settings import bundled_releases

QUESTION = "Who prepared the mineral reserve estimate?"


def import_shares(home: Path, question: str) -> dict[str, Any]:
    """Import time of one cold `qa ask` (``-X importtime``), seconds: ``self`` sums each top-level package's
    own module time (no overlap: the parts add up to the whole); ``with_dependencies`` is the longest
    cumulative time of any of a package's modules, what it imported first included (these overlap)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "qa", "ask", question, "--json"],
                          capture_output=True, text=True,
                          env={**os.environ, "QA_HOME": str(home), "HF_HUB_OFFLINE": "1"})
    own: dict[str, float] = defaultdict(float)
    whole: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        module = parts[2].strip()
        package = module.split(".")[0]
        own[package] += int(parts[0]) / 1e6
        whole[package] = max(whole.get(package, 0.0), int(parts[1]) / 1e6)

    def top(d: dict[str, float]) -> dict[str, float]:
        return dict(sorted(((k, round(v, 3)) for k, v in d.items() if v >= 0.03), key=lambda kv: -kv[1]))

    return {"total": round(sum(own.values()), 3), "self": top(own), "with_dependencies": top(whole)}


@click.command()
@click.option("--home", type=click.Path(file_okay=False, path_type=Path),
              help="An ingested QA_HOME (default: samples).")
@click.option("--repeats", default=5, show_default=True)
@click.option("--question", default=QUESTION, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("bench/results/cold_start.json"),
              show_default=True)
def main(home: Path | None, repeats: int, question: str, out: Path) -> None:
    scratch = None
    if home is None:
        scratch = tempfile.TemporaryDirectory(prefix="qa-cold-")
        home = Path(scratch.name)
        ingested = timed(qa_command("ingest", str(bundled_releases()), "--json"), {"QA_HOME": str(home)})
        if ingested.returncode != 0:
            raise click.ClickException(f"ingest failed: {ingested.stderr[-2000:]}")
    env = {"QA_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    timed(qa_command("ask", question, "--json"), env)  # warm the file cache: "cold" is a new process
    runs = [timed(qa_command("ask", question, "--json"), env) for _ in range(repeats)]
    if any(r.returncode != 0 for r in runs):
        raise click.ClickException(f"qa ask failed: {runs[-1].stderr[-2000:]}")
    python = timed([sys.executable, "-c", "pass"])
    result = {"home": "bundled samples" if scratch else str(home), "question": question,
              "seconds_median": statistics.median(r.seconds for r in runs), "runs": [r.seconds for r in runs],
              "peak_rss_mb": max(r.peak_rss_mb for r in runs), "python_start_s": python.seconds,
              "imports": import_shares(home, question)}
    out.write_text(json.dumps(result, indent=2) + "\n")
    click.echo(json.dumps(result, indent=2))
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main()
