"""The scale benchmark: one command, resumable, from a synthetic corpus to a table of costs per size.

    python -m bench.run --sizes 100,1000,10000

One store grows through the sizes (releases 1..N are the same at every size), so each size ingests only
its new releases. Each finished step is recorded in ``WORK/state.json`` and skipped when the command is
run again, so an interrupted run resumes where it stopped. Results: ``OUT/bench.json`` and a Markdown
table in ``OUT/bench.md``.
"""

from __future__ import annotations

import json
import logging
import os
import random
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bench.measure import chroma_server, encoder_throughput, folder_mb, qa_command, timed
from bench.report import markdown

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


class State:
    """Step results by name, saved after every step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}

    def step(self, name: str, run: Callable[[], Any]) -> Any:
        if name in self.data:
            logger.info("%s: done earlier, skipped", name)
            return self.data[name]
        logger.info("%s ...", name)
        self.data[name] = run()
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=1))
        tmp.replace(self.path)
        return self.data[name]


def size_folder(corpus: Path, work: Path, size: int) -> Path:
    """``WORK/sizes/N/releases``: hard links to the first N releases of the corpus."""
    folder = work / "sizes" / str(size) / "releases"
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted((corpus / "releases").iterdir())[:size]
    for f in files:
        link = folder / f.name
        if not link.exists():
            os.link(f, link)
    return folder


def gold_for(corpus: Path, work: Path, size: int, per_set: int, seed: int) -> Path:
    """Questions for size N: a fixed set about releases 1..100 (the same at every size, so accuracy is
    comparable) and a spread set about any of releases 1..N; category says which set and kind."""
    rows = [json.loads(line) for line in (corpus / "questions.jsonl").read_text().splitlines() if line.strip()]
    names = [f.name for f in sorted((corpus / "releases").iterdir())]
    first = set(names[:100])
    within = set(names[:size])
    rng = random.Random(seed)
    fixed = rng.sample([r for r in rows if r["doc"] in first], min(per_set, sum(r["doc"] in first for r in rows)))
    pool = [r for r in rows if r["doc"] in within and r not in fixed]
    spread = random.Random(seed + size).sample(pool, min(per_set, len(pool))) if size > 100 else []
    path = work / "sizes" / str(size) / "gold.jsonl"
    with path.open("w") as out:
        for tag, chosen in (("fixed", fixed), ("spread", spread)):
            for r in chosen:
                kind = {"number": "figure", "text": "text", "none": "unanswerable"}[r["answer_type"]]
                row = {k: r[k] for k in ("id", "question", "answer_type", "accept", "evidence")}
                out.write(json.dumps({**row, "id": f"{tag}-{r['id']}", "category": f"{tag}-{kind}"}) + "\n")
    return path


def evaluate(home: Path, gold: Path, results: Path, system: str, chroma_url: str | None = None) -> dict[str, Any]:
    """`qa eval` in its own process (a fresh server-like process): scores, latencies, peak memory."""
    env = {"QA_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    if chroma_url:
        env["QA_CHROMA_URL"] = chroma_url
    name = f"{gold.parent.name}-{system}" + ("-server" if chroma_url else "")
    preds = results / f"{name}.predictions.jsonl"
    run = timed(qa_command("eval", "--gold", str(gold), "--systems", system, "--results", str(results),
                           "--name", name, "--predictions", str(preds), "--json"), env)
    if run.returncode != 0:
        raise RuntimeError(f"qa eval {system} failed: {run.stderr[-2000:]}")
    summary = run.json()
    groups = {k: v for k, v in summary.items() if k.startswith("category:")}
    return {"seconds": run.seconds, "peak_rss_mb": run.peak_rss_mb, "all": summary["all"], "groups": groups,
            "answers": [(p["id"], p["found"], p["answer"]) for p in map(json.loads, preds.read_text().splitlines())]}


def cold_ask(home: Path, question: str, repeats: int = 3) -> dict[str, Any]:
    env = {"QA_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    runs = [timed(qa_command("ask", question, "--json"), env) for _ in range(repeats)]
    if any(r.returncode != 0 for r in runs):
        raise RuntimeError(f"qa ask failed: {runs[-1].stderr[-2000:]}")
    return {"seconds_median": statistics.median(r.seconds for r in runs), "runs": [r.seconds for r in runs],
            "peak_rss_mb": max(r.peak_rss_mb for r in runs)}


def ingest(home: Path, folder: Path) -> dict[str, Any]:
    run = timed(qa_command("ingest", str(folder), "--json"), {"QA_HOME": str(home), "HF_HUB_OFFLINE": "1"})
    if run.returncode not in (0, 1):
        raise RuntimeError(f"qa ingest failed: {run.stderr[-2000:]}")
    report = run.json()
    return {"seconds": run.seconds, "peak_rss_mb": run.peak_rss_mb, "added": len(report["added"]),
            "unchanged": len(report["unchanged"]), "failed": len(report["failed"]),
            "chunks": report.get("chunks", 0), "exit": run.returncode}


def bench_size(size: int, corpus: Path, work: Path, out: Path, state: State, opts: dict[str, Any]) -> dict[str, Any]:
    home = work / "home"
    folder = size_folder(corpus, work, size)
    gold = gold_for(corpus, work, size, opts["questions"], opts["seed"])
    results = out / "runs"
    s = f"{size}:"
    row: dict[str, Any] = {"size": size}
    files = sorted(folder.iterdir())
    row["encoder"] = state.step(s + "encoder", lambda: encoder_throughput(
        files, opts["embed_model"], opts["batch_size"]))
    row["ingest"] = state.step(s + "ingest", lambda: ingest(home, folder))
    row["reingest"] = state.step(s + "reingest", lambda: ingest(home, folder))
    row["store_mb"] = state.step(s + "store", lambda: {p.name: folder_mb(p) for p in home.iterdir() if p.is_dir()}
                                 | {"catalog+figures": round((home / "catalog.sqlite3").stat().st_size / 1e6, 1)})
    row["full"] = state.step(s + "full", lambda: evaluate(home, gold, results, "full"))
    question = json.loads(gold.read_text().splitlines()[0])["question"]
    row["cold_ask"] = state.step(s + "cold", lambda: cold_ask(home, question))
    if size <= opts["server_max"]:
        def server() -> dict[str, Any]:
            with chroma_server(home / "chroma") as url:
                return evaluate(home, gold, results, "full", chroma_url=url)
        row["server"] = state.step(s + "server", server)
    if size <= opts["starter_max"]:
        row["starter"] = state.step(s + "starter", lambda: evaluate(home, gold, results, "llamaindex-starter"))
    return row


@click.command()
@click.option("--sizes", default="100,1000,10000", show_default=True, help="Corpus sizes, ascending.")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=ROOT / "bench" / "work",
              show_default=True, help="Corpus, store and step state (resumable; delete to start over).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=ROOT / "bench" / "results",
              show_default=True, help="Where bench.json and bench.md go.")
@click.option("--seed", default=7, show_default=True)
@click.option("--questions", default=150, show_default=True, help="Questions in each of the fixed and spread sets.")
@click.option("--starter-max", default=10000, show_default=True, help="Largest size the starter pipeline runs at.")
@click.option("--server-max", default=10000, show_default=True, help="Largest size measured in Chroma server mode.")
def main(sizes: str, work: Path, out: Path, seed: int, questions: int, starter_max: int, server_max: int) -> None:
    """Generate, ingest, ask and measure at each size; print and save the table."""
    from index.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    settings = Settings.from_env()
    wanted = sorted(int(x) for x in sizes.split(","))
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    gen = timed([sys.executable, "-m", "bench.corpus", "--size", str(wanted[-1]), "--out", str(corpus),
                 "--seed", str(seed)], cwd=ROOT)
    if gen.returncode != 0:
        raise click.ClickException(f"corpus generation failed: {gen.stderr[-2000:]}")
    state = State(work / "state.json")
    opts = {"seed": seed, "questions": questions, "starter_max": starter_max, "server_max": server_max,
            "embed_model": settings.embed_model, "batch_size": settings.embed_batch_size}
    rows = [bench_size(size, corpus, work, out, state, opts) for size in wanted]
    result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
              "embed_model": settings.embed_model, "seed": seed, "sizes": rows}
    (out / "bench.json").write_text(json.dumps(result, indent=1))
    table = markdown(result)
    (out / "bench.md").write_text(table)
    click.echo(table)


if __name__ == "__main__":
    main()
