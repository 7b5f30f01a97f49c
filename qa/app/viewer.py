"""The release viewer: a cited passage shown inside its release with the passage marked; a cited table row shown
in its table (header, the row and the cell answered marked); a PDF release's cited page rendered as an image.

Everything comes from what ingest stored (the release text in the catalog, the table cells in the figures store)
and, for the page image, the PDF file the release was read from; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.catalog import CatalogEntry
from index.cleaner import unmarked
from index.pdf_reader import render_page
from index.records import Figure
from qa.app.views import escape, shortened

CONTEXT = 1500  # characters of the release shown before and after a cited passage
PAGE_SCALE = 1.4  # a rendered PDF page's size: 1.0 is 72 dots per inch


@dataclass(frozen=True)
class Cited:
    """One citation of an answer, as the viewer needs it: where it is, and the table columns the answer read."""

    n: int
    doc_id: str
    start: int
    end: int
    page: int | None
    section: str
    columns: tuple[str, ...] = ()
    text: str = ""  # the cited sentence or row

    @classmethod
    def of_answer(cls, answer: dict[str, Any]) -> list[Cited]:
        """The citations of an answer object (``Answer.as_dict``); a refusal's closest passages when it has none."""
        cited = answer.get("citations") or answer.get("closest") or []
        columns: dict[tuple[str, int], list[str]] = {}
        for f in answer.get("figures") or []:
            columns.setdefault((f["doc_id"], f["start"]), []).append(str(f.get("column") or ""))
        return [cls(i, c["doc_id"], c["start"], c["end"], c.get("page"), c.get("section") or "",
                    tuple(columns.get((c["doc_id"], c["start"]), ())), c.get("text") or "")
                for i, c in enumerate(cited, 1)]

    def label(self, entry: CatalogEntry | None) -> str:
        """"[1] 2016-05-31 · title · p. 4 · the cited words": two citations of one release told apart."""
        page = f" · p. {self.page}" if self.page else ""
        title = entry.title if entry else self.doc_id
        words = " ".join(self.text.split())
        quoted = f" · “{shortened(words, 60)}”" if words else ""
        return f"[{self.n}] {entry.date if entry and entry.date else 'undated'} · {shortened(title, 50)}{page}{quoted}"


def view(cited: Cited, entry: CatalogEntry | None, text: str | None, figures: list[Figure]) -> str:
    """The viewer's HTML for one citation: the release's header, then its table or its text around the passage."""
    if entry is None or text is None:
        return f"<p>The release {escape(cited.doc_id)} is no longer ingested.</p>"
    where = " · ".join(x for x in (entry.date or "undated", entry.company or "",
                                   f"page {cited.page}" if cited.page else "",
                                   cited.section, Path(entry.path).name, entry.doc_id) if x)
    head = f"<div class='qa-viewer-head'><b>{escape(entry.title)}</b><br><small>{escape(where)}</small></div>"
    table = _table(cited, figures)
    return head + (table if table else _passage(cited, text))


def _passage(cited: Cited, text: str) -> str:
    """The release text around the passage, from line to line, the passage marked and scrolled to."""
    start = text.rfind("\n", 0, max(0, cited.start - CONTEXT)) + 1
    end = text.find("\n", min(len(text), cited.end + CONTEXT))
    end = len(text) if end < 0 else end
    before, passage, after = (unmarked(t) for t in (text[start:cited.start], text[cited.start:cited.end],
                                                    text[cited.end:end]))
    return (f"<div class='qa-viewer-text' style='white-space: pre-wrap'>{'…' if start else ''}{escape(before)}"
            f"<mark id='qa-cited'>{escape(passage)}</mark>{escape(after)}{'…' if end < len(text) else ''}</div>")


def _table(cited: Cited, figures: list[Figure]) -> str:
    """The table holding the cited row, rebuilt from its stored cells: header, rows in order, the cited row
    and the cells the answer read marked; "" when the citation is not a table row."""
    row_cells = [f for f in figures if f.doc_id == cited.doc_id and f.row_start < cited.end and cited.start < f.row_end]
    if not row_cells:
        return ""
    table_index = row_cells[0].table_index
    cells = [f for f in figures if f.doc_id == cited.doc_id and f.table_index == table_index]
    columns: list[str] = []
    rows: dict[tuple[int, str], dict[str, Figure]] = {}
    for f in cells:
        if f.column_label not in columns:
            columns.append(f.column_label)
        rows.setdefault((f.row_start, f.row_label), {})[f.column_label] = f
    header = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    parents: set[str] = set()
    for (_, label), by_column in sorted(rows.items()):
        first = next(iter(by_column.values()))
        if first.parent_label and first.parent_label not in parents:
            parents.add(first.parent_label)
            body.append(f"<tr><td colspan='{len(columns) + 1}'><b>{escape(first.parent_label)}</b></td></tr>")
        hit = any(f.row_start < cited.end and cited.start < f.row_end for f in by_column.values())
        tds = "".join(_cell(by_column.get(c), hit and c in cited.columns) for c in columns)
        marked = " class='qa-cited-row' id='qa-cited'" if hit else ""
        body.append(f"<tr{marked}><th scope='row'>{escape(label)}</th>{tds}</tr>")
    caption = escape(cells[0].caption) if cells[0].caption else ""
    return ("<div class='qa-table-scroll' style='overflow-x: auto'><table class='qa-figures qa-viewer-table'>"
            f"<caption>{caption}</caption>"
            f"<thead><tr><th></th>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _cell(f: Figure | None, answered: bool) -> str:
    if f is None:
        return "<td></td>"
    shown = escape(unmarked(f.raw))
    return f"<td class='qa-number' style='white-space: nowrap'>{f'<mark>{shown}</mark>' if answered else shown}</td>"


def page_image(entry: CatalogEntry | None, page: int | None) -> tuple[Any, str]:
    """The cited page of a PDF release, rendered (a PIL image), and "" ; or None and why there is no image
    ("" for a release that is not a PDF or a citation with no page: the text view says it all)."""
    if entry is None or not page or not entry.path.lower().endswith(".pdf"):
        return None, ""
    return render_page(Path(entry.path), page, entry.sha256, PAGE_SCALE)
