"""The app's handlers: asking (scoped, with follow-ups), the figures' table, chart and CSV, and the library
(upload, remove, re-ingest); every view of the library is read afresh after each change (``refresh``)."""

from __future__ import annotations

import contextvars
import logging
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

import gradio as gr
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.errors import ReleaseQAError, StoreError
from index.ingest import IngestReport, ingest
from index.removal import reingest, remove
from index.settings import Settings
from index.store import Stores
from qa.app_library import Library
from qa.app_views import chart_points, escape, figure_rows, refusal_note, release_rows, render_answer
from qa.conversation import Turn, leans, resolve
from qa.engine import Engine
from qa.filters import AskFilters
from qa.records import Answer
from qa.release_viewer import Cited, page_image, view
from qa.uploads import background_priority, drop_unused, drop_upload, save_uploads, single_thread_embedder

logger = logging.getLogger(__name__)
CHART_COLUMNS = ["period", "value", "series", "release", "as printed"]


class ReleaseApp:
    """Handlers behind the app; one library change (upload, removal) at a time, questions in parallel."""

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
    def ask_api(self, question: str, doc: str = "", company: str = "", since: str = "", until: str = "",
                earlier: list[str] | None = None) -> dict[str, Any]:
        """The same answer object as `qa ask --json`; ``doc``, ``company``, ``since`` and ``until`` limit the
        releases that may answer, as the command's options do (empty: no limit). ``earlier``: the questions
        asked before in this conversation, oldest first (each answer's ``resolved_question``), so that a
        follow-up ("and a year earlier?") is rewritten into a whole question, given back as ``resolved_question``."""
        try:
            if not (question or "").strip():
                raise ReleaseQAError("the question is empty: ask something about the releases")
            filters = AskFilters.parse(doc, company, since, until)
            turns = self._turns(question, [q for q in earlier or [] if q.strip()], filters)
            resolved = resolve(question, turns)
            return {**self.engine.ask(resolved, filters=filters).as_dict(), "resolved_question": resolved}
        except ReleaseQAError as exc:  # a bad date, a filter no release matches, an empty question: said plainly
            raise gr.Error(str(exc)) from exc

    def _turns(self, question: str, earlier: list[str], filters: AskFilters) -> list[Turn]:
        """The conversation as ``resolve`` needs it: the last earlier question, with the period its figures
        answered for, asked again only when the new question leans on it."""
        if not earlier or not leans(question):
            return []
        return [Turn(earlier[-1], earlier[-1], _figure_context(self.engine.ask(earlier[-1], filters=filters)))]

    def chat(self, question: str, history: list[dict[str, str]], turns: list[Turn], doc: str = "",
             company: str = "", since: str = "", until: str = "") -> tuple[Any, ...]:
        """The conversation with the answer added, the turns it keeps, the emptied question box, and the
        answer's citations for the viewer (their choices, the first chosen)."""
        question = (question or "").strip()
        if not question:
            return history, turns, "", gr.skip(), gr.skip()
        resolved = resolve(question, turns)
        answer = None
        try:
            answer = self.engine.ask(resolved, filters=AskFilters.parse(doc, company, since, until))
            content = render_answer(answer, self.stores.catalog.text) + refusal_note(
                answer, self.engine.threshold, self.stores.catalog.entries())
        except ReleaseQAError as exc:  # a scope no release matches, a bad date: said plainly
            content = f"<p class='qa-answer'>{escape(str(exc))}</p>"
        except Exception as exc:  # shown to the user, never a blank screen
            logger.exception("answering failed")
            content = f"Sorry, that question could not be answered: {escape(str(exc))}"
        if resolved != question:
            content = f"<p class='qa-resolved'><i>Answering: {escape(resolved)}</i></p>" + content
        turns = [*turns, Turn(question, resolved, _figure_context(answer) if answer else "")]
        history = [*history, {"role": "user", "content": escape(question)}, {"role": "assistant", "content": content}]
        cited = Cited.of_answer(answer.as_dict()) if answer else []
        entries = {e.doc_id: e for e in self.stores.catalog.entries()}
        choices = [(c.label(entries.get(c.doc_id)), c.n) for c in cited]
        return (history, turns, "", [asdict(c) for c in cited],
                gr.Dropdown(choices=choices, value=choices[0][1] if choices else None))

    def view(self, n: int | None, cited: list[dict[str, Any]]) -> tuple[str, Any]:
        """The viewer for citation ``n`` of the last answer: its release at the passage (a table row in its
        table), and the PDF page it is on when there is one."""
        chosen = next((Cited(**{**c, "columns": tuple(c["columns"])}) for c in cited or [] if c["n"] == n), None)
        if chosen is None:
            return "<p>Ask a question: its sources open here, in their releases.</p>", gr.Image(value=None, visible=False)
        entry = next((e for e in self.stores.catalog.entries() if e.doc_id == chosen.doc_id), None)
        html = view(chosen, entry, self.stores.catalog.text(chosen.doc_id), self.stores.figures.all(chosen.doc_id))
        image = page_image(entry, chosen.page)
        return html, gr.Image(value=image, visible=image is not None, label=f"page {chosen.page}")

    # Figures
    def figure_table(self, metric: str = "", doc_id: str = "") -> tuple[list[list[Any]], str]:
        """The figures whose metric holds ``metric`` (any case), of one release or all, and their CSV's path."""
        library = Library.read(self.stores)
        figures = library.figures if not doc_id else [f for f in library.figures if f.doc_id == doc_id]
        needle = (metric or "").strip().lower()
        if needle:
            figures = [f for f in figures if needle in f"{f.parent_label or ''}: {f.row_label}".lower()]
        return figure_rows(figures, {e.doc_id: e for e in library.entries}), library.csv_file(figures)

    def chart_data(self, metric: str) -> tuple[Any, str]:
        """One metric's chart points (a DataFrame: period, value, series, release, as printed) and the value
        axis's title ("CAD (thousands)")."""
        import pandas as pd

        library = Library.read(self.stores)
        titles = {e.doc_id: f"{e.date or 'undated'} · {e.title}" for e in library.entries}
        points, y_title = chart_points(library.figures, metric, titles) if metric else ([], "")
        return pd.DataFrame(points, columns=CHART_COLUMNS), y_title or "value"

    # Releases
    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008 (gradio injects it)
        if not files:
            return "Choose one or more release files first."
        refused: list[str] = []
        targets: list[Path] = []
        with self._ingest_lock:  # one library change at a time, from saving the files to dropping unused ones
            try:
                save_uploads(files, self.settings, refused, targets)
                report = self._ingest(targets) if targets else None
            except StoreError as exc:  # a read-only or full QA_HOME: said plainly, what was stored stays
                logger.warning("upload not ingested: %s", exc)
                return escape(f"Could not ingest the upload: {exc}")
            finally:
                drop_unused(targets, self.stores.catalog.entries())
        lines = [f"- skipped {r}" for r in refused]
        if report is not None:
            lines.insert(0, f"Added {len(report.added)}, replaced {len(report.replaced)}, unchanged {len(report.unchanged)}, "
                            f"duplicates {len(report.duplicates)}; {report.chunks} passages, {report.figures} figures.")
            lines += [f"- skipped {Path(f['path']).name}: {f['reason']}" for f in report.failed]
            lines += [f"- {doc_id}: no release date found" for doc_id in report.undated]
            lines += [f"- {doc_id}: issuer not found" for doc_id in report.unattributed]
            lines += [f"- {Path(d['path']).name} is the same as {d['same_as']}" for d in report.duplicates]
        return "\n".join(escape(line) for line in lines)

    def remove_release(self, doc_id: str | None) -> str:
        """Remove a release from every store (and its kept copy, when it was uploaded here)."""
        if not doc_id:
            return "Choose a release to remove first."
        with self._ingest_lock:
            try:
                path = self.stores.catalog.path_of(doc_id)
                report = remove([doc_id], self.stores)
            except ReleaseQAError as exc:
                return escape(f"Could not remove {doc_id}: {exc}")
            dropped = drop_upload(path, self.settings) if path else False
        return escape(f"Removed {doc_id}: {report.chunks} passages and {report.figures} figures"
                      f"{' (and its uploaded file)' if dropped else ''}.")

    def reingest_release(self, doc_id: str | None) -> str:
        """Read a release again from its file, with this version's parser."""
        if not doc_id:
            return "Choose a release to re-ingest first."
        with self._ingest_lock:
            try:
                report = reingest(doc_id, self.stores, self.engine.embedder)
            except ReleaseQAError as exc:
                return escape(f"Could not re-ingest {doc_id}: {exc}")
        failed = "; ".join(f"{Path(f['path']).name}: {f['reason']}" for f in report.failed)
        return escape(f"Re-ingested {doc_id}: {report.chunks} passages, {report.figures} figures."
                      if report.added else f"Could not re-ingest {doc_id}: {failed or 'nothing was read'}")

    def refresh(self, metric: str, doc_id: str, picked: str | None, company: str, scope_doc: str,
                version: int = 0) -> tuple[Any, ...]:
        """Every view of the library as it is now: summary, examples, scope choices, figures table and CSV,
        chart choices, the library's version (the chart is drawn again when it changes), releases table and
        the release to remove; choices kept where they still exist."""
        library = Library.read(self.stores)
        everything = library.release_choices(everything=True)
        kept = {v for _, v in everything}
        doc_id, scope_doc = (doc_id if doc_id in kept else ""), (scope_doc if scope_doc in kept else "")
        companies = sorted({e.company for e in library.entries if e.company})
        company = company if company in companies else ""
        metrics = library.metrics()
        picked = picked if picked in metrics else (metrics[0] if metrics else None)
        rows, csv_path = self.figure_table(metric, doc_id)
        counts = {e.doc_id: self.stores.figures.count(e.doc_id) for e in library.entries}
        return (library.summary(), gr.Dataset(samples=[[q] for q in library.examples()]),
                gr.Dropdown(choices=[("All companies", ""), *[(c, c) for c in companies]], value=company),
                gr.Dropdown(choices=everything, value=scope_doc), gr.Dropdown(choices=everything, value=doc_id),
                rows, csv_path, gr.Dropdown(choices=metrics, value=picked), version + 1,
                release_rows(library.entries, counts), gr.Dropdown(choices=library.release_choices(), value=None))

    def _ingest(self, targets: list[Path]) -> IngestReport:
        """Ingest on a thread of its own at a lower OS priority (with a one-thread ONNX session when the model
        is ONNX), so questions asked meanwhile keep the CPU; the caller holds the library lock."""
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


def _figure_context(answer: Answer) -> str:
    """The column and period an answer's first figure is for ("three months ended December 31, 2016"), which
    a follow-up about another metric keeps."""
    if not answer.figures:
        return ""
    f = answer.figures[0]
    return f"{f.get('column') or ''} {f['period']}".strip()
