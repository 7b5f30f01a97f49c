"""Load while ingesting: N API clients ask gold questions for S seconds while the app ingests a folder
through its upload handler, or while another process runs `qa ingest` on the same QA_HOME. Prints
requests, errors, changed answers (and those that match neither the answer before nor the one after the
ingest), median and p95 latency.

    python bench/load_during_upload.py --clients 20 --seconds 60 --upload eval/corpus_other
    python bench/load_during_upload.py --ingest plain   # as before: ingest on the handler's thread, all cores
    python bench/load_during_upload.py --ingest outside --copies 40 --seconds 180  # 200 releases by `qa ingest`
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client

from index.embedder import load_embedder
from index.ingest import ingest
from index.settings import Settings, bundled_releases
from index.store import Stores
from qa.app.handlers import ReleaseApp
from qa.app.page import build_app
from qa.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--upload", type=Path, default=ROOT / "eval" / "corpus_other")
    parser.add_argument("--ingest", choices=["background", "plain", "outside"], default="background",
                        help=("background: the app's niced one-thread ingest; plain: ingest on the handler's thread; "
                              "outside: `qa ingest` in another process"))
    parser.add_argument("--copies", type=int, default=1,
                        help="ingest each text release of the folder this many times, each copy changed a little")
    args = parser.parse_args()
    folder = copies(args.upload, args.copies) if args.copies > 1 else args.upload
    if args.ingest == "plain":
        ReleaseApp._in_background = lambda self, work: work()  # type: ignore[method-assign]
        ReleaseApp._ingest_embedder = lambda self: self.engine.embedder  # type: ignore[method-assign]
    settings = Settings.from_env(home=Path(tempfile.mkdtemp(prefix="qa-load-")))
    stores = Stores(settings)
    embedder = load_embedder(settings.embed_model, settings.embed_batch_size, settings.embed_tokenizer)
    ingest([bundled_releases()], stores, embedder)
    engine = Engine(settings, embedder, stores)
    demo = build_app(engine)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo.queue(default_concurrency_limit=4).launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                                                   quiet=True)
    url = f"http://127.0.0.1:{port}/"
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "gold.jsonl").read_text().splitlines()][:40]
    expected = {q: engine.ask(q).answer for q in questions}
    upload_report: dict[str, object] = {}

    def upload() -> None:
        time.sleep(5)
        started = time.perf_counter()
        files = sorted(folder.iterdir())
        if args.ingest == "outside":
            done = subprocess.run([sys.executable, "-m", "qa", "ingest", str(folder)], capture_output=True, text=True,
                                  env={**os.environ, "QA_HOME": str(settings.home)}, cwd=ROOT)
            message = (done.stdout.strip() or done.stderr.strip() or f"exit {done.returncode}").splitlines()[-1]
        else:
            message = html.unescape(re.sub(r"<[^>]+>", " ",
                                           ReleaseApp(engine).upload([str(p) for p in files]))).split("  ")[0].strip()
        upload_report.update(seconds=round(time.perf_counter() - started, 1), message=message, files=len(files))

    seen: dict[str, set[str]] = {q: set() for q in questions}

    def client(n: int) -> tuple[list[float], int, int]:
        c = Client(url, verbose=False)
        latencies, errors, changed, i = [], 0, 0, n
        deadline = time.time() + args.seconds
        while time.time() < deadline:
            q = questions[i % len(questions)]
            i += 7
            started = time.perf_counter()
            try:
                answer = c.predict(q, api_name="/ask")["answer"]
                changed += answer != expected[q]
                seen[q].add(answer)
            except Exception:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies, errors, changed

    uploader = threading.Thread(target=upload)
    uploader.start()
    with ThreadPoolExecutor(args.clients) as pool:
        results = list(pool.map(client, range(args.clients)))
    uploader.join()
    latencies = sorted(x for r, _, _ in results for x in r)
    after = {q: engine.ask(q).answer for q in questions}
    moved = [q for q in questions if after[q] != expected[q]]
    print(json.dumps({
        "clients": args.clients, "seconds": args.seconds, "requests": len(latencies),
        "errors": sum(e for _, e, _ in results), "changed_answers": sum(c for _, _, c in results),
        "questions_changed_by_the_upload": len(moved), "answers_matching_neither_before_nor_after": sum(
            len(seen[q] - {expected[q], after[q]}) for q in questions), "ingest": args.ingest,
        "median_ms": round(statistics.median(latencies)), "p95_ms": round(latencies[int(0.95 * len(latencies))]),
        "upload": upload_report,
    }))
    demo.close()


def copies(folder: Path, n: int) -> Path:
    """A folder holding each text release of ``folder`` ``n`` times, each copy with a line of its own (so that
    none is a duplicate of another); PDFs once."""
    target = Path(tempfile.mkdtemp(prefix="qa-load-releases-"))
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".pdf":
            (target / path.name).write_bytes(path.read_bytes())
            continue
        text = path.read_text(encoding="utf-8")
        for k in range(n):
            (target / f"{path.stem}-{k:03d}{path.suffix}").write_text(f"{text}\n\nCopy {k} for the load run.\n",
                                                                        encoding="utf-8")
    return target


if __name__ == "__main__":
    main()
