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

from qa.calendar import Calendar
from qa.glossary import expand
from qa.question import stems

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
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
                context |= {str(d.year), *stems(_MONTH_NAMES[d.month - 1])}
        common = {w for w in re.findall(r"\b[a-z][a-z'’-]+\b", _ADDRESS.sub(" ", text))}
        terms = expand(text, set(stems(text)))
        return cls(calendar=Calendar.of(text), terms=terms, context=context, common_words=common,
                   published=str(metadata.get("date") or "") or None)
