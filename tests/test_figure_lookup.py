"""Figure questions: exact value, unit, scale and period from the store, the row cited, or a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.choice.model import AnswerModel
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
    assert (fig["period_kind"], fig["period_end"], fig["fiscal_period"]) == (
        "three_months_ended", "2016-12-31", "Q1 2017")
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
    assert "7,060" in answer.answer and "8,181" in answer.answer
    assert "was C$(1,121) thousand (−C$1.12 million), or -13.70% [1]" in answer.answer


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


MINE = """**NORTHWIND METALS UPDATES ORLA COPPER-GOLD RESOURCE**

June 3, 2024 – Northwind Metals Ltd. (TSX-V: NWM) today announced an updated resource for its Orla project.

Orla Mineral Resource (as at May 31, 2024)

Category\tTonnes (Mt)\tCu (%)\tAu (g/t)\tContained Cu (kt)\tContained Au (koz)
Measured\t10.0\t0.80\t0.40\t80.0\t128.6
Indicated\t20.0\t0.60\t0.30\t120.0\t192.9

**NORTHWIND ALSO REPORTS SECOND QUARTER PRODUCTION**

Production\tThree Months Ended June 30, 2024\tThree Months Ended June 30, 2023
Copper in concentrate (t)\t4,100\t3,900
"""


@pytest.fixture
def mine_engine(tmp_path: Path, fake_embedder) -> Engine:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "northwind-orla.txt").write_text(MINE)
    settings = Settings.from_env(home=tmp_path / "mine-home")
    stores = Stores(settings)
    ingest([folder], stores, fake_embedder)
    return Engine(settings, fake_embedder, stores)


def test_scaled_mining_units_and_element_columns(mine_engine: Engine) -> None:
    tonnes = mine_engine.ask("How many tonnes are in the measured resource at Orla?")
    assert tonnes.found and tonnes.figures[0]["value"] == 10.0 and tonnes.figures[0]["scale"] == 1_000_000
    assert "10.0 million tonnes" in tonnes.answer
    gold = mine_engine.ask("What is the gold grade of the indicated resource?")
    assert [f["value"] for f in gold.figures] == [0.30] and gold.figures[0]["unit"] == "g/t"
    contained = mine_engine.ask("How much gold is contained in the measured resource?")
    assert [f["value"] for f in contained.figures] == [128.6] and contained.figures[0]["scale"] == 1000


def test_an_element_the_table_lacks_is_never_substituted(mine_engine: Engine) -> None:
    silver = mine_engine.ask("What silver grade is reported for the measured resource?")
    assert silver.figures == [] and "0.80" not in silver.answer and "0.40" not in silver.answer


def test_an_ordinal_quarter_must_match(mine_engine: Engine) -> None:
    wrong = mine_engine.ask("How much copper in concentrate was produced in the first quarter of 2024?")
    assert not wrong.found and wrong.figures == [] and "4,100" not in wrong.answer
    right = mine_engine.ask("How much copper in concentrate was produced in the second quarter of 2024?")
    assert right.found and [f["value"] for f in right.figures] == [4100.0]


def test_an_unscoped_question_indexes_only_rows_whose_label_it_names(engine: Engine) -> None:
    figures = engine.snapshot().figures
    answer = engine.ask("What was net loss in the quarter ended December 2016?")
    assert answer.found and "(4,553)" in answer.answer
    loaded = {r.figures[0].row_label for r in figures.rows(None, {"loss", "net"})}
    every = {r.figures[0].row_label for r in figures.rows()}
    assert loaded and loaded < every  # "Revenue", "Total assets" ... were not needed for this question
    assert all({"loss", "net"} & (r.label_terms | r.context) for r in figures.rows(None, {"loss", "net"}))


def test_a_named_project_limits_figures_to_releases_that_name_it(engine: Engine) -> None:
    lexicon = engine.snapshot().lexicon
    panasqueira = lexicon.releases("panasqueira")
    assert panasqueira and panasqueira < set(engine.snapshot().entries)
    assert lexicon.releases_with_all({"panasqueira", "nosuchword"}) == frozenset()
    assert lexicon.releases_with_all(set()) is None
    answer = engine.ask("What was gross revenue at Panasqueira in the quarter ended December 2016?")
    assert answer.found and {f["doc_id"] for f in answer.figures} <= panasqueira


def test_a_company_no_release_names_never_gets_another_companys_figure(engine: Engine) -> None:
    answer = engine.ask("What was Barrick Gold's net loss in the quarter ended December 2016?")
    assert not answer.found and answer.figures == [] and "4,553" not in answer.answer
    # periods and spelled-out abbreviations are not names: these still get their figure
    quarter = engine.ask("What was net loss in Q1 2017?")
    assert quarter.found and "(4,553)" in quarter.answer


def test_a_figure_refusal_does_not_hide_a_text_answer(tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "borealis-fy2019.txt").write_text(
        "BOREALIS COPPER CORP. REPORTS FISCAL 2019 RESULTS\n\n"
        "TORONTO, March 2, 2020 – Borealis Copper Corp. (TSX: BCC) today announced its results for the year ended "
        "December 31, 2019. Revenue for the year ended December 31, 2017 was $3.1 million, before the mine "
        "restarted.\n\n"
        "(in thousands of US dollars)\tYear ended December 31, 2019\tYear ended December 31, 2018\n"
        "Revenue\t12,410\t10,902\n"
        "Net loss\t(1,200)\t(900)\n")
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([folder], stores, fake_embedder)
    engine = Engine(settings, fake_embedder, stores)
    answer = engine.ask("What was Borealis's revenue for the year ended December 31, 2017?")
    assert answer.found and "3.1 million" in answer.answer and answer.figures == []
    unreported = engine.ask("What was Borealis's net loss for the year ended December 31, 2016?")
    assert not unreported.found and "December 31, 2019" in unreported.answer  # the tables' refusal, said plainly


def test_a_text_answer_for_another_period_does_not_replace_the_tables_refusal() -> None:
    from qa.figures.period import states_period
    from qa.language.question import Question

    asked = Question.parse("What was Borealis's net loss for the full year 2023?")
    assert not states_period(asked, "Net loss was $41.6 million for the third quarter of 2023.")
    assert not states_period(Question.parse("What was EBITDA in the first quarter of 2024?"),
                             "EBITDA was $12 million, down 6% from the second quarter of 2023.")
    assert states_period(asked, "Net loss for the full year 2023 was $96.2 million.")


_RELEASE = """<html><head><title>Acme Corp Reports Second Quarter Results</title></head><body>
<p>MINNEAPOLIS, August 29, 2023 -- Acme Corp (NYSE: ACME) today reported results for the second quarter.</p>
{tables}</body></html>"""
_SUMMARY = """<table><tr><th>Diluted Earnings per Share</th><th>Q2 FY24</th><th>Q2 FY23</th></tr>
<tr><td>GAAP diluted EPS</td><td>$1.25</td><td>$1.35</td></tr></table>"""
_STATEMENT = """<p>Consolidated Statements of Earnings</p><table>
<tr><th></th><th>Three Months Ended July 29, 2023</th><th>Three Months Ended July 30, 2022</th>
<th>Six Months Ended July 29, 2023</th><th>Six Months Ended July 30, 2022</th></tr>
<tr><td>Diluted EPS</td><td>$1.25</td><td>$1.35</td><td>$2.36</td><td>$2.85</td></tr></table>"""


def _figure_answer(tmp_path: Path, fake_embedder, releases: dict[str, str], question: str):
    for name, tables in releases.items():
        (tmp_path / name).write_text(_RELEASE.format(tables=tables), encoding="utf-8")
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([tmp_path], stores, fake_embedder)
    found = Engine(settings, fake_embedder, stores, model=AnswerModel.untrained()).candidates(question).candidates
    return next((c.answer for c in found if c.source == "figure"), None)


def test_a_line_item_that_reports_the_period_asked_answers_when_the_best_match_does_not(
        tmp_path: Path, fake_embedder) -> None:
    # a summary table names the measure best but has quarters only; the statement reports the six months
    releases = {"q2.html": _SUMMARY + _STATEMENT}
    answer = _figure_answer(tmp_path, fake_embedder, releases,
                            "What was GAAP diluted EPS for the six months ended July 29, 2023?")
    assert answer is not None and answer.found and [f["value"] for f in answer.figures] == [2.36]
    assert answer.signals["lead"] < 0  # a better-matching row was passed over: the model weighs that


def test_the_same_figure_printed_in_two_releases_is_stated_once_and_cited_twice(tmp_path: Path, fake_embedder) -> None:
    releases = {"q2.html": _STATEMENT, "q2-again.html": _STATEMENT.replace("Consolidated", "Condensed")}
    answer = _figure_answer(tmp_path, fake_embedder, releases,
                            "What was diluted EPS for the six months ended July 29, 2023?")
    assert answer is not None and answer.found and [f["doc_id"] for f in answer.figures] == ["q2", "q2-again"]
    assert answer.answer.count("2.36") == 1 and answer.answer.endswith("[1][2].")


def test_a_change_that_cannot_be_computed_is_not_answered_with_its_operands(tmp_path: Path, fake_embedder) -> None:
    # a quarter and a year are never subtracted: the two cells are no answer to "the change"
    mixed = """<p>Selected results</p><table>
<tr><th></th><th>Three Months Ended December 31, 2023</th><th>Year Ended December 31, 2022</th></tr>
<tr><td>Net sales</td><td>1,200</td><td>4,100</td></tr></table>"""
    answer = _figure_answer(tmp_path, fake_embedder, {"q4.html": mixed},
                            "What was the change in net sales from 2022 to 2023?")
    assert answer is None or not answer.found
    stated = _figure_answer(tmp_path, fake_embedder, {"q4.html": mixed}, "What were net sales in 2022?")
    assert stated is not None and stated.found and [f["value"] for f in stated.figures] == [4100.0]


def test_a_line_item_that_leaves_out_words_asked_is_never_the_fallback(tmp_path: Path, fake_embedder) -> None:
    summary = """<table><tr><th>Per share</th><th>Q2 FY24</th><th>Q2 FY23</th></tr>
<tr><td>Diluted EPS from continuing operations</td><td>$1.10</td><td>$1.20</td></tr></table>"""
    releases = {"q2.html": summary + _STATEMENT}
    answer = _figure_answer(tmp_path, fake_embedder, releases,
                            "What was diluted EPS from continuing operations for the six months ended July 29, 2023?")
    assert answer is None or not answer.found  # "Diluted EPS" is another measure: refused, never $2.36


def test_a_total_or_average_over_one_period_is_read_not_refused(tmp_path: Path, fake_embedder) -> None:
    answer = _figure_answer(tmp_path, fake_embedder, {"q2.html": _STATEMENT},
                            "What was the total diluted EPS for the six months ended July 29, 2023?")
    assert answer is not None and answer.found and [f["value"] for f in answer.figures] == [2.36]
