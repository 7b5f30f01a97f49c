"""Rendering a synthetic release (``bench.corpus``): its blocks as .txt, .md or .html, its tables in one of
the layouts the parser reads (tab-separated, Markdown pipes, HTML, space-aligned, flattened), and each body
row's text as the figures store will hold it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any


@dataclass
class Table:
    """Header rows and body rows (``[label, *cells]``), with the caption paragraph above them.

    ``spans`` (spaced layout only): header phrases that span column pairs, e.g. "Three months ended June 30,".
    """

    caption: str
    heads: list[list[str]]
    rows: list[list[str]]
    spans: list[str] = field(default_factory=list)


def fmt_date(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def table_lines(t: Table, layout: str) -> tuple[list[str], dict[str, str]]:
    """Source lines of ``t`` (HTML: the text the reader makes of it) and each body row's row text."""
    if layout == "flattened":
        head = " ".join(" ".join(h[1:]) for h in t.heads)
        rows = {r[0]: " ".join(r) for r in t.rows}
        return [" ".join([head, *rows.values()])], rows
    if layout in ("tsv", "html"):
        rows = {r[0]: "\t".join(r) for r in t.rows}
        return ["\t".join(h) for h in t.heads] + list(rows.values()), rows
    if layout == "pipe":
        sep = "|---|" + "---:|" * (len(t.heads[0]) - 1)
        lines = ["| " + " | ".join(r) + " |" for r in [*t.heads, *t.rows]]
        return [lines[0], sep, *lines[1:]], {r[0]: lines[len(t.heads) + n] for n, r in enumerate(t.rows)}
    label_w = max(len(r[0]) for r in [*t.heads, *t.rows]) + 4
    widest = max(len(c) for r in [*t.heads, *t.rows] for c in r[1:])
    width = max(widest + 4, min((len(s) for s in t.spans), default=0) - 3, 12)
    rights = [label_w + width * (k + 1) for k in range(len(t.rows[0]) - 1)]

    def line(cells: list[str]) -> str:
        out = cells[0].ljust(label_w)
        for cell, right in zip(cells[1:], rights, strict=True):
            out = out.ljust(right - len(cell)) + cell
        return out.rstrip()

    spans = ""
    for g, phrase in enumerate(t.spans):
        spans = spans.ljust(rights[2 * g] - 4) + phrase
    rows = {r[0]: line(r) for r in t.rows}
    return ([spans] if spans else []) + [line(h) for h in t.heads] + list(rows.values()), rows


def render(blocks: list[tuple[str, Any]], fmt: str, layout: str, title: str) -> tuple[str, dict[str, str]]:
    """The file content for ``blocks`` in ``fmt`` (txt, md, html), and every table row's row text."""
    parts: list[str] = []
    rows: dict[str, str] = {}
    for kind, value in blocks:
        if kind == "table":
            lines, table_rows = table_lines(value, layout)
            rows.update(table_rows)
            caption = f"**{value.caption}**" if fmt == "md" else value.caption
            parts += [_tag("p", caption) if fmt == "html" else caption,
                      _html_table(value) if fmt == "html" else "\n".join(lines)]
        elif fmt == "html":
            tag = {"headline": "h1", "heading": "h2", "para": "p", "contacts": "p"}.get(kind, "ul")
            if kind == "bullets":
                parts.append("<ul>\n" + "\n".join(_tag("li", b) for b in value) + "\n</ul>")
            else:
                parts.append(_tag(tag, "<br>\n".join(map(escape, value)) if kind == "contacts" else value,
                                  kind != "contacts"))
        elif kind in ("headline", "heading"):
            parts.append(f"**{value}**" if fmt == "md" or kind == "headline" else value)
        elif kind == "bullets":
            parts.append("\n".join(f"- {b}" for b in value))
        else:
            parts.append("\n".join(value) if kind == "contacts" else value)
    body = "\n\n".join(parts) + "\n"
    if fmt == "html":
        body = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
                f'</head>\n<body>\n<div class="press-release">\n{body}</div>\n</body>\n</html>\n')
    return body, rows


def _tag(tag: str, text: str, quote: bool = True) -> str:
    return f"<{tag}>{escape(text) if quote else text}</{tag}>"


def _html_table(t: Table) -> str:
    heads = ["<tr>" + "".join(_tag("th", c) for c in h) + "</tr>" for h in t.heads]
    body = ["<tr>" + "".join(_tag("td", c) for c in r) + "</tr>" for r in t.rows]
    return "<table>\n<thead>\n" + "\n".join(heads) + "\n</thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
