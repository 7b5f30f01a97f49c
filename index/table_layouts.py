"""Line-based table layouts (tab-separated, pipe, space-aligned) and the records every table reader hands over.

Each layout finder returns :class:`RawTable` objects: rows of fields carrying
their offsets in the release text, with column 0 holding the row label.  The
grid semantics (headers, nesting, footnotes) are applied in ``index.tables``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from index.cells import cell_kind, is_value, is_year

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_WIDE_GAP = re.compile(r"\s{2,}")


@dataclass
class Field:
    """One cell of a source line: stripped text and its offsets."""

    text: str
    start: int
    end: int
    indent: int = 0


@dataclass
class RawRow:
    """A source line split into a label field and value fields.

    ``parent`` is set only by layouts that decide nesting themselves.
    """

    start: int
    end: int
    label: Field
    cells: list[Field]
    parent: str | None = None


@dataclass
class RawTable:
    """A block of rows found by one layout finder."""

    layout: str
    start: int
    end: int
    rows: list[RawRow]
    header_count: int | None = None  # known header rows (pipe separator)
    explicit_parents: bool = False


def is_header_row(row: RawRow) -> bool:
    kinds = {cell_kind(c.text) for c in row.cells} - {"empty"}
    return bool(kinds) and "value" not in kinds


def is_units_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(cell_kind(c) == "unit" for c in filled)


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` without the line terminator."""
    pos = 0
    for piece in text.splitlines(keepends=True):
        line = piece.rstrip("\r\n")
        yield pos, pos + len(line), line
        pos += len(piece)


def split_fields(line: str, start: int, separator: re.Pattern[str]) -> list[Field]:
    """Split ``line`` on ``separator`` into stripped fields with absolute offsets."""
    fields: list[Field] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in separator.finditer(line)] + [(len(line), len(line))]
    for sep_start, sep_end in bounds:
        segment = line[pos:sep_start]
        stripped = segment.strip()
        lead = len(segment) - len(segment.lstrip())
        s = start + pos + lead
        fields.append(Field(stripped, s, s + len(stripped), lead))
        pos = sep_end
    return fields


def _has_value_row(rows: list[RawRow]) -> bool:
    return any(r.label.text and any(is_value(c.text) for c in r.cells) for r in rows)


def _to_row(start: int, end: int, fields: list[Field]) -> RawRow:
    return RawRow(start, end, fields[0], fields[1:])


def find_tsv(text: str) -> list[RawTable]:
    """Blocks of consecutive lines containing tabs (also HTML tables flattened to TSV)."""
    tables: list[RawTable] = []
    block: list[RawRow] = []
    for start, end, line in [*iter_lines(text), (len(text), len(text), "")]:
        if "\t" in line:
            block.append(_to_row(start, end, split_fields(line, start, re.compile(r"\t"))))
            continue
        if len(block) >= 2 and _has_value_row(block):
            tables.append(RawTable("tsv", block[0].start, block[-1].end, block))
        block = []
    return tables


def find_pipe(text: str) -> list[RawTable]:
    """Markdown pipe tables: ``| a | b |`` lines with a ``|---|`` separator."""
    tables: list[RawTable] = []
    block: list[tuple[int, int, str]] = []
    for item in [*iter_lines(text), (len(text), len(text), "")]:
        if item[2].lstrip().startswith("|"):
            block.append(item)
            continue
        seps = [i for i, (_, _, line) in enumerate(block) if _PIPE_SEPARATOR.match(line)]
        if block and seps:
            rows = []
            for start, end, line in block:
                if _PIPE_SEPARATOR.match(line):
                    continue
                fields = split_fields(line, start, re.compile(r"(?<!\\)\|"))
                rows.append(_to_row(start, end, fields[1:-1] if len(fields) > 2 else fields))
            if len(rows) >= 2 and _has_value_row(rows):
                tables.append(RawTable("pipe", block[0][0], block[-1][1], rows, seps[0]))
        block = []
    return tables


def _spaced_fields(line: str, start: int) -> list[Field]:
    fields = [f for f in split_fields(line, start, _WIDE_GAP) if f.text]
    if fields and not is_value(fields[0].text) and not is_year(fields[0].text):
        fields[0].indent = fields[0].start - start
        return fields
    return [Field("", start, start, 0), *fields]


def _is_spaced_data(fields: list[Field]) -> bool:
    values = fields[1:]
    return bool(fields[0].text) and bool(values) and all(is_value(f.text) for f in values)


def find_spaced(text: str) -> list[RawTable]:
    """PDF-style text tables whose columns are aligned with runs of 2+ spaces."""
    lines = [(s, e, "" if "\t" in ln or "|" in ln else ln) for s, e, ln in iter_lines(text)]
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        start, _, line = lines[i]
        if not _is_spaced_data(_spaced_fields(line, start)):
            i += 1
            continue
        j = i
        while j < len(lines):
            f = _spaced_fields(lines[j][2], lines[j][0])
            label_only = len(f) == 1 and bool(f[0].text) and len(f[0].text) < 80
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            next_data = nxt is not None and _is_spaced_data(_spaced_fields(nxt[2], nxt[0]))
            if not (_is_spaced_data(f) or (label_only and next_data)):
                break
            j += 1
        first = i
        while first > 0 and i - first < 3 and _is_spaced_header(lines[first - 1]):
            first -= 1
        if sum(1 for s, _, ln in lines[i:j] if _is_spaced_data(_spaced_fields(ln, s))) >= 2:
            tables.append(_align_spaced(lines[first:j]))
        i = max(j, i + 1)
    return tables


def _is_spaced_header(item: tuple[int, int, str]) -> bool:
    start, _, line = item
    if not line.strip() or line.rstrip().endswith((".", ":")):
        return False
    fields = _spaced_fields(line, start)
    indented = len(line) - len(line.lstrip()) >= 4
    return (indented or len(fields) > 2) and not any(is_value(f.text) for f in fields[1:] if not is_year(f.text))


def _align_spaced(block: list[tuple[int, int, str]]) -> RawTable:
    """Assign value fields to columns by their right edges, header fields by overlap."""
    parsed = [(s, e, _spaced_fields(ln, s)) for s, e, ln in block]
    data = [(s, f) for s, _, f in parsed if _is_spaced_data(f)]
    ncols = max(len(f) - 1 for _, f in data)
    full = [(s, f) for s, f in data if len(f) - 1 == ncols]
    rights = [sum(f[k + 1].end - s for s, f in full) / len(full) for k in range(ncols)]
    lefts = [min(f[k + 1].start - s for s, f in full) for k in range(ncols)]
    rows: list[RawRow] = []
    for start, end, fields in parsed:
        cells = [Field("", end, end) for _ in range(ncols)]
        header = not _is_spaced_data(fields)
        label = fields[0]
        values = fields[1:]
        if header and label.text and label.start - start >= min(lefts) - 2:
            label, values = Field("", start, start), fields
        for f in values:
            a, b = f.start - start, f.end - start
            hits: list[int] = []
            if header and not is_year(f.text):
                hits = [k for k in range(ncols) if a < rights[k] and b > lefts[k]]
            if not hits:
                hits = [min(range(ncols), key=lambda k: abs(rights[k] - b))]
            for k in hits:
                cells[k] = f
        rows.append(RawRow(start, end, label, cells))
    return RawTable("spaced", block[0][0], block[-1][1], rows)
