"""Figure questions: exact value, unit, scale and period from the store, the row cited, or a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.engine import Engine


@pytest.fixture
def engine(samples: Path, fake_embedder) -> Engine:
    settings = Settings.from_env()
    stores = Stores(settings)
    report = ingest([samples], stores, fake_embedder)
    assert report.figures == 118  # 56 + 30 + 32 cells in the three sample tables
    return Engine(settings, fake_embedder, stores)


def test_net_loss_is_looked_up_with_unit_scale_period_and_row(engine: Engine) -> None:
    answer = engine.ask("How much did Almonty lose in the quarter ended December 2016?")
    assert answer.found and "(4,553)" in answer.answer and "thousand" in answer.answer
    assert "December 31, 2016" in answer.answer and "Q1 2017" in answer.answer
    fig = answer.figures[0]
    assert fig["value"] == -4553.0 and fig["unit"] == "CAD" and fig["scale"] == 1000
    assert fig["period"] == "three months ended December 31, 2016 (Q1 2017)"
    assert (fig["period_kind"], fig["period_end"], fig["fiscal_period"]) == ("three_months_ended", "2016-12-31", "Q1 2017")
    assert set(fig) >= {"metric", "value", "unit", "scale", "period", "doc_id", "source_text"}
    text = engine.stores.catalog.text(fig["doc_id"]) or ""
    cited = answer.citations[0]
    assert "Net income (loss) for the period (4,553) (5,242)" in text[cited.start:cited.end]
    assert cited.title and cited.date == "2016-05-31"


def test_a_period_not_reported_is_refused_and_names_what_is(engine: Engine) -> None:
    answer = engine.ask("What was gross revenue for the quarter ended March 31, 2017?")
    assert not answer.found and answer.figures == []
    assert "December 31, 2016" in answer.answer  # it says which periods the releases do report


def test_comparison_gives_both_values_and_the_change(engine: Engine) -> None:
    answer = engine.ask("How did gross revenue change from the quarter ended December 2015 to December 2016?")
    assert answer.found and len(answer.figures) == 2
    assert "7,060" in answer.answer and "8,181" in answer.answer and "-1,121" in answer.answer and "-13.7%" in answer.answer


def test_grade_and_contained_metal_pick_their_columns(engine: Engine) -> None:
    grade = engine.ask("What grade were the probable reserves?")
    assert grade.found and [f["value"] for f in grade.figures] == [0.38] and grade.figures[0]["unit"] == "%"
    metal = engine.ask("How many tonnes of contained WO3 are in the proven reserves?")
    assert metal.found and 1618.0 in [f["value"] for f in metal.figures]


def test_text_questions_are_not_routed_to_figures(engine: Engine) -> None:
    answer = engine.ask("Why did Almonty give its new board member options instead of cash?")
    assert answer.figures == []


def test_a_metric_the_releases_never_give_is_not_substituted(engine: Engine) -> None:
    answer = engine.ask("What EBITDA did Almonty report for the three months ended December 31, 2016?")
    assert answer.figures == []
    assert "941" not in answer.answer  # depreciation and amortization is not EBITDA


def test_a_year_earlier_adds_the_prior_period(engine: Engine) -> None:
    answer = engine.ask("What was gross revenue in the quarter ended December 2016 and a year earlier?")
    assert answer.found and sorted(f["period_end"] for f in answer.figures) == ["2015-12-31", "2016-12-31"]


def test_rows_named_together_prefer_the_combined_row(engine: Engine) -> None:
    answer = engine.ask("How many tonnes (000's) of measured and indicated resources does the table report?")
    assert answer.found and [f["value"] for f in answer.figures] == [2760.0]


def test_two_columns_named_are_both_given(engine: Engine) -> None:
    answer = engine.ask("How many tonnes (000's) of measured resources are there, and at what grade?")
    assert sorted(f["value"] for f in answer.figures) == [0.40, 434.0]


def test_qa_figures_lists_the_store(engine: Engine) -> None:
    from click.testing import CliRunner

    from qa.cli import cli

    result = CliRunner().invoke(cli, ["figures", "--metric", "gross revenue", "--json"])
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.output)
    assert sorted(r["value"] for r in rows) == [7060.0, 8181.0]
    csv_out = CliRunner().invoke(cli, ["figures", "--period", "2013-06-30", "--csv"]).output.splitlines()
    assert csv_out[0].startswith("doc_id,metric") and len(csv_out) == 31  # header + the 30 reserve cells
