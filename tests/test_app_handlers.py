"""App handlers without a browser: uploads, follow-ups, figure table and chart data (fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.app import ReleaseApp, build_app
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
    good.write_text("**ACME REPORTS RECORD SALES**\n\nMarch 3, 2024 – Acme Robotics Inc. (NASDAQ: ACME) reported record sales.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    message, releases = app.upload([str(good), str(empty), str(exe)])
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
    message, _ = app.upload(paths)
    assert "Added 1" in message and "notes.docx: not a release file" in message


def test_an_upload_never_replaces_another_upload_of_the_same_name(app: ReleaseApp, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, who in ((first, "Jane Roe"), (second, "John Doe")):
        folder.mkdir()
        (folder / "ceo.txt").write_text(f"ACME NAMES CHIEF EXECUTIVE\n\nMarch 3, 2024 – Acme Robotics Inc. named {who} "
                                        "chief executive.\n")
        (folder / "決算短信.txt").write_text(f"ACME RESULTS\n\nMarch 3, 2024 – Acme Robotics Inc. results, {who}.\n")
        (folder / "業績予想.txt").write_text(f"ACME FORECAST\n\nMarch 3, 2024 – Acme Robotics Inc. forecast, {who}.\n")
    message, _ = app.upload([str(p) for p in sorted(first.iterdir())])
    assert "Added 3" in message
    message, _ = app.upload([str(p) for p in sorted(second.iterdir())])
    assert "Added 3, replaced 0" in message  # other content under the same names: kept beside the first
    message, _ = app.upload([str(p) for p in sorted(second.iterdir())])
    assert "Added 0, replaced 0, unchanged 3" in message  # the same files again: the same releases
    assert len(list((app.settings.home / "uploads").iterdir())) == 6


def test_follow_ups_are_rewritten_into_whole_questions() -> None:
    history = [Turn("What was net loss in the quarter ended December 2016?",
                    "What was net loss in the quarter ended December 2016?", "Three Months Ended 31-Dec-16 ...")]
    assert resolve("and a year earlier?", history) == "What was net loss in the quarter ended December 2016 and a year earlier?"
    grade = [Turn("What grade were the proven reserves?", "What grade were the proven reserves?", "WO3 (%) as at June 30, 2013")]
    assert resolve("what about the probable reserves?", grade) == "What was the probable reserves WO3 (%) as at June 30, 2013?"
    assert resolve("Who prepared the reserve estimate?", history) == "Who prepared the reserve estimate?"
    assert resolve("and a year earlier?", []) == "and a year earlier?"


def test_follow_up_in_chat_uses_the_conversation(app: ReleaseApp) -> None:
    history, turns, _ = app.chat("What was gross revenue in the quarter ended December 2016?", [], [])
    history, turns, _ = app.chat("and a year earlier?", history, turns)
    last = history[-1]["content"]
    assert "8,181" in last and "Answering:" in last


def test_figure_table_filter_chart_and_csv(app: ReleaseApp) -> None:
    rows = app.figure_table("gross revenue")
    assert sorted(r[6] for r in rows) == [7060.0, 8181.0]
    frame = app.chart("Gross Revenue [CAD]")
    assert list(frame["value"]) == [8181000.0, 7060000.0]
    text = Path(app.csv_file("gross revenue")).read_text()
    assert text.splitlines()[0].startswith("release,date,metric") and len(text.splitlines()) == 3


def test_examples_come_from_the_store(app: ReleaseApp) -> None:
    examples = app.examples()
    assert examples and all(e.endswith("?") for e in examples)
