"""Records returned by answering: citations and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Citation:
    """A cited sentence or table row, with its release and exact offsets."""

    doc_id: str
    title: str
    date: str | None
    section: str
    text: str
    start: int
    end: int
    score: float
    reporting_period: str | None = None
    page: int | None = None  # 1-based page of the cited text in a PDF release


@dataclass
class Answer:
    """A short answer with ``[n]`` markers pointing into ``citations``; ``found`` is False on refusal."""

    question: str
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    confidence: float = 0.0
    signals: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["confidence"] = round(self.confidence, 4)
        for c in data["citations"] + data["closest"]:
            c["score"] = round(c["score"], 4)
        return data
