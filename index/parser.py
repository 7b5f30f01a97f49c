"""Parse a release's text: headline and sections; date, issuer, ticker and period come from ``index.metadata``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.cleaner import display
from index.metadata import DATELINE as _DATELINE
from index.metadata import ISO_HEADER as _ISO_HEADER
from index.metadata import LONG_DATE as LONG_DATE  # re-exported: answer candidates read long dates with it
from index.metadata import MONTH as _MONTH
from index.metadata import read_metadata
from index.periods import parse_date as parse_date  # re-exported
from index.records import Release, Section
from index.sentences import sentence_spans

# lines above the headline that only say what the document is, when, and whose ("ASX ANNOUNCEMENT",
# "22 July 2024", "REDTARN MINERALS LIMITED (ASX: RDT)"): never the title
_MASTHEAD = re.compile(
    rf"^\W*(?:(?:[A-Z]{{2,6}}\s+)?(?:announcement|news release|press release|media release|for immediate release)"
    rf"|(?:\w+,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    r"|(?:[\w&'’.,-]+\s+){1,6}\([A-Z][A-Za-z -]{1,15}:\s*[A-Z][A-Z0-9.]{0,9}\))\W*$", re.I)
# Section rules: headings that open a section, and paragraphs that are boilerplate wherever they stand.
_HEADINGS = [
    (re.compile(r"^about\b", re.I), "about"),
    (re.compile(r"^(for (further|more) information|contacts?\b|media (contact|enquiries)|investor (relations|contact))",
                re.I), "contacts"),
    (re.compile(r"(forward[- ]looking|cautionary (note|statement)|safe harbou?r|disclaimer)", re.I), "boilerplate"),
]
_BOILERPLATE = [
    (re.compile(r"not for (distribution|dissemination)", re.I), "legend"),
    (re.compile(r"neither .{0,80}exchange.{0,200}accepts? responsibility", re.I | re.S), "exchange disclaimer"),
    (re.compile(r"(this (announcement|press release|news release) (is not intended to|does not) constitute"
                r"|distribution of this (announcement|press release))", re.I), "offer legend"),
    (re.compile(r"(forward[- ]looking (statements|information)|undue (reliance|certainty|importance))", re.I),
     "forward-looking"),
]


@dataclass
class Paragraph:
    """A blank-line-separated block of a release, with its role."""

    start: int
    end: int
    text: str
    section_kind: str = "body"
    section_name: str = "body"
    heading: bool = False


def paragraphs(text: str) -> list[Paragraph]:
    """Split into blank-line-separated paragraphs, keeping exact offsets. Near the top, a dateline line
    opens a paragraph of its own even without a blank line before it (text taken from a PDF runs the
    headline into the lead), and a ``date 2016-05-31`` header is a paragraph of its own."""
    out: list[Paragraph] = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        block = m.group(0).rstrip()
        cuts = [0]
        if len(out) < 3:
            if (iso := _ISO_HEADER.match(block)) and block[iso.end():].strip():
                cuts.append(iso.end() + len(block[iso.end():]) - len(block[iso.end():].lstrip()))
            for line in re.finditer(r"\n([^\n]*)", block):
                if _DATELINE.match(display(line.group(1))):
                    cuts.append(line.start(1))
        for a, b in zip(cuts, cuts[1:] + [len(block)]):
            piece = block[a:b].rstrip()
            if piece:
                out.append(Paragraph(m.start() + a, m.start() + a + len(piece), piece))
    return out


def parse_release(doc_id: str, path: str, sha256: str, text: str,
                  page_starts: Sequence[int] = ()) -> tuple[Release, list[Paragraph]]:
    """Parse ``text`` into a ``Release`` and its classified paragraphs (``page_starts``: where each page of a
    PDF begins, kept on the release)."""
    paras = paragraphs(text)
    _classify(paras)
    title = _title(paras)
    meta = read_metadata(text, title, paras)
    release = Release(doc_id=doc_id, path=path, sha256=sha256, text=text, title=title, date=meta.date,
                      company=meta.company, ticker=meta.ticker, exchange=meta.exchange,
                      reporting_period=meta.reporting_period, page_starts=list(page_starts))
    release.sections = _sections(paras)
    return release, paras


def _classify(paras: list[Paragraph]) -> None:
    kind, name = "body", "body"
    for p in paras:
        flat = display(p.text)
        is_heading = (len(flat) <= 80 and "\n" not in p.text.strip() and not re.search(r"[.;]\s*$", flat)
                      and not re.search(r"\d[\d,.]*\s*$", flat))
        matched = False
        if is_heading:
            for rule, rule_kind in _HEADINGS:
                if rule.search(flat):
                    kind, name, matched = rule_kind, flat.rstrip(":"), True
                    break
            if (not matched and flat[:1].isupper() and len(flat.split()) <= 6 and flat.upper() != flat
                    and not flat.endswith(":")):
                kind, name, matched = "body", flat.rstrip(":"), True
            p.heading = matched
        elif (own_kind := _first_line_heading(p.text)) is not None:  # "Contacts\nJane Doe\n..." in one block
            kind, name = own_kind, display(p.text.strip().split("\n", 1)[0]).rstrip(":")
        p.section_kind, p.section_name = kind, name
        if _ISO_HEADER.fullmatch(p.text.strip()):
            p.heading = True  # the release's date, already in its metadata: not text to answer from
        if kind == "body" and p.text.lstrip().startswith("**"):
            p.section_name = "headline"
        if not matched:
            for rule, label in _BOILERPLATE:
                if rule.search(flat) and (label != "forward-looking" or kind in ("boilerplate", "contacts", "about")):
                    p.section_kind, p.section_name = "boilerplate", label
                    if label in ("exchange disclaimer", "offer legend"):
                        kind, name = "boilerplate", label
                    break


def _first_line_heading(text: str) -> str | None:
    """Section kind named by a block's own first line when it reads as a heading ("Investor Contact:")."""
    lines = text.strip().split("\n", 1)
    first = display(lines[0])
    words = [w for w in first.rstrip(":").split() if len(w) >= 4]
    if len(lines) < 2 or len(first) > 60 or first.startswith("**") or re.search(r"[.;,]$", first):
        return None
    if not (first.endswith(":") or (words and all(w[:1].isupper() for w in words))):
        return None
    return next((kind for rule, kind in _HEADINGS if rule.search(first)), None)


def _title(paras: list[Paragraph]) -> str:
    for p in paras[:6]:
        if p.text.lstrip().startswith("**") and p.section_kind != "boilerplate":
            return display(p.text)
    for p in paras:
        lines = [display(line).strip() for line in p.text.split("\n") if line.strip()]
        if p.section_kind == "body" and not p.heading and not all(_MASTHEAD.match(line) for line in lines):
            text = re.sub(r"^#+\s*", "", _ISO_HEADER.sub("", display(p.text)).strip())
            first = next((text[a:b] for a, b in sentence_spans(text, suffix_ends=False)), text)
            return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
    return ""


def _sections(paras: list[Paragraph]) -> list[Section]:
    sections: list[Section] = []
    for p in paras:
        if sections and sections[-1].kind == p.section_kind and sections[-1].name == p.section_name:
            sections[-1].end = p.end
        else:
            sections.append(Section(p.section_kind, p.section_name, p.start, p.end))
    return sections
