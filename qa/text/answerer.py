"""Extractive answers: the best sentence (or two) with [n] markers, or a plain refusal."""

from __future__ import annotations

import math
import re

from qa.language.lexicon import Lexicon
from qa.language.question import Question, stems
from qa.language.records import Answer, Citation
from qa.text.scorer import ScoredSentence

NOT_FOUND = "The releases do not say."
SAME_STATEMENT = 0.8  # share of the shorter sentence's content words the longer must hold to say the same
MAX_CORROBORATIONS = 2
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")


class Answerer:
    """Turns scored sentences into a short cited answer candidate with its signals; whether it is given is
    the answer model's call (``qa.choice.model``), not this class's."""

    def __init__(self, lexicon: Lexicon, max_chars: int = 400) -> None:
        self.lexicon = lexicon
        self.max_chars = max_chars

    def refusal(self, question: Question, sentences: list[ScoredSentence]) -> Answer:
        """"The releases do not say", with the closest sentences shown."""
        closest = [self._citation(s) for s in _distinct([s for s in sentences if s.quotable])[:3]]
        return Answer(question.text, NOT_FOUND, False, closest=closest)

    def candidates(self, question: Question, sentences: list[ScoredSentence], k: int = 3) -> list[Answer]:
        """The ``k`` best distinct sentences (or pairs), each as a cited answer with its signals in
        ``signals``; none when no sentence can be quoted. What used to refuse outright (an uncovered period,
        no answer of the kind asked, a name no release uses, an answer off the topic) is among the signals,
        weighed by the model, which also chooses among the candidates."""
        sentences = [s for s in sentences if s.quotable]
        leads: list[tuple[ScoredSentence, _Statement]] = []
        for s in sentences:
            if len(leads) == k:
                break
            # a sentence sharing text with a lead, or saying what it says, is the same answer, not a rival
            if not any(s.text == lead.text or _overlaps(s, [lead]) or said.restated_by(s) for lead, said in leads):
                leads.append((s, _Statement(s)))
        closest = [self._citation(s) for s in _distinct(sentences)[:3]]
        unknown = len(self.lexicon.unknown_names(question.names))
        out = []
        for i, (lead, said) in enumerate(leads):
            rival = max((other.score for j, (other, _) in enumerate(leads) if j != i), default=0.0)
            signals = text_signals(lead, lead.score - rival, unknown, _off_topic(question, lead))
            out.append(self._compose(question, lead, said, sentences, closest, {**signals, "position": float(i)}))
        return out

    def _compose(self, question: Question, best: ScoredSentence, statement: _Statement, sentences: list[ScoredSentence],
                 closest: list[Citation], signals: dict[str, float]) -> Answer:
        """``best`` (which says ``statement``) as the answer, with a close second sentence beside it and the same
        statement elsewhere cited."""
        after = sentences[sentences.index(best) + 1:]
        chosen = [best]
        for s in after[:3]:
            if (s.score >= best.score - 0.03 and s.covered and s.text != best.text and not _overlaps(s, chosen)
                    and not statement.restated_by(s)):
                if len(" ".join(c.text for c in chosen)) + len(s.text) + 8 <= self.max_chars:
                    chosen.append(s)
                break
        chosen.sort(key=lambda s: (s.doc_id, s.pieces[0].start))
        # the same statement in other releases (an "About" paragraph, a repeated fact): cited too, not repeated
        also: list[ScoredSentence] = []
        for s in sentences:
            if (s is not best and len(also) < MAX_CORROBORATIONS and s.bearing and s.covered
                    and statement.restated_by(s) and s.doc_id not in {c.doc_id for c in chosen + also}):
                also.append(s)
        parts = []
        for i, s in enumerate(chosen, 1):
            markers = f"[{i}]" + ("".join(f"[{len(chosen) + j}]" for j in range(1, len(also) + 1)) if s is best else "")
            parts.append(f"{self._clip(s.text, len(chosen), s.anchor)} {markers}")
        return Answer(
            question=question.text,
            answer=" ".join(parts),
            found=True,
            citations=[self._citation(s) for s in chosen + also],
            closest=closest,
            signals=signals,
        )

    def _clip(self, text: str, parts: int, anchor: str | None = None) -> str:
        """``text`` cut to its share of the answer, keeping the words that answer (``anchor``) in view."""
        room = self.max_chars // parts - 5
        if len(text) <= room:
            return text
        at = text.find(anchor) if anchor else -1
        if at < 0 or at + len(anchor or "") <= room - 1:
            return text[: room - 1].rsplit(" ", 1)[0] + "…"
        start = max(0, min(at - room // 3, len(text) - (room - 2)))
        start = text.find(" ", start) + 1 if start > 0 and text[start - 1] != " " else start
        window = text[start: start + room - 2]
        if start + room - 2 < len(text):
            return "…" + window.rsplit(" ", 1)[0] + "…"
        return "…" + window

    @staticmethod
    def _citation(s: ScoredSentence) -> Citation:
        meta = s.node.node.metadata
        return Citation(
            doc_id=str(meta["doc_id"]),
            title=str(meta.get("title", "")),
            date=str(meta.get("date") or "") or None,
            section=str(meta.get("section", "")),
            text=s.text,
            start=s.pieces[0].start,
            end=s.pieces[-1].end,
            score=float(s.score),
            reporting_period=str(meta.get("reporting_period") or "") or None,
        )


def _off_topic(question: Question, best: ScoredSentence) -> bool:
    """A "what is X" or "how much X" question whose best sentence holds none of X's words is not about X
    ("What are the mineral reserves of the Wolfram Camp Mine?" against where the mine lies). A fact question
    is judged so only when X is a phrase: a single word is often a verb the answer paraphrases ("keep doing"
    for "continue"). Questions for a person or a date are not judged so: their answer's kind is the
    evidence, and their wording ("who signed off") seldom repeats in the answer."""
    if best.focus > 0.0 or not question.focus:
        return False
    return question.wants == "number" or question.wants == "fact" and len(question.focus) >= 2


class _Statement:
    """What the answer sentence says, to recognise the same statement elsewhere: one of two sentences says
    what the other does, in other words at most (a company's "principal business is ..." in one year's release,
    the same with more mines in a later one), when most of the shorter one's content words are in the
    longer one, with the same numbers ("$1.2 million" and "$3.4 million" are rivals)."""

    def __init__(self, sentence: ScoredSentence) -> None:
        self.numbers = set(_NUMBERS.findall(sentence.text))
        self.words = set(stems(sentence.text))

    def restated_by(self, other: ScoredSentence) -> bool:
        if set(_NUMBERS.findall(other.text)) != self.numbers:
            return False
        words = set(stems(other.text))
        return (bool(words and self.words)
                and len(words & self.words) >= SAME_STATEMENT * min(len(words), len(self.words)))


def _overlaps(s: ScoredSentence, chosen: list[ScoredSentence]) -> bool:
    return any(c.doc_id == s.doc_id and c.pieces[0].start < s.pieces[-1].end and s.pieces[0].start < c.pieces[-1].end
               for c in chosen)


def _distinct(sentences: list[ScoredSentence]) -> list[ScoredSentence]:
    seen: set[str] = set()
    out = []
    for s in sentences:
        if s.text not in seen:
            seen.add(s.text)
            out.append(s)
    return out


_LEADS_IN = re.compile(r":\s*$|\bthe following\b|\bas follows\b|\b(?:below|this|the) table\b", re.I)


def text_signals(best: ScoredSentence, margin: float, unknown_names: int, off_topic: bool) -> dict[str, float]:
    """The best sentence's own signals: how it scored (meaning, words, kind, section) and its lead."""
    return {
        "score": best.score, "cosine": best.cosine, "lexical": best.lexical, "margin": margin,
        "focus": best.focus, "covered": float(best.covered), "bearing": float(best.bearing),
        "unnamed": float(best.unnamed), "unknown_names": float(unknown_names), "off_topic": float(off_topic),
        "cue": best.cue, "section": best.section, "pair": float(best.pair), "rank": math.log1p(best.rank),
        "anchor": float(best.anchor is not None), "chars": math.log1p(len(best.text)),
        "leads_in": float(bool(_LEADS_IN.search(best.text))),
    }
