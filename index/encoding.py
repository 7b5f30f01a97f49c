"""The llama-index embedding hooks, all routed through one ``_encode(texts)``: what both encoders share."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding


class ListEncoder(BaseEmbedding):
    """A ``BaseEmbedding`` whose subclasses only say how a list of texts becomes normalised vectors."""

    def _encode(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)
