"""What the app shows: answers with their sources in context, figure tables, chart data, release lists.

Release text is always escaped: a release containing HTML or <script> is shown as text, never run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from html import escape as _html_escape
from typing import Any

from index.catalog import CatalogEntry
from index.cleaner import unmarked
from index.records import Figure
from index.vocabulary import MONTH_NAMES, MONTHS
from qa.figures.wording import SCALE_NAMES, period_text
from qa.language.question import Question, stems
from qa.language.records import Answer, Citation

CONTEXT_CHARS = 220
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "_*`[]\\~"})  # none occurs in an HTML entity


def escape(text: str) -> str:
    """Release text as text: HTML-escaped, then markdown characters as entities, so the chat's markdown
    renderer cannot turn ``__x__`` into emphasis or ``[a](b)`` into a link."""
    return _html_escape(text, quote=True).translate(_MARKDOWN)


FIGURE_COLUMNS = ("metric", "period", "value", "unit", "scale", "as printed", "column", "period end", "release", "date")
RELEASE_COLUMNS = ("date", "company", "ticker", "title", "chunks", "figures", "doc_id")


def render_answer(answer: Answer, text_window: Callable[[str, int, int], str | None]) -> str:
    """The chat message: short answer, figures table, then each source with its sentence highlighted in the
    text around it (``text_window(doc_id, start, end)``: those characters of a release, read alone)."""
    parts = [f"<p class='qa-answer'>{escape(answer.answer)}</p>"]
    if answer.found:
        parts.append(f"<p class='qa-confidence'>Confidence {100 * answer.confidence:.0f}%: the answer model's "
                     "probability that this answer is right</p>")
    if answer.figures:
        rows = "".join(
            f"<tr><td style='white-space: normal; min-width: 7em'>{escape(str(f['metric']))}</td>"
            f"<td class='qa-number' style='white-space: nowrap'>{escape(_value(f))}</td>"
            f"<td>{escape(str(f['unit'] or ''))}</td><td>{escape(str(f.get('scale_label') or f['scale']))}</td>"
            f"<td>{escape(str(f['period']))}</td><td>{escape(str(f.get('column') or ''))}</td></tr>"
            for f in answer.figures
        )  # the value next to its metric: on a phone the rest scrolls
        parts.append("<div class='qa-table-scroll' style='overflow-x: auto'><table class='qa-figures'><thead><tr>"
                     "<th>metric</th><th>value</th><th>unit</th><th>scale</th><th>period</th><th>column</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table></div>")
    sources = answer.citations if answer.found else answer.closest
    if sources:
        label = "Sources" if answer.found else "Closest passages found (they do not answer the question)"
        parts.append(f"<p class='qa-sources-label'><b>{label}</b></p>")
        for i, c in enumerate(sources, 1):
            parts.append(_source(i, c, text_window, open_=answer.found and i == 1))
    return "".join(parts)


def refusal_note(answer: Answer, threshold: float, entries: Sequence[CatalogEntry],
                 metrics: Callable[[], Sequence[str]] = tuple) -> str:
    """Why an answer was withheld, and what the releases hold near it: the companies ingested when the question
    names one they do not, the table metrics sharing a word with a figure question (``metrics``: all of them,
    read only for a figure question)."""
    if answer.found:
        return ""
    digits = 0 if round(100 * answer.confidence) != round(100 * threshold) else 1  # never "55% ... below 55%"
    why = (f"Why: the best answer found was {100 * answer.confidence:.{digits}f}% likely to be right; answers below "
           f"{100 * threshold:.{digits}f}% are withheld, since a wrong figure is worse than none."
           if answer.confidence > 0 else "Why: nothing found in the releases answers the question as asked.")
    parts = [f"<p class='qa-why'>{escape(why)}</p>"]
    known = {t for e in entries for t in stems(" ".join(x for x in (e.company, e.ticker, e.title) if x))}
    asked = Question.parse(answer.question)
    # a name the releases never print (an acronym such as "CEO" or "EPS" is a term, not a name)
    names = [n for n in asked.names
             if not n.isupper() and n.lower() not in MONTH_NAMES and n.lower() not in MONTHS
             and not set(stems(n)) & known]
    companies = sorted({e.company for e in entries if e.company})
    if names and companies:
        shown = "; ".join(companies[:8]) + (f"; and {len(companies) - 8} more" if len(companies) > 8 else "")
        said = f'No release here names "{names[0]}". The releases are from: {shown}'
        parts.append(f"<p class='qa-known'>{escape(said if said.endswith('.') else said + '.')}</p>")
    near = [m for m in metrics() if set(stems(m.split(" [")[0])) & set(asked.terms)] if asked.wants == "number" else []
    if near:
        listed = "; ".join(near[:6]) + (f"; and {len(near) - 6} more (see Figures)" if len(near) > 6 else "")
        parts.append(f"<p class='qa-near'>{escape('The tables do report: ' + listed + '.')}</p>")
    return "".join(parts)


def _value(f: dict[str, Any]) -> str:
    value = f["value"]
    if value is None:
        return "nil"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _source(n: int, c: Citation, text_window: Callable[[str, int, int], str | None], open_: bool) -> str:
    first = max(0, c.start - CONTEXT_CHARS)
    text = text_window(c.doc_id, first, c.end + CONTEXT_CHARS) or ""
    start, end = c.start - first, c.end - first
    before, after = text[:start], text[end:]
    cited = text[start:end] if text[start:end].strip() else c.text
    period = (f" · reports {escape(c.reporting_period)}"
              if c.reporting_period and c.reporting_period not in (c.date or "") else "")
    page = f" · p. {c.page}" if c.page else ""
    summary = (f"[{n}] <span class='qa-title'>{escape(c.title or c.doc_id)}</span> · {escape(c.date or 'undated')}"
               f"{page}{period} · {escape(c.section)}")
    body = f"…{escape(unmarked(before))}<mark>{escape(unmarked(cited))}</mark>{escape(unmarked(after))}…"
    return (f"<details class='qa-source'{' open' if open_ else ''}><summary>{summary}</summary>"
            f"<div class='qa-context' style='white-space: pre-wrap'>{body}</div></details>")


def figure_rows(figures: Sequence[Figure], entries: dict[str, CatalogEntry]) -> list[list[Any]]:
    """One row per stored figure, for the Figures table and its CSV."""
    rows = []
    for f in figures:
        entry = entries.get(f.doc_id)
        rows.append([
            unmarked(f.label),
            period_text(f), f.value, f.unit or "", f.scale_label or str(f.scale),
            unmarked(f.raw), f.column_label, f.period_end or "", shortened(entry.title) if entry else f.doc_id,
            entry.date if entry else "",
        ])
    return rows


def metric_names(figures: Sequence[Figure]) -> list[str]:
    """Metrics with a value in at least two periods (worth a chart), then the rest; a line item printed in
    other cases by other releases ("Depreciation and Amortization") is one metric, named as most print it."""
    periods: dict[str, set[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for f in figures:
        if f.value is not None:
            key = _metric_key(f)
            periods.setdefault(key.casefold(), set()).add(_period(f))
            spellings.setdefault(key.casefold(), Counter())[key] += 1
    money = {_metric_key(f).casefold() for f in figures if f.unit and len(f.unit) == 3 and f.unit.isupper()}
    ordered = sorted(periods, key=lambda m: (-min(len(periods[m]), 2), m not in money, m))
    return [spellings[m].most_common(1)[0][0] for m in ordered]


def shortened(title: str, limit: int = 48) -> str:
    """A title cut at a word to at most ``limit`` characters, with "…" where it was cut."""
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def chart_points(figures: Sequence[Figure], metric: str, titles: dict[str, str] | None = None,
                 scale: int | None = None) -> tuple[list[dict[str, Any]], str]:
    """One metric's points, each a stored cell (never a sum of cells), and the value axis's title.

    Values are in the scale most of its cells are printed in, the others converted to it; one series per
    period kind ("three months ended", "as at"), split by column for the whole kind where one period has
    several different cells (tonnes of ore and tonnes contained). The same cell printed by several releases
    is one point naming them all; a value restated by a later release is the point, the earlier one named
    beside it. ``titles``: doc id → "date · title", which also orders releases; ``scale``: the axis's scale
    when it is set by other metrics on the same chart (1: units)."""
    cells = [f for f in figures
             if _metric_key(f).casefold() == metric.casefold() and f.value is not None and not f.derived]
    if not cells:
        return [], ""
    scale = scale or Counter(f.scale for f in cells).most_common(1)[0][0]
    by_period: dict[tuple[str, str], list[Figure]] = {}
    for f in cells:
        by_period.setdefault((_kind(f), _period(f)), []).append(f)
    split = {kind for (kind, _), group in by_period.items()
             if len({c.column_label for c in group}) > 1 and len({c.value for c in group}) > 1}
    named = titles or {}
    points: dict[tuple[str, str], dict[str, Any]] = {}
    for f in sorted(cells, key=lambda c: named.get(c.doc_id, c.doc_id), reverse=True):  # latest release first
        series = (_kind(f) or "as printed") + (f" · {f.column_label}" if _kind(f) in split else "")
        release, value = named.get(f.doc_id, f.doc_id), (f.value or 0.0) * f.scale / scale
        point = points.get((_period(f), series))
        if point is None:
            points[(_period(f), series)] = {"period": _period(f), "value": value, "series": series, "release": release,
                                            "as printed": f.raw}
        elif release not in point["release"]:  # the same cell again, or an earlier release's value it restates
            point["release"] += f"; {release}" if value == point["value"] else f"; restates {f.raw} in {release}"
    unit = cells[0].unit or "value"
    words = "" if scale == 1 else SCALE_NAMES[scale] + "s" if scale in SCALE_NAMES else f"× {scale:,}"
    return sorted(points.values(), key=lambda p: (p["period"], p["series"])), f"{unit} ({words})" if words else unit


def _period(f: Figure) -> str:
    return f.period_end or f.fiscal_period or f.column_label


def _kind(f: Figure) -> str:
    return (f.period_kind or "").replace("_", " ")


def _metric_key(f: Figure) -> str:
    label = unmarked(f.label)  # no "**" shown
    named = f"{label} [{f.unit}]" if f.unit else label
    return named if f.period_end or f.fiscal_period else f"{label} — {f.column_label}"


def release_rows(entries: Sequence[CatalogEntry], figure_counts: dict[str, int]) -> list[list[Any]]:
    """One row per release, newest first, for the Releases table."""
    newest = sorted(entries, key=lambda e: (e.date or "", e.doc_id), reverse=True)
    return [[e.date or "", e.company or "", e.ticker or "", shortened(e.title, 90), e.chunk_count,
             figure_counts.get(e.doc_id, 0), e.doc_id] for e in newest]
