"""The synthetic benchmark corpus: deterministic, prefix-stable, resumable, and readable by the repo's own
reader, parser and figure extraction (every figure a number question asks about is recovered)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench import corpus_text as T
from bench.corpus import make_release, select_questions, write_corpus
from bench.corpus_model import Company, Question, Release, company_pool
from index.cleaner import display
from index.figures import extract_figures
from index.parser import parse_release
from index.reader import read_release
from index.tables import find_tables
from qa.eval.scoring import GoldRow, load_gold

SEED = 7


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus30(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("c30")
    write_corpus(30, out, SEED, progress=False)
    return out


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Release, str]]:
    """Two releases of every (kind, layout) pair among the first 600, written and read back as text."""
    folder = tmp_path_factory.mktemp("samples")
    seen: Counter[tuple[str, str]] = Counter()
    picked = []
    for i in range(600):
        r = make_release(SEED, i)
        if seen[(r.kind, r.layout)] < 2:
            seen[(r.kind, r.layout)] += 1
            (folder / r.filename).write_text(r.content, encoding="utf-8")
            picked.append((r, read_release(folder / r.filename).text))
    return picked


def test_same_seed_gives_byte_identical_corpus(corpus30: Path, tmp_path: Path) -> None:
    write_corpus(30, tmp_path, SEED, progress=False)
    first, second = _tree(corpus30), _tree(tmp_path)
    assert len(first) == 31 and "questions.jsonl" in first
    assert first == second
    other = tmp_path / "seed8"
    write_corpus(30, other, SEED + 1, progress=False)
    assert _tree(other)["questions.jsonl"] != first["questions.jsonl"]


def test_smaller_corpus_is_a_prefix(corpus30: Path, tmp_path: Path) -> None:
    write_corpus(10, tmp_path, SEED, progress=False)
    small = {k: v for k, v in _tree(tmp_path).items() if k.startswith("releases")}
    big = _tree(corpus30)
    names = sorted(k for k in big if k.startswith("releases"))
    assert sorted(small) == names[:10]
    assert all(small[name] == big[name] for name in small)
    assert [n.split("/")[-1][:5] for n in names] == [f"{i:05d}" for i in range(30)]


def test_resume_skips_good_files_and_repairs_bad_ones(corpus30: Path, tmp_path: Path) -> None:
    write_corpus(30, tmp_path, SEED, progress=False)
    victim = sorted((tmp_path / "releases").iterdir())[4]
    victim.write_text("truncated", encoding="utf-8")
    summary = write_corpus(30, tmp_path, SEED, progress=False)
    assert summary["written"] == 1
    assert _tree(tmp_path) == _tree(corpus30)
    assert not list(tmp_path.rglob("*.tmp"))


def test_every_kind_and_layout_is_generated(samples: list[tuple[Release, str]]) -> None:
    kinds = {r.kind for r, _ in samples}
    layouts = {r.layout for r, _ in samples}
    assert kinds == {"quarter", "annual", "resource", "appointment", "agreement", "opening", "drilling"}
    assert layouts == {"tsv", "pipe", "html", "spaced", "flattened", "none"}
    assert {r.filename.rsplit(".", 1)[1] for r, _ in samples} == {"txt", "md", "html"}


def test_releases_parse_title_date_company_and_ticker(samples: list[tuple[Release, str]]) -> None:
    for r, text in samples:
        release, _ = parse_release(r.filename, r.filename, "x", text)
        assert release.title == display(r.title), r.filename
        assert release.date == r.date, r.filename
        assert "2010-01-01" <= r.date <= "2024-12-31"
        assert release.company == r.company.name, r.filename
        assert (release.ticker, release.exchange) == (r.company.ticker, r.company.exchange), r.filename
        kinds = {s.kind for s in release.sections}
        assert {"body", "about", "contacts", "boilerplate"} <= kinds, (r.filename, kinds)


def test_tables_are_found_in_every_layout_and_prose_is_not_a_table(samples: list[tuple[Release, str]]) -> None:
    for r, text in samples:
        tables = find_tables(text)
        assert len(tables) == r.tables, r.filename
        expected = {"html": "tsv", "none": None}.get(r.layout, r.layout)
        if r.kind in ("quarter", "annual"):
            assert tables[0].layout == expected, r.filename


def test_every_asked_figure_is_extracted_with_its_period_unit_and_row(samples: list[tuple[Release, str]]) -> None:
    asked = 0
    for r, text in samples:
        figures = extract_figures(text, r.filename)
        for q in r.questions:
            if q.row["answer_type"] != "number":
                continue
            assert q.check is not None
            label, kind, end, value, unit, scale = q.check
            hits = [f for f in figures if (f.row_label, f.period_kind, f.period_end) == (label, kind, end)]
            assert len(hits) >= 1, (r.filename, q.row["question"])
            fig = next(f for f in hits if f.value == value)
            assert (fig.unit, fig.scale) == (unit, scale), (r.filename, label)
            assert q.row["numbers"] == [value]
            assert fig.raw.strip("()") in q.row["accept"][0]
            assert q.row["evidence"] == fig.row_text
            asked += 1
    assert asked >= 40


def test_questions_are_valid_gold_rows(corpus30: Path) -> None:
    rows = load_gold(corpus30 / "questions.jsonl")
    raw = [json.loads(line) for line in (corpus30 / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(raw) >= 60
    assert len({r.id for r in rows}) == len(rows)
    types = Counter(r.answer_type for r in rows)
    assert set(types) == {"number", "text", "none"}
    assert 0.08 <= types["none"] / len(rows) <= 0.3
    names = {p.name: p for p in (corpus30 / "releases").iterdir()}
    assert {d["doc"] for d in raw} == set(names)  # every release has a question of its own
    assert {"figure-table", "date", "name", "place", "unanswerable"} <= {r.category for r in rows}
    for row, data in zip(rows, raw, strict=True):
        assert isinstance(row, GoldRow) and data["doc"] in names
        assert row.doc_id == Path(data["doc"]).stem
        if row.answer_type == "none":
            assert not row.accept and row.category == "unanswerable"
            continue
        text = read_release(names[data["doc"]]).text
        assert row.accept and row.evidence in text, row.id
        if row.answer_type == "text":
            assert row.accept[0] in text


def test_unanswerable_questions_ask_about_what_no_release_states(corpus30: Path) -> None:
    texts = [read_release(p).text for p in sorted((corpus30 / "releases").iterdir())]
    for phrase in (*T.NEVER_METRICS, *T.NEVER_ROLES, *T.FAKE_ASSETS, "dividend"):
        assert not any(phrase.lower() in t.lower() for t in texts), phrase
    questions = [json.loads(line) for line in (corpus30 / "questions.jsonl").read_text().splitlines()]
    old = [q for q in questions if q["answer_type"] == "none" and "three months ended" in q["question"]]
    assert all(int(q["question"].rstrip("?")[-4:]) < 2009 for q in old)


def test_a_fact_stated_differently_by_two_releases_is_not_asked() -> None:
    company = company_pool(SEED)[0]

    def release(index: int, answer: str, asks: bool) -> Release:
        row = {"id": f"q{index}", "question": "Who?", "answer_type": "text", "accept": [answer]}
        questions = [Question(row, "appoint|0|CFO", answer)] if asks else []
        return Release(index, f"{index:05d}.txt", "", "appointment", "none", 0, "", "2020-01-01", company,
                       {"appoint|0|CFO": answer}, questions)

    assert [r["id"] for r in select_questions([release(0, "Ann", True), release(1, "Ann", True)])] == ["q0"]
    assert select_questions([release(0, "Ann", True), release(1, "Bob", False)]) == []
    none = Question({"id": "n", "question": "Who?", "answer_type": "none"}, "appoint|0|CFO")
    only = release(0, "Ann", False)
    only.questions = [none]
    assert select_questions([only]) == []


def test_company_pool_is_unique_and_fixed_per_seed() -> None:
    pool = company_pool(SEED)
    assert len(pool) == 2000
    for attr in ("name", "short", "nick", "ticker"):
        values = [getattr(c, attr) for c in pool]
        assert len(set(values)) == len(values), attr
    assert {c.industry for c in pool} == set(T.INDUSTRIES)
    assert {c.exchange for c in pool} == {"TSX", "TSX-V", "NASDAQ", "NYSE", "ASX"}
    assert company_pool(SEED + 1)[0] != pool[0]
    assert isinstance(pool[0], Company)
