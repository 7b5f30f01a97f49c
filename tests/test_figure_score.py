"""The figures score (gold cells against stored figures) and the TAT-QA measurement: matching, scoring, rendering,
split."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from index.records import Figure, Release
from qa.eval import tatqa
from qa.eval.figure_report import text_table, write_results
from qa.eval.figure_score import (
    GoldCell,
    load_gold,
    match_cell,
    normalise_label,
    run,
    score_document,
)

DOC = "ACME_2023Q4_EARNINGS.pdf"


def fig(row: str, column: str, value: float | None, **kw: Any) -> Figure:
    base: dict[str, Any] = dict(doc_id="acme", table_index=0, caption="STATEMENTS OF INCOME", row_label=row,
                                parent_label=None, column_label=column, raw=str(value), value=value, unit="USD",
                                scale=1_000_000, scale_label="(in millions)", period_kind="three_months_ended",
                                period_end="2023-12-31", fiscal_period=None, row_text=row, row_start=0, row_end=0,
                                page=3)
    base.update(kw)
    return Figure(**base)


def gold(row: str, column: str, value: float | None, **kw: Any) -> GoldCell:
    base: dict[str, Any] = dict(document=DOC, page=3, row=row, column=column, value=value, scale=1_000_000, unit="USD",
                                period_kind="three_months_ended", period_end="2023-12-31")
    base.update(kw)
    return GoldCell(**base)


FIGURES = [
    fig("Net sales", "Three Months Ended | December 31, 2023", 1200.0),
    fig("Net sales", "Three Months Ended | December 31, 2022", 1100.0, period_end="2022-12-31"),
    fig("Cost of sales", "Three Months Ended | December 31, 2023", -700.0, scale=1000),  # wrong scale
    fig("Operating income", "Three Months Ended | December 31, 2023", 300.0, period_end="2022-12-31"),  # wrong period
    fig("Net sales", "% change", 9.1, unit="%", scale=1, period_kind=None, period_end=None, derived="% change"),
    fig("Total", "Three Months Ended | December 31, 2023", 50.0, parent_label="Current assets"),
    fig("Total", "Three Months Ended | December 31, 2023", 50.0, parent_label="Current liabilities"),
]


def test_each_kind_of_cell_is_scored() -> None:
    cells = [
        gold("Net sales¹", "Three Months Ended | December 31, 2023", 1200),  # right, footnote mark dropped
        gold("Cost of sales", "Three Months Ended | December 31, 2023", -700),  # found, wrong scale
        gold("Operating income", "Three Months Ended | December 31, 2023", 300),  # found, wrong period
        gold("Net sales", "% change", 9.1, unit="%", scale=1, period_kind=None, period_end=None, derived=True),
        gold("Net income", "Three Months Ended | December 31, 2023", 200),  # not stored at all
    ]
    score = score_document(DOC, "fit", cells, FIGURES)
    right = [r.right for r in score.results]
    assert right == [True, False, False, True, False]
    assert score.results[1].aspects["scale"] is False and score.results[1].aspects["period"] is True
    assert score.results[2].aspects["period"] is False and score.results[2].aspects["scale"] is True
    assert score.results[4].figure is None
    t = score.tally.as_dict()
    assert (t["cells"], t["found"], t["right"]) == (5, 4, 2)
    assert t["scale_of_found"] == 0.75 and t["period_of_found"] == 0.75
    assert t["figures_with_period"] == 1.0  # the derived figure is left out of the denominator


def test_a_derived_cell_with_a_period_or_a_dated_cell_marked_derived_is_wrong() -> None:
    derived_gold = gold("Net sales", "% change", 9.1, unit="%", scale=1, period_kind=None, period_end=None,
                        derived=True)
    dated_change = fig("Net sales", "% change", 9.1, unit="%", scale=1, derived="% change")  # keeps a period
    assert not score_document(DOC, "fit", [derived_gold], [dated_change]).results[0].right
    not_derived = fig("Net sales", "% change", 9.1, unit="%", scale=1, period_kind=None, period_end=None)
    assert not score_document(DOC, "fit", [derived_gold], [not_derived]).results[0].right


def test_the_column_closest_to_the_gold_column_is_preferred() -> None:
    same_value = [fig("Net sales", "Three Months Ended | December 31, 2022", 1100.0, period_end="2022-12-31"),
                  fig("Net sales", "Twelve Months Ended | December 31, 2023", 1100.0, period_kind="year_ended")]
    cell = gold("Net sales", "Twelve Months Ended | December 31, 2023", 1100, period_kind="year_ended")
    figure, _, _ = match_cell(cell, same_value)
    assert figure is same_value[1]


def test_section_and_parent_forms_and_values() -> None:
    cell = gold("Total", "Three Months Ended | December 31, 2023", 50, section="Current liabilities")
    figure, _, _ = match_cell(cell, FIGURES)
    assert figure is not None and figure.parent_label == "Current liabilities"
    joined = fig("Current liabilities: Total", "Three Months Ended | December 31, 2023", 50.0)
    assert match_cell(cell, [joined])[0] is joined
    negative = gold("Cost of sales", "Three Months Ended | December 31, 2023", -700.0000000001)
    assert match_cell(negative, FIGURES)[0] is FIGURES[2]  # equal within a relative 1e-9
    assert match_cell(gold("Cost of sales", "x", 700), FIGURES)[0] is None  # the sign matters
    assert normalise_label("  NET Sales (1)* ") == normalise_label("Net sales") == "net sales"


def test_a_figure_on_another_page_is_not_found_but_shown_as_the_candidate() -> None:
    cell = gold("Net sales", "Three Months Ended | December 31, 2023", 1200, page=5)
    figure, candidate, how = match_cell(cell, FIGURES)
    assert figure is None and candidate is FIGURES[0] and how == "row and value, other page"
    assert match_cell(cell, [fig("Net sales", "Three Months Ended | December 31, 2023", 1200.0, page=None)])[0]


def _gold_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "figures"
    (folder / "gold").mkdir(parents=True)
    rows = [gold("Net sales", "Three Months Ended | December 31, 2023", 1200),
            gold("Net income", "Three Months Ended | December 31, 2023", 200)]
    (folder / "gold" / "ACME.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in rows))
    other = gold("Net sales", "Three Months Ended | December 31, 2022", 1100, document="OTHER.pdf",
                 period_end="2022-12-31")
    (folder / "gold" / "OTHER.jsonl").write_text(other.model_dump_json() + "\n")
    (folder / "split.json").write_text(json.dumps({"fit": ["OTHER.pdf"], "validation": [DOC]}))
    return folder


def test_run_writes_a_summary_a_report_and_the_misses(tmp_path: Path) -> None:
    folder = _gold_folder(tmp_path)
    cells, splits = load_gold(folder)
    assert sorted(cells) == [DOC, "OTHER.pdf"] and splits[DOC] == "validation"

    def extract(path: Path) -> tuple[Release, list[Figure]]:
        return Release(doc_id="acme", path=str(path), sha256="", text="", title=""), FIGURES

    scores = run(folder, tmp_path, extract=extract)
    assert [s.document for s in scores] == [DOC, "OTHER.pdf"]  # validation first
    out = tmp_path / "results"
    summary = write_results(scores, out)
    assert summary["splits"]["validation"]["right_rate"] == 0.5
    assert summary["splits"]["fit"]["right_rate"] == 1.0
    assert summary["splits"]["all"]["cells"] == 3
    misses = [json.loads(line) for line in (out / "misses.jsonl").read_text().splitlines()]
    assert [m["gold"]["row"] for m in misses] == ["Net income"] and misses[0]["wrong"] == ["not found"]
    report = (out / "report.md").read_text()
    assert report.index("[validation]") < report.index("[fit]") and DOC in report
    assert "50.0" in text_table(scores)


def test_the_cli_scores_figures_and_needs_a_gold_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from qa.cli import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "acme.html").write_text(
        "<html><body><h1>Acme reports results</h1><p>Acme Corp. reported results on January 30, 2024.</p>"
        "<table><tr><th></th><th>2023</th><th>2022</th></tr><tr><td>Revenue</td><td>120</td><td>100</td></tr>"
        "<tr><td>Net income</td><td>20</td><td>10</td></tr></table></body></html>")
    folder = tmp_path / "figures"
    folder.mkdir()
    row = gold("Revenue", "2023", 120, document="acme.html", page=None, scale=1, unit=None, period_kind=None,
               period_end=None)
    (folder / "acme.jsonl").write_text(row.model_dump_json() + "\n")
    result = CliRunner().invoke(cli, ["eval", "--figures", str(folder), "--corpus", str(corpus),
                                      "--results", str(tmp_path / "results")])
    assert result.exit_code == 0, result.output
    assert "acme.html" in result.output and "100.0" in result.output  # the revenue cell is found
    assert (tmp_path / "results" / "figures" / "summary.json").exists()
    assert CliRunner().invoke(cli, ["eval"]).exit_code != 0


CONTEXT = {
    "table": {"uid": "t-1", "table": [
        ["", "Years Ended September 30,", ""],
        ["", "2019", "2 0 1 8"],
        ["Current assets:", "", ""],
        ["Revenue <net>", "$ 1,452.4", "(12.5)%"],
        ["", "7", "8"],
        ["Other", "-", "n/a"],
    ]},
    "paragraphs": [{"order": 2, "text": "Second."}, {"order": 1, "text": "The table below (in millions):"}],
}


def test_tatqa_renders_header_rows_in_thead_and_escapes() -> None:
    page = tatqa.render_html(CONTEXT)
    thead = page[page.index("<thead>"):page.index("</thead>")]
    assert thead.count("<tr>") == 2 and "<th>2019</th>" in thead and "<td>" not in thead
    tbody = page[page.index("<tbody>"):page.index("</tbody>")]
    assert "<td>Current assets:</td>" in tbody and "<td>Revenue &lt;net&gt;</td>" in tbody
    assert page.index("The table below") < page.index("Second.") < page.index("<table>")


def test_tatqa_numeric_cells_and_numbers() -> None:
    cells = tatqa.numeric_cells(CONTEXT, "fit")
    assert [(c.row, c.value, c.year_column) for c in cells] == [
        ("Revenue <net>", 1452.4, True), ("Revenue <net>", -12.5, True)]
    assert cells[0].column == "Years Ended September 30, | 2019"
    assert [tatqa.parse_number(x) for x in ("1,036.9", "$(3.4)", "−2", "-", "n/a", "2019 €m", "")] == [
        1036.9, -3.4, -2.0, None, None, None, None]
    assert tatqa.is_period_header("December 31, 2019") and tatqa.is_period_header("2019 €m")
    assert not tatqa.is_period_header("% Change") and not tatqa.is_period_header("(in millions)")


def test_tatqa_measure_counts_stored_and_dated_cells() -> None:
    figures = [fig("Revenue <net>", "2019", 1452.4, page=None, fiscal_period="FY2019", period_end=None),
               fig("Revenue <net>", "2018", -12.5, page=None, period_kind=None, period_end=None)]

    def extract(path: Path) -> tuple[Release, list[Figure]]:
        assert "<thead>" in path.read_text()
        return Release(doc_id="t", path=str(path), sha256="", text="", title=""), figures

    tallies, cells = tatqa.measure([CONTEXT], {"t-1": "validation"}, extract=extract)
    summary = tallies["validation"].as_dict()
    assert (summary["numeric_cells"], summary["stored"], summary["year_cells"], summary["year_dated"]) == (2, 2, 2, 1)
    assert list(tallies) == ["validation", "all"]


def test_tatqa_split_is_seeded_and_deterministic(tmp_path: Path) -> None:
    uids = [f"uid-{n}" for n in range(200)]
    first = tatqa.make_split(uids)
    shuffled = uids[:]
    random.Random(1).shuffle(shuffled)
    assert tatqa.make_split(shuffled) == first  # same ids, same split, whatever their order
    assert len(first["validation"]) == 60 and not set(first["fit"]) & set(first["validation"])
    assert sorted(first["fit"] + first["validation"]) == sorted(uids)
    assert tatqa.make_split(uids, seed=14)["validation"] != first["validation"]
    path = tmp_path / "split.json"
    tatqa.write_split(path, first)
    assert tatqa.load_or_make_split(path, uids + ["new"])["new"] == "unsplit"


@pytest.mark.parametrize("rows, n", [([["", "2019", "2018"], ["Cash", "1", "2"]], 1),
                                     ([["Income statement expense", "", ""], ["", "2019 €m", "2018 €m"],
                                       ["A", "1", "2"]], 2),
                                     ([["Cash", "1", "2"]], 0)])
def test_tatqa_header_rows(rows: list[list[str]], n: int) -> None:
    assert tatqa.header_rows(rows) == n
