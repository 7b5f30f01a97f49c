"""What in a sentence can answer a question: something new of the kind it asks for, and where it stands.

A person or an organisation for "who", a date for "when" (a year for "what year"), a number of the unit
asked ("how many *tonnes*", money, a percentage, a rate, a duration), a place or a location in words for
"where", one of the two options of "inclusive or exclusive?". Names the question already gives, the
release's own dateline date, and a grade of another element than the one asked do not count.
"""

from __future__ import annotations

import re

from index.currencies import currency_pattern
from index.parser import LONG_DATE
from index.periods import find_dates
from index.vocabulary import AMBIGUOUS_SYMBOLS, MONTH_NAMES, YEAR_DIGITS
from qa.language.elements import elements_written
from qa.language.profile import ROLE_WORDS, ReleaseProfile
from qa.language.question import Question, stem

Span = tuple[int, int]

_ABOUT_RELEASE = re.compile(r"\b(release|releases|announce|announced|announcement|publish|published|issued|dated)\b")
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# a run of capitalised words, which may hold a person's name: "Contact Dennis Logan", "Dr. Fiona Lachlan-Reid"
_CAPITALISED_RUN = re.compile(rf"\b(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD})*")
_TITLE = re.compile(r"^(?:Mr|Ms|Mrs|Dr)\.")
_DATE = re.compile(rf"\b{YEAR_DIGITS}\b")
_MONTH_OR_QUARTER = re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTH_NAMES)
                               + r"|(?:first|second|third|fourth) quarter|Q[1-4]|H[12])\b")
_ORGANISATION = re.compile(r"\b[A-Z][\w&'’.-]*(?: (?:&|and|of|[A-Z][\w&'’.-]*))*? (?:Corp|Corporation|Inc|Ltd|Limited"
                           r"|LLP|LLC|Partners|Securities|Capital|Group|Bank|AG|GmbH|plc|S\.[AL])\b\.?")
_AGENT = re.compile(r"\bby ((?:its|their|the) (?:former|previous|prior|original|new|current) [a-z]+)\b")
_LEGAL_SUFFIX = re.compile(r"\b(?:Corp|Corporation|Inc|Ltd|Limited|LLP|LLC|AG|GmbH|plc|S\.[AL]|Pty)\b\.?")
# "$", "¥", "kr" (a word): money, whichever currency
_SIGNS = "|".join(rf"\b{s}\b" if s.isalpha() else re.escape(s) for s in sorted(AMBIGUOUS_SYMBOLS))
# Money is a currency written out (index.currencies) or a plain noun: before an amount a sign, a code or a name;
# after it a code or a name, never a sign (that starts the next amount) nor a one-word name that is also a
# word ("won", "rand").
_CURRENCY = re.compile(rf"(?:{currency_pattern(bare_names=False)}|{_SIGNS}|(?i:\b(?:dollars?|euros?)\b))")
_MONEY_AFTER = re.compile(rf"\s*(?:million |billion |thousand )?(?:{currency_pattern(symbols=False, bare_names=False)}"
                          r"|(?i:\b(?:dollars?|euros?|pounds)\b))")
_DURATION = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?|hours?)\b", re.I)
_PHONE = re.compile(r"\(?\d{3}\)?[ .-]\d{3}-\d{4}")
_NUMBER = re.compile(r"\d[\d,.]*%?")
_PLACE = re.compile(r"\b(located|kilometres|kilometers|km|miles|based|headquartered|in (?:[A-Z][a-z]+)"
                    r"|underground|(?:via|beneath|inside|underneath) (?:the |its |their )?[a-z]+(?: [a-z]+)?)\b")


def of_unit(unit: str | None, text: str, number: re.Match[str]) -> bool:
    """Whether ``number`` in ``text`` is a number of ``unit``: a percentage, an amount of money, or a count
    of the noun asked about (within three words after it: "100,000 *options*")."""
    if unit is None:
        return True
    after = text[number.end():number.end() + 40]
    if unit == "time":
        return bool(_DURATION.match(after))
    if unit == "rate":  # a percentage or an amount per unit ("92%", "450 boe/d", "12 tonnes per hour")
        return of_unit("%", text, number) or bool(re.match(r"\s*(?:[A-Za-z$]+ ?)?(?:/|per\b)", after))
    if unit == "%":
        return number.group().endswith("%") or bool(re.match(r"\s*(%|per ?cent)", after))
    if unit == "$":
        before = text[max(0, number.start() - 6):number.start()]
        return bool(_CURRENCY.search(before) or _MONEY_AFTER.match(after))
    return any(stem(w) == unit for w in re.findall(r"[A-Za-z-]+", after)[:3])


def candidates(question: Question, raw: str, profile: ReleaseProfile) -> tuple[bool, list[Span]] | tuple[()] | None:
    """Where ``raw`` holds something new of the kind the question wants (a name, a date, a number of the
    unit asked, a place), and whether it is a strong candidate (a full date); None when no kind is wanted,
    an empty tuple when there is none."""
    asked = question.text.lower()
    spans: list[Span] = []
    strong = False
    if question.wants == "person":
        spans = [span for span, name in _people(raw, profile) if not _named_in(asked, name, person=True)]
        spans += [m.span() for m in _ORGANISATION.finditer(raw)
                  if not _named_in(asked, _LEGAL_SUFFIX.sub("", m.group()))]
        if not spans:  # "commissioned in July 2010 by its former owner": the agent of the verb asked about
            spans = _agents(question, raw)
    elif question.wants == "date":
        # the release's own date (its dateline) answers only a question about the release itself
        about_release = _ABOUT_RELEASE.search(asked)
        spans = [(a, b) for d, a, b in find_dates(raw) if raw[a:b].lower() not in asked
                 and (about_release or d.isoformat() != profile.published)]
        strong = bool(spans)
        if not spans:
            spans = [m.span() for rx in (_DATE, _MONTH_OR_QUARTER) for m in rx.finditer(raw)
                     if m.group().lower() not in asked]
            # a year is the whole answer to "what year", a month to "which month"
            strong = bool(spans) and bool(re.search(r"\b(what|which) (year|month|quarter)\b", asked))
    elif question.wants == "number":
        asked_elements = elements_written(question.text)
        if asked_elements and not asked_elements & elements_written(raw):
            return ()  # silver asked, a copper grade (or a grade of no named element) held: never a substitute
        bare = _PHONE.sub(_blank, LONG_DATE.sub(_blank, raw))  # same offsets as raw
        spans = [m.span() for m in _NUMBER.finditer(bare) if m.group().strip(".,") not in asked
                 and not _DATE.fullmatch(m.group()) and of_unit(question.unit, bare, m)]
    elif question.wants == "place":
        spans = [m.span() for m in _PLACE.finditer(raw)]
    elif question.wants == "choice":
        spans = [m.span() for m in re.finditer(r"[\w-]+", raw) if stem(m.group()) in question.options]
    else:
        return None
    return (strong, spans) if spans else ()


def _agents(question: Question, raw: str) -> list[Span]:
    """Unnamed agents ("by its former owner") of a passive verb the question asks about ("Who commissioned
    ...?"): the participle must be a word of what is asked, among the six words before the "by"."""
    wanted = set(question.focus)
    out = []
    for m in _AGENT.finditer(raw):
        before = re.findall(r"[\w'’-]+", raw[:m.start()])[-6:]
        if any(w.lower().endswith(("ed", "en")) and stem(w) in wanted for w in before):
            out.append(m.span(1))
    return out


def _named_in(asked: str, name: str, person: bool = False) -> bool:
    """Whether the question already names this person (by surname: "Logan" in "Contact Dennis Logan") or
    organisation (by its first or last word: "Northcairn" in "Northcairn Energy"): the subject, then, not
    the answer."""
    words = [w.lower().strip(".,") for w in name.split()]
    if not words:
        return False
    wanted = {words[-1]} if person else {words[0], words[-1]}
    return any(re.search(rf"\b{re.escape(w)}\b", asked) for w in wanted if len(w) > 2)


def _people(raw: str, profile: ReleaseProfile) -> list[tuple[Span, str]]:
    """Persons' names in ``raw``: capitalised runs less the job-title and heading words around them ("Chief
    Financial Officer Jane Doe" → Jane Doe), two words or more, or a title and a surname
    ("Mr. Doe"), none of which this release writes in lower case."""
    out = []
    for run in _CAPITALISED_RUN.finditer(raw):
        if _ORGANISATION.match(raw, run.start()):
            continue  # "Northcairn Energy Ltd.": an organisation's name, taken as one
        words = list(re.finditer(r"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?\S+", run.group()))
        keep = [w for w in words if w.group().lower() not in ROLE_WORDS and profile.is_name(w.group())]
        if not keep:
            continue
        first, last = keep[0], keep[-1]
        if len(keep) >= 2 or _TITLE.match(first.group()):
            out.append(((run.start() + first.start(), run.start() + last.end()),
                        run.group()[first.start():last.end()]))
    return out


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def near(question: Question, raw: str, spans: list[Span], words: int = 4) -> Span | None:
    """The first candidate that stands within ``words`` words of a word of what is asked (of any question
    word when the question has no focus), or None."""
    wanted = set(question.focus or question.terms)
    hits = [m.span() for m in re.finditer(r"\w[\w'’-]*", raw) if stem(m.group()) in wanted]
    for a, b in spans:
        for c, d in hits:
            if c >= b and len(raw[b:c].split()) <= words or d <= a and len(raw[d:a].split()) <= words:
                return a, b
    return None
