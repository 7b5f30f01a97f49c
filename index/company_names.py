"""Company names as releases write them: where a name starts and ends, its legal form, the legal name it stands for.

A name runs over capitalised words ("Kestrel Metals Co., Inc.", "Harrow & Finch", "nGenix Inc.") and stops at a word
that starts a clause, a role ("Chief Executive Officer"), a headline's verb ("… Reports") or, after a comma, at
anything but a legal form. The issuer and its ticker are both found with these rules.
"""

from __future__ import annotations

import re
from collections import Counter

from index.cleaner import display
from index.vocabulary import legal_form_pattern

_TOKEN = r"(?:[A-Z][\w'’&.\-]*|[a-z]{1,2}[A-Z][\w'’&.\-]*|\d+[A-Za-z][\w'’&.\-]*)"
_LEGAL = legal_form_pattern()  # cleanco's business entity terms (index.vocabulary)
_LEGAL_WORD = re.compile(rf"(?:{_LEGAL})(?![\w])")
_FIRST = re.compile(_TOKEN)
_NEXT = re.compile(rf"(,[ \t]*\n?[ \t]*(?={_LEGAL_WORD.pattern})|[ \t]*\n?[ \t]*&[ \t]*\n?[ \t]*|[ \t]*\n?[ \t]*"
                   rf"(?:(?:of|de|du|des|la|van|von|der|del|y)[ \t]+)?)({_TOKEN}|plc(?![\w]))")
# words that start a sentence or a clause, never a name
_NOT_FIRST = {"The", "This", "These", "That", "Today", "On", "In", "For", "During", "As", "At", "By", "Our", "We",
              "About", "Its", "It", "A", "An", "And", "Or", "But", "If", "When", "With", "From", "To", "Net", "Total",
              "Company", "Exhibit", "Item", "Form", "Section", "Note", "Notes", "Source", "Contact", "Contacts",
              "Investor", "Investors", "Media", "Fiscal", "First", "Second", "Third", "Fourth", "Q1", "Q2", "Q3", "Q4",
              "GAAP", "Non-GAAP", "Revenue", "Sales", "Results", "Highlights", "Financial", "News", "Press", "Release"}
_STOPS = _NOT_FIRST - {"Company", "First", "Net", "Financial", "News", "Total", "Source", "Media"}
_ROLES = {"board", "directors", "director", "committee", "chairman", "chair", "chief", "officer", "president",
          "ceo", "cfo", "shareholders", "stockholders", "management", "department", "commission", "exchange",
          "act", "rule", "regulation", "agreement", "statements", "measures", "information", "period",
          "announcement", "release", "news", "report", "exhibit", "immediate"}  # masthead words
# words a headline puts after its subject: "Kestrel Reports …", "KESTREL ANNOUNCES …", "Kestrel Metals to Acquire …"
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


def name_at(text: str, pos: int = 0, *, headline: bool = False) -> tuple[str, int] | None:
    """The company-like name starting exactly at ``pos`` ("Kestrel Metals Co., Inc.", "Harrow & Finch",
    "nGenix Inc.") and where it ends; a headline's name stops at its verb or period words ("Kestrel reports …")."""
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
            # after a comma only a legal form follows ("Kestrel Metals Co., Inc."), and nothing after the last one
            break
        words.append(word)
        end = n.end()
    if headline and words[0].lower() in _VERBS | _PERIOD_WORDS:
        return None
    raw = re.sub(r"['’]s$", "", text[pos:end]).rstrip(",;:")
    name = " ".join(raw.split())
    if any(w.lower().strip(".,’'") in _ROLES for w in name.split()) or len(name.split()) > 8:
        return None
    return name, pos + len(raw)


def is_legal(name: str) -> bool:
    """Whether a name ends in a legal form ("Kestrel plc", "Kestrel Metals Co., Inc.")."""
    return _LEGAL_WORD.fullmatch(name.split()[-1].rstrip(",")) is not None


def legal_name(subject: str, text: str, *, strict: bool = False) -> str | None:
    """The legal name the text gives a short subject ("Kestrel" → "Kestrel plc", "KESTREL" → "Kestrel Metals
    Inc."): the one it writes most often; else the subject as the text writes it, when the text names it again
    (``strict``: only a legal name, for a subject that may be a common phrase)."""
    words = subject.split()
    pattern = re.compile(r"(?<![\w'’&.\-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w&’'-])", re.I)
    legal: Counter[str] = Counter()
    seen: list[str] = []
    for m in pattern.finditer(text[:200_000]):
        seen.append(" ".join(m.group(0).split()))
        found = name_at(text, m.start())
        if found and len(found[0].split()) <= len(words) + 3 and is_legal(found[0]) \
                and found[0].lower().startswith(" ".join(words).lower()):
            legal[found[0]] += 1
    if legal:
        best = max(legal.values())
        return next(n for n in legal if legal[n] == best)
    if strict or len(seen) < 2:
        return None
    return next((s for s in seen if s != s.upper()), subject)


def as_written(name: str, text: str) -> str:
    """A name printed in capitals ("KESTREL METALS CO., INC.") as the text also writes it
    ("Kestrel Metals Co., Inc.")."""
    if name != name.upper():
        return name
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?![\w])", re.I)
    for m in pattern.finditer(text):
        if m.group(0) != m.group(0).upper():
            return " ".join(m.group(0).split())
    return name


def display_lines(text: str) -> str:
    """Text as ``display`` shows it (no markdown, spaces collapsed), its line breaks kept: a name never runs from
    a masthead line into the next paragraph."""
    return "\n".join(display(line) for line in text.split("\n"))


def ticker_owner(flat: str, at: int) -> str | None:
    """The name a ticker parenthesis at ``at`` belongs to: "Kestrel Metals Corporation (“Kestrel” …) (Nasdaq:"."""
    before = flat[max(0, at - 160):at]
    before = re.sub(r"(?:\s*\([^()]{0,80}\))*\s*$", "", before)
    for m in re.finditer(r"(?<![\w'’&.\-])(?=[A-Za-z0-9])", before):
        found = name_at(before, m.start())
        if found and found[1] == len(before):
            return found[0]
    return None


def name_words(name: str) -> list[str]:
    """The lower-case words of a name, without "the"."""
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the"]


def key_word(name: str) -> str:
    """The first word of a name, which every way of writing it keeps ("Kestrel" of "Kestrel Metals Corporation")."""
    words = name_words(name)
    return words[0] if words else ""
