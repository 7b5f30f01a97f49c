"""Measuring helpers for the benchmark: timed child processes with their peak memory, folder sizes, a
`chroma run` server on loopback, and the raw encoder's throughput on the pipeline's own chunks."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Timed:
    """A finished child process: wall seconds, peak RSS in MB, exit status and output."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def timed(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Timed:
    """Run a child to the end, measuring wall time and its peak resident memory (``wait4`` rusage)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    # Popen has reaped the child; RUSAGE_CHILDREN holds the largest peak of any child so far, so each
    # measured command runs under a fresh `python -c` wrapper that reports its own child's peak.
    return Timed(round(seconds, 3), _peak_from(err), proc.returncode, out, err)


_WRAPPER = (
    "import os,resource,subprocess,sys;"
    "r=subprocess.run(sys.argv[1:]);"
    "sys.stderr.write('\\n@@peak_rss_kb=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
    "sys.exit(r.returncode)"
)


def qa_command(*args: str) -> list[str]:
    """`python -m qa ARGS` wrapped so that its peak RSS is reported on stderr."""
    return [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "qa", *args]


def _peak_from(stderr: str) -> float:
    for line in reversed(stderr.splitlines()):
        if line.startswith("@@peak_rss_kb="):
            return round(int(line.split("=", 1)[1]) / 1024, 1)
    return 0.0


def folder_mb(path: Path) -> float:
    """Bytes on disk under a folder, in MB."""
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1e6, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(data: Path) -> Iterator[str]:
    """A real `chroma run` on loopback over ``data`` (the embedded store's own folder), stopped after."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("chroma run did not start") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def encoder_throughput(files: list[Path], embed_model: str, batch_size: int, sample: int = 600,
                       seed: int = 7) -> dict[str, float]:
    """Chunks per second of the bare encoder on a seeded sample of the pipeline's own chunks.

    Runs in this process; the releases are parsed and chunked exactly as ingest does, and only the
    ``encode`` call is timed, so ingest's chunks/s divided by this is the pipeline's overhead."""
    from index.chunker import chunk_release
    from index.embedder import load_embedder
    from index.ingest import doc_id_for
    from index.nodes import to_node
    from index.parser import parse_release
    from index.reader import read_release

    rng = random.Random(seed)
    texts: list[str] = []
    for path in rng.sample(files, min(len(files), 200)):
        source = read_release(path)
        release, paras = parse_release(doc_id_for(path), str(path), source.sha256, source.text)
        texts.extend(to_node(c, release).get_content() for c in chunk_release(release, paras))
    texts = rng.sample(texts, min(sample, len(texts)))
    embedder = load_embedder(embed_model, batch_size)
    embedder.get_text_embedding_batch(texts[:8])  # warm-up
    started = time.perf_counter()
    embedder.get_text_embedding_batch(texts)
    seconds = time.perf_counter() - started
    return {"chunks": len(texts), "seconds": round(seconds, 2), "chunks_per_s": round(len(texts) / seconds, 1),
            "mean_chars": round(sum(map(len, texts)) / len(texts))}
