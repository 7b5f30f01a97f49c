"""Ingest speed on a folder of real releases: each stage timed per file, pages per second, the encoder's share.

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.documents ../shared/data/earnings

Every file is read (PDF text and tables from page geometry), parsed, chunked and its figures extracted, each
stage timed; then its chunks are encoded with the configured embedding model. Finally the whole folder is
ingested into a fresh store (``qa ingest`` as a user runs it) for the wall time with Chroma writes. Results:
``bench/results/documents.json`` and a Markdown table in ``bench/results/documents.md``.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from index.chunker import chunk_release
from index.embedder import load_embedder
from index.errors import UnreadableRelease
from index.figures import extract_figures
from index.ingest import doc_id_for, ingest
from index.nodes import to_node
from index.parser import parse_release
from index.reader import discover, read_release
from index.settings import Settings
from index.store import Stores

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
_STAGES = ("read", "parse", "chunk", "figures", "encode")


def _file(path: Path, settings: Settings, embedder: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"file": path.name}
    clock = time.perf_counter()
    try:
        source = read_release(path, settings.max_release_mb * 1024 * 1024)
    except UnreadableRelease as exc:
        return row | {"failed": str(exc).split(": ", 1)[-1], "read": time.perf_counter() - clock}
    row["read"] = time.perf_counter() - clock
    row["pages"] = len(source.page_starts) or None
    clock = time.perf_counter()
    release, paras = parse_release(doc_id_for(path), str(path), source.sha256, source.text, source.page_starts)
    row["parse"] = time.perf_counter() - clock
    clock = time.perf_counter()
    chunks = chunk_release(release, paras)
    nodes = [to_node(c, release) for c in chunks]
    row["chunk"] = time.perf_counter() - clock
    clock = time.perf_counter()
    row["figures_count"] = len(extract_figures(release.text, release.doc_id, source.tables, source.page_starts))
    row["figures"] = time.perf_counter() - clock
    clock = time.perf_counter()
    embedder.get_text_embedding_batch([n.get_content() for n in nodes])
    row["encode"] = time.perf_counter() - clock
    row["chunks"] = len(nodes)
    return row


def _markdown(rows: list[dict[str, Any]], total: dict[str, Any]) -> str:
    head = ("| file | pages | chunks | figures | read s | parse s | chunk s | figures s | encode s | "
            "pages/s outside encoding |\n")
    head += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    lines = []
    for r in rows:
        if "failed" in r:
            lines.append(f"| {r['file']} | | | | {r['read']:.2f} | | | | | failed: {r['failed']} |")
            continue
        outside = sum(r[s] for s in _STAGES[:-1])
        rate = f"{r['pages'] / outside:.1f}" if r.get("pages") and outside else ""
        lines.append(f"| {r['file']} | {r.get('pages') or ''} | {r['chunks']} | {r['figures_count']} | "
                     f"{r['read']:.2f} | {r['parse']:.2f} | {r['chunk']:.2f} | {r['figures']:.2f} | "
                     f"{r['encode']:.2f} | {rate} |")
    summary = (f"\n**Folder**: {total['files']} files, {total['pages']} pages; stages outside the encoder "
               f"{total['outside_s']:.1f} s ({total['pages_per_s_outside']:.1f} pages/s), "
               f"encoder {total['encode_s']:.1f} s; "
               f"share of staged time outside the encoder {total['outside_share']:.0%}. Whole `ingest` into a fresh "
               f"store (with Chroma and catalog writes): {total['ingest_wall_s']:.1f} s.\n")
    return head + "\n".join(lines) + "\n" + summary


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=ROOT.parent / "shared" / "data" / "earnings")
@click.option("--out", type=click.Path(path_type=Path), default=ROOT / "bench" / "results")
@click.option("--no-ingest", is_flag=True, help="Time the stages only, not the whole ingest into a store.")
def main(folder: Path, out: Path, no_ingest: bool) -> None:
    """Time each ingest stage on every release in FOLDER, then ingest the folder into a fresh store."""
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(home=Path(home))
        embedder = load_embedder(settings.embed_model, settings.embed_batch_size, settings.embed_tokenizer)
        files, _, _ = discover([folder])
        rows = [_file(path, settings, embedder) for path in files]
        ok = [r for r in rows if "failed" not in r]
        outside = sum(r[s] for r in ok for s in _STAGES[:-1])
        encode = sum(r["encode"] for r in ok)
        pages = sum(r.get("pages") or 0 for r in ok)
        total: dict[str, Any] = {"files": len(rows), "pages": pages, "outside_s": outside, "encode_s": encode,
                                 "pages_per_s_outside": pages / outside if outside else 0.0,
                                 "outside_share": outside / (outside + encode) if outside + encode else 0.0,
                                 "ingest_wall_s": 0.0}
        if not no_ingest:
            clock = time.perf_counter()
            ingest([folder], Stores(settings), embedder)
            total["ingest_wall_s"] = time.perf_counter() - clock
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents.json").write_text(json.dumps({"folder": str(folder), "files": rows, "total": total}, indent=1))
    table = _markdown(rows, total)
    (out / "documents.md").write_text(f"# Ingest stages on `{folder.name}`\n\n" + table)
    click.echo(table)


if __name__ == "__main__":
    main()
