"""App handlers without a browser: uploads, follow-ups, figure table and chart data (fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.app import ReleaseApp
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
