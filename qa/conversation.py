"""Follow-up questions in a chat: "and a year earlier?", "what about the probable reserves?".

A short question that leans on the previous one is rewritten into a whole
question, so the engine (and its citations) never depend on hidden state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.question import stems

_LEADS = re.compile(r"^\s*(and|also|plus|what about|how about|and what about|and for|what of|same for)\b[\s,]*", re.I)
_RELATIVE = re.compile(r"\b(a year (earlier|before|prior)|the (prior|previous|preceding) (year|quarter|period)|last year)\b", re.I)


@dataclass
class Turn:
    """A question as asked and as answered (whole), with the figures' column and period if any."""

    asked: str
    resolved: str
    figure_context: str = ""


def leans(question: str) -> bool:
    """The question leans on the one before it ("and a year earlier?", "what about revenue?")."""
    text = " ".join(question.split())
    return bool(_LEADS.match(text)) or (len(stems(text)) <= 3 and bool(_RELATIVE.search(text)))


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
