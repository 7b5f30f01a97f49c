"""What a question can take as given once it has picked a release: its title, date, company, period.

A question such as "Who was CFO in the October 2011 release?" spends most of its
words naming the release; those words are matched against the release's
profile, so the sentence is judged on the rest ("CFO").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from index.vocabulary import MONTH_NAMES
from qa.language.calendar import Calendar
from qa.language.glossary import expand
from qa.language.question import stems

# capitalised words of job titles and headings, never part of a person's name ("Chief Financial", "About Acme")
ROLE_WORDS = frozenset({"chief", "officer", "executive", "financial", "operating", "president", "vice", "director",
               "chairman", "chair", "manager", "general", "senior", "head", "board", "secretary", "treasurer",
               "founder", "principal", "investor", "relations", "communications", "the", "about", "annual", "meeting",
               "contact", "media", "telephone", "email"})
# a surname the release writes as a person's: after a title, or in "First Last, <role>"
_PERSON_CUE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+([A-Z][\w-]+)|\b[A-Z][a-z]+ ([A-Z][\w-]+),?\s+(?:[–—-]\s+)?(?:the )?"
                         r"(?:Chief|Director|President|Chair|Vice|CEO|CFO|COO|Managing|Senior|General|Executive)\b")
# e-mail and web addresses write names in lower case ("dennis.logan@..."): not common words
_ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+")


@dataclass
class ReleaseProfile:
    """A release's dates, every term it uses, and the terms that name it."""

    calendar: Calendar
    terms: set[str]
    context: set[str]
    common_words: set[str]
    published: str | None = None  # the release's own date (ISO), as its dateline gives it
    people: frozenset[str] = frozenset()  # surnames (lower case) the release writes as people's ("Mr. Logan")

    def is_name(self, phrase: str) -> bool:
        """A capitalised phrase whose words this release never writes in lower case (so not common nouns)."""
        words = [w.strip(".,") for w in phrase.split() if w.strip(".,") not in ("Mr", "Ms", "Mrs", "Dr")]
        return bool(words) and all(w.lower() not in self.common_words for w in words)

    @classmethod
    def of(cls, text: str, metadata: dict[str, Any]) -> ReleaseProfile:
        context = set(stems(" ".join(str(metadata.get(k) or "") for k in ("title", "company", "ticker"))))
        context |= set(stems("release announcement news results update"))
        for key in ("date", "reporting_period"):
            value = str(metadata.get(key) or "")
            for token in value.split():
                try:
                    d = date.fromisoformat(token)
                except ValueError:
                    context |= set(stems(token))
                    continue
                context |= {str(d.year), *stems(MONTH_NAMES[d.month - 1])}
        common = {w for w in re.findall(r"\b[a-z][a-z'’-]+\b", _ADDRESS.sub(" ", text))}
        terms = expand(text, set(stems(text)))
        people = {(m.group(1) or m.group(2)).lower() for m in _PERSON_CUE.finditer(text)} - ROLE_WORDS
        return cls(calendar=Calendar.of(text), terms=terms, context=context, common_words=common,
                   published=str(metadata.get("date") or "") or None, people=frozenset(people))
