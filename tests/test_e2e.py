"""The whole pipeline with the real embedding model, through the `qa` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
CITATION_KEYS = {"doc_id", "title", "date", "section", "text", "start", "end", "score"}


def qa(*args: str, home: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QA_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, check=check, timeout=600)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("e2e-home")
    report = json.loads(qa("ingest", "--json", home=home).stdout)
    assert len(report["added"]) == 4 and report["ok"]
    return home


def test_ingest_is_idempotent_and_sources_lists_releases(home: Path) -> None:
    again = json.loads(qa("ingest", "--json", home=home).stdout)
    assert again["added"] == [] and len(again["unchanged"]) == 4
    sources = json.loads(qa("sources", "--json", home=home).stdout)
    assert [s["date"] for s in sources] == ["2011-10-03", "2013-05-29", "2013-12-12", "2016-05-31"]
    assert all(s["chunks"] > 5 and s["title"] for s in sources)


@pytest.mark.parametrize(
    ("question", "expected", "doc_prefix"),
    [
        ("Who prepared the reserve estimate?", "Adam Wheeler", "2013-12-12"),
        ("When was the final tungsten recovery equipment commissioned?", "May 27, 2013", "2013-05-29"),
        ("How many options was Bruce Ratner granted?", "100,000", "2013-05-29"),
        ("How far is the Panasqueira mine from Lisbon?", "260 kilometres", "2016-05-31"),
    ],
)
def test_ask_answers_with_the_cited_sentence(home: Path, question: str, expected: str, doc_prefix: str) -> None:
    data = json.loads(qa("ask", question, "--json", home=home).stdout)
    assert set(data) >= {"question", "answer", "found", "citations", "figures"}
    assert data["found"] and expected in data["answer"] and len(data["answer"]) <= 400
    first = data["citations"][0]
    assert set(first) >= CITATION_KEYS and first["doc_id"].startswith(doc_prefix)
    text = (ROOT / "data" / "releases" / f"{first['doc_id']}.txt").read_text()
    assert expected.split()[0] in text[first["start"]:first["end"]]


def test_unanswerable_question_is_refused(home: Path) -> None:
    data = json.loads(qa("ask", "Who is the CEO of Barrick Gold?", "--json", home=home).stdout)
    assert data["found"] is False and data["citations"] == []


def test_eval_writes_predictions_and_scores(home: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text().splitlines()][:12]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "preds.jsonl"
    summary = json.loads(qa("eval", "--gold", str(gold), "--predictions", str(out),
                            "--results", str(tmp_path / "results"), "--json", home=home).stdout)
    assert ((tmp_path / "results" / "gold" / "summary.json").exists()
            and (tmp_path / "results" / "gold" / "chart.png").exists())
    preds = [json.loads(line) for line in out.read_text().splitlines()]
    assert [p["id"] for p in preds] == [r["id"] for r in rows]
    assert summary["all"]["questions"] == 12 and summary["all"]["answer_accuracy"] is not None


def test_bad_arguments_and_missing_store_give_clear_errors(tmp_path: Path) -> None:
    result = qa("ask", "anything", home=tmp_path / "empty", check=False)
    assert result.returncode == 2 and "qa ingest" in result.stderr and "Traceback" not in result.stderr
    result = qa("eval", "--gold", str(tmp_path / "missing.jsonl"), "--predictions", "x", home=tmp_path, check=False)
    assert result.returncode != 0 and "missing.jsonl" in result.stderr
