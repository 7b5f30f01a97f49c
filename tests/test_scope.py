"""A question that names a company is answered from that company's releases, however alike the others are."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.catalog import CatalogEntry
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.engine import Engine
from qa.retrieval.scope import ReleaseScope, core_name

COMPANIES = [
    ("Borealis Copper Corp.", "BCC", "Jane Okafor", "Tessaract"),
    ("Kestrel Pharmaceuticals Inc.", "KPH", "Martin Lindqvist", "Halvard"),
    ("Northern Lights Energy Ltd.", "NLE", "Priya Raman", "Corvo"),
]


def _release(company: str, ticker: str, cfo: str, partner: str, revenue: str) -> str:
    return (f"{company.upper()} REPORTS SECOND QUARTER 2019 RESULTS\n\n"
            f"TORONTO, August 14, 2019 – {company} (TSX: {ticker}) today announced its results for the three "
            f"months ended June 30, 2019. The Company appointed {cfo} as Chief Financial Officer. "
            f"The Company signed a supply agreement with {partner} Trading.\n\n"
            "(in thousands of US dollars)\tThree months ended June 30, 2019\tThree months ended June 30, 2018\n"
            f"Revenue\t{revenue}\t1,000\n"
            "Net loss\t(1,200)\t(900)\n\n"
            f"About {company}\n\n{company} is a company listed on the TSX.\n")


@pytest.fixture
def engine(tmp_path: Path, fake_embedder) -> Engine:
    folder = tmp_path / "many"
    folder.mkdir()
    for i, (company, ticker, cfo, partner) in enumerate(COMPANIES):
        (folder / f"{ticker.lower()}-q2-2019.txt").write_text(_release(company, ticker, cfo, partner, f"{i + 5},432"))
    settings = Settings.from_env()
    stores = Stores(settings)
    assert len(ingest([folder], stores, fake_embedder).added) == 3
    return Engine(settings, fake_embedder, stores)


def _entry(doc_id: str, company: str | None, ticker: str | None = None) -> CatalogEntry:
    return CatalogEntry(doc_id, "", "", "", None, company, ticker, None, None, 1, "")


def test_core_name_drops_legal_suffixes() -> None:
    assert core_name("Borealis Copper Corp.") == ("borealis", "copper")
    assert core_name("Vestfjord Mining ASA") == ("vestfjord", "mining")  # cleanco's legal forms
    assert core_name("KT Corp") == ("kt",) and core_name("DNO ASA") == ("dno",)  # a legal form may be the name
    assert core_name("The Kestrel Company Limited") == ("kestrel",)


def test_scope_matches_names_distinct_first_words_and_tickers() -> None:
    scope = ReleaseScope([_entry("a", "Borealis Copper Corp.", "BCC"), _entry("b", "Northern Lights Energy Ltd."),
                          _entry("c", "Northern Star Mining Inc."), _entry("d", None)])
    assert scope.releases("What was Borealis Copper's revenue?") == {"a"}
    assert scope.releases("What did Borealis report?") == {"a"}  # a distinctive first word names it
    assert scope.releases("What did BCC report?") == {"a"}
    assert scope.releases("Who runs Northern Lights Energy?") == {"b"}
    assert scope.releases("What happened in the northern region?") is None  # a generic word names nobody
    assert scope.releases("what did borealis say") is None  # one lower-case word is not a name
    assert scope.releases("Who is the CEO of Barrick Gold?") is None


def test_text_answers_come_from_the_named_company(engine: Engine) -> None:
    for company, _, cfo, partner in COMPANIES:
        name = " ".join(company.split()[:2])
        answer = engine.ask(f"Who did {name} appoint as Chief Financial Officer?")
        assert answer.found and cfo in answer.answer, (company, answer.answer)
        assert {c.doc_id for c in answer.citations} == engine.snapshot().scope.releases(name)
        answer = engine.ask(f"Which company signed a supply agreement with {name}?")
        assert partner in answer.answer or not answer.found


def test_figures_come_from_the_named_company(engine: Engine) -> None:
    for i, (company, ticker, _, _) in enumerate(COMPANIES):
        name = " ".join(company.split()[:2])
        answer = engine.ask(f"What was {name}'s revenue for the three months ended June 30, 2019?")
        assert answer.found and answer.figures, answer.answer
        top = answer.figures[0]
        assert (top["value"], top["scale"], top["period_end"]) == (float(f"{i + 5}432"), 1000, "2019-06-30")
        assert answer.citations[0].doc_id == f"{ticker.lower()}-q2-2019"


def test_figure_question_naming_no_company_finds_the_release_with_that_period(tmp_path: Path, fake_embedder) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for company, ticker, cfo, partner in COMPANIES + [("Osprey Retail Inc.", "OSP", "Ann Lee", "Varda")]:
        (folder / f"{ticker.lower()}.txt").write_text(_release(company, ticker, cfo, partner, revenue="5,432"))
    later = _release("Zephyr Holdings Inc.", "ZPH", "Tom Berg", "Quill", revenue="6,789")
    later = later.replace("June 30, 2019", "September 30, 2020").replace("June 30, 2018", "September 30, 2019")
    (folder / "zph.txt").write_text(later.replace("August 14", "November 3"))
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([folder], stores, fake_embedder)
    answer = Engine(settings, fake_embedder, stores).ask(
        "What was revenue for the three months ended September 30, 2020?")
    assert answer.found and answer.figures and answer.figures[0]["value"] == 6789.0, answer.answer
    assert answer.citations[0].doc_id == "zph"


def test_a_companys_later_release_does_not_hide_the_period_asked(tmp_path: Path, fake_embedder) -> None:
    """Two annual releases of one company report the same line item: the answer comes from the one that
    reports the asked year, even when the other's column headings echo the question's words better."""
    from bench.corpus import make_release

    folder = tmp_path / "kalimont"
    folder.mkdir()
    for i in (11, 191, 534):  # the seeded corpus: FY2020, Q3 2016 and FY2017 results of one retailer
        release = make_release(7, i)
        (folder / release.filename).write_text(release.content)
    settings = Settings.from_env()
    stores = Stores(settings)
    ingest([folder], stores, fake_embedder)
    engine = Engine(settings, fake_embedder, stores)
    company = make_release(7, 11).company.name
    # the figure candidate (whether it is given is the answer model's call, and this engine's embedder is fake)
    candidates = engine.candidates(
        f"What was {company}'s net income (loss) for the year ended March 31, 2020?").candidates
    answer = next(c.answer for c in candidates if c.source == "figure")
    assert answer.found and answer.figures and answer.figures[0]["period_end"] == "2020-03-31", answer.answer
    assert answer.citations[0].doc_id.startswith("00011-")


def test_a_release_named_by_its_date_scopes_the_question() -> None:
    def dated(doc_id: str, company: str, day: str, period: str | None = None) -> CatalogEntry:
        return CatalogEntry(doc_id, "", "", "", day, company, None, None, period, 1, "")

    scope = ReleaseScope([
        dated("a-2011", "Almonty Industries Inc.", "2011-10-03"),
        dated("a-2013-05", "Almonty Industries Inc.", "2013-05-29"),
        dated("a-2013-12", "Almonty Industries Inc.", "2013-12-12"),
        dated("a-2016", "Almonty Industries Inc.", "2016-05-31", "three months ended 2016-12-31"),
        dated("k-2013", "Kestrel Metals Corp.", "2013-12-02"),
    ])
    assert scope.releases("Since what year has the mine been in production, per the 2011 release?") == {"a-2011"}
    assert scope.releases("What did Almonty say in the December 2013 reserve update?") == {"a-2013-12"}
    assert scope.releases("What changed by the December 2016 quarter release?") == {"a-2016"}  # its period
    assert scope.releases("What did the May 2013 announcement say?") == {"a-2013-05"}
    assert scope.releases("Who was CFO in the 2019 release?") is None  # no release that year: not a refusal
    assert scope.releases("How did the mine do in 2013?") is None  # a year, but no release named by it


def test_a_release_without_an_issuer_joins_the_company_its_text_is_about() -> None:
    """A release whose issuer could not be parsed is still searched for a question naming the company its text is
    about (named in its first lines, or twice), and only for that company; the texts are read once, up front."""
    filler = "Net sales were in line with the prior year. " * 60  # past the first lines
    texts = {
        "amcor-q4": "Amcor reports fiscal 2023 results\n\nAmcor CEO Ron Delia said the year was good.\n",
        "costco-q1": "NEWS RELEASE\n\nCostco reported first quarter results.\n",
        "ebay-q1": "eBay Inc. Reports Better Than Expected First Quarter 2023 Results\n",
        "passing": f"Quarterly update\n\n{filler}We also sell to Amcor.\n",
        "lower-case": f"{filler}Its amcor-style packaging and best buy prices. Best buy prices again.\n",
    }
    entries = [_entry("amcor-8k", "Amcor plc", "AMCR"), _entry("costco-8k", "Costco Wholesale Corporation", "COST"),
               _entry("bby-8k", "Best Buy Co., Inc.", "BBY"), _entry("ebay-8k", "eBay Inc.", "EBAY"),
               *(_entry(doc_id, None) for doc_id in texts)]
    reads: list[str] = []

    def text(doc_id: str) -> str | None:
        reads.append(doc_id)
        return texts.get(doc_id)

    scope = ReleaseScope(entries, text)
    assert sorted(reads) == sorted(texts)  # only the releases without an issuer, once each
    assert scope.releases("What were Amcor's net sales in fiscal 2023?") == {"amcor-8k", "amcor-q4"}
    assert scope.releases("What did AMCR report?") == {"amcor-8k", "amcor-q4"}  # its ticker reaches it too
    assert scope.releases("What did Costco report?") == {"costco-8k", "costco-q1"}  # a distinctive first word
    assert scope.releases("What was eBay's revenue?") == {"ebay-8k", "ebay-q1"}
    assert scope.releases("What did Best Buy report?") == {"bby-8k"}  # "best buy prices" is not the name
    for _ in range(3):
        scope.releases("What were Amcor's net sales?")
    assert len(reads) == len(texts)  # never read again per question
    assert ReleaseScope(entries).releases("What were Amcor's net sales?") == {"amcor-8k"}  # without texts: as before
