"""Tables flattened into one run of text, as a page conversion leaves them.

``Three Months Three Months Ended Ended 31-Dec-16 31-Dec-15 $'000 $'000 Gross Revenue 7,060 8,181 ...``:
a header of period and scale tokens, then rows of a label followed by one value per column.
Nothing about the document is known here; rows are found from the shape of the tokens.
"""

from __future__ import annotations

import re

from index.cells import cell_kind, is_scale_marker, is_unit_cell, is_value, is_year
from index.periods import find_dates, parse_month
from index.table_layouts import Field, RawRow, RawTable

_HEADER_WORDS = frozenset(
    re.split(
        r"\s+",
        "three six nine twelve 3 6 9 12 month months ended ending end year years quarter quarters fiscal as at "
        "of for the and half first second third fourth q1 q2 q3 q4 h1 h2 fy weeks period periods unaudited "
        "audited restated in thousands millions",
    )
)
_PERIOD_WORDS = frozenset(
    {"month", "months", "ended", "ending", "year", "years", "quarter", "fy", "q1", "q2", "q3", "q4"}
)
_SENTENCE_END = re.compile(r"[a-z]{2,}[.;!?]")
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?")
_WEAK = re.compile(r"\d{1,4}")
_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\s*\n))*")
_TOKEN = re.compile(r"\S+")


def _is_period_token(token: str) -> bool:
    t = token.strip("(),:;")
    return is_year(t) or bool(find_dates(t)) or bool(parse_month(t) and "-" in t)


def _header_length(tokens: list[re.Match[str]]) -> int:
    """Number of leading tokens that read as a period/scale header."""
    i = 0
    while i < len(tokens):
        tok = tokens[i][0]
        word = tok.lower().strip("(),:;")
        prev_month = i > 0 and parse_month(tokens[i - 1][0] + " 2000") is not None
        if not (
            word in _HEADER_WORDS
            or _is_period_token(tok)
            or (is_unit_cell(tok) and not tok.isdigit())
            or parse_month(tok + " 2000") is not None
            and tok[:1].isupper()
            or (prev_month and _DAY.fullmatch(tok))
        ):
            break
        i += 1
    return i


def _compatible(a: list[str], b: list[str]) -> bool:
    return all(
        x.lower() == y.lower() or (_is_period_token(x) and _is_period_token(y)) for x, y in zip(a, b, strict=True)
    )


def _span(tokens: list[re.Match[str]], text: str) -> Field:
    return Field(text[tokens[0].start() : tokens[-1].end()], tokens[0].start(), tokens[-1].end())


def _header_rows(tokens: list[re.Match[str]], ncols: int, text: str) -> list[RawRow]:
    """Split a flattened header into lines of ``ncols`` repeated phrases; tokens
    that repeat in no such line form a spanning row over every column."""
    lines: list[list[Field]] = []
    prefix: list[re.Match[str]] = []
    i = 0
    while i < len(tokens):
        for k in range(1, (len(tokens) - i) // ncols + 1):
            groups = [tokens[i + g * k : i + (g + 1) * k] for g in range(ncols)]
            words = [[t[0] for t in g] for g in groups]
            if all(_compatible(words[0], w) for w in words[1:]):
                break
        else:
            prefix.append(tokens[i])
            i += 1
            continue
        if prefix:
            lines.append([_span(prefix, text)] * ncols)
            prefix = []
        lines.append([_span(g, text) for g in groups])
        i += k * ncols
    if prefix:
        lines.append([_span(prefix, text)] * ncols)
    return [RawRow(c[0].start, c[-1].end, Field("", c[0].start, c[0].start), c) for c in lines]


def _split_label(tokens: list[re.Match[str]]) -> int:
    """Index splitting ``parent child`` in a label (after ``(000)`` or ``Heading:``), or 0."""
    for p in range(len(tokens) - 2, -1, -1):
        if is_scale_marker(tokens[p][0]) or tokens[p][0].endswith(":"):
            return p + 1
    return 0


def _parse_flattened(text: str, start: int, end: int) -> RawTable | None:
    tokens = list(_TOKEN.finditer(text, start, end))
    h = _header_length(tokens)
    ncols = sum(1 for t in tokens[:h] if _is_period_token(t[0]) and not _DAY.fullmatch(t[0]))
    has_scale = any(is_unit_cell(t[0]) for t in tokens[:h])
    period_words = any(
        t[0].lower().strip("(),:;") in _PERIOD_WORDS or cell_kind(t[0]) == "period" for t in tokens[:h]
    )
    if ncols == 0 or not (has_scale or (ncols >= 2 and period_words)):
        return None
    body: list[RawRow] = []
    label: list[re.Match[str]] = []
    open_parent: str | None = None
    i = h
    while i < len(tokens):
        if not is_value(tokens[i][0]):
            label.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and is_value(tokens[j][0]):
            j += 1
        extra = j - i - ncols
        if extra < 0:
            label.extend(tokens[i:j])
            i = j
            continue
        last_weak = all(_WEAK.fullmatch(t[0]) for t in tokens[j - extra : j])
        first_weak = all(_WEAK.fullmatch(t[0]) for t in tokens[i : i + extra])
        if extra and (not label or j == len(tokens) or (first_weak and not last_weak)):
            label.extend(tokens[i : i + extra])
            values, rest = tokens[i + extra : j], []
        else:
            values, rest = tokens[i : i + ncols], tokens[i + ncols : j]
        if not label or len(label) > 15 or any(_SENTENCE_END.fullmatch(t[0]) for t in label):
            return None
        split = _split_label(label)
        if split:
            parent = _span(label[:split], text)
            body.append(RawRow(parent.start, parent.end, parent, [Field("", parent.end, parent.end)] * ncols))
            open_parent, label = parent.text, label[split:]
        elif open_parent and len(label) > 2:
            open_parent = None
        head = _span(label, text)
        cells = [_span([v], text) for v in values]
        body.append(RawRow(head.start, cells[-1].end, head, cells, open_parent))
        label, i = list(rest), j
    if len(label) > 3 or sum(1 for r in body if r.cells[0].text) < 2:
        return None
    headers = _header_rows(tokens[:h], ncols, text)
    return RawTable("flattened", tokens[0].start(), body[-1].end, headers + body, len(headers), True)


def find_flattened(text: str) -> list[RawTable]:
    """Paragraphs that start with a period/scale header followed by label + N values runs."""
    paragraphs = [m for m in _PARAGRAPH.finditer(text) if "\t" not in m[0] and not m[0].lstrip().startswith("|")]
    return [t for m in paragraphs if (t := _parse_flattened(text, m.start(), m.end()))]
