"""What the app shows of the library as it is now: the summary line, the release and metric choices, example
questions and the figures' CSV; read afresh whenever the library changes (an upload, a removal, a page load)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.catalog import CatalogEntry
from index.cleaner import unmarked
from index.records import Figure
from index.store import Stores
from qa.app.views import escape, metric_names, shortened
from qa.figures.wording import describe_period, period_text, spreadsheet_cell

ALL_RELEASES = "All releases"
CSV_COLUMNS = ("doc_id", "release", "date", "company", "metric", "column", "period", "period end", "value", "unit",
               "scale", "as printed", "page")


@dataclass(frozen=True)
class Library:
    """The ingested releases and their figures, read once for one refresh of the page."""

    entries: list[CatalogEntry]
    figures: list[Figure]

    @classmethod
    def read(cls, stores: Stores) -> Library:
        return cls(stores.catalog.entries(), stores.figures.all())

    def summary(self) -> str:
        """What is ingested, as one line of HTML (escaped): releases, companies, dates, figures."""
        if not self.entries:
            return ("<p><b>No releases ingested yet.</b> Add some under <i>Releases</i>, "
                    "or run <code>qa ingest FOLDER</code>.</p>")
        companies = sorted({e.company for e in self.entries if e.company})
        dates = sorted(e.date for e in self.entries if e.date)
        named = "; ".join(companies[:4]) + (f"; and {len(companies) - 4} more" if len(companies) > 4 else "")
        span = ((f", dated {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", dated {dates[0]}")
                if dates else "")
        undated = len(self.entries) - len(dates)
        rest = (f" from {named or 'issuers not found'}{span}{f' ({undated} undated)' if undated else ''}; "
                f"{len(self.figures):,} table figures.")
        return f"<p><b>{len(self.entries)} release{'s' * (len(self.entries) != 1)}</b>{escape(rest)}</p>"

    def release_choices(self, everything: bool = False) -> list[tuple[str, str]]:
        """(label, doc id) per release, newest first, labelled by date and title; ``everything``: with a first
        choice for all releases (value "")."""
        ordered = sorted(self.entries, key=lambda e: (e.date or "", e.doc_id), reverse=True)
        choices = [(f"{e.date or 'undated'} · {shortened(e.title or e.doc_id, 90)}", e.doc_id) for e in ordered]
        return [(ALL_RELEASES, ""), *choices] if everything else choices

    def metrics(self) -> list[str]:
        return metric_names(self.figures)

    def examples(self) -> list[str]:
        """Example questions made from what is ingested (no corpus is assumed)."""
        out = []
        dated = [f for f in self.figures if f.value is not None and f.period_end and not f.derived]
        if dated:
            latest = max(dated, key=lambda f: f.period_end or "")  # the first row reported for the latest period
            out.append(f"What was {latest.row_label.lower()} {describe_period(latest)}?")
        named = [e for e in self.entries if e.company]
        if named:
            company = named[-1].company
            out += [f"Who is the chief executive officer of {company}?", f"Where is {company} based?"]
        return out or ["What did the company announce?"]

    def csv_file(self, figures: list[Figure], folder: Path) -> str:
        """``figures`` as a CSV file in ``folder`` (full titles, doc ids, values and the cells as printed), named
        by its content so that one filter makes one file, replaced whole when the figures change; its path."""
        entries = {e.doc_id: e for e in self.entries}
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for f in figures:
            entry = entries.get(f.doc_id)
            row: list[Any] = [
                f.doc_id, entry.title if entry else "", entry.date or "" if entry else "",
                entry.company or "" if entry else "", f.label,
                f.column_label, period_text(f), f.period_end or "", _number(f.value),
                f.unit or "", f.scale_label or str(f.scale), unmarked(f.raw), f.page or ""]
            writer.writerow([spreadsheet_cell(v) for v in row])
        text = out.getvalue()
        path = folder / f"figures-{hashlib.sha256(text.encode()).hexdigest()[:16]}.csv"
        if not path.exists():
            with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="utf-8", newline="") as tmp:
                tmp.write(text)
            os.replace(tmp.name, path)  # another request for the same rows never reads half a file
        return str(path)


def _number(value: float | None) -> str:
    """A value as a spreadsheet reads it: 690 rather than 690.0, never in exponent form."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.10f}".rstrip("0").rstrip(".")
