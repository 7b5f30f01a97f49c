"""The app's handlers: asking (scoped, with follow-ups), the source viewer, the figures' table, chart and CSV;
every view of the library read afresh after each change to it (``refresh``; the changes: ``qa.app.changes``)."""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import gradio as gr

from index.errors import ReleaseQAError
from index.records import row_label
from qa.app.api import AnswerObject
from qa.app.changes import LibraryChanges
from qa.app.library import Library
from qa.app.viewer import Cited, page_image, view
from qa.app.views import chart_points, escape, figure_rows, refusal_note, release_rows, render_answer
from qa.conversation import Turn, leans, resolve
from qa.engine import Engine
from qa.language.question import stems
from qa.language.records import Answer
from qa.retrieval.filters import AskFilters

logger = logging.getLogger(__name__)
CHART_COLUMNS = ("period", "value", "series", "release", "as printed")


class ReleaseApp(LibraryChanges):
    """Handlers behind the app; questions in parallel, one library change at a time (``LibraryChanges``)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self._csv_folder: Path | None = None  # the figures' CSV files, one per filter, removed at exit
        self._read: tuple[str, Library] | None = None  # the library as last read, with the catalog's fingerprint

    def library(self) -> Library:
        """The library as it is now, read again only when the catalog has changed (an upload, a removal, a
        re-ingest, another process's ingest): a refresh, each filter keystroke and each chart share one read."""
        fingerprint = self.stores.catalog.fingerprint()
        read = self._read
        if read is None or read[0] != fingerprint:
            read = self._read = (fingerprint, Library.read(self.stores))
        return read[1]

    # Ask
    def ask_api(self, question: str, doc: str = "", company: str = "", since: str = "", until: str = "",
                earlier: list[str] | None = None) -> AnswerObject:
        """The same answer object as `qa ask --json`; ``doc``, ``company``, ``since`` and ``until`` limit the
        releases that may answer, as the command's options do (empty: no limit). ``earlier``: the questions
        asked before in this conversation, oldest first (each answer's ``resolved_question``), so that a
        follow-up ("and a year earlier?") is rewritten into a whole question, given back as ``resolved_question``."""
        try:
            if not (question or "").strip():
                raise ReleaseQAError("the question is empty: ask something about the releases")
            filters = AskFilters.parse(doc, company, since, until)
            if isinstance(earlier, str) or not all(isinstance(q, str) for q in earlier or []):
                raise ReleaseQAError("earlier must be a list of the questions asked before, oldest first")
            turns = self._turns(question, [q for q in earlier or [] if q.strip()], filters)
            resolved = resolve(question, turns)
            answer: AnswerObject = {**self.engine.ask(resolved, filters=filters).as_dict(),  # type: ignore[typeddict-item]
                                    "resolved_question": resolved}
            return answer
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
            if not turns and leans(question) and len(stems(question)) <= 3:  # "and a year earlier?" in a new chat
                raise ReleaseQAError("This reads as a follow-up, but there is no earlier question in this "
                                     "conversation: ask the whole question.")
            answer = self.engine.ask(resolved, filters=AskFilters.parse(doc, company, since, until))
            content = render_answer(answer, self.stores.catalog.text_window) + refusal_note(
                answer, self.engine.threshold, list(self.engine.snapshot().entries.values()), self._row_labels)
            if not answer.found and (doc or company or since or until):
                content += ("<p class='qa-scope'>" + escape("Only the releases in the scope were read: "
                                                            + scope_text(doc, company, since, until) + ".") + "</p>")
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
        entries = self.engine.snapshot().entries
        choices = [(c.label(entries.get(c.doc_id)), c.n) for c in cited]
        return (history, turns, "", [asdict(c) for c in cited],
                gr.Dropdown(choices=choices, value=choices[0][1] if choices else None))

    def _row_labels(self) -> list[str]:
        """Every stored table row's label under its heading, for a refused figure question's hint."""
        return sorted({row_label(r, p) for r, p in self.stores.figures.label_pairs()})

    def view(self, n: int | None, cited: list[dict[str, Any]]) -> tuple[str, Any]:
        """The viewer for citation ``n`` of the last answer: its release at the passage (a table row in its
        table), and the PDF page it is on when there is one."""
        chosen = next((Cited(**{**c, "columns": tuple(c["columns"])}) for c in cited or [] if c["n"] == n), None)
        if chosen is None:
            return ("<p>Ask a question: its sources open here, in their releases.</p>",
                    gr.Image(value=None, visible=False))
        entry = self.engine.snapshot().entries.get(chosen.doc_id)
        html = view(chosen, entry, self.stores.catalog.text(chosen.doc_id), self.stores.figures.all(chosen.doc_id))
        image, why = page_image(entry, chosen.page)
        if why:  # a PDF whose page cannot be shown: said, the text above still shows the passage
            html += f"<p class='qa-no-page'>{escape(f'Page {chosen.page} is not shown: {why}.')}</p>"
        return html, gr.Image(value=image, visible=image is not None, label=f"page {chosen.page}")

    # Figures
    def figure_table(self, metric: str = "", doc_id: str = "", library: Library | None = None
                     ) -> tuple[list[list[Any]], str]:
        """The figures whose metric holds ``metric`` (any case), of one release or all, and their CSV's path
        (``library``: as already read, else read now)."""
        library = library or self.library()
        figures = library.figures if not doc_id else [f for f in library.figures if f.doc_id == doc_id]
        needle = (metric or "").strip().lower()
        if needle:
            figures = [f for f in figures if needle in f.label.lower()]
        return figure_rows(figures, {e.doc_id: e for e in library.entries}), library.csv_file(figures, self._csvs())

    def _csvs(self) -> Path:
        if self._csv_folder is None:
            self._csv_folder = Path(tempfile.mkdtemp(prefix="release-qa-csv-"))
            atexit.register(shutil.rmtree, self._csv_folder, ignore_errors=True)
        return self._csv_folder

    def chart_data(self, metric: str, others: list[str] | None = None) -> tuple[Any, str]:
        """The chart's points (a DataFrame: period, value, series, release, as printed) of ``metric`` and of
        ``others`` charted with it (the same line item named otherwise by other releases: "Gross Revenue"
        beside "Revenue"), each series then named by its metric too; and the value axis's title."""
        import pandas as pd

        library = self.library()
        titles = {e.doc_id: f"{e.date or 'undated'} · {e.title}" for e in library.entries}
        chosen = [m for m in dict.fromkeys([metric, *(others or [])]) if m]
        charted = [chart_points(library.figures, name, titles) for name in chosen]
        if len({axis for _, axis in charted}) > 1:  # metrics printed in other scales share the axis in units
            charted = [chart_points(library.figures, name, titles, 1) for name in chosen]
        points: list[dict[str, Any]] = []
        axes = [axis for _, axis in charted]
        for name, (found, _) in zip(chosen, charted):
            for p in found:
                points.append({**p, "series": f"{name} · {p['series']}"} if len(chosen) > 1 else p)
        return (pd.DataFrame(points, columns=list(CHART_COLUMNS)),
                " / ".join(dict.fromkeys(a for a in axes if a)) or "value")

    def refresh(self, metric: str, doc_id: str, picked: str | None, company: str, scope_doc: str,
                version: int = 0, others: list[str] | None = None, chosen: str | None = None) -> tuple[Any, ...]:
        """Every view of the library as it is now: summary, examples, scope choices, figures table and CSV,
        chart choices, the library's version (the chart is drawn again when it changes), releases table, the
        release to remove or re-ingest (``chosen``), and the metrics charted beside the chosen one; choices kept
        where they still exist."""
        library = self.library()
        everything = library.release_choices(everything=True)
        kept = {v for _, v in everything}
        doc_id, scope_doc = (doc_id if doc_id in kept else ""), (scope_doc if scope_doc in kept else "")
        companies = sorted({e.company for e in library.entries if e.company})
        company = company if company in companies else ""
        metrics = library.metrics()
        picked = picked if picked in metrics else (metrics[0] if metrics else None)
        rows, csv_path = self.figure_table(metric, doc_id, library)
        counts = Counter(f.doc_id for f in library.figures)
        return (library.summary(), gr.Dataset(samples=[[q] for q in library.examples()]),
                gr.Dropdown(choices=[("All companies", ""), *[(c, c) for c in companies]], value=company),
                gr.Dropdown(choices=everything, value=scope_doc), gr.Dropdown(choices=everything, value=doc_id),
                rows, csv_path, gr.Dropdown(choices=metrics, value=picked), version + 1,
                release_rows(library.entries, counts),
                gr.Dropdown(choices=library.release_choices(), value=chosen if chosen in kept else None),
                gr.Dropdown(choices=beside(metrics, picked), value=[m for m in others or [] if m in metrics],
                            multiselect=True))

    def metric_chosen(self, metric: str | None) -> Any:
        """The metrics that may be charted beside a newly chosen one (those in its unit), none chosen yet."""
        return gr.Dropdown(choices=beside(self.library().metrics(), metric), value=[], multiselect=True)


def beside(metrics: list[str], metric: str | None) -> list[str]:
    """The metrics in the same unit as ``metric`` ("[CAD]"), itself left out: what may be charted with it."""
    unit = metric.rsplit("[", 1)[-1] if metric and metric.endswith("]") else None
    return [m for m in metrics if m != metric and (unit is None or m.endswith("[" + unit))]


def scope_text(doc: str, company: str, since: str, until: str) -> str:
    """A scope in words: "Acme Corp. · release acme-q3-results · since 2016"."""
    parts = [company, f"release {doc}" if doc else "", f"since {since}" if since else "",
             f"until {until}" if until else ""]
    return " · ".join(p for p in parts if p) or "all releases"


def _figure_context(answer: Answer) -> str:
    """The column and period an answer's first figure is for ("three months ended December 31, 2016"), which
    a follow-up about another metric keeps."""
    if not answer.figures:
        return ""
    f = answer.figures[0]
    return f"{f.get('column') or ''} {f['period']}".strip()
