"""A PDF page's words and lines from character geometry (pypdfium2): the layout tables and text are built from.

PDFium gives every character with its box; nothing here re-reads flattened text. Characters are grouped into
lines by their vertical extent, lines into words by the gaps between characters, and words into segments
(the cells of a table row) by gaps wider than a space. Ligatures (``ﬁ``, ``ﬀ``) are spelled out and
no-break or odd spaces become spaces as the characters are read, so the text built from them is already
normalised and every offset into it stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.ligatures import UNMAPPED, spell_out

# Characters spelled out or dropped as they are read: ligatures, odd spaces, soft hyphens, NULs that some
# producers emit for unmapped ligature glyphs.
_SPELLED = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u00ad": "", "\ufeff": "",
    "\x00": UNMAPPED, "\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "✓",  # Symbol-font bullets
}  # fmt: skip
_CURRENCY_ONLY = frozenset("$€£¥")


@dataclass
class Word:
    """Characters with no gap between them, and their box (points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Segment:
    """Words closer than a wide gap: one table cell, or a run of prose."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Line:
    """Segments sharing a baseline, left to right."""

    segments: list[Segment]
    top: float
    bottom: float
    size: float  # character height, the unit of every gap measure

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn on the page (top-down ``y``): an underline under a spanning header says
    which columns it spans."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class View:
    """How a page is shown: its size as shown and its rotation (``/Rotate``), to map PDF boxes (x right,
    y up, unrotated) to boxes as a reader sees the page (x right, y down)."""

    width: float  # of the unrotated page
    height: float
    rotation: int = 0

    @property
    def size(self) -> tuple[float, float]:
        """Width and height as shown."""
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """``(left, right, top, bottom)`` as shown, of a box given in PDF space."""
        w, h = self.width, self.height
        if self.rotation == 90:
            return y0, y1, x0, x1
        if self.rotation == 180:
            return w - x1, w - x0, y0, y1
        if self.rotation == 270:
            return h - y1, h - y0, w - x1, w - x0
        return x0, x1, h - y1, h - y0


def page_rules(page: object, view: View) -> list[Rule]:
    """Thin horizontal lines and bars among a ``pypdfium2.PdfPage``'s drawings."""
    import pypdfium2.raw as pdfium_c

    rules = []
    for obj in page.get_objects(max_depth=3):  # type: ignore[attr-defined]
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, right, top, bottom = view.box(*obj.get_bounds())
        if bottom - top < 2.5 and right - left > 8:
            rules.append(Rule(left, right, (top + bottom) / 2))
    return rules


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _Row:
    """Characters on one baseline; ``top``/``bottom`` are the band of its tallest character, so that a
    line set close under another (tight leading) does not merge into it."""

    chars: list[_Char] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0


_SCALE_WORD = re.compile(r"(?:millions?|thousands?|billions?|m|mn|bn|k|'000s?)\b", re.I)
_SUPERSCRIPT = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))


def page_lines(textpage: object, view: View) -> list[Line]:
    """The page's lines, top to bottom, from a ``pypdfium2.PdfTextPage``."""
    chars = _chars(textpage, view)
    rows: list[_Row] = []
    for ch in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        mid = (ch.top + ch.bottom) / 2
        if rows and rows[-1].top - 0.5 <= mid <= rows[-1].bottom + 0.5:
            row = rows[-1]
            row.chars.append(ch)
            if ch.bottom - ch.top > row.bottom - row.top:
                row.top, row.bottom = ch.top, ch.bottom
        else:
            rows.append(_Row([ch], ch.top, ch.bottom))
    return [line for row in rows if (line := _line(row)) is not None]


def _chars(textpage: object, view: View) -> list[_Char]:
    count = textpage.count_chars()  # type: ignore[attr-defined]
    text = textpage.get_text_range() if count else ""  # type: ignore[attr-defined]
    out: list[_Char] = []
    for i, ch in enumerate(text[:count]):
        ch = _SPELLED.get(ch, ch)
        if not ch.strip():
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)  # type: ignore[attr-defined]
        if x1 <= x0 and y1 <= y0:
            continue  # a generated character with no box
        out.append(_Char(ch, *view.box(x0, y0, x1, y1)))
    return out


def _line(row: _Row) -> Line | None:
    chars = sorted(row.chars, key=lambda c: c.x0)
    if not chars:
        return None
    size = sorted(c.bottom - c.top for c in chars)[len(chars) // 2] or 1.0
    base = sorted(c.bottom for c in chars)[len(chars) // 2]
    words: list[Word] = []
    for ch in chars:
        if ch.text in _SUPERSCRIPT and ch.bottom - ch.top < 0.8 * size and ch.bottom < base - 0.2 * size:
            ch = _Char(_SUPERSCRIPT[ch.text], ch.x0, ch.x1, ch.top, ch.bottom)  # a raised footnote number
        if words and ch.x0 - words[-1].x1 < 0.12 * size:
            if ch.x0 >= words[-1].x1 - 0.5 * (ch.x1 - ch.x0):  # not an overprinted duplicate (fake bold)
                w = words[-1]
                w.text += ch.text
                w.x1, w.top, w.bottom = max(w.x1, ch.x1), min(w.top, ch.top), max(w.bottom, ch.bottom)
            continue
        words.append(Word(ch.text, ch.x0, ch.x1, ch.top, ch.bottom))
    for w in words:
        if UNMAPPED in w.text:
            w.text = spell_out(w.text, [c.x1 - c.x0 for c in chars if c.text == UNMAPPED and w.x0 <= c.x0 < w.x1], size)
    segments: list[Segment] = []
    for k, w in enumerate(words):
        gap = w.x0 - segments[-1].x1 if segments else None
        # "$" apart from its number ("$   1,234") is one cell with it; a "$" head beside "% of Sales" is not
        joins_symbol = bool(segments) and segments[-1].text in _CURRENCY_ONLY and w.text[:1] in "0123456789(.-—–"
        heads_words = k + 1 < len(words) and words[k + 1].x0 - w.x1 < 0.9 * size and words[k + 1].text[:1].isalpha()
        closes = (w.text in (")", "%", ")%") and bool(segments) and segments[-1].text[-1:].isdigit()
                  and gap is not None and gap < 3 * size  # "12.5 %", "(4 )": the sign closing its number,
                  and not heads_words)  # not the "%" of a head "% Change" after a year
        # "$" opens the cell it stands in, however close the one before, unless it names a unit with the word
        # after it in a head set close ("2023 $ million")
        opens = w.text in _CURRENCY_ONLY and not (
            gap is not None and gap < 0.5 * size and k + 1 < len(words) and _SCALE_WORD.match(words[k + 1].text))
        if gap is not None and not opens and (gap < 0.9 * size or joins_symbol or closes):
            segments[-1].words.append(w)
        else:
            segments.append(Segment([w]))
    return Line(segments, row.top, row.bottom, size)
