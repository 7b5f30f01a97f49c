"""App handlers without a browser: uploads, follow-ups, figure table and chart data (fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import ingest
from index.records import Figure
from index.settings import Settings
from index.store import Stores
from qa.app.handlers import ReleaseApp
from qa.app.page import build_app
from qa.conversation import Turn, resolve
from qa.engine import Engine


@pytest.fixture
def app(samples: Path, fake_embedder) -> ReleaseApp:
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([samples], stores, fake_embedder)
    return ReleaseApp(Engine(settings, fake_embedder, stores))


def test_upload_ingests_good_files_and_reports_bad_ones(app: ReleaseApp, tmp_path: Path) -> None:
    good = tmp_path / "acme 2024 results.md"
    good.write_text("**ACME REPORTS RECORD SALES**\n\nMarch 3, 2024 – Acme Robotics Inc. (NASDAQ: ACME) "
                    "reported record sales.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    message = app.upload([str(good), str(empty), str(exe)])
    releases = app.refresh("", "", None, "", "", 0)[9]
    assert "Added 1" in message and "empty.txt" in message and "empty file" in message
    assert "tool.exe: not a release file" in message
    assert any(r[6] == "acme-2024-results" for r in releases)
    assert (app.settings.home / "uploads" / "acme_2024_results.md").exists()
    assert not (app.settings.home / "uploads" / "empty.txt").exists()  # a failed upload is not kept


def test_a_batch_with_an_unsupported_file_keeps_its_good_files(app: ReleaseApp, tmp_path: Path) -> None:
    import gradio as gr
    from gradio.data_classes import FileData, ListFiles

    good = tmp_path / "acme-results.txt"
    good.write_text("ACME REPORTS RECORD SALES\n\nMarch 3, 2024 – Acme Robotics Inc. reported record sales.\n")
    docx = tmp_path / "notes.docx"
    docx.write_bytes(b"PK\x03\x04")
    demo = build_app(app.engine)
    (upload,) = [b for b in demo.blocks.values() if isinstance(b, gr.File)]
    # gradio refused a whole batch holding one file of another type before the handler saw it
    paths = upload.preprocess(ListFiles(root=[FileData(path=str(good)), FileData(path=str(docx))]))
    message = app.upload(paths)
    assert "Added 1" in message and "notes.docx: not a release file" in message


def test_an_upload_never_replaces_another_upload_of_the_same_name(app: ReleaseApp, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, who in ((first, "Jane Roe"), (second, "John Doe")):
        folder.mkdir()
        (folder / "ceo.txt").write_text(f"ACME NAMES CHIEF EXECUTIVE\n\nMarch 3, 2024 – Acme Robotics Inc. named {who} "
                                        "chief executive.\n")
        (folder / "決算短信.txt").write_text(f"ACME RESULTS\n\nMarch 3, 2024 – Acme Robotics Inc. results, {who}.\n")
        (folder / "業績予想.txt").write_text(f"ACME FORECAST\n\nMarch 3, 2024 – Acme Robotics Inc. forecast, {who}.\n")
    message = app.upload([str(p) for p in sorted(first.iterdir())])
    assert "Added 3" in message
    message = app.upload([str(p) for p in sorted(second.iterdir())])
    assert "Added 3, replaced 0" in message  # other content under the same names: kept beside the first
    message = app.upload([str(p) for p in sorted(second.iterdir())])
    assert "Added 0, replaced 0, unchanged 3" in message  # the same files again: the same releases
    assert len(list((app.settings.home / "uploads").iterdir())) == 6


def test_follow_ups_are_rewritten_into_whole_questions() -> None:
    history = [Turn("What was net loss in the quarter ended December 2016?",
                    "What was net loss in the quarter ended December 2016?", "Three Months Ended 31-Dec-16 ...")]
    assert resolve("and a year earlier?", history) == (
        "What was net loss in the quarter ended December 2016 and a year earlier?")
    grade = [Turn("What grade were the proven reserves?", "What grade were the proven reserves?",
                  "WO3 (%) as at June 30, 2013")]
    assert resolve("what about the probable reserves?", grade) == (
        "What was the probable reserves WO3 (%) as at June 30, 2013?")
    assert resolve("Who prepared the reserve estimate?", history) == "Who prepared the reserve estimate?"
    assert resolve("And who prepared the reserve estimate?", history) == "And who prepared the reserve estimate?"
    assert resolve("and a year earlier?", []) == "and a year earlier?"


def test_follow_up_in_chat_uses_the_conversation(app: ReleaseApp) -> None:
    history, turns, *_ = app.chat("What was gross revenue in the quarter ended December 2016?", [], [])
    history, turns, *_ = app.chat("and a year earlier?", history, turns)
    last = history[-1]["content"]
    assert "8,181" in last and "Answering:" in last


def test_the_api_takes_the_earlier_questions_and_says_what_it_answered(app: ReleaseApp) -> None:
    import gradio as gr

    first = app.ask_api("What was gross revenue in the quarter ended December 2016?")
    follow = app.ask_api("and a year earlier?", earlier=[first["resolved_question"]])
    assert follow["resolved_question"].startswith("What was gross revenue in the quarter ended December 2016")
    assert "8,181" in follow["answer"]
    alone = app.ask_api("and a year earlier?")  # no conversation: nothing to lean on, nothing made up
    assert alone["resolved_question"] == "and a year earlier?" and "8,181" not in alone["answer"]
    with pytest.raises(gr.Error, match="the question is empty"):
        app.ask_api("   ")


def test_a_scope_narrows_what_answers_to_its_releases(app: ReleaseApp) -> None:
    question = "What was net loss?"
    everything = app.ask_api(question)
    shown = {c["doc_id"] for c in everything["citations"] + everything["closest"]}
    one = next(iter(shown))
    scoped = app.ask_api(question, doc=one)
    assert {c["doc_id"] for c in scoped["citations"] + scoped["closest"]} == {one}
    _, _, _, cited, _ = app.chat(question, [], [], doc=one)
    assert cited and {c["doc_id"] for c in cited} == {one}  # the viewer's sources too
    dated = app.ask_api(question, since="2016-01", until="2016-12")
    assert {c["doc_id"] for c in dated["citations"] + dated["closest"]} <= {
        e.doc_id for e in app.stores.catalog.entries() if (e.date or "").startswith("2016")}


def test_a_scoped_chat_answers_only_from_its_scope(app: ReleaseApp) -> None:
    history, *_ = app.chat("What was gross revenue in the quarter ended December 2016?", [], [], company="Barrick Gold")
    assert "no ingested release matches" in history[-1]["content"]
    history, *_ = app.chat("What was gross revenue in the quarter ended December 2016?", [], [], since="2017")
    assert "8,181" not in history[-1]["content"] and "7,060" not in history[-1]["content"]


def test_figure_table_filter_chart_and_csv(app: ReleaseApp) -> None:
    import csv

    rows, csv_path = app.figure_table("gross revenue")
    assert sorted(r[2] for r in rows) == [7060.0, 8181.0]
    frame, y_title = app.chart_data("Gross Revenue [CAD]")
    assert list(frame["value"]) == [8181.0, 7060.0] and list(frame["as printed"]) == ["8,181", "7,060"]
    assert y_title == "CAD (thousands)"  # values as printed, in thousands: the axis says so
    both, _ = app.chart_data("Gross Revenue [CAD]", ["Revenue [CAD]"])  # one line item, named otherwise elsewhere
    assert set(both["series"]) == {"Gross Revenue [CAD] · three months ended", "Revenue [CAD] · three months ended",
                                   "Revenue [CAD] · nine months ended"}
    assert len(both) == len(frame) + len(app.chart_data("Revenue [CAD]")[0])
    with open(csv_path, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert len(table) == 2 and {r["value"] for r in table} == {"7060", "8181"}  # the filter's rows, no "690.0"
    titles = {e.doc_id: e.title for e in app.stores.catalog.entries()}
    assert all(r["release"] == titles[r["doc_id"]] for r in table)  # the release's whole title, and its doc id


def test_every_chart_point_is_one_stored_cell_of_its_period(app: ReleaseApp) -> None:
    from qa.app.library import Library
    from qa.app.views import chart_points

    library = Library.read(app.stores)
    for metric in library.metrics():
        points, _ = chart_points(library.figures, metric)
        assert len({(p["period"], p["series"]) for p in points}) == len(points), metric
        for p in points:  # the cell printed as shown, in that period, with that value (in the axis's scale)
            cells = [f for f in library.figures
                     if f.raw == p["as printed"] and p["period"] in (f.period_end, f.fiscal_period, f.column_label)]
            assert any(abs((f.value or 0) * f.scale - p["value"] * s) < 1e-6
                       for f in cells for s in (1, 1e3, 1e6, 1e9)), (metric, p)


def _cell(column: str, period: str, value: float, doc_id: str = "a") -> Figure:
    return Figure(doc_id=doc_id, table_index=0, caption="", row_label="Reserves", parent_label=None,
                  column_label=column, raw=f"{value:,.0f}", value=value, unit="tonnes", scale=1, scale_label=None,
                  period_kind="as_at", period_end=period, fiscal_period=None, row_text="", row_start=0, row_end=0)


def test_a_chart_keeps_each_column_in_one_series_and_a_restated_value_once() -> None:
    from qa.app.views import chart_points

    cells = [_cell("Ore", "2013-12-31", 100), _cell("Contained", "2013-12-31", 7), _cell("Ore", "2014-12-31", 120),
             _cell("Contained", "2014-12-31", 8), _cell("Ore", "2015-12-31", 130)]
    points, axis = chart_points(cells, "Reserves [tonnes]")
    assert [(p["period"], p["series"], p["value"]) for p in points] == [
        ("2013-12-31", "as at · Contained", 7), ("2013-12-31", "as at · Ore", 100),
        ("2014-12-31", "as at · Contained", 8), ("2014-12-31", "as at · Ore", 120),
        ("2015-12-31", "as at · Ore", 130)]  # 2015 stays on the ore line
    assert axis == "tonnes"
    restated = [_cell("2015", "2015-12-31", 90, "old"), _cell("2015", "2015-12-31", 95, "new"),
                _cell("2016", "2016-12-31", 99, "new")]
    points, _ = chart_points(restated, "Reserves [tonnes]", {"old": "2016-01-10 · Old", "new": "2017-01-10 · New"})
    assert [(p["period"], p["value"]) for p in points] == [("2015-12-31", 95), ("2016-12-31", 99)]
    assert points[0]["release"] == "2017-01-10 · New; restates 90 in 2016-01-10 · Old"


def test_removing_a_release_takes_it_out_of_every_view_and_answer(app: ReleaseApp) -> None:
    question = "What was gross revenue in the quarter ended December 2016?"
    assert "7,060" in app.ask_api(question)["answer"]
    doc_id = next(f.doc_id for f in app.stores.figures.all() if f.row_label == "Gross Revenue")
    message = app.remove_release(doc_id)
    assert message.startswith(f"<p>Removed {doc_id}: ")
    summary, _, _, _, doc_filter, rows, _, metric_pick, _, releases, pick, _ = app.refresh("", doc_id, None, "", doc_id)
    assert doc_id not in {r[6] for r in releases} and doc_id not in {v for _, v in pick.choices}
    assert doc_filter.value == ""  # the removed release is no longer the filter
    assert (not any(r[0] == "Gross Revenue" for r in rows)
            and "Gross Revenue [CAD]" not in {v for _, v in metric_pick.choices})
    assert "7,060" not in app.ask_api(question)["answer"]
    assert app.remove_release(doc_id).startswith(f"<p>Could not remove {doc_id}: no ingested release")


def test_examples_and_summary_come_from_the_store(app: ReleaseApp) -> None:
    from qa.app.library import Library

    library = Library.read(app.stores)
    examples = library.examples()
    assert examples and all(e.endswith("?") for e in examples)
    assert library.summary().startswith(f"<p><b>{len(library.entries)} releases</b> from Almonty Industries Inc.")


def test_the_api_publishes_the_answer_schema_it_returns(app: ReleaseApp) -> None:
    from typing import get_type_hints

    from qa.app.api import AnswerObject, CitationObject, FigureObject

    answer = app.ask_api("What was gross revenue in the quarter ended December 2016?")
    assert set(answer) == set(get_type_hints(AnswerObject))
    assert answer["citations"] and all(set(c) == set(get_type_hints(CitationObject)) for c in answer["citations"])
    assert answer["figures"] and all(set(f) == set(get_type_hints(FigureObject)) for f in answer["figures"])
    refused = app.ask_api("Who is the CEO of Barrick Gold?")
    assert all(set(c) == set(get_type_hints(CitationObject)) for c in refused["closest"])
    returns = build_app(app.engine).get_api_info()["named_endpoints"]["/ask"]["returns"][0]["type"]
    assert {"citations", "figures", "confidence", "resolved_question"} <= set(returns["properties"])
    assert returns["properties"]["citations"]["items"]["properties"]["start"]["type"] == "integer"
