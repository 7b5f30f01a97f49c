"""The app's changes to the library (upload, remove, re-ingest), made through ``index``'s functions one at a
time, on a thread of lower OS priority with a one-thread embedder, so that questions asked meanwhile stay
fast; each says what it did as escaped HTML."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import gradio as gr
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.errors import ReleaseQAError
from index.ingest import IngestReport, ingest
from index.removal import reingest, remove
from index.settings import Settings
from index.store import Stores
from index.uploads import background_priority, drop_unused, save_uploads, single_thread_embedder
from qa.app.views import escape
from qa.engine import Engine

logger = logging.getLogger(__name__)
T = TypeVar("T")


def report_html(lines: list[str]) -> str:
    """A report as HTML: its first line, then the rest as a list; every line escaped."""
    if not lines:
        return ""
    rest = "".join(f"<li>{escape(line)}</li>" for line in lines[1:])
    return f"<p>{escape(lines[0])}</p>" + (f"<ul>{rest}</ul>" if rest else "")


class LibraryChanges:
    """Upload, remove and re-ingest handlers; the subclass provides ``engine``."""

    engine: Engine
    _single_thread_embedder: BaseEmbedding | None = None

    def __init__(self) -> None:
        self._change_lock = threading.Lock()  # one change at a time, from saving files to dropping unused ones

    @property
    def settings(self) -> Settings:
        return self.engine.settings

    @property
    def stores(self) -> Stores:
        """The engine's stores, which it reopens after another process's ingest."""
        return self.engine.stores

    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008 (gradio injects it)
        if not files:
            return report_html(["Choose one or more release files first."])
        refused: list[str] = []
        targets: list[Path] = []
        report: IngestReport | None = None
        with self._change_lock:
            try:
                save_uploads(files, self.settings, refused, targets)
                if targets:
                    report = self._in_background(
                        lambda: ingest(targets, self.stores, self._ingest_embedder(), progress=True))
            except ReleaseQAError as exc:  # a read-only or full QA_HOME: said plainly, what was stored stays
                logger.warning("upload not ingested: %s", exc)
                return report_html([f"Could not ingest the upload: {exc}"])
            finally:
                drop_unused(targets, self.stores.catalog.entries())
        lines = [f"skipped {r}" for r in refused]
        if report is not None:
            lines.insert(0, f"Added {len(report.added)}, replaced {len(report.replaced)}, "
                            f"unchanged {len(report.unchanged)}, "
                            f"duplicates {len(report.duplicates)}; {report.chunks} passages, {report.figures} figures.")
            lines += _problems(report)
        return report_html(lines or ["Nothing was ingested."])

    def remove_release(self, doc_id: str | None) -> str:
        """Remove a release from every store (and its kept copy, when it was uploaded here)."""
        if not doc_id:
            return report_html(["Nothing removed: choose a release, then confirm."])
        with self._change_lock:
            try:
                done = self._in_background(lambda: remove([doc_id], self.stores))
            except ReleaseQAError as exc:
                return report_html([f"Could not remove {doc_id}: {exc}"])
        uploaded = " and its uploaded file" if done.uploads else ""
        return report_html([f"Removed {doc_id}: {done.chunks} passages and {done.figures} figures{uploaded}."])

    def reingest_release(self, doc_id: str | None) -> str:
        """Read a release again from its file, with this version's parser; it stays as it was if that fails."""
        if not doc_id:
            return report_html(["Choose a release to re-ingest first."])
        with self._change_lock:
            try:
                report = self._in_background(
                    lambda: reingest(doc_id, self.stores, self._ingest_embedder(), progress=True))
            except ReleaseQAError as exc:
                return report_html([f"Could not re-ingest {doc_id}: {exc}"])
        if report.added or report.replaced:
            return report_html([f"Re-ingested {doc_id}: {report.chunks} passages, {report.figures} figures.",
                                *_problems(report)])
        return report_html([f"Could not re-ingest {doc_id}; it is kept as it was.", *_problems(report)])

    def _in_background(self, work: Callable[[], T]) -> T:
        """``work`` run on a thread of its own at a lower OS priority; its result, or its error re-raised here."""
        outcome: dict[str, Any] = {}

        def run() -> None:
            background_priority()
            try:
                outcome["result"] = work()
            except BaseException as exc:  # re-raised on the caller's thread
                outcome["error"] = exc

        context = contextvars.copy_context()  # gradio's progress tracking lives in context variables
        worker = threading.Thread(target=context.run, args=(run,), name="release-qa-change", daemon=True)
        worker.start()
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        result: T = outcome["result"]
        return result

    def _ingest_embedder(self) -> BaseEmbedding:
        if self._single_thread_embedder is None:
            self._single_thread_embedder = single_thread_embedder(self.engine.embedder)
        return self._single_thread_embedder


def _problems(report: IngestReport) -> list[str]:
    return ([f"skipped {Path(f['path']).name}: {f['reason']}" for f in report.failed]
            + [f"{doc_id}: no release date found" for doc_id in report.undated]
            + [f"{doc_id}: issuer not found" for doc_id in report.unattributed]
            + [f"{Path(d['path']).name} is the same as {d['same_as']}" for d in report.duplicates])
