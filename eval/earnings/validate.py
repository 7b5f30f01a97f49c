"""Check eval/earnings/gold.jsonl and split.json against the shared earnings PDFs.

    python eval/earnings/validate.py [--pdfs ../shared/data/earnings]

Needs poppler (pdfinfo, pdftotext). Checks: every line parses; required fields and types; ids unique
and in order; answer_type matches category; every `numbers` value appears in the evidence once commas
are removed; each doc_id names a PDF there; each page exists in it; the evidence (whitespace collapsed,
"$" ignored) is on that page's `pdftotext -layout` text; split.json covers every id once, by company.
Exit status 1 on any error.
"""
import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = {"id", "question", "answer_type", "accept", "evidence", "category", "doc_id", "numbers", "page"}
TYPES = {"figure-table": "number", "figure-text": "number", "date": "text", "fact": "text",
         "name": "text", "place": "text", "unanswerable": "none"}
COMPANIES = ["AMCOR", "BESTBUY", "BLOCK", "COSTCO", "EBAY", "INTEL", "JOHNSON_JOHNSON", "ULTABEAUTY"]


def doc_id(name):
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"\.pdf$", "", name, flags=re.I).lower()).strip("-")


def norm(s):
    return re.sub(r"\s+", " ", s.replace("$", " ")).strip()


def company_of(text):
    t = text.upper().replace("&", "").replace(" ", "").replace("-", "").replace("_", "")
    for c in COMPANIES:
        if t.startswith(c.replace("_", "")):
            return c
    for key, c in [("AMCOR", "AMCOR"), ("BESTBUY", "BESTBUY"), ("BLOCK", "BLOCK"), ("COSTCO", "COSTCO"),
                   ("EBAY", "EBAY"), ("INTEL", "INTEL"), ("JOHNSONJOHNSON", "JOHNSON_JOHNSON"),
                   ("ULTABEAUTY", "ULTABEAUTY")]:
        if key in t:
            return c
    return None


def fmt(x):
    x = abs(x)
    return str(int(x)) if float(x).is_integer() else repr(float(x)).rstrip("0").rstrip(".")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdfs", default=str(HERE.parents[1] / ".." / "shared" / "data" / "earnings"))
    ap.add_argument("--gold", default=str(HERE / "gold.jsonl"))
    ap.add_argument("--split", default=str(HERE / "split.json"))
    a = ap.parse_args()
    pdfs = {doc_id(p.name): p for p in Path(a.pdfs).glob("*.pdf")}
    errors, rows, page_cache = [], [], {}

    def page_text(path, page):
        key = (path, page)
        if key not in page_cache:
            page_cache[key] = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                                             capture_output=True, text=True).stdout
        return page_cache[key]

    def n_pages(path):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        return int(m.group(1)) if m else 0

    for ln, line in enumerate(Path(a.gold).read_text(encoding="utf-8").splitlines(), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: bad JSON ({e})")
            continue
        rows.append(r)
        qid = r.get("id", f"line {ln}")
        if set(r) != FIELDS:
            errors.append(f"{qid}: fields {sorted(set(r) ^ FIELDS)}")
            continue
        if TYPES.get(r["category"]) != r["answer_type"]:
            errors.append(f"{qid}: category {r['category']} vs answer_type {r['answer_type']}")
        if r["answer_type"] == "none":
            if r["accept"] or r["evidence"] or r["numbers"] is not None or r["page"] is not None:
                errors.append(f"{qid}: unanswerable must have accept [], evidence '', numbers/page null")
            if r["doc_id"] is not None and r["doc_id"] not in pdfs:
                errors.append(f"{qid}: unknown doc_id {r['doc_id']}")
            continue
        if not r["accept"] or not r["evidence"] or len(r["evidence"]) >= 300:
            errors.append(f"{qid}: accept/evidence missing or evidence too long")
        if r["answer_type"] == "number":
            if not r["numbers"]:
                errors.append(f"{qid}: number question without numbers")
            else:
                ev = r["evidence"].replace(",", "")
                for n in r["numbers"]:
                    if fmt(n) not in ev:
                        errors.append(f"{qid}: number {n} not in evidence")
        elif r["numbers"] is not None:
            errors.append(f"{qid}: text question with numbers")
        path = pdfs.get(r["doc_id"])
        if path is None:
            errors.append(f"{qid}: unknown doc_id {r['doc_id']}")
            continue
        if not isinstance(r["page"], int) or not 1 <= r["page"] <= n_pages(path):
            errors.append(f"{qid}: page {r['page']} not in {path.name}")
            continue
        if norm(r["evidence"]) not in norm(page_text(path, r["page"])):
            errors.append(f"{qid}: evidence not on {path.name} p{r['page']}")

    ids = [r.get("id") for r in rows]
    if len(ids) != len(set(ids)):
        errors.append(f"duplicate ids: {[i for i, c in Counter(ids).items() if c > 1]}")
    if ids != [f"e{i:03d}" for i in range(1, len(ids) + 1)]:
        errors.append("ids are not e001.. in order")

    split = json.loads(Path(a.split).read_text(encoding="utf-8"))
    val, fit = set(split["validation"]), set(split["fit"])
    # FinanceBench's questions (financebench.jsonl beside this file) share the split, by the same companies
    bench = HERE / "financebench.jsonl"
    bench_rows = [json.loads(x) for x in bench.read_text(encoding="utf-8").splitlines() if x.strip()] if bench.is_file() else []
    if val & fit or (val | fit) != set(ids) | {r["id"] for r in bench_rows}:
        errors.append("split.json: validation/fit must partition the ids")
    for r in rows + bench_rows:
        comp = company_of(r["doc_id"]) if r.get("doc_id") else company_of(r["question"].replace("'s", ""))
        want = "validation" if comp in split["validation_companies"] else "fit"
        got = "validation" if r["id"] in val else "fit"
        if comp is None or want != got:
            errors.append(f"{r['id']}: company {comp} split {got}, expected {want}")

    cats = Counter(r["category"] for r in rows)
    print(f"{len(rows)} questions; " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    print(f"validation {len(val)}, fit {len(fit)}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
