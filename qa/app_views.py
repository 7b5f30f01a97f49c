"""What the app shows: answers with their sources in context, figure tables, chart data, release lists.

Release text is always escaped: a release containing HTML or <script> is shown as text, never run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape as _html_escape
from typing import Any

from index.catalog import CatalogEntry
from index.records import Figure
from qa.figure_text import describe_period
from qa.records import Answer, Citation

CONTEXT_CHARS = 220
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "_*`[]\\~"})  # none occurs in an HTML entity


def escape(text: str) -> str:
    """Release text as text: HTML-escaped, then markdown characters as entities, so the chat's markdown
    renderer cannot turn ``__x__`` into emphasis or ``[a](b)`` into a link."""
    return _html_escape(text, quote=True).translate(_MARKDOWN)


FIGURE_COLUMNS = ["release", "date", "metric", "column", "period", "period end", "value", "unit", "scale", "as printed"]
RELEASE_COLUMNS = ["date", "title", "company", "ticker", "chunks", "figures", "doc_id"]


def render_answer(answer: Answer, release_text: Callable[[str], str | None]) -> str:
    """The chat message: short answer, figures table, then each source with its sentence highlighted."""
    parts = [f"<p class='qa-answer'>{escape(answer.answer)}</p>"]
    if answer.found:
        parts.append(f"<p class='qa-confidence'>Confidence {100 * answer.confidence:.0f}%: the answer model's "
                     "probability that this answer is right</p>")
    if answer.figures:
        rows = "".join(
            f"<tr><td>{escape(str(f['metric']))}</td><td>{escape(str(f.get('column') or ''))}</td>"
            f"<td>{escape(str(f['period']))}</td><td>{escape(_value(f))}</td><td>{escape(str(f['unit'] or ''))}</td>"
            f"<td>{escape(str(f.get('scale_label') or f['scale']))}</td></tr>"
            for f in answer.figures
        )
        parts.append("<table class='qa-figures'><thead><tr><th>metric</th><th>column</th><th>period</th><th>value</th>"
                     f"<th>unit</th><th>scale</th></tr></thead><tbody>{rows}</tbody></table>")
    sources = answer.citations if answer.found else answer.closest
    if sources:
        label = "Sources" if answer.found else "Closest passages found (they do not answer the question)"
        parts.append(f"<p class='qa-sources-label'><b>{label}</b></p>")
        for i, c in enumerate(sources, 1):
            parts.append(_source(i, c, release_text(c.doc_id) or c.text, open_=answer.found and i == 1))
    return "\n".join(parts)


def _value(f: dict[str, Any]) -> str:
    value = f["value"]
    if value is None:
        return "nil"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _source(n: int, c: Citation, text: str, open_: bool) -> str:
    before = text[max(0, c.start - CONTEXT_CHARS):c.start]
    after = text[c.end:c.end + CONTEXT_CHARS]
    cited = text[c.start:c.end] if text[c.start:c.end].strip() else c.text
    period = f" · reports {escape(c.reporting_period)}" if c.reporting_period and c.reporting_period not in (c.date or "") else ""
    page = f" · p. {c.page}" if c.page else ""
    summary = (f"[{n}] <span class='qa-title'>{escape(c.title or c.doc_id)}</span> · {escape(c.date or 'undated')}"
               f"{page}{period} · {escape(c.section)}")
    body = f"…{escape(before)}<mark>{escape(cited)}</mark>{escape(after)}…"
    return (f"<details class='qa-source'{' open' if open_ else ''}><summary>{summary}</summary>"
            f"<div class='qa-context' style='white-space: pre-wrap'>{body}</div></details>")


def figure_rows(figures: Sequence[Figure], entries: dict[str, CatalogEntry]) -> list[list[Any]]:
    """One row per stored figure, for the Figures table and its CSV."""
    rows = []
    for f in figures:
        entry = entries.get(f.doc_id)
        rows.append([
            _short(entry.title) if entry else f.doc_id, entry.date if entry else "",
            f"{f.parent_label}: {f.row_label}" if f.parent_label else f.row_label, f.column_label,
            describe_period(f).removeprefix("for the "), f.period_end or "", f.value, f.unit or "",
            f.scale_label or str(f.scale), f.raw,
        ])
    return rows


def metric_names(figures: Sequence[Figure]) -> list[str]:
    """Metrics with a value in at least two periods (worth a chart), then the rest."""
    periods: dict[str, set[str]] = {}
    for f in figures:
        if f.value is not None:
            periods.setdefault(_metric_key(f), set()).add(f.period_end or f.column_label)
    money = {_metric_key(f) for f in figures if f.unit and len(f.unit) == 3 and f.unit.isupper()}
    return sorted(periods, key=lambda m: (-min(len(periods[m]), 2), m not in money, m))


def _short(title: str, limit: int = 48) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def chart_points(figures: Sequence[Figure], metric: str) -> list[dict[str, Any]]:
    """(period end, value × scale, series) points of one metric, for the chart."""
    points = [
        {"period": f.period_end or f.column_label, "value": f.value * f.scale, "series": f.column_label if not f.period_end else _kind(f)}
        for f in figures if _metric_key(f) == metric and f.value is not None and not f.derived  # a % change is no point in time
    ]
    return sorted(points, key=lambda p: p["period"])


def _kind(f: Figure) -> str:
    return (f.period_kind or "").replace("_", " ")


def _metric_key(f: Figure) -> str:
    label = f"{f.parent_label}: {f.row_label}" if f.parent_label else f.row_label
    return f"{label} [{f.unit or ''}]" if f.period_end else f"{label} — {f.column_label}"


def release_rows(entries: Sequence[CatalogEntry], figure_counts: dict[str, int]) -> list[list[Any]]:
    return [[e.date or "", e.title, e.company or "", e.ticker or "", e.chunk_count, figure_counts.get(e.doc_id, 0), e.doc_id]
            for e in entries]
