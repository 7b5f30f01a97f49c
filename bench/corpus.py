"""A seeded synthetic press-release corpus for the scale benchmark.

    python -m bench.corpus --size 10000 --out /tmp/synth [--seed 7]

writes ``OUT/releases/<NNNNN>-<company-slug>-<subject>.<ext>`` and ``OUT/questions.jsonl`` (gold rows as
``qa eval`` reads them, plus ``doc``: the release's file name). Release ``i`` depends only on
``(seed, i)`` and the company pool only on ``seed``, so a smaller corpus is a prefix of a larger one.
A company's figures depend only on (seed, company, period), so releases that share a period agree.
Questions are kept only when their answer is stated identically wherever the corpus states it (and
asked once, of the first release stating it); unanswerable ones only when nothing in the corpus states it.
Releases whose file already holds the right bytes are skipped, so an interrupted run resumes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bench.corpus_kinds import build_release
from bench.corpus_model import Release, company_pool

logger = logging.getLogger(__name__)


def make_release(seed: int, i: int) -> Release:
    """Release ``i`` of the corpus for ``seed``: a function of ``(seed, i)`` alone."""
    rng = random.Random(f"{seed}:{i}")
    pool = company_pool(seed)
    return build_release(seed, i, rng, pool[rng.randrange(len(pool))])

def select_questions(releases: list[Release]) -> list[dict[str, Any]]:
    """Gold rows answerable from exactly one consistent fact (or from none, for unanswerable ones)."""
    stated: dict[str, set[str]] = defaultdict(set)
    first: dict[str, int] = {}
    for r in releases:
        for key, answer in r.mentions.items():
            stated[key].add(answer)
            first.setdefault(key, r.index)
    rows: list[dict[str, Any]] = []
    asked: set[str] = set()
    for r in releases:
        for q in r.questions:
            if q.key in asked:
                continue
            ok = q.key not in stated if q.row["answer_type"] == "none" else (
                stated.get(q.key) == {q.answer} and first[q.key] == r.index)
            if ok:
                asked.add(q.key)
                rows.append(q.row)
    return rows


def write_corpus(size: int, out: Path, seed: int = 7, progress: bool = True) -> dict[str, Any]:
    """Write (or complete) the corpus of ``size`` releases under ``out``; return a summary."""
    folder = out / "releases"
    folder.mkdir(parents=True, exist_ok=True)
    releases: list[Release] = []
    written = words = 0
    counts: dict[str, int] = defaultdict(int)
    for i in tqdm(range(size), desc="releases", unit="rel", disable=not progress):
        r = make_release(seed, i)
        releases.append(r)
        path = folder / r.filename
        data = r.content.encode("utf-8")
        if not (path.exists() and path.read_bytes() == data):
            tmp = path.with_name(f".{r.filename}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
            written += 1
        words += len(r.content.split())
        for name in (f"kind:{r.kind}", f"layout:{r.layout}", f"ext:{Path(r.filename).suffix}"):
            counts[name] += 1
    rows = select_questions(releases)
    tmp = out / ".questions.jsonl.tmp"
    tmp.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    os.replace(tmp, out / "questions.jsonl")
    types: dict[str, int] = defaultdict(int)
    for row in rows:
        types[row["answer_type"]] += 1
    logger.info("%d releases (%d written), %d questions", size, written, len(rows))
    return {"releases": size, "written": written, "words": words, "questions": len(rows),
            "answer_types": dict(types), "counts": dict(sorted(counts.items()))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="number of releases")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    logging.basicConfig(level=logging.WARNING)
    summary = write_corpus(args.size, args.out, args.seed, progress=not args.quiet)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
