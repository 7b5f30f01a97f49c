"""A release's metadata: who issued it (and its ticker), when, and the period it reports.

Each is read from where real releases and filings print it, the most telling place first:

- an SEC filing's cover: the registrant on the line(s) above "(Exact name of registrant as specified in its
  charter)", the "Date of Report (Date of earliest event reported)" and the "Trading Symbol(s)" table;
- the dateline and its lead ("MINNEAPOLIS, Aug. 29, 2023 /PRNewswire/ -- Best Buy Co., Inc. (NYSE: BBY) today
  announced"), a date alone at the top ("May 25, 2023", "12/8/2022" under a masthead);
- a name with its ticker ("Ulta Beauty, Inc. (NASDAQ: ULTA)"), the headline's subject ("Amcor reports fiscal
  2023 results"), an "About Amcor" section, each resolved to the legal name the text gives it ("Amcor plc").

A company the text names in passing is never taken for the issuer, and a release whose issuer cannot be told
has none: no first capitalised "Inc." phrase is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from index.cleaner import display
from index.periods import find_dates, parse_date

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE = rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}})"
LONG_DATE = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
ISO_HEADER = re.compile(r"^\s*(?:date[:\s]+)?(\d{4})-(\d{2})-(\d{2})\b", re.I)
DATELINE = re.compile(  # "BOSTON, March 3, 2024 –", "/PRNewswire/ --", "(GLOBE NEWSWIRE) --", "BRISBANE, 22 July 2024 -"
    rf"^[\s*]*(?:[^\W\d_][\w .,'’&/()–—-]{{0,80}}?[,/(–—-]\s*)?"
    rf"({MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})"
    r"\s*(?:/[^/\n]{0,40}/|\([^()\n]{0,40}\))?\s*\)?\s*(?:[–—/-]|\.\s?\.\s?\.)"
)
# a dateline without a date: "BOLINGBROOK, Ill.--(BUSINESS WIRE)--", "TORONTO, ON / ACCESSWIRE /"
_WIRE_DATELINE = re.compile(
    r"^[\s*]*[^\W\d_][\w .,'’&]{0,60}?(?:--|[–—/(])\s*\(?\s*(?:[\w.]+\s+){0,2}?(?:\w*News\s?wire|Wire|Newsfile|CNW)\b"
    r"[^\n()/]{0,30}\)?\s*(?:--|[–—/-])\s*", re.I)
_SEPARATOR = re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:--|[–—-])?\s*")  # "(Marketwired - Dec. 12, 2013) - "
_TOP_DATE = re.compile(rf"^[\s*#]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({_FULL_DATE})[\s*.]*$", re.I)
_PROSE = re.compile(r"[\s–—/-]*[\"“(]?[A-Za-z][\w&'’.,-]*\s+[^\d\s]")  # the lead's first words follow a dateline
_ENDED = re.compile(r"\b(?:ended|ending|as\s+(?:of|at)|period|through)\W*$", re.I)
_NUMERIC_DATE = re.compile(r"^[\s*]*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})[\s*]*$")

# --- an SEC filing's cover ------------------------------------------------------------------------
_COVER_CHARS = 12_000
# PDF text may lose spaces and ligatures ("(Exact name ofregistrant as specifed in its charter)")
_REGISTRANT = re.compile(r"\(\s*exact\s*name\s*of\s*(?:the\s*)?registrants?\s*as\s*spec[a-z\s]{0,8}?in\s*(?:its|their)"
                         r"\s*charters?\s*\)", re.I)
_REPORT_DATE = re.compile(r"date\s*of\s*report\s*\(\s*date\s*of\s*earliest\s*event\s*reported\s*\)\s*:?", re.I)
_COVER_STOP = re.compile(r"report|form\s+\d|8-K|10-[KQ]|1934|commission|pursuant|^\(|[:)]$", re.I)
_SECURITIES = re.compile(r"securities\s*registered\s*pursuant\s*to\s*section\s*12\s*\(\s*b\s*\)", re.I)
_LISTING = (r"(?:the\s+)?(?:new\s+york\s+stock\s+exchange|nyse(?:\s+(?:american|arca|texas|chicago))?"
            r"|nasdaq(?:\s+(?:global\s+select|global|capital)\s+market|\s+stock\s+market)?|cboe\s+\w+\s+exchange"
            r"|(?:chicago|long[- ]term|toronto|london)\s+stock\s+exchange|tsx\s+venture\s+exchange)(?:,?\s+(?:llc|inc\.))?")
_SYMBOL_ROW = re.compile(rf"(?<![\w$.,/-])([A-Z][A-Z0-9]{{0,5}}(?:[./][A-Z0-9]{{1,4}})?)\s+(?i:({_LISTING}))(?![\w])")

# --- tickers in running text: "(NYSE: BBY)", "(TSX: ABC; NYSE: XYZ)", "NYSE:AMCR", "Nasdaq: EBAY" ---------
_TICKER = re.compile(
    r"(?:\((?:[^()]{0,40}?[;,]\s*)??|(?<![\w.-]))"
    r"(TSX[- ]?V(?:enture|ENTURE)?|TSX|NYSE(?: American| MKT)?|NASDAQ|Nasdaq|ASX|AIM|LSE|OTCQX|OTCQB|OTC|CSE|NEO)"
    r"\s*:\s*([A-Z][A-Z0-9.]{0,9})"
)
_TICKER_CHARS = 120_000

# --- names --------------------------------------------------------------------------------------
_TOKEN = r"(?:[A-Z][\w'’&.\-]*|[a-z]{1,2}[A-Z][\w'’&.\-]*|\d+[A-Za-z][\w'’&.\-]*)"
_LEGAL = (r"(?:Inc|Corp|Co|Ltd|Pty|Cie|L\.P|N\.V|S\.A|S\.p\.A|B\.V|Bhd|Tbk)\.?|Incorporated|Corporation|Company|Limited"
          r"|plc|PLC|LLC|LP|AG|SE|SA|NV|ASA|AB|Oyj|GmbH")
_LEGAL_WORD = re.compile(rf"(?:{_LEGAL})(?![\w])")
_FIRST = re.compile(_TOKEN)
_NEXT = re.compile(rf"(,[ \t]*\n?[ \t]*(?={_LEGAL_WORD.pattern})|[ \t]*\n?[ \t]*&[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*"
                   rf"(?:(?:of|de|du|des|la|van|von|der|del|y)[ \t]+)?)({_TOKEN}|plc(?![\w]))")
# words that start a sentence or a clause, never a name
_NOT_FIRST = {"The", "This", "These", "That", "Today", "On", "In", "For", "During", "As", "At", "By", "Our", "We", "About",
              "Its", "It", "A", "An", "And", "Or", "But", "If", "When", "With", "From", "To", "Net", "Total",
              "Company", "Exhibit", "Item", "Form", "Section", "Note", "Notes", "Source", "Contact", "Contacts",
              "Investor", "Investors", "Media", "Fiscal", "First", "Second", "Third", "Fourth", "Q1", "Q2", "Q3", "Q4",
              "GAAP", "Non-GAAP", "Revenue", "Sales", "Results", "Highlights", "Financial", "News", "Press", "Release"}
_STOPS = _NOT_FIRST - {"Company", "First", "Net", "Financial", "News", "Total", "Source", "Media"}
_ROLES = {"board", "directors", "director", "committee", "chairman", "chair", "chief", "officer", "president",
          "ceo", "cfo", "shareholders", "stockholders", "management", "department", "commission", "exchange",
          "act", "rule", "regulation", "agreement", "statements", "measures", "information", "period",
          "announcement", "release", "news", "report", "exhibit", "immediate"}  # masthead words
# words a headline puts after its subject: "Best Buy Reports …", "ALMONTY ANNOUNCES …", "Kestrel Metals to Acquire …"
_VERBS = frozenset({"reports", "reported", "report", "announces", "announced", "announce", "declares",
                    "declared", "posts", "posted", "delivers", "delivered", "completes", "completed",
                    "provides", "provided", "raises", "names", "appoints", "enters", "signs", "launches",
                    "prices", "updates", "releases", "issues", "achieves", "sets", "schedules", "increases",
                    "files", "receives", "agrees", "closes", "expands", "acquires", "confirms", "publishes",
                    "affirms", "reaffirms", "lowers", "beats", "wins", "secures", "extends", "commences",
                    "begins", "starts", "opens", "intends", "plans", "unveils", "introduces", "welcomes",
                    "reaches", "exceeds", "grows", "generates", "elects", "hosts", "to", "will", "has", "is",
                    "are", "says", "said", "outlines", "celebrates", "marks", "joins", "partners", "selects",
                    "submits", "initiates", "doubles", "drills", "intersects", "discovers", "commissions",
                    "adds", "sells", "buys", "divests", "responds", "comments", "shares", "presents", "notes",
                    "returns", "boosts", "cuts", "maintains", "tops"})
_PERIOD_WORDS = {"first", "second", "third", "fourth", "fiscal", "full", "full-year", "quarter", "quarterly",
                 "annual", "year", "year-end", "results", "earnings", "financial", "fy", "q1", "q2", "q3", "q4",
                 "first-quarter", "second-quarter", "third-quarter", "fourth-quarter", "record", "preliminary",
                 "unaudited", "interim", "half-year", "half", "h1", "h2", "operating", "2nd", "3rd", "4th", "1st"}
_AFTER_SUBJECT = re.compile(  # what follows a lead's subject: its ticker or alias, an apposition, its verb
    r"\s*(?:\(|,\s*(?:a|an|the|one|which|together|through)\b|today\b|(?:has|have|is|was|will|announced|announces|"
    r"reported|reports|declared|declares|said|says|posted|released|completed|entered|signed|provided|filed|closed|"
    r"priced|issued|agreed|received|launched|appointed|named)\b)")
_UNDATED_TITLE = re.compile(rf"^\W*{_FULL_DATE}\W*", re.I)  # a headline run into the date line above it
_ABOUT = re.compile(r"^[\s*#]*About\s+(\S[^\n]{0,60}?)[\s*:]*$", re.M)

# --- reporting period -----------------------------------------------------------------------------
_NUMBER = (r"(?:\d{1,2}|(?:twenty|thirty|forty|fifty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|"
           r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
           r"eighteen|nineteen)")
_PERIOD_END = re.compile(
    rf"\b(?:(?P<n>{_NUMBER})(?:-\s*|\s+)(?P<unit>months?|weeks?)(?:[- ]period)?"
    r"|(?:(?:fiscal|financial|full)[- ])?(?P<kw>year|quarter|half[- ]year|period))"
    r"(?:\s*\([^()]{0,40}\))?(?:\s+of\s+(?:fiscal\s+)?(?:year\s+)?\d{4})?,?"
    rf"\s+(?:period\s+)?ended\s+(?P<date>{_FULL_DATE})", re.I)
_FISCAL_LABEL = re.compile(
    r"\b(?:(?P<q>first|second|third|fourth)(?:-\s*|\s+)quarter|(?P<fy>full[- ]year|fiscal(?:\s+year)?))"
    r"(?:\s+(?:of\s+)?(?P<fiscal>fiscal\s+(?:year\s+)?)?)?(?P<year>(?:19|20)\d{2})\b", re.I)
_RESULTS_BEFORE = re.compile(r"\bresults\s+for\b[^.;]{0,30}$", re.I)
_RESULTS_AFTER = re.compile(r"(?:\s+[\w&-]+){0,2}?\s+(?:results|earnings)\b", re.I)
_MONTH_WORDS = {"3": "three", "6": "six", "9": "nine", "12": "twelve"}
_PERIOD_CHARS = 20_000


class Block(Protocol):
    """A paragraph as the parser classifies it (``index.parser.Paragraph``)."""

    text: str
    section_kind: str


@dataclass
class Metadata:
    """What a release says about itself: issue date (ISO), issuer, listing, and the period it reports."""

    date: str | None = None
    company: str | None = None
    ticker: str | None = None
    exchange: str | None = None
    reporting_period: str | None = None


@dataclass
class _Cover:
    """What an SEC filing's cover page says; all None for a press release."""

    company: str | None = None
    issued: date | None = None
    ticker: str | None = None
    exchange: str | None = None


def read_metadata(text: str, title: str, paras: Sequence[Block]) -> Metadata:
    """The metadata of a release, from its text, its headline and its classified paragraphs."""
    cover = _cover(text)
    issued = cover.issued or _dateline_date(paras, text) or _top_date(text)
    company = cover.company or _issuer(text, title, _lead(text))
    ticker, exchange = (cover.ticker, cover.exchange) if cover.ticker else _ticker(text, company)
    body = " ".join(display(p.text) for p in paras if p.section_kind == "body")
    return Metadata(date=issued.isoformat() if issued else None, company=company, ticker=ticker, exchange=exchange,
                    reporting_period=reporting_period(body, title))


# --- dates ----------------------------------------------------------------------------------------


def _dateline_date(paras: Sequence[Block], text: str) -> date | None:
    """The date of a dateline or a ``date 2016-05-31`` header opening one of the first paragraphs, or of a
    dateline line near the top (PDF text runs several paragraphs into one block)."""
    for p in paras[:12]:
        if m := ISO_HEADER.match(p.text):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
        flat = display(p.text)
        if (m := DATELINE.match(flat)) and _PROSE.match(flat, m.end()) and (d := parse_date(m.group(1))):
            return d
    for line in text[:8000].split("\n"):
        flat = display(line)
        if (m := DATELINE.match(flat)) and _PROSE.match(flat, m.end()) and (d := parse_date(m.group(1))):
            return d  # a dateline opens a lead sentence: never a table heading "March 31, 2023 / December 31, 2022"
    return None


def _top_date(text: str) -> date | None:
    """A date standing alone on one of the first lines ("May 25, 2023", "Thursday, May 25, 2023"), or written
    with numbers under a masthead ("12/8/2022": month first unless the release writes its dates day first)."""
    lines = [line for line in text[:3000].split("\n") if line.strip()][:10]
    for before, line in zip([""] + lines, lines):
        if _ENDED.search(before):
            continue  # "For the period ended" / "June 30, 2023": a period, not the release's date
        if (m := _TOP_DATE.match(line)) and (d := parse_date(m.group(1))):
            return d
    for line in lines:
        if m := _NUMERIC_DATE.match(line):
            return _numeric_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    return None


def _numeric_date(a: int, b: int, year: int, text: str) -> date | None:
    """``a/b/year`` as month/day or day/month: whichever is valid, else the one the text also spells out,
    else the order of the text's own spelled dates (US "May 25, 2023" → month first)."""
    options = [d for d in (_safe(year, a, b), _safe(year, b, a)) if d is not None]
    if len(set(options)) <= 1:
        return options[0] if options else None
    spelled = [d for d, _, _ in find_dates(text[:20_000])]
    for d in options:
        if d in spelled:
            return d
    day_first = len(re.findall(rf"\b\d{{1,2}}\s+{MONTH}\s+\d{{4}}", text[:20_000], re.I))
    month_first = len(LONG_DATE.findall(text[:20_000]))
    return options[1] if day_first > month_first else options[0]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- the filing cover -----------------------------------------------------------------------------


def _cover(text: str) -> _Cover:
    """Registrant, date of report and first listed security of an SEC filing's cover; empty for a release."""
    head = text[:_COVER_CHARS]
    cover = _Cover()
    if m := _REGISTRANT.search(head):
        cover.company = _registrant(head[:m.start()], text)
    if m := _REPORT_DATE.search(head):
        cover.issued = _report_date(head, m)
    if (m := _SECURITIES.search(head)) and (row := _SYMBOL_ROW.search(head, m.end(), m.end() + 1500)):
        cover.ticker, cover.exchange = row.group(1), _exchange_code(row.group(2))
    return cover


def _registrant(before: str, text: str) -> str | None:
    """The name on the line(s) just above the "(Exact name of registrant …)" label."""
    lines = before.split("\n")
    picked = [lines[-1].strip()] if lines[-1].strip() else []
    for line in reversed(lines[:-1]):
        line = line.strip()
        if not line:
            if picked:
                break
            continue
        if _COVER_STOP.search(line) or find_dates(line):
            break
        picked.append(line)
        if len(picked) > 6:
            return None
    name = " ".join(" ".join(reversed(picked)).split())
    if not name or len(name) > 120 or not re.search(r"[A-Za-z]{2}", name):
        return None
    return _as_written(name, text)


def _as_written(name: str, text: str) -> str:
    """A name printed in capitals ("BEST BUY CO., INC.") as the text also writes it ("Best Buy Co., Inc.")."""
    if name != name.upper():
        return name
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?![\w])", re.I)
    for m in pattern.finditer(text):
        if m.group(0) != m.group(0).upper():
            return " ".join(m.group(0).split())
    return name


def _report_date(head: str, label: re.Match[str]) -> date | None:
    """The date after "Date of Report (Date of earliest event reported):", or printed on the line above it."""
    after = head[label.end():label.end() + 120]
    found = find_dates(after)
    if found and not after[:found[0][1]].strip(" \t\n:"):
        return found[0][0]
    if m := re.match(r"[\s:]*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b", after):  # a US filing: month first
        return _safe(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    above = head[:label.start()].rstrip().rsplit("\n", 1)[-1]
    found = find_dates(above)
    if found and len(above.strip()) <= found[0][2] - found[0][1] + 4:
        return found[0][0]
    return None


def _exchange_code(name: str) -> str:
    """"New York Stock Exchange" → NYSE, any Nasdaq market → NASDAQ, else the name without "The"."""
    name = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
    low = name.lower()
    if low.startswith("new york stock exchange"):
        return "NYSE"
    if low.startswith("nasdaq"):
        return "NASDAQ"
    if low.startswith("nyse"):
        return name.upper().replace(" LLC", "")
    if low.startswith("toronto stock exchange"):
        return "TSX"
    if low.startswith("tsx venture"):
        return "TSX-V"
    return name


# --- the issuer -----------------------------------------------------------------------------------


def _name_at(text: str, pos: int = 0, *, headline: bool = False) -> tuple[str, int] | None:
    """The company-like name starting exactly at ``pos`` ("Best Buy Co., Inc.", "Johnson & Johnson", "eBay
    Inc.") and where it ends; a headline's name stops at its verb or period words ("Amcor reports …")."""
    m = _FIRST.match(text, pos)
    if not m or m.group(0) in _NOT_FIRST:
        return None
    words, end = [m.group(0)], m.end()
    while (n := _NEXT.match(text, end)) is not None:
        word = n.group(2)
        low = word.lower().rstrip(".,")
        if word in _STOPS or word.capitalize() in _STOPS or low in _VERBS or (headline and low in _PERIOD_WORDS) \
                or re.fullmatch(r"\d+", low):
            break
        legal = _LEGAL_WORD.fullmatch(word) is not None
        if (n.group(1).strip().startswith(",") or _LEGAL_WORD.fullmatch(words[-1])) and not legal:
            break  # after a comma only a legal form follows ("Best Buy Co., Inc."), and nothing after the last one
        words.append(word)
        end = n.end()
    if headline and words[0].lower() in _VERBS | _PERIOD_WORDS:
        return None
    raw = re.sub(r"['’]s$", "", text[pos:end]).rstrip(",;:")
    name = " ".join(raw.split())
    if any(w.lower().strip(".,’'") in _ROLES for w in name.split()) or len(name.split()) > 8:
        return None
    return name, pos + len(raw)


def _legal(name: str) -> bool:
    return _LEGAL_WORD.fullmatch(name.split()[-1].rstrip(",")) is not None


def _lead(text: str) -> str | None:
    """The issuer a dateline introduces: "CHICAGO, Jan. 31, 2023 /PRNewswire/ -- Acme Corp. (NYSE: ACM) today …"."""
    for line_match in re.finditer(r"[^\n]+", text[:8000]):
        line = line_match.group(0)
        m = DATELINE.match(line) or _WIRE_DATELINE.match(line)
        if m is None:
            continue
        start = line_match.start() + m.end()
        start = _SEPARATOR.match(text, start).end()  # type: ignore[union-attr]
        found = _name_at(text, start)
        if found is None and text.startswith("The ", start):  # "The Coca-Cola Company (NYSE: KO) today …"
            named = _name_at(text, start + 4)
            found = (f"The {named[0]}", named[1]) if named and _legal(named[0]) else None
        if found and _AFTER_SUBJECT.match(text, found[1]):
            return found[0]
    return None


def _issuer(text: str, title: str, lead: str | None) -> str | None:
    """The issuer of a release that is not a filing: the subject of its dateline's lead; else the legal name of
    its headline's subject; else a name with its ticker near the top; else the legal name of the company an
    "About" section presents; else the headline's subject when an "About" section presents it too. None when
    none of them names one: a company merely named in the text is never taken for the issuer."""
    if lead:
        return lead if _legal(lead) else _resolve(lead, text) or lead
    headline = _name_at(_UNDATED_TITLE.sub("", display(title)), 0, headline=True) if title else None
    if headline and (resolved := _resolve(headline[0], text, strict=True)):
        return resolved
    flat = _lines(text[:4000])
    for m in _TICKER.finditer(flat):
        if owner := _owner(flat, m.start()):
            return _as_written(owner, text)
    abouts = [about for m in _ABOUT.finditer(text) if (about := display(m.group(1)))
              and (found := _name_at(about, 0)) and found[0] == about]
    for about in abouts:
        if resolved := _resolve(about, text, strict=True):
            return resolved
    if headline and any(_key_word(about) == _key_word(headline[0]) for about in abouts):
        return _resolve(headline[0], text)
    return None


def _lines(text: str) -> str:
    """Text as ``display`` shows it (no markdown, spaces collapsed), its line breaks kept: a name never runs from
    a masthead line into the next paragraph."""
    return "\n".join(display(line) for line in text.split("\n"))


def _owner(flat: str, at: int) -> str | None:
    """The name a ticker parenthesis at ``at`` belongs to: "Costco Wholesale Corporation (“Costco” …) (Nasdaq:"."""
    before = flat[max(0, at - 160):at]
    before = re.sub(r"(?:\s*\([^()]{0,80}\))*\s*$", "", before)
    for m in re.finditer(r"(?<![\w'’&.\-])(?=[A-Za-z0-9])", before):
        found = _name_at(before, m.start())
        if found and found[1] == len(before):
            return found[0]
    return None


def _resolve(subject: str, text: str, *, strict: bool = False) -> str | None:
    """The legal name the text gives a short subject ("Amcor" → "Amcor plc", "ALMONTY" → "Almonty Industries
    Inc."): the one it writes most often; else the subject as the text writes it, when the text names it again
    (``strict``: only a legal name, for a subject that may be a common phrase)."""
    words = subject.split()
    pattern = re.compile(r"(?<![\w'’&.\-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w&’'-])", re.I)
    legal: Counter[str] = Counter()
    seen: list[str] = []
    for m in pattern.finditer(text[:200_000]):
        seen.append(" ".join(m.group(0).split()))
        found = _name_at(text, m.start())
        if found and len(found[0].split()) <= len(words) + 3 and _legal(found[0]) \
                and found[0].lower().startswith(" ".join(words).lower()):
            legal[found[0]] += 1
    if legal:
        best = max(legal.values())
        return next(n for n in legal if legal[n] == best)
    if strict or len(seen) < 2:
        return None
    return next((s for s in seen if s != s.upper()), subject)


# --- ticker ---------------------------------------------------------------------------------------


def _ticker(text: str, company: str | None) -> tuple[str | None, str | None]:
    """The issuer's ticker and exchange as the text writes them: attached to the issuer's name, or near a mention
    of it; for a release without a known issuer, the first ticker near the top."""
    flat = _lines(text[:_TICKER_CHARS])
    key = _key_word(company) if company else None
    for m in _TICKER.finditer(flat):
        if key is None:
            return _code(m) if m.start() < 4000 else (None, None)
        owner = _owner(flat, m.start())
        if owner is not None and key in _words(owner):
            return _code(m)
        if owner is None and key in flat[max(0, m.start() - 300):m.start()].lower():
            return _code(m)
    return None, None


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the"]


def _key_word(name: str) -> str:
    """The first word of a name, which every way of writing it keeps ("Intel" of "Intel Corporation")."""
    words = _words(name)
    return words[0] if words else ""


def _code(m: re.Match[str]) -> tuple[str, str]:
    exchange = m.group(1).upper().replace(" ", "").replace("-", "")
    return m.group(2), {"TSXV": "TSX-V", "TSXVENTURE": "TSX-V", "NASDAQ": "NASDAQ"}.get(exchange, m.group(1))


# --- reporting period -----------------------------------------------------------------------------


def reporting_period(body: str, title: str = "") -> str | None:
    """The period a release reports: the latest period end it states ("three months ended 2023-03-31",
    "year ended 2023-01-28", "twelve weeks ended 2023-05-07"; the first so stated when several end then), else
    the fiscal period its headline or lead names ("first quarter fiscal 2023", "full year 2022")."""
    best: tuple[date, str] | None = None
    for m in _PERIOD_END.finditer(body[:_PERIOD_CHARS]):
        end = parse_date(m.group("date"))
        if end is None:
            continue
        if m.group("n"):
            n = m.group("n").lower()
            unit = "months" if m.group("unit").lower().startswith("month") else "weeks"
            label = f"{_MONTH_WORDS.get(n, n) if unit == 'months' else n} {unit} ended"
        else:
            kw = m.group("kw").lower()
            label = f"{'half year' if kw.startswith('half') else kw} ended"
        if best is None or end > best[0]:
            best = (end, f"{label} {end.isoformat()}")
    if best is not None:
        return best[1]
    return _fiscal_label(display(title) + " \n " + body[:3000])


def _fiscal_label(text: str) -> str | None:
    """A fiscal period named as what results are for: "results for second-quarter 2023", "Reports First Quarter
    Fiscal Year 2023 Operating Results" (never "expected to close in the first quarter of 2025")."""
    m = next((m for m in _FISCAL_LABEL.finditer(text) if _RESULTS_BEFORE.search(text[max(0, m.start() - 40):m.start()])
              or _RESULTS_AFTER.match(text, m.end())), None)
    if m is None:
        return None
    fiscal = "fiscal " if m.group("fiscal") or (m.group("fy") or "").lower().startswith("fiscal") else ""
    if m.group("q"):
        return f"{m.group('q').lower()} quarter {fiscal}{m.group('year')}"
    return f"{'fiscal year' if fiscal else 'full year'} {m.group('year')}"
