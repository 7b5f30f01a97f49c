"""TAT-QA questions exported as a gold set over releases, and scores reported per split."""

from __future__ import annotations

import json
from pathlib import Path

from qa.eval.scoring import GoldRow, load_gold, load_splits, summarise
from qa.eval.tatqa_answers import export, gold_row, kind_of

CONTEXT = {
    "table": {"uid": "t-1", "table": [["", "2019", "2018"], ["Revenue", "1,200", "1,000"],
                                      ["Net income", "(50)", "40"]]},
    "paragraphs": [{"uid": "p1", "order": 1, "text": "Revenue grew because of a new contract with Acme."}],
    "questions": [
        {"uid": "q1", "order": 1, "question": "What was revenue in 2019?", "answer": ["1,200"], "answer_type": "span",
         "answer_from": "table", "req_comparison": False, "scale": "thousand"},
        {"uid": "q2", "order": 2, "question": "Why did revenue grow?", "answer": ["a new contract with Acme"],
         "answer_type": "span", "answer_from": "text", "req_comparison": False, "scale": ""},
        {"uid": "q3", "order": 3, "question": "In which year was revenue larger?", "answer": ["2019"],
         "answer_type": "span", "answer_from": "table", "req_comparison": True, "scale": ""},
        {"uid": "q4", "order": 4, "question": "What was the change in revenue?", "answer": 200,
         "answer_type": "arithmetic", "answer_from": "table", "req_comparison": False, "scale": "thousand"},
    ],
}


def test_questions_become_gold_rows_of_their_kind() -> None:
    rows = [gold_row(q, "tatqa-t-1") for q in CONTEXT["questions"]]
    assert [r["category"] for r in rows] == ["span:table", "span:text", "comparison", "arithmetic:table"]
    assert (rows[0]["answer_type"], rows[0]["numbers"], rows[0]["evidence"]) == ("number", [1200.0], "1,200")
    assert (rows[1]["answer_type"], rows[1]["evidence"]) == ("text", "a new contract with Acme")
    assert (rows[3]["answer_type"], rows[3]["numbers"], rows[3]["evidence"]) == ("number", [200.0], "")
    assert kind_of({"answer_type": "count", "answer_from": "table-text"}) == "count:table-text"


def test_export_writes_releases_gold_and_the_contexts_split(tmp_path: Path) -> None:
    dataset = tmp_path / "dev.json"
    dataset.write_text(json.dumps([CONTEXT]))
    split_file = tmp_path / "split.json"
    split_file.write_text(json.dumps({"seed": 1, "fit": [], "validation": ["t-1"]}))
    counts = export(dataset, tmp_path / "out", split_file)
    assert counts == {"fit": 0, "validation": 4}
    html = (tmp_path / "out" / "corpus" / "tatqa-t-1.html").read_text()
    assert "<th>2019</th>" in html and "new contract with Acme" in html
    rows = load_gold(tmp_path / "out" / "gold.jsonl")
    assert [r.id for r in rows] == ["q1", "q2", "q3", "q4"] and rows[0].doc_id == "tatqa-t-1"
    assert load_splits(tmp_path / "out" / "gold.jsonl") == {"q1": "validation", "q2": "validation",
                                                           "q3": "validation", "q4": "validation"}


def test_scores_are_reported_per_split() -> None:
    rows = [GoldRow(id="a", question="q", answer_type="text", accept=["x"], category="span:text"),
            GoldRow(id="b", question="q", answer_type="text", accept=["y"], category="span:text")]
    predictions = [{"found": True, "answer": "x", "citations": []}, {"found": True, "answer": "z", "citations": []}]
    summary = summarise(rows, predictions, lambda _: None, {"a": "fit", "b": "validation"})
    assert summary["split:fit"]["answer_accuracy"] == 1.0
    assert summary["split:validation"]["answer_accuracy"] == 0.0
    assert summary["split:validation category:span:text"]["questions"] == 1
