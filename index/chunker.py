"""Sentence-aware chunking: a few sentences per chunk, tables whole with their caption.

A paragraph cut by a page break (it stops mid-sentence, a footnote sits in the
gap, the text goes on in lower case) is rejoined, so the sentence keeps its meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.cleaner import FOOTNOTE_MARKS, normalise
from index.parser import Paragraph
from index.records import Chunk, Release, Span, page_at
from index.sentences import sentence_spans

MAX_SENTENCES = 3
MAX_WORDS = 90
_NUMERIC = re.compile(r"^[(\-–$€£]*[\d][\d,.]*%?\)?$|^[-–]$|^\(?\$?\d")
_BULLET = re.compile(r"^\s*([-*•·]|\d+[.)])\s+")


@dataclass
class _Unit:
    """A paragraph (or a rejoined one) to be cut into chunks."""

    pieces: list[Span]
    section_kind: str
    section_name: str
    kind: str = "text"
    caption: Span | None = None
    extra: list[Span] = field(default_factory=list)


def chunk_release(release: Release, paras: list[Paragraph]) -> list[Chunk]:
    """Cut a parsed release into chunks that know their release, section and offsets."""
    chunks: list[Chunk] = []
    for unit in _units(release.text, paras):
        for sentences in _groups(release.text, unit):
            chunks.append(_chunk(release, unit, sentences, len(chunks)))
    return chunks


def is_table(text: str) -> bool:
    """Whether a paragraph is a table: tab or pipe columns, aligned columns, or a flattened run of figures."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if sum("\t" in ln for ln in lines) >= 2 or sum(ln.strip().startswith("|") for ln in lines) >= 2:
        return True
    aligned = [ln for ln in lines if len(re.findall(r"\S\s{2,}\S", ln.strip())) >= 2 and re.search(r"\d", ln)]
    if len(aligned) >= 3 and len(aligned) >= 0.6 * len(lines):
        return True
    tokens = text.split()
    numeric = sum(bool(_NUMERIC.match(t)) for t in tokens)
    sentence_ends = len(re.findall(r"[a-z]{2}\.\s", text))
    return len(tokens) >= 12 and numeric >= 8 and numeric >= 0.3 * len(tokens) and sentence_ends <= 1


def _units(text: str, paras: list[Paragraph]) -> list[_Unit]:
    units: list[_Unit] = []
    pending_footnotes: list[Paragraph] = []
    for i, p in enumerate(paras):
        if p.heading:
            continue
        if is_table(p.text):
            caption = _caption(paras, i)
            if caption and units and units[-1].pieces == [caption]:
                units.pop()
            units.append(_Unit([Span(p.start, p.end)], p.section_kind, p.section_name, "table", caption))
            continue
        if p.text[:1] in FOOTNOTE_MARKS and units and units[-1].kind == "text" and not _ends_sentence(text, units[-1]):
            pending_footnotes.append(p)
            continue
        continues = pending_footnotes or (units and units[-1].kind == "text" and not _ends_sentence(text, units[-1]))
        if continues and p.text[:1].islower() and units[-1].section_kind == p.section_kind:
            units[-1].pieces.append(Span(p.start, p.end))
            units.extend(_Unit([Span(f.start, f.end)], f.section_kind, "footnote") for f in pending_footnotes)
            pending_footnotes = []
            continue
        units.extend(_Unit([Span(f.start, f.end)], f.section_kind, "footnote") for f in pending_footnotes)
        pending_footnotes = []
        units.append(_Unit([Span(p.start, p.end)], p.section_kind, p.section_name))
    units.extend(_Unit([Span(f.start, f.end)], f.section_kind, "footnote") for f in pending_footnotes)
    return units


def _caption(paras: list[Paragraph], i: int) -> Span | None:
    if i == 0 or paras[i - 1].heading and not paras[i - 1].text.rstrip().endswith(":"):
        prev = paras[i - 1] if i else None
        return Span(prev.start, prev.end) if prev is not None and prev.heading else None
    prev = paras[i - 1]
    text = prev.text.strip()
    if len(text) <= 220 and (text.endswith(":") or not re.search(r"[.!?][\"”)]?$", text)):
        return Span(prev.start, prev.end)
    return None


def _ends_sentence(text: str, unit: _Unit) -> bool:
    last = text[unit.pieces[-1].start:unit.pieces[-1].end].rstrip()
    return bool(re.search(r"[.!?:;\"”’)]$", last)) or "\n" in last


def _groups(text: str, unit: _Unit) -> list[list[list[Span]]]:
    """Sentences of a unit (each a list of pieces), grouped into chunks."""
    if unit.kind == "table":
        rows = [_line_spans(text, unit.caption)] if unit.caption else []
        rows += [[s] for s in _line_spans(text, unit.pieces[0])]
        return [[r for r in rows if r]]
    sentences = _sentences(text, unit)
    groups: list[list[list[Span]]] = [[]]
    words = 0
    for sentence in sentences:
        n = sum(len(text[s.start:s.end].split()) for s in sentence)
        if groups[-1] and (len(groups[-1]) >= MAX_SENTENCES or words + n > MAX_WORDS):
            groups.append([])
            words = 0
        groups[-1].append(sentence)
        words += n
    return [g for g in groups if g]


def _line_spans(text: str, span: Span) -> list[Span]:
    spans, pos = [], span.start
    for line in text[span.start:span.end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append(Span(pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def _sentences(text: str, unit: _Unit) -> list[list[Span]]:
    lines = [ln for p in unit.pieces for ln in _line_spans(text, p)]
    if len(lines) > 1 and all(len(text[s.start:s.end]) <= 90 for s in lines) and unit.section_kind != "body":
        return [lines]  # a contact block or address: one unit
    if len(lines) > 1 and any(_BULLET.match(text[s.start:s.end]) for s in lines):
        return _bullets(text, lines)
    joined: list[tuple[int, Span]] = []  # (position in joined text, source span)
    flat = ""
    for piece in unit.pieces:
        joined.append((len(flat), piece))
        flat += text[piece.start:piece.end] + " "
    out = []
    for s, e in sentence_spans(flat):
        out.append([Span(src.start + max(s, at) - at, src.start + min(e, at + src.end - src.start) - at)
                     for at, src in joined if s < at + src.end - src.start and e > at])
    return out


def _bullets(text: str, lines: list[Span]) -> list[list[Span]]:
    """One sentence per bullet; a nested bullet carries its parent line for context."""
    out: list[list[Span]] = []
    parent: Span | None = None
    for s in lines:
        line = text[s.start:s.end]
        indent = len(text[text.rfind("\n", 0, s.start) + 1:s.start])
        if indent == 0 or parent is None:
            parent = s if line.rstrip().endswith(":") else None
            if parent is None:
                out.append([s])
        else:
            out.append([parent, s])
    return out


def _chunk(release: Release, unit: _Unit, sentences: list[list[Span]], ordinal: int) -> Chunk:
    pieces = sorted({p for s in sentences for p in s}, key=lambda p: p.start)
    passage = "\n".join(release.text[p.start:p.end] for p in pieces) if unit.kind == "table" else " ".join(
        release.text[p.start:p.end] for p in pieces)
    heading = "" if unit.section_name in ("body", "headline", "footnote") else unit.section_name + ": "
    return Chunk(
        chunk_id=f"{release.doc_id}:{ordinal}",
        doc_id=release.doc_id,
        ordinal=ordinal,
        kind=unit.kind,
        section=unit.section_name,
        section_kind=unit.section_kind,
        start=pieces[0].start,
        end=pieces[-1].end,
        text=passage,
        search_text=normalise(heading + passage),
        sentences=sentences,
        page=page_at(release.page_starts, pieces[0].start),
    )
