"""The source viewer on hostile releases: a passage in its text and a row in its table, shown as text."""

from __future__ import annotations

from pathlib import Path

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.app.viewer import Cited, page_image, view
from qa.app.views import refusal_note
from qa.language.records import Answer
from tests.conftest import ROOT

HOSTILE = ("# <b>EVIL CORP</b> REPORTS RESULTS\n\nMarch 3, 2024 – Evil Corp Inc. (NASDAQ: EVIL) said "
           "<script>window.__pwned=1</script> and see https://evil.example.com/x for more.\n\n"
           "| (US$ thousands) | 2023 | 2022 |\n|---|---|---|\n| Revenue <img src=x onerror=alert(1)> | 1,200 | 900 |\n"
           "| Net loss | (300) | (250) |\n")


def _stores(tmp_path: Path, fake_embedder) -> Stores:
    release = tmp_path / "evil.md"
    release.write_text(HOSTILE, encoding="utf-8")
    stores = Stores(Settings.from_env())
    assert ingest([release], stores, fake_embedder).added == ["evil"]
    return stores


def test_a_sentence_is_shown_in_its_text_escaped_and_marked(tmp_path: Path, fake_embedder) -> None:
    stores = _stores(tmp_path, fake_embedder)
    text = str(stores.catalog.text("evil"))
    start = text.index("said")
    cited = Cited(1, "evil", start, text.index(" for more") + 9, None, "body")
    entry = stores.catalog.entries()[0]
    html = view(cited, entry, text, stores.figures.all("evil"))
    assert "<script>" not in html and "&lt;script&gt;window." in html
    assert "<a " not in html and "<b>EVIL" not in html  # a release's URL and markup stay text
    assert "<mark id='qa-cited'>said &lt;script&gt;" in html
    assert "Net loss" in html  # the passage's surroundings are shown too


def test_a_table_row_is_shown_in_its_table_with_the_answered_cell_marked(tmp_path: Path, fake_embedder) -> None:
    stores = _stores(tmp_path, fake_embedder)
    figures = stores.figures.all("evil")
    loss = next(f for f in figures if f.row_label == "Net loss" and f.raw == "(300)")
    cited = Cited(1, "evil", loss.row_start, loss.row_end, None, "table", (loss.column_label,))
    html = view(cited, stores.catalog.entries()[0], stores.catalog.text("evil"), figures)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    row = html[html.index("qa-cited-row"):]
    row = row[:row.index("</tr>")]
    assert "<mark>(300)</mark>" in row and "<mark>(250)</mark>" not in row and "(250)" in row
    assert html.index("<th>2023</th>") < html.index("qa-cited-row")  # the header above the rows


def test_a_pdf_citation_has_its_page_rendered_and_other_releases_none(tmp_path: Path, fake_embedder) -> None:
    stores = _stores(tmp_path, fake_embedder)
    assert page_image(stores.catalog.entries()[0], 1) == (None, "")  # a Markdown release has no pages
    pdf = next((ROOT / "eval" / "corpus_other").glob("*.pdf"))
    ingest([pdf], stores, fake_embedder)
    entry = next(e for e in stores.catalog.entries() if e.path.endswith(".pdf"))
    image, why = page_image(entry, 1)
    assert image is not None and image.size[0] > 500 and image.size[1] > 500 and why == ""
    assert page_image(entry, 999)[0] is None and "has no page 999" in page_image(entry, 999)[1]


def test_pages_render_while_pdfs_are_read_and_a_changed_file_is_not_shown(tmp_path: Path, fake_embedder) -> None:
    import threading

    from index.pdf_reader import read_pdf

    stores = _stores(tmp_path, fake_embedder)
    pdf = tmp_path / "deal.pdf"
    pdf.write_bytes(next((ROOT / "eval" / "corpus_other").glob("*.pdf")).read_bytes())
    ingest([pdf], stores, fake_embedder)
    entry = next(e for e in stores.catalog.entries() if e.path.endswith(".pdf"))
    failures: list[BaseException] = []

    def work(i: int) -> None:  # PDFium is not thread-safe: without the lock this crashes the process
        try:
            for _ in range(5):
                if i % 2:
                    read_pdf(pdf, pdf.read_bytes())
                else:
                    assert page_image(entry, 1)[0] is not None
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    pdf.write_bytes(pdf.read_bytes() + b"\n% changed")
    image, why = page_image(entry, 1)
    assert image is None and "has changed since it was ingested" in why


def test_a_refusal_says_why_and_which_companies_are_ingested(tmp_path: Path, fake_embedder) -> None:
    stores = _stores(tmp_path, fake_embedder)
    entries = stores.catalog.entries()
    note = refusal_note(Answer("Who is the CEO of Barrick Gold?", "The releases do not say.", False, confidence=0.31),
                        0.547, entries)
    assert "31% likely to be right" in note and "below 55%" in note
    assert "No release here names &quot;Barrick&quot;" in note and "Evil Corp Inc." in note
    near = refusal_note(Answer("How much was revenue per tonne in 2023?", "The releases do not say.", False,
                               confidence=0.2), 0.547, entries,
                        lambda: ["Revenue [USD]", "Net loss [USD]", "Cash [USD]"])
    assert "The tables do report: Revenue &#91;USD&#93;." in near and "Net loss" not in near  # [ ] as entities
    close = refusal_note(Answer("What was revenue?", "The releases do not say.", False, confidence=0.5465),
                         0.547, entries)
    assert "54.6% likely" in close and "below 54.7%" in close
    assert "No release here names" not in refusal_note(
        Answer("Who is the CEO of Evil Corp?", "The releases do not say.", False, confidence=0.31), 0.547, entries)
