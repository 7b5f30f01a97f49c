"""A llama-index node postprocessor that reranks passages by their best sentence."""

from __future__ import annotations

from llama_index.core.bridge.pydantic import Field
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle

from qa.language.question import Question
from qa.text.scorer import SentenceScorer


class SentenceReranker(BaseNodePostprocessor):
    """Rescore fused passages with ``SentenceScorer`` and keep the best ``top_n``."""

    scorer: SentenceScorer = Field(exclude=True)
    top_n: int = 5
    max_candidates: int = 20

    @classmethod
    def class_name(cls) -> str:
        return "SentenceReranker"

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        if query_bundle is None or not nodes:
            return nodes[: self.top_n]
        vector = query_bundle.embedding or self.scorer.embedder.get_query_embedding(query_bundle.query_str)
        candidates = nodes[: self.max_candidates]
        best: dict[str, float] = {}
        for s in self.scorer.score(Question.parse(query_bundle.query_str, self.scorer.companies), vector, candidates):
            best.setdefault(s.node.node.node_id, s.score)
        ranked = sorted(candidates, key=lambda n: best.get(n.node.node_id, float("-inf")), reverse=True)
        for n in ranked:
            n.score = best.get(n.node.node_id, 0.0)
        return ranked[: self.top_n]
