"""Questions limited to one release, a company or a span of dates (`qa ask --doc/--company/--since/--until`,
the app's ask endpoint and `qa eval --within`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.catalog import CatalogEntry
from index.errors import BadQuestion
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.engine import Engine
from qa.retrieval.filters import AskFilters, doc_key, matching


def _release(company: str, ticker: str, day: str, cfo: str) -> str:
    return (f"{company.upper()} REPORTS QUARTERLY RESULTS\n\n"
            f"TORONTO, {day} – {company} (TSX: {ticker}) today announced its results. The Company appointed "
            f"{cfo} as Chief Financial Officer.\n\nAbout {company}\n\n{company} is a company listed on the TSX.\n")


@pytest.fixture
def engine(tmp_path: Path, fake_embedder) -> Engine:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "borealis-2019.txt").write_text(_release("Borealis Copper Corp.", "BCC", "August 14, 2019",
                                                       "Jane Okafor"))
    (folder / "borealis-2021.txt").write_text(_release("Borealis Copper Corp.", "BCC", "March 3, 2021", "Ravi Menon"))
    (folder / "kestrel-2020.txt").write_text(_release("Kestrel Pharmaceuticals Inc.", "KPH", "May 5, 2020", "Ana Ruiz"))
    settings = Settings.from_env()
    stores = Stores(settings)
    assert len(ingest([folder], stores, fake_embedder).added) == 3
    return Engine(settings, fake_embedder, stores)


def _entry(doc_id: str, company: str | None, day: str | None, ticker: str | None = None) -> CatalogEntry:
    return CatalogEntry(doc_id, f"/r/{doc_id}.pdf", "", "", day, company, ticker, None, None, 1, "")


def test_dates_are_read_as_people_write_them() -> None:
    assert AskFilters.parse(since="2023", until="2023") == AskFilters(since=date(2023, 1, 1), until=date(2023, 12, 31))
    assert AskFilters.parse(until="2024-02").until == date(2024, 2, 29)
    assert AskFilters.parse(since="March 3, 2021").since == date(2021, 3, 3)
    assert not AskFilters.parse(doc=" ", company="")
    with pytest.raises(BadQuestion, match="not a date"):
        AskFilters.parse(since="last tuesday-ish")
    with pytest.raises(BadQuestion, match="after"):
        AskFilters.parse(since="2024", until="2023")


def test_a_release_is_named_by_its_id_or_its_file() -> None:
    assert doc_key("AMCOR_2023Q4_EARNINGS.pdf") == "amcor-2023q4-earnings"
    assert doc_key("archive/q3 results.txt") == "q3-results"
    entries = [_entry("amcor-2023q4-earnings", "Amcor plc", "2023-08-15"), _entry("other", "Other Co", None)]
    assert matching(AskFilters(doc="AMCOR_2023Q4_EARNINGS.pdf"), entries) == {"amcor-2023q4-earnings"}
    assert matching(AskFilters(company="amcor"), entries) == {"amcor-2023q4-earnings"}
    assert matching(AskFilters(since=date(2023, 1, 1)), entries) == {"amcor-2023q4-earnings"}  # undated: out
    with pytest.raises(BadQuestion, match="no ingested release matches release nope"):
        matching(AskFilters(doc="nope"), entries)


def test_ask_answers_only_from_the_releases_the_filters_allow(engine: Engine) -> None:
    question = "Who was appointed Chief Financial Officer?"
    by_date = engine.ask(question, filters=AskFilters.parse(since="2021"))
    assert by_date.citations and {c.doc_id for c in by_date.citations} == {"borealis-2021"}
    assert "Ravi Menon" in by_date.answer
    by_company = engine.ask(question, filters=AskFilters.parse(company="KPH"))
    assert {c.doc_id for c in by_company.citations} == {"kestrel-2020"} and "Ana Ruiz" in by_company.answer
    by_doc = engine.ask(question, filters=AskFilters.parse(doc="borealis-2019.txt"))
    assert {c.doc_id for c in by_doc.citations} == {"borealis-2019"} and "Jane Okafor" in by_doc.answer
    # what the user set wins over a company the question names
    other = engine.ask("Who did Kestrel appoint as Chief Financial Officer?",
                       filters=AskFilters.parse(company="Borealis"))
    assert {c.doc_id for c in other.citations} <= {"borealis-2019", "borealis-2021"}
    with pytest.raises(BadQuestion, match="no ingested release matches"):
        engine.ask(question, filters=AskFilters.parse(company="Nonesuch Mining"))


def test_cli_ask_takes_the_filters_and_says_plainly_when_none_match(engine: Engine, monkeypatch, capsys) -> None:
    from qa import cli

    monkeypatch.setattr(cli.Context, "engine", lambda self: engine)
    ok = CliRunner().invoke(cli.cli, ["ask", "Who was appointed Chief Financial Officer?", "--company", "Kestrel",
                                      "--until", "2020-12"])
    assert ok.exit_code == 0, ok.output
    assert "Ana Ruiz" in ok.output
    monkeypatch.setattr("sys.argv", ["qa", "ask", "Who was appointed CFO?", "--since", "soon"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    assert "error: --since 'soon' is not a date" in capsys.readouterr().err


def test_eval_within_answers_each_question_from_its_own_release(engine: Engine, tmp_path: Path) -> None:
    from qa.eval.report import run_system
    from qa.eval.scoring import GoldRow
    from qa.eval.systems import make_system

    rows = [GoldRow(id="a", question="Who was appointed Chief Financial Officer?", answer_type="text",
                    accept=["Jane Okafor"], doc_id="borealis-2019"),
            GoldRow.model_validate({"id": "b", "question": "Who was appointed Chief Financial Officer?",
                                    "answer_type": "text", "accept": ["Ana Ruiz"], "document": "kestrel-2020.txt"})]
    full = make_system("full", engine)
    answers = run_system(full, rows[:1], engine.stores.catalog.text, within="doc_id")
    assert "Jane Okafor" in answers[0]["answer"]
    answers = run_system(full, rows[1:], engine.stores.catalog.text, within="document")
    assert "Ana Ruiz" in answers[0]["answer"]
