"""The Gradio app: Ask (chat with cited sources), Figures (table, chart, CSV), Releases (list, upload)."""

from __future__ import annotations

import contextvars
import csv
import filecmp
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import gradio as gr
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.embedder import model_path
from index.errors import ReleaseQAError, StoreError, writing
from index.ingest import IngestReport, ingest
from index.settings import Settings
from index.store import Stores
from qa.app_views import (
    FIGURE_COLUMNS,
    RELEASE_COLUMNS,
    chart_points,
    escape,
    figure_rows,
    metric_names,
    release_rows,
    render_answer,
)
from qa.conversation import Turn, resolve
from qa.engine import Engine
from qa.figure_text import describe_period, spreadsheet_cell
from qa.filters import AskFilters

logger = logging.getLogger(__name__)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
CSS = """
.qa-source summary { cursor: pointer; } .qa-context { font-size: 0.9em; color: #444; }
.qa-figures { border-collapse: collapse; margin: 6px 0; } .qa-figures td, .qa-figures th { border: 1px solid #ccc; padding: 2px 6px; }
mark { background: #fff3a8; }
"""


class ReleaseApp:
    """Handlers behind the app; one ingest at a time, questions in parallel."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings: Settings = engine.settings
        self._ingest_lock = threading.Lock()
        self._single_thread_embedder: BaseEmbedding | None = None

    @property
    def stores(self) -> Stores:
        """The engine's stores, which it reopens after another process's ingest."""
        return self.engine.stores

    # Ask
    def ask_api(self, question: str, doc: str = "", company: str = "", since: str = "", until: str = "") -> dict[str, Any]:
        """The same answer object as `qa ask --json`; ``doc``, ``company``, ``since`` and ``until`` limit the
        releases that may answer, as the command's options do (empty: no limit)."""
        try:
            return self.engine.ask(question, filters=AskFilters.parse(doc, company, since, until)).as_dict()
        except ReleaseQAError as exc:  # a bad date, a filter no release matches, an empty question: said plainly
            raise gr.Error(str(exc)) from exc

    def chat(self, question: str, history: list[dict[str, str]], turns: list[Turn]) -> tuple[Any, Any, Any]:
        question = (question or "").strip()
        if not question:
            return history, turns, ""
        resolved = resolve(question, turns)
        try:
            answer = self.engine.ask(resolved)
            content = render_answer(answer, self.stores.catalog.text)
        except Exception as exc:  # shown to the user, never a blank screen
            logger.exception("answering failed")
            answer, content = None, f"Sorry, that question could not be answered: {exc}"
        if resolved != question:
            content = f"<p><i>Answering: {escape(resolved)}</i></p>" + content
        context = ""
        if answer is not None and answer.figures:
            f = answer.figures[0]
            context = f"{f.get('column') or ''} {f['period']}".strip()
        turns = [*turns, Turn(question, resolved, context)]
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": content}]
        return history, turns, ""

    def examples(self) -> list[str]:
        """Example questions made from what is ingested (no corpus is assumed)."""
        out = []
        figures = [f for f in self.stores.figures.all() if f.value is not None and f.period_end]
        if figures:
            out.append(f"What was {figures[0].row_label.lower()} {describe_period(figures[0])}?")
        entries = self.stores.catalog.entries()
        if entries and entries[-1].company:
            out.append(f"Who is the chief executive officer of {entries[-1].company}?")
            out.append(f"Where is {entries[-1].company} based?")
        return out or ["What did the company announce?"]

    # Figures
    def figure_table(self, metric: str = "", doc_id: str = "") -> list[list[Any]]:
        entries = {e.doc_id: e for e in self.stores.catalog.entries()}
        figures = self.stores.figures.all(doc_id or None)
        rows = figure_rows(figures, entries)
        needle = (metric or "").strip().lower()
        return [r for r in rows if needle in str(r[2]).lower()] if needle else rows

    def chart(self, metric: str) -> Any:
        import pandas as pd

        points = chart_points(self.stores.figures.all(), metric) if metric else []
        return pd.DataFrame(points or [], columns=["period", "value", "series"])

    def csv_file(self, metric: str = "", doc_id: str = "") -> str:
        path = Path(tempfile.mkdtemp(prefix="release-qa-")) / "figures.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(FIGURE_COLUMNS)
            writer.writerows([[spreadsheet_cell(v) for v in row] for row in self.figure_table(metric, doc_id)])
        return str(path)

    # Releases
    def release_table(self) -> list[list[Any]]:
        entries = self.stores.catalog.entries()
        return release_rows(entries, {e.doc_id: self.stores.figures.count(e.doc_id) for e in entries})

    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[str, Any]:  # noqa: B008 (gradio injects it)
        if not files:
            return "Choose one or more release files first.", self.release_table()
        refused: list[str] = []
        targets: list[Path] = []
        with self._ingest_lock:  # one upload at a time, from saving its files to dropping the unused ones
            try:
                self._save_uploads(files, refused, targets)
                report = self._ingest(targets) if targets else None
            except StoreError as exc:  # a read-only or full QA_HOME: said plainly, what was stored stays
                logger.warning("upload not ingested: %s", exc)
                return escape(f"Could not ingest the upload: {exc}"), self.release_table()
            finally:
                self._drop_unused(targets)
        lines = [f"- skipped {r}" for r in refused]
        if report is not None:
            lines.insert(0, f"Added {len(report.added)}, replaced {len(report.replaced)}, unchanged {len(report.unchanged)}, "
                            f"duplicates {len(report.duplicates)}; {report.chunks} passages, {report.figures} figures.")
            lines += [f"- skipped {Path(f['path']).name}: {f['reason']}" for f in report.failed]
            lines += [f"- {doc_id}: no release date found" for doc_id in report.undated]
            lines += [f"- {doc_id}: issuer not found" for doc_id in report.unattributed]
            lines += [f"- {Path(d['path']).name} is the same as {d['same_as']}" for d in report.duplicates]
        return "\n".join(escape(line) for line in lines), self.release_table()

    def _save_uploads(self, files: list[str], refused: list[str], targets: list[Path]) -> None:
        """Copy the uploaded files into QA_HOME/uploads, appending each to ``targets`` as it is written (so
        that an upload failing halfway leaves nothing behind that no release comes from)."""
        folder = self.settings.home / "uploads"
        with writing(self.settings.home, f"save uploads in {folder}"):
            folder.mkdir(parents=True, exist_ok=True)
            for raw in files:
                source = Path(raw)
                name = safe_name(source.name)
                if source.suffix.lower() not in UPLOAD_TYPES:
                    refused.append(f"{name}: not a release file ({', '.join(UPLOAD_TYPES)})")
                    continue
                if source.stat().st_size > self.settings.max_release_mb * 1024 * 1024:
                    refused.append(f"{name}: larger than {self.settings.max_release_mb} MB")
                    continue
                target = upload_target(folder, name, source)
                targets.append(target)
                shutil.copyfile(source, target)

    def _drop_unused(self, saved: list[Path]) -> None:
        """Remove the saved uploads no release came from (unreadable, duplicates, an ingest that failed), so
        that failed uploads do not pile up under QA_HOME."""
        used = {Path(e.path).resolve() for e in self.stores.catalog.entries()}
        for path in saved:
            if path.resolve() not in used:
                path.unlink(missing_ok=True)

    def _ingest(self, targets: list[Path]) -> IngestReport:
        """Ingest on a thread of its own at a lower OS priority (with a one-thread ONNX session when the model
        is ONNX), so questions asked meanwhile keep the CPU; the caller holds the upload lock."""
        outcome: dict[str, Any] = {}

        def work() -> None:
            background_priority()
            try:
                outcome["report"] = ingest(targets, self.stores, self._ingest_embedder(), progress=True)
            except BaseException as exc:  # re-raised on the caller's thread
                outcome["error"] = exc

        context = contextvars.copy_context()  # gradio's progress tracking lives in context variables
        worker = threading.Thread(target=context.run, args=(work,), name="release-qa-ingest", daemon=True)
        worker.start()
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        report: IngestReport = outcome["report"]
        return report

    def _ingest_embedder(self) -> BaseEmbedding:
        if self._single_thread_embedder is None:
            self._single_thread_embedder = single_thread_embedder(self.engine.embedder, self.settings)
        return self._single_thread_embedder


def background_priority(niceness: int = 10) -> None:
    """Lower the calling thread's OS priority (Linux sets it per thread), so an ingest yields to questions."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, max(niceness, os.getpriority(os.PRIO_PROCESS, thread)))
    except (AttributeError, OSError) as exc:  # not Linux, or not permitted: ingest at normal priority
        logger.info("could not lower the ingest thread's priority: %s", exc)


def single_thread_embedder(embedder: BaseEmbedding, settings: Settings) -> BaseEmbedding:
    """For an ONNX model, a second session with one intra-op thread, so all of an ingest's encoding runs on
    the (lowered) ingest thread instead of onnxruntime's pool at normal priority; otherwise ``embedder``."""
    if type(embedder).__name__ != "OnnxEmbedder":
        return embedder
    from index.onnx_embedder import OnnxEmbedder

    model_file = Path(embedder.model_name)
    tokenizer = model_file.parent / "tokenizer.json"
    if not tokenizer.is_file():
        tokenizer = model_path(settings.embed_tokenizer) / "tokenizer.json"
    return OnnxEmbedder(model_file, tokenizer, batch_size=embedder.embed_batch_size, workers=1)


def safe_name(name: str) -> str:
    """A file name that cannot leave the upload folder (letters of any script kept)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.-]+", "_", base).lstrip(".")
    return cleaned[:120] or "release.txt"


def upload_target(folder: Path, name: str, source: Path) -> Path:
    """Where an upload named ``name`` is kept: under its name, unless an earlier upload of that name holds
    other content; then under its name and its content's hash, so that an upload never replaces a release it
    did not come from (the same file uploaded again is the same release, unchanged)."""
    target = folder / name
    if not target.exists() or filecmp.cmp(target, source, shallow=False):
        return target
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    return folder / f"{target.stem}-{digest}{target.suffix}"


def build_app(engine: Engine) -> gr.Blocks:
    app = ReleaseApp(engine)
    with gr.Blocks(title="Release QA", analytics_enabled=False) as demo:  # nothing is sent to gradio.app
        gr.Markdown("## Release QA\nAsk questions of the ingested press releases. Answers quote the releases and cite them.")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                chat = gr.Chatbot(label="Release QA", height=520, elem_id="chat", sanitize_html=True,
                                  allow_tags=False, feedback_options=None)
                turns = gr.State([])
                with gr.Row():
                    box = gr.Textbox(placeholder="e.g. What was net loss in the latest quarter?", show_label=False,
                                     elem_id="question", scale=8, max_lines=3)
                    send = gr.Button("Ask", variant="primary", elem_id="ask-button", scale=1)
                gr.Examples(examples=[[q] for q in app.examples()], inputs=[box], label="Examples")
            with gr.Tab("Figures", id="figures", elem_id="figures-tab"):
                with gr.Row():
                    metric_filter = gr.Textbox(label="Filter by metric", scale=3)
                    docs = [e.doc_id for e in engine.stores.catalog.entries()]
                    doc_filter = gr.Dropdown(choices=["", *docs], value="", label="Release", scale=3)
                    download = gr.DownloadButton("Download CSV", scale=1)
                table = gr.Dataframe(value=app.figure_table(), headers=FIGURE_COLUMNS, interactive=False,
                                     elem_id="figures-table", max_height=360)
                metrics = metric_names(engine.stores.figures.all())
                metric_pick = gr.Dropdown(choices=metrics, value=metrics[0] if metrics else None, label="Chart a metric over periods")
                chart = gr.LinePlot(value=app.chart(metrics[0] if metrics else ""), x="period", y="value", color="series",
                                    elem_id="figure-chart", height=300, title="Value over periods (scaled to units)")
            with gr.Tab("Releases", id="releases"):
                releases = gr.Dataframe(value=app.release_table(), headers=RELEASE_COLUMNS, interactive=False)
                files = gr.File(file_count="multiple", label="Add releases (.txt .md .html .pdf)")
                add = gr.Button("Ingest uploaded releases", elem_id="ingest-button")
                report = gr.Markdown(elem_id="ingest-report")

        send.click(app.chat, [box, chat, turns], [chat, turns, box], api_visibility="private")
        box.submit(app.chat, [box, chat, turns], [chat, turns, box], api_visibility="private")
        for trigger in (metric_filter.change, doc_filter.change):
            trigger(app.figure_table, [metric_filter, doc_filter], table, api_visibility="private")
        metric_pick.change(app.chart, metric_pick, chart, api_visibility="private")
        download.click(app.csv_file, [metric_filter, doc_filter], download, api_visibility="private")
        add.click(app.upload, files, [report, releases], api_visibility="private")
        gr.api(app.ask_api, api_name="ask")
    return demo
