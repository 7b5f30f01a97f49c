"""Sentence scoring: how well each sentence (or table row) of a passage answers the question.

Each sentence gets its signals: meaning (cosine with the question, same embedding model as the index), words
(IDF-weighted share of the question's terms found in the sentence, its passage, or the release's own title and
date), whether it holds the kind of answer wanted (a new name, date, number or place), its section and place,
and whether its release knows the question's names and period. The sentence ranker (``qa.text.ranker``,
weights fitted by ``qa train``) turns them into the score that orders the sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import NodeWithScore

from index.cleaner import FOOTNOTE_MARKS, display, normalise
from index.nodes import sentences_of
from index.records import Span
from qa.language.glossary import expand
from qa.language.lexicon import Lexicon
from qa.language.profile import ReleaseProfile
from qa.language.question import Question, stem, stems
from qa.text.candidates import candidates, near
from qa.text.ranker import SentenceRanker

_SECTION_PRIOR = {"body": 0.0, "about": -0.02, "contacts": -0.06, "boilerplate": -0.25}
_CONTACT_WORDS = re.compile(r"\b(contact|phone|telephone|email|e-mail|reach)\b", re.I)
MISSING_ANSWER_PENALTY = 0.15
FOCUS_WEIGHT = 2.0
PROXIMITY_BONUS = 0.04


def _credit(is_focus: bool, in_sentence: bool, names_release: bool, in_passage: bool, in_release: bool) -> float:
    """How much a question term counts as matched: what is asked (focus) must be in the sentence itself;
    the subject (topic) may be named by the passage or the release around it."""
    if in_sentence:
        return 1.0
    if is_focus:
        return 0.3 if in_passage else 0.0
    if names_release:
        return 1.0
    return 0.5 if in_passage else 0.4 if in_release else 0.0


@dataclass
class ScoredSentence:
    """A sentence or table row of a retrieved passage, with its score."""

    node: NodeWithScore
    rank: int
    pieces: list[Span]
    text: str
    score: float
    covered: bool
    focus: float = 0.0  # share (IDF-weighted) of the asked-for words found in the sentence itself
    bearing: bool = True  # holds something of the kind asked for (a new name, date, number of the unit)
    unnamed: int = 0  # names in the question (words some release uses) that this sentence's release never uses
    anchor: str | None = None  # the words that answer (a name, date, number of the kind asked), if any
    cosine: float = 0.0  # meaning: cosine of the sentence (or its passage) with the question
    lexical: float = 0.0  # words: IDF-weighted share of the question's terms the sentence and its context hold
    cue: float = 0.0  # what the answer-kind check added (positive) or took away (negative)
    section: float = 0.0  # the section's prior (boilerplate and contacts below body text)
    pair: bool = False  # two neighbouring sentences read together
    signals: dict[str, float] = field(default_factory=dict)  # what the sentence ranker weighed (qa.text.ranker)

    @property
    def quotable(self) -> bool:
        """Table rows rank their passage but are never quoted as a text answer: a figure is answered
        from the figures store, with its period checked, or not at all."""
        return self.node.node.metadata.get("kind") != "table"

    @property
    def doc_id(self) -> str:
        return str(self.node.node.metadata["doc_id"])


class SentenceScorer:
    """Scores the sentences of retrieved nodes. A sentence's cosine with the question comes from its
    passage's stored vector (``passage_vectors``), or, without it, from encoding the sentence itself
    (cached across questions)."""

    def __init__(self, embedder: BaseEmbedding, lexicon: Lexicon, release_text: Callable[[str], str | None],
                 passage_vectors: Callable[[list[str]], Mapping[str, Any]] | None = None,
                 companies: frozenset[str] = frozenset(), max_pair_chars: int = 800,
                 ranker: SentenceRanker | None = None) -> None:
        self.embedder = embedder
        self.ranker = ranker or SentenceRanker.hand()
        self.max_pair_chars = max_pair_chars
        self.companies = companies  # stems of the companies' names: the subject of a question, never what it asks
        self.passage_vectors = passage_vectors
        self.lexicon = lexicon
        self._release_text = release_text
        self._vectors: dict[str, np.ndarray] = {}
        self._profiles: dict[str, ReleaseProfile] = {}

    def profile(self, nws: NodeWithScore) -> ReleaseProfile:
        doc_id = str(nws.node.metadata["doc_id"])
        if doc_id not in self._profiles:
            if len(self._profiles) > 4096:  # a long-running server meets every release in time
                self._profiles.clear()
            self._profiles[doc_id] = ReleaseProfile.of(self._release_text(doc_id) or "", nws.node.metadata)
        return self._profiles[doc_id]

    def score(self, question: Question, query_vector: list[float], nodes: list[NodeWithScore],
              exact: bool = False) -> list[ScoredSentence]:
        """Every sentence of ``nodes`` scored, best first; ``exact``: encode the sentences themselves even
        when passage vectors are available (for the few passages the answer is chosen from)."""
        # (node, rank, pieces, raw text, normalised text, the sentence rows a pair is made of or None)
        rows: list[tuple[NodeWithScore, int, list[Span], str, str, tuple[int, int] | None]] = []
        for rank, nws in enumerate(nodes):
            text = self._release_text(str(nws.node.metadata["doc_id"])) or ""
            spans = sentences_of(nws.node)
            if nws.node.metadata.get("kind") == "table" and len(spans) > 1:
                spans = spans[1:]  # the caption is context for the rows, not an answer
            first_row = len(rows)
            for pieces in spans:
                raw = " ".join(text[p.start:p.end] for p in pieces)
                rows.append((nws, rank, pieces, raw, normalise(raw), None))
            if exact and nws.node.metadata.get("kind") != "table":
                # two neighbouring sentences together, for an answer one sentence only half holds
                # ("... prepared by Jane Doe, an independent consultant. Ms. Doe is a qualified person")
                for i, (a, b) in enumerate(zip(spans, spans[1:]), first_row):
                    raw = " ".join(text[p.start:p.end] for p in a + b)
                    if len(raw) <= self.max_pair_chars:
                        rows.append((nws, rank, a + b, raw, normalise(raw), (i, i + 1)))
        if not rows:
            return []
        cosines = self._cosines(rows, np.asarray(query_vector, dtype=np.float32), exact)
        focus = set(question.focus)
        weights = {t: self.lexicon.idf(t) * (FOCUS_WEIGHT if t in focus else 1.0) for t in set(question.terms)}
        total = math.fsum(weights.values()) or 1.0
        names = {stem(n) for n in question.names} & {t for t in weights if t in self.lexicon}
        # a passage with what leads up to it (a pronoun or "the options" refers a few sentences back), read only
        # for a question that names someone the release knows
        lead_in: dict[int, str] = {}
        asked_surnames = {re.sub(r"['’]s$", "", w.strip(".,?")).lower() for w in question.names}
        passages = {id(n): expand(str(n.node.get_content()), set(stems(str(n.node.get_content())))) for n in nodes}
        out = []
        for (nws, rank, pieces, raw, flat, pair), cosine in zip(rows, cosines):
            meta = nws.node.metadata
            profile = self.profile(nws)
            own = expand(raw, set(stems(flat)) | set(stems(str(meta.get("section", "")))))
            passage = passages[id(nws)]
            lexical = math.fsum(
                w * _credit(t in focus, t in own, t in profile.context, t in passage, t in profile.terms)
                for t, w in weights.items()) / total
            cue, anchor, held = self._cue(question, raw, profile)
            kind = str(meta.get("section_kind", "body"))
            section = self._section(question, kind)
            unnamed = len(names - profile.terms)
            # a person the question names ("Dennis Logan"), whom this release knows, but this passage never does
            absent: set[str] = set()
            if people := asked_surnames & profile.people:
                if id(nws) not in lead_in:
                    lead_in[id(nws)] = normalise(self._lead_in(nws)).lower()
                absent = {p for p in people if not re.search(rf"\b{re.escape(p)}\b", lead_in[id(nws)])}
            covered = profile.calendar.covers(question)
            focus_total = math.fsum(weights[t] for t in focus if t in weights)
            focus_cov = (math.fsum(weights[t] for t in focus if t in weights and t in own) / focus_total
                         if focus_total else 1.0)
            signals = {"cosine": float(cosine), "lexical": lexical, "focus": focus_cov, "first_passage": 1 / (1 + rank),
                       "pair": float(pair is not None), **held, **{k: float(section != 0.0 and kind == k)
                                                                     for k in ("about", "contacts", "boilerplate")},
                       "footnote": float(bool(raw) and raw[0] in FOOTNOTE_MARKS), "unnamed": float(unnamed),
                       "absent": float(len(absent)), "uncovered": float(not covered)}
            out.append(ScoredSentence(nws, rank, pieces, display(raw), self.ranker.score(signals), covered, focus_cov,
                                      cue >= 0, unnamed, anchor, float(cosine), lexical, cue, section,
                                      pair is not None, signals))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _lead_in(self, nws: NodeWithScore, chars: int = 600) -> str:
        meta = nws.node.metadata
        text = self._release_text(str(meta["doc_id"])) or ""
        start, end = int(meta.get("start", 0)), int(meta.get("end", 0))
        return text[max(0, start - chars):end] if end > start else str(nws.node.get_content())

    def _cosines(self, rows: list[tuple[NodeWithScore, int, list[Span], str, str, tuple[int, int] | None]],
                 query: np.ndarray, exact: bool) -> np.ndarray:
        """Each row's cosine with the question: its passage's stored vector, or (``exact``) its own; a pair of
        sentences takes the normalised sum of its two sentences' vectors (no second encoding)."""
        if self.passage_vectors is not None and not exact:
            stored = self.passage_vectors([r[0].node.node_id for r in rows])
            return np.array([float(np.dot(stored[r[0].node.node_id], query)) if r[0].node.node_id in stored
                             else 0.0 for r in rows], dtype=np.float32)
        singles = [i for i, r in enumerate(rows) if r[5] is None]
        encoded = dict(zip(singles, self._embed([rows[i][4] for i in singles])))
        vectors = []
        for i, r in enumerate(rows):
            if r[5] is None:
                vectors.append(encoded[i])
            else:
                joined = encoded[r[5][0]] + encoded[r[5][1]]
                vectors.append(joined / (np.linalg.norm(joined) or 1.0))
        return np.stack(vectors) @ query

    @staticmethod
    def _section(question: Question, kind: str) -> float:
        if kind == "contacts" and _CONTACT_WORDS.search(question.text):
            return 0.0
        return _SECTION_PRIOR.get(kind, 0.0)

    @staticmethod
    def _cue(question: Question, raw: str, profile: ReleaseProfile) -> tuple[float, str | None, dict[str, float]]:
        """Whether a sentence holds something new of the kind asked for (a full date, a date, other), and next to
        what is asked ("prepared by *Jane Doe*"), or cannot answer: as the ranker's signals, and as one
        summary (``cue``: the hand-set weights' sum). With an answer, its words (the one next to what is asked,
        or the first), for quoting a long sentence."""
        found = candidates(question, raw, profile)
        if found is None:
            return 0.0, None, {}
        if not found:
            return -MISSING_ANSWER_PENALTY, None, {"missing": 1.0}
        strong, spans = found
        kind = ("held_date_strong" if strong else "held_date") if question.wants == "date" else "held"
        reward = (0.08 if strong else 0.02) if question.wants == "date" else 0.06
        close = near(question, raw, spans)
        a, b = close or spans[0]
        return (reward + (PROXIMITY_BONUS if close else 0.0), display(raw[a:b]),
                {kind: 1.0, "held_near": float(close is not None)})

    def _embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            if len(self._vectors) > 50_000:  # about 80 MB of sentence vectors
                self._vectors.clear()
            for t, v in zip(missing, self.embedder.get_text_embedding_batch(missing)):
                self._vectors[t] = np.asarray(v, dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

