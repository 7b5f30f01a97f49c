"""Parse a release's text: headline, date, company and ticker, reporting period, and sections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.cleaner import display
from index.periods import parse_date
from index.records import Release, Section
from index.sentences import sentence_spans

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
LONG_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO_HEADER = re.compile(r"^\s*(?:date[:\s]+)?(\d{4})-(\d{2})-(\d{2})\b", re.I)
_DATELINE = re.compile(  # "BOSTON, March 3, 2024 –", "/PRNewswire/ --", "(GLOBE NEWSWIRE) --", "BRISBANE, 22 July 2024 -"
    rf"^[\s*]*(?:[^\W\d_][\w .,'’&/()–—-]{{0,80}}?[,/(–—-]\s*)?"
    rf"({_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    r"\s*(?:/[^/\n]{0,40}/|\([^()\n]{0,40}\))?\s*\)?\s*[–—/-]"
)
# lines above the headline that only say what the document is, when, and whose ("ASX ANNOUNCEMENT",
# "22 July 2024", "REDTARN MINERALS LIMITED (ASX: RDT)"): never the title
_MASTHEAD = re.compile(
    rf"^\W*(?:(?:[A-Z]{{2,6}}\s+)?(?:announcement|news release|press release|media release|for immediate release)"
    rf"|(?:\w+,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    r"|(?:[\w&'’.,-]+\s+){1,6}\([A-Z][A-Za-z -]{1,15}:\s*[A-Z][A-Z0-9.]{0,9}\))\W*$", re.I)
_TICKER = re.compile(
    r"\((?:[^()]{0,40}[;,]\s*)?(TSX[- ]?V(?:enture|ENTURE)?|TSX|NYSE(?: American| MKT)?|NASDAQ|Nasdaq|ASX|AIM|LSE|OTCQX|OTCQB|OTC|CSE|NEO)\s*:\s*([A-Z][A-Z0-9.]{0,9})"
)
_COMPANY = re.compile(
    r"\b((?:[A-Z][\w&'’.-]*\s+){0,5}?(?:[A-Z][\w&'’.-]*,?\s+)?(?:Inc\.|Incorporated|Corp\.|Corporation|Ltd\.|Limited|plc|PLC|LLC|L\.P\.|S\.A\.|AG|N\.V\.|Co\.|Company|Group|Holdings|Resources|Mining|Energy)(?![\w&'’-]))"
)
_PERIOD = re.compile(
    rf"\b(three|six|nine|twelve|3|6|9|12)[- ]months?\s+(?:period\s+)?ended\s+({_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|\b(?:fiscal\s+)?(year|quarter)\s+ended\s+({_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})",
    re.I,
)
_WORDS = {"3": "three", "6": "six", "9": "nine", "12": "twelve"}

# Section rules: headings that open a section, and paragraphs that are boilerplate wherever they stand.
_HEADINGS = [
    (re.compile(r"^about\b", re.I), "about"),
    (re.compile(r"^(for (further|more) information|contacts?\b|media (contact|enquiries)|investor (relations|contact))", re.I), "contacts"),
    (re.compile(r"(forward[- ]looking|cautionary (note|statement)|safe harbou?r|disclaimer)", re.I), "boilerplate"),
]
_BOILERPLATE = [
    (re.compile(r"not for (distribution|dissemination)", re.I), "legend"),
    (re.compile(r"neither .{0,80}exchange.{0,200}accepts? responsibility", re.I | re.S), "exchange disclaimer"),
    (re.compile(r"(this (announcement|press release|news release) (is not intended to|does not) constitute|distribution of this (announcement|press release))", re.I), "offer legend"),
    (re.compile(r"(forward[- ]looking (statements|information)|undue (reliance|certainty|importance))", re.I), "forward-looking"),
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


def parse_release(doc_id: str, path: str, sha256: str, text: str) -> tuple[Release, list[Paragraph]]:
    """Parse ``text`` into a ``Release`` and its classified paragraphs."""
    paras = paragraphs(text)
    _classify(paras)
    title = _title(paras)
    release = Release(doc_id=doc_id, path=path, sha256=sha256, text=text, title=title)
    release.date = _date(paras)
    body = " ".join(display(p.text) for p in paras if p.section_kind == "body")
    if m := _TICKER.search(display(text[:4000])):
        exchange = m.group(1).upper().replace(" ", "").replace("-", "")
        release.exchange = {"TSXV": "TSX-V", "TSXVENTURE": "TSX-V", "NASDAQ": "NASDAQ"}.get(exchange, m.group(1))
        release.ticker = m.group(2)
    release.company = _company(body)
    release.reporting_period = _reporting_period(body)
    release.sections = _sections(paras)
    return release, paras


def _classify(paras: list[Paragraph]) -> None:
    kind, name = "body", "body"
    for p in paras:
        flat = display(p.text)
        is_heading = len(flat) <= 80 and "\n" not in p.text.strip() and not re.search(r"[.;]\s*$", flat) and not re.search(r"\d[\d,.]*\s*$", flat)
        matched = False
        if is_heading:
            for rule, rule_kind in _HEADINGS:
                if rule.search(flat):
                    kind, name, matched = rule_kind, flat.rstrip(":"), True
                    break
            if not matched and flat[:1].isupper() and len(flat.split()) <= 6 and flat.upper() != flat and not flat.endswith(":"):
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


def _date(paras: list[Paragraph]) -> str | None:
    for p in paras[:12]:
        if m := _ISO_HEADER.match(p.text):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
        if (m := _DATELINE.match(display(p.text))) and (d := parse_date(m.group(1))):
            return d.isoformat()
    return None


def _company(body: str) -> str | None:
    for m in _COMPANY.finditer(body[:3000]):
        name = m.group(1).strip()
        if len(name.split()) >= 2 and name.split()[0].lower() not in ("the", "a", "an", "its"):
            return name
    return None


def _reporting_period(body: str) -> str | None:
    m = _PERIOD.search(body)
    if not m:
        return None
    if m.group(1):
        length, when = _WORDS.get(m.group(1), m.group(1).lower()), m.group(2)
        label = f"{length} months ended"
    else:
        label, when = f"{m.group(3).lower()} ended", m.group(4)
    d = parse_date(when)
    return f"{label} {d.isoformat()}" if d else None


def _sections(paras: list[Paragraph]) -> list[Section]:
    sections: list[Section] = []
    for p in paras:
        if sections and sections[-1].kind == p.section_kind and sections[-1].name == p.section_name:
            sections[-1].end = p.end
        else:
            sections.append(Section(p.section_kind, p.section_name, p.start, p.end))
    return sections
