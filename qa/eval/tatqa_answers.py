"""TAT-QA questions as a gold set for the whole system: each context written as a release, each question a gold
row, the contexts' fit/validation split carried over to their questions.

    qa eval --tatqa ../shared/data/tatqa/tatqa_dataset_dev.json --export /tmp/tatqa
    qa eval --gold /tmp/tatqa/gold.jsonl --corpus /tmp/tatqa/corpus --systems full --within doc_id   # within
    qa eval --gold /tmp/tatqa/gold.jsonl --corpus /tmp/tatqa/corpus --systems full                   # pooled

A question's category is its kind: ``comparison`` (TAT-QA's ``req_comparison``: "in which year was X larger"),
else ``<answer_type>:<answer_from>`` (``span:table``, ``span:text``, ``arithmetic:table``, ...). Its accepted
answers are the gold spans (each of a multi-span answer) and, for numbers, the value; its evidence, for spans,
is the span itself (the cited passage must hold it); computed answers have none to cite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qa.eval.tatqa import load_contexts, load_or_make_split, parse_number, render_html

SPLIT_FILE = Path("eval/tatqa/split.json")


def kind_of(question: dict[str, Any]) -> str:
    if question.get("req_comparison"):
        return "comparison"
    return f"{question['answer_type']}:{question['answer_from']}"


def gold_row(question: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """One question as a gold row (the fields of ``eval/gold.jsonl``)."""
    answer = question["answer"]
    spans = [str(a) for a in answer] if isinstance(answer, list) else [str(answer)]
    number = parse_number(spans[0]) if len(spans) == 1 else None
    is_number = question["answer_type"] in ("arithmetic", "count") or number is not None
    evidence = spans[0] if question["answer_type"] in ("span", "multi-span") else ""
    return {"id": question["uid"], "question": question["question"], "answer_type": "number" if is_number else "text",
            "accept": spans, "evidence": evidence, "category": kind_of(question), "doc_id": doc_id,
            "numbers": [number] if is_number and number is not None else None, "scale": question.get("scale") or ""}


def export(dataset: Path, out: Path, split_file: Path = SPLIT_FILE) -> dict[str, int]:
    """Write ``out/corpus/tatqa-<uid>.html``, ``out/gold.jsonl`` and ``out/split.json``; counts per split."""
    contexts = load_contexts(dataset)
    splits = load_or_make_split(split_file, [c["table"]["uid"] for c in contexts])
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    ids: dict[str, list[str]] = {"fit": [], "validation": []}
    with (out / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for context in contexts:
            uid = context["table"]["uid"]
            (corpus / f"tatqa-{uid}.html").write_text(render_html(context), encoding="utf-8")
            for question in sorted(context["questions"], key=lambda q: q.get("order", 0)):
                gold.write(json.dumps(gold_row(question, f"tatqa-{uid}")) + "\n")
                ids.setdefault(splits[uid], []).append(question["uid"])
    (out / "split.json").write_text(json.dumps(ids, indent=0) + "\n", encoding="utf-8")
    return {name: len(v) for name, v in ids.items()}
