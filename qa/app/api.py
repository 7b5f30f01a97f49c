"""The app's `/ask` endpoint and its typed answer object (the object of `qa ask --json`, with the question it
answered): gradio's API page and clients read its schema from these types.

No ``from __future__ import annotations`` here: gradio reads the endpoint's return type from its signature
as written, so the annotations must be types, not strings.
"""

from collections.abc import Callable
from typing import TypedDict


class CitationObject(TypedDict):
    """A cited sentence or table row: its release, and its exact offsets into the release's text."""

    doc_id: str
    title: str
    date: str | None
    section: str
    text: str
    start: int
    end: int
    score: float
    reporting_period: str | None
    page: int | None


class FigureObject(TypedDict):
    """A table cell an answer states: metric, column, value, unit, scale and period, and its row."""

    metric: str
    column: str
    value: float | None
    unit: str | None
    scale: int
    scale_label: str | None
    period: str
    period_kind: str | None
    period_end: str | None
    fiscal_period: str | None
    doc_id: str
    source_text: str
    start: int
    end: int
    caption: str
    page: int | None
    derived: str | None


class AnswerObject(TypedDict):
    """An answer (``found``) with ``[n]`` markers into ``citations``, or a refusal with the ``closest``
    passages; ``confidence`` is the probability that the answer is right; ``resolved_question`` is the
    question answered, a follow-up rewritten from the ``earlier`` questions sent with it."""

    question: str
    answer: str
    found: bool
    citations: list[CitationObject]
    figures: list[FigureObject]
    closest: list[CitationObject]
    confidence: float
    signals: dict[str, float]
    resolved_question: str


Ask = Callable[[str, str, str, str, str, "list[str] | None"], AnswerObject]


def ask_endpoint(ask: Ask) -> Callable[..., AnswerObject]:
    """``ask`` as the endpoint gradio publishes, its parameters and answer typed."""

    def endpoint(question: str, doc: str = "", company: str = "", since: str = "", until: str = "",
                 earlier: list[str] | None = None) -> AnswerObject:
        """Answer a question from the ingested releases, with cited passages, or refuse. ``doc``, ``company``,
        ``since`` and ``until`` limit the releases that may answer (empty: no limit); ``earlier`` holds the
        questions asked before in this conversation, oldest first (each answer's ``resolved_question``)."""
        return ask(question, doc, company, since, until, earlier)

    return endpoint
