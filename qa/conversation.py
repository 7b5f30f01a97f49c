"""Follow-up questions in a chat: "and a year earlier?", "what about the probable reserves?".

A short question that leans on the previous one is rewritten into a whole
question, so the engine (and its citations) never depend on hidden state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.language.question import stems

_LEADS = re.compile(r"^\s*(and|also|plus|what about|how about|and what about|and for|what of|same for)\b[\s,]*", re.I)
_ASKS = re.compile(r"^(who|what|when|where|which|why|how|did|does|do|is|was|were|are|has|have|had)\b", re.I)
_BACK = re.compile(r"\b(it|its|that|this|those|these|they|them|the same)\b", re.I)  # words that point back
_RELATIVE = re.compile(r"\b(a year (earlier|before|prior)|the (prior|previous|preceding) (year|quarter|period)"
                       r"|last year)\b", re.I)


@dataclass
class Turn:
    """A question as asked and as answered (whole), with the figures' column and period if any."""

    asked: str
    resolved: str
    figure_context: str = ""


def leans(question: str) -> bool:
    """The question leans on the one before it ("and a year earlier?", "what about revenue?"); one that asks
    whole after its "and" ("And who is the chief executive of Acme?") does not."""
    text = " ".join(question.split())
    lead = _LEADS.match(text)
    if not lead:
        return len(stems(text)) <= 3 and bool(_RELATIVE.search(text))
    rest = text[lead.end():]
    whole = _ASKS.match(rest) and len(stems(rest)) > 2 and not _LEADS.match(rest)
    return not whole or bool(_BACK.search(rest) or _RELATIVE.search(rest))


def resolve(question: str, history: list[Turn]) -> str:
    """The whole question to answer, given the conversation so far."""
    text = " ".join(question.split())
    if not history:
        return text
    previous = history[-1]
    if not leans(text):
        return text  # a question of its own
    lead = _LEADS.match(text)
    rest = text[lead.end():] if lead else text
    rest = rest.rstrip("?").strip()
    if _RELATIVE.search(rest):
        return f"{previous.resolved.rstrip('?')} and {rest}?"
    if previous.figure_context:
        return f"What was {rest} {previous.figure_context}?"
    return f"{previous.resolved.rstrip('?')}: what about {rest}?"
