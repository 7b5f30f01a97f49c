"""Comparisons across a row's periods, computed from the cells: the year a measure was largest or smallest,
and the years it passed a threshold."""

from __future__ import annotations

from pathlib import Path

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.choice.features import Candidate
from qa.engine import Engine
from qa.figures.comparison import Comparison, comparison_of
from qa.retrieval.filters import AskFilters


def test_the_comparison_a_question_asks() -> None:
    assert comparison_of("In which year was the amount for Sensors the largest?") == Comparison("most")
    assert comparison_of("Which year has the lowest service cost?") == Comparison("least")
    assert comparison_of("In which year was net income less than 100.0 million?") == Comparison("below", 100.0, 1e6)
    assert comparison_of("Which years did expected term exceed 0.5 years?") == Comparison("above", 0.5, 1.0)
    assert comparison_of("What was revenue in 2019?") is None
    assert comparison_of("In which year was revenue larger or smaller than costs?") is None  # both: not one extreme


def _engine_over(folder: Path, name: str, html: str, embedder) -> Engine:
    """An engine over one release ``name`` written into ``folder``."""
    folder.mkdir()
    (folder / name).write_text(html)
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([folder], stores, embedder)
    return Engine(settings, embedder, stores)


def _figure(engine: Engine, question: str, filters: AskFilters | None = None) -> Candidate | None:
    """The figure lookup's candidate for ``question``, or None."""
    candidates = engine.candidates(question, filters=filters).candidates
    return next((c for c in candidates if c.source == "figure"), None)


def test_comparisons_are_answered_from_the_cells_with_both_values(tmp_path: Path, fake_embedder) -> None:
    engine = _engine_over(tmp_path / "one", "kestrel-2019.html",
        "<html><body><h1>Kestrel Pharmaceuticals reports 2019 results</h1>"
        "<p>TORONTO, March 2, 2020 - Kestrel Pharmaceuticals Inc. (TSX: KPH) reported its results.</p>"
        "<p>(in thousands of US dollars)</p><table><thead><tr><th></th><th>2019</th><th>2018</th><th>2017</th></tr>"
        "</thead><tbody><tr><td>Research and development</td><td>4,210</td><td>5,880</td><td>3,975</td></tr>"
        "<tr><td>Net loss</td><td>(1,200)</td><td>(900)</td><td>(2,450)</td></tr></tbody></table></body></html>",
        fake_embedder)
    most = engine.ask("In which year was research and development the largest?")
    assert most.found and most.answer.startswith("2018.")
    assert "4,210" in most.answer and "5,880" in most.answer and "3,975" in most.answer  # every value compared
    assert "Research and development" in most.citations[0].text and most.figures[0]["value"] == 5880.0
    # the computed answer itself (whether the model gives it depends on a one-release store's odd signals:
    # most of the question's words are unknown to it)
    found = engine.candidates("In which years was research and development less than 4.5 million?").candidates
    below = next(c.answer for c in found if c.source == "figure")
    assert below.found and below.answer.startswith("2019 and 2017.")
    least = engine.ask("Which year had the lowest net loss?")
    assert least.found and least.answer.startswith("2017.")  # the most negative value


def test_a_figure_answer_cites_its_column_header(tmp_path: Path, fake_embedder) -> None:
    engine = _engine_over(tmp_path / "one", "kestrel-2019.txt",
        "KESTREL PHARMACEUTICALS REPORTS 2019 RESULTS\n\n"
        "TORONTO, March 2, 2020 – Kestrel Pharmaceuticals Inc. (TSX: KPH) reported its results.\n\n"
        "(in thousands of US dollars)\tYear ended December 31, 2019\tYear ended December 31, 2018\n"
        "Research and development\t4,210\t5,880\n"
        "Net loss\t(1,200)\t(900)\n", fake_embedder)
    stores = engine.stores
    answer = engine.ask("What was Kestrel's net loss for the year ended December 31, 2018?")
    assert answer.found and "(900)" in answer.answer
    row, header = answer.citations[0], answer.citations[-1]
    assert "Net loss" in row.text and header.section == "table header"
    text = stores.catalog.text(header.doc_id) or ""
    assert "December 31, 2018" in text[header.start:header.end] and header.end <= row.start
    assert stores.catalog.text_window(header.doc_id, 40, 90) == text[40:90]  # read without the rest of the text


def test_only_a_question_for_a_row_compares_rows() -> None:
    from qa.figures.row_comparison import row_comparison_of
    from qa.language.question import Question

    assert row_comparison_of(Question.parse("Which segment had the highest revenue in 2019?")) == "most"
    assert row_comparison_of(Question.parse("What is the component that contributed the least in 2019?")) == "least"
    assert row_comparison_of(Question.parse("What was the highest grade intersected?")) is None  # a value asked
    assert row_comparison_of(Question.parse("In which year was revenue largest?")) is None  # a period asked


def test_which_row_is_largest_is_answered_from_one_column_with_the_runner_up(tmp_path: Path, fake_embedder) -> None:
    engine = _engine_over(tmp_path / "rows", "osprey-2019.html",
        "<html><body><h1>Osprey Instruments reports 2019 results</h1>"
        "<p>BOSTON, February 12, 2020 - Osprey Instruments Inc. (NYSE: OSP) reported revenue by segment.</p>"
        "<p>Revenue by segment (in millions of US dollars)</p><table><thead><tr><th>Segment</th><th>2019</th>"
        "<th>2018</th></tr></thead><tbody><tr><td>Industrial sensors</td><td>410</td><td>520</td></tr>"
        "<tr><td>Medical devices</td><td>615</td><td>480</td></tr><tr><td>Aerospace</td><td>220</td><td>205</td></tr>"
        "<tr><td>Total</td><td>1,245</td><td>1,205</td></tr></tbody></table></body></html>", fake_embedder)
    # within the release (a user's --doc, or a question naming the company): its tables are compared
    only = AskFilters(doc="osprey-2019")
    figure = _figure(engine, "Which segment had the highest revenue in 2019?", only)
    assert figure is not None and figure.answer.answer.startswith("Medical devices.") and "615" in figure.answer.answer
    assert "410" in figure.answer.answer  # the runner-up, 2019's column, not the total row
    assert [c.text.split()[0] for c in figure.answer.citations[:2]] == ["Medical", "Industrial"]
    assert figure.signals["rows_compared"] == 1.0
    # over every release: the tables of the releases whose passages the question retrieves
    earlier = _figure(engine, "Which segment had the lowest revenue in 2018?")
    assert earlier is not None and earlier.answer.answer.startswith("Aerospace.")
    # a year no column reports: no column is compared (never the nearest one)
    missing = _figure(engine, "Which segment had the highest revenue in 2017?", only)
    assert missing is None or not missing.signals.get("rows_compared")
    # no period and two period columns: the question does not pick a column, so no row is compared
    unpicked = _figure(engine, "Which segment had the highest revenue?", only)
    assert unpicked is None or not unpicked.signals.get("rows_compared")


def test_a_change_asked_is_read_from_the_rows_change_column(tmp_path: Path, fake_embedder) -> None:
    engine = _engine_over(tmp_path / "change", "plover-q4.html",
        "<html><body><h1>Plover Telecom reports fourth quarter results</h1>"
        "<p>MONTREAL, February 6, 2020 - Plover Telecom Inc. (TSX: PLV) reported its results.</p>"
        "<p>Operating revenues (in millions of Canadian dollars)</p><table><thead><tr><th></th><th>Q4 2019</th>"
        "<th>Q4 2018</th><th>$ change</th><th>% change</th></tr></thead><tbody><tr><td>Wireless</td><td>2,536</td>"
        "<td>2,448</td><td>88</td><td>3.6%</td></tr><tr><td>Wireline</td><td>3,142</td><td>3,140</td><td>2</td>"
        "<td>0.1%</td></tr></tbody></table></body></html>", fake_embedder)
    only = AskFilters(doc="plover-q4")
    figure = _figure(engine, "What is the percentage change in Wireless operating revenues?", only)
    assert figure is not None and "3.6%" in figure.answer.answer and figure.signals["change"] == 1.0
    amount = _figure(engine, "By how much did Wireline revenues change?", only)
    assert amount is not None and [f["value"] for f in amount.answer.figures] == [2.0]
    # a change between other years than the row's periods is not read from its change column
    other = _figure(engine, "What is the percentage change in Wireless revenues from 2017 to 2018?", only)
    assert other is None or "3.6%" not in other.answer.answer
    # no change asked: the quarter's own cell, never the change column
    plain = _figure(engine, "What were Wireless revenues in Q4 2019?", only)
    assert plain is not None and [f["value"] for f in plain.answer.figures] == [2536.0]
