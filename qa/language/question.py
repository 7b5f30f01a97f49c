"""What a question asks: content terms, the kind of answer wanted, and the dates or years it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.analysis import STOPWORDS as BM25_STOPWORDS
from index.analysis import TOKEN_PATTERN, stemmer
from index.cleaner import normalise
from index.periods import find_dates, find_months
from index.vocabulary import MONTH_NAMES, YEAR_DIGITS

_STEMMER = stemmer()
_QUESTION_WORDS = {
    "what", "who", "whom", "whose", "when", "where", "which", "why", "how", "much", "many", "did", "does",
    "do", "was", "were", "is", "are", "the", "tell", "me", "please", "give", "according", "release",
    "releases", "press", "announce", "announced", "say", "said", "state", "stated",
}
_FUNCTION_WORDS = set(
    ["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "as", "at", "be", "because",
     "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
     "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
     "hers", "him", "his", "i", "if", "in", "into", "it", "its", "itself", "just", "me", "more", "most", "my", "no",
     "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "per", "same",
     "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
     "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "via", "was", "we",
     "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your"]
)
STOPWORDS = set(BM25_STOPWORDS) | _QUESTION_WORDS | _FUNCTION_WORDS
_PREPOSITION = re.compile(r"\b(for|of|to|in|at|by|on|from|with|about|under|per|during|since|after|before)\b", re.I)
_WH = re.compile(r"^\s*(?:\w+\s+){0,2}?(what|who|whom|whose|when|where|which|why|how)\b(\s+(much|many|long|far))?",
                 re.I)
_WH_ANYWHERE = re.compile(r"\b(what|who|whom|whose|when|where|which|why|how)\b(\s+(much|many|long|far))?", re.I)
# nouns that say what kind of answer is wanted, not what it is about
_ANSWER_KINDS = {"compani", "firm", "person", "citi", "countri", "place", "locat", "date", "day", "month", "year",
                 "period", "name", "kind", "type", "amount", "number", "titl", "role", "percentag", "percent",
                 "proport", "fraction"}
# how many things are asked for ("what *two* benefits"): never words the answer holds
_COUNTS = re.compile(r"\b(?:two|three|four|five|several)\b", re.I)
_DATE_WORDS = {_STEMMER.stemWord(m) for m in MONTH_NAMES}
_TOKEN = re.compile(TOKEN_PATTERN)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of the normalised text."""
    return _TOKEN.findall(normalise(text).lower())


def stems(text: str) -> list[str]:
    """Stemmed content tokens (stopwords dropped), the same analysis BM25 uses."""
    return [_STEMMER.stemWord(t) for t in tokens(text) if t not in STOPWORDS]


def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.lower()))


@dataclass
class Question:
    """A parsed question."""

    text: str
    terms: list[str]
    wants: str  # "person" | "date" | "place" | "number" | "choice" | "fact"
    dates: list[date] = field(default_factory=list)
    month_years: list[tuple[int, int]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)  # "inclusive *or* exclusive": the stems to choose between
    unit: str | None = None  # for a number: a counted noun's stem ("how many *tonnes*"), "%", "$", "time" or "rate"

    @classmethod
    def parse(cls, text: str, subjects: frozenset[str] = frozenset()) -> Question:
        """``subjects``: stems of the companies' names; those the question writes as a name are left out of
        the focus (a question names the company it is about; what it asks is something else)."""
        flat = normalise(text)
        low = flat.lower()
        dates = [d for d, _, _ in find_dates(flat)]
        month_years = find_months(flat)
        years = [int(y) for y in re.findall(rf"\b({YEAR_DIGITS})\b", flat)]
        words = flat.split()
        names = [w.strip("?,.;:'\"()") for w in words[1:]
                 if w[:1].isupper() and w.strip("?,.;:'\"()").lower() not in STOPWORDS]
        options = _options(low)
        named = {t for n in names for t in stems(n)} & subjects  # the company the question names, by name
        return cls(text=text, terms=stems(_COUNTS.sub(" ", text)), wants="choice" if options else _wants(low),
                   options=options,
                   dates=dates, month_years=month_years,
                   years=years, names=[n for n in names if len(n) > 1],
                   focus=[t for t in _focus(flat) if t not in named], unit=_unit(low))


def _focus(flat: str) -> list[str]:
    """Terms of what is asked for: the words after the question word (wherever it stands: "... acquire
    *which* copper project?"), up to the first preposition ("What is the *vesting schedule* | for the
    options ..."), less the words that only name the kind of answer ("which *company*", "what *title*"),
    which the answer itself seldom repeats. Empty when nothing is left."""
    wh = _WH.search(flat) or _WH_ANYWHERE.search(flat)
    rest = flat[wh.end():] if wh else flat
    # "what share of X"
    rest = re.sub(r"^\s*(?:share|proportion|percentage|fraction|portion) of\b", "", rest, flags=re.I)
    # "what year has [the mine] been *in production*": the subject is given, the state is asked
    if state := re.match(r"^\s*(?:\w+\s+)?(?:has|have|had|is|are|was|were)\s+.+?\s+(?:been|being)"
                         r"\s+(?:in\s+|at\s+|on\s+)?(.+)$", rest, re.I):
        rest = " " + state.group(1)
    cut = _PREPOSITION.search(rest, 1)
    # a date qualifies the question; it is not what is asked
    return [t for t in stems(_COUNTS.sub(" ", rest[: cut.start()] if cut else rest))
            if t not in _ANSWER_KINDS and t not in _DATE_WORDS and not re.fullmatch(YEAR_DIGITS, t)]


def _options(low: str) -> list[str]:
    """The two words a yes/no question asks to choose between ("Are the resources *inclusive or exclusive* of
    reserves?"); empty for any other question."""
    if not re.match(r"\s*(are|is|was|were|did|does|do|has|have|will|would)\b", low):
        return []
    m = re.search(r"\b([a-z-]{3,}) or ([a-z-]{3,})\b", low)
    if not m or m.group(1) in STOPWORDS or m.group(2) in STOPWORDS:
        return []
    return [stem(m.group(1)), stem(m.group(2))]


def _unit(low: str) -> str | None:
    """What a number answer must be a number of: "how many *employees*", a percentage, or money."""
    if re.search(r"\b(percentage|percent|per cent|share of)\b", low):
        return "%"
    if re.search(r"\b(price|cost|costs|paid|pay|paying|spend|spent|dividend)\b", low) and re.search(
            r"\bhow much\b"
            r"|\b(what|which) (?:(?!(?:did|does|do|say|says|said|about|will|would|has|have|had)\b)[\w()-]+ ){0,4}"
            r"(price|cost|dividend)\b", low):
        return "$"
    if re.match(r"\s*(?:for )?how long\b", low):
        return "time"
    if re.search(r"\b(what|which) (?:(?!(?:did|does|do|say|says|said|about|will|would|has|have|had)\b)[\w()-]+ ){0,4}"
                 r"rate\b(?! of exchange)", low) and "exchange rate" not in low:
        return "rate"
    counted = re.search(r"\bhow many ((?:[\w-]+ ){0,2}?)([a-z-]+s)\b", low)
    if counted and counted.group(2) not in STOPWORDS:
        return stem(counted.group(2))
    return None


def _wants(low: str) -> str:
    if re.match(r"\s*(who|whom|whose)\b", low) or re.search(
            r"\b(which|what) (?:(?!(?:is|was|are|were|did|does|do|the|a|an) )[\w&'’-]+ ){0,2}?"
            r"(person|consultant|director|officer|executive|firm|company|advisor|adviser|auditor|bank|law firm)\b",
            low) or re.search(r"\bname of\b", low):
        return "person"
    if re.match(r"\s*when\b", low) or re.search(
            r"\b(what|which) (date|day|month|year|quarter|period)\b|\bthe date of\b", low):
        return "date"
    if re.match(r"\s*where\b", low) or re.search(
            r"\b(what|which) (country|city|province|region|location)\b|\bhow far\b", low):
        return "place"
    if re.search(r"\bhow (much|many|far|long|large|big)\b"
                 r"|\b(what|which) (was|is|were|are) the (amount|number|price|value|total|percentage|grade|tonnage)\b"
                 r"|\b(what|which) (?:(?!(?:did|does|do|say|says|said|about|will|would|has|have|had)\b)[\w()-]+ ){0,4}"
                 r"(price|percentage|percent|grade|amount|cost|share of|rate)\b(?!s)", low):
        return "number"
    return "fact"
