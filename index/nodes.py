"""Chunks as llama-index ``TextNode``s: the search text is embedded and BM25-indexed, the rest rides as metadata."""

from __future__ import annotations

import json

from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode

from index.records import Chunk, Release, Span


def to_node(chunk: Chunk, release: Release) -> TextNode:
    """A node for Chroma and BM25; ``ref_doc_id`` is the release, so a release's nodes delete together."""
    metadata = {
        "doc_id": release.doc_id,
        "title": release.title,
        "date": release.date or "",
        "company": release.company or "",
        "ticker": release.ticker or "",
        "reporting_period": release.reporting_period or "",
        "section": chunk.section,
        "section_kind": chunk.section_kind,
        "kind": chunk.kind,
        "ordinal": chunk.ordinal,
        "start": chunk.start,
        "end": chunk.end,
        "passage": chunk.text,
        "page": chunk.page or 0,
        "sentences": json.dumps([[[p.start, p.end] for p in s] for s in chunk.sentences]),
    }
    keys = list(metadata)
    return TextNode(
        id_=chunk.chunk_id,
        text=chunk.search_text,
        metadata=metadata,
        excluded_embed_metadata_keys=keys,
        excluded_llm_metadata_keys=keys,
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=release.doc_id)},
    )


def sentences_of(node: BaseNode) -> list[list[Span]]:
    """The sentence spans stored on a node."""
    raw = node.metadata.get("sentences") or "[]"
    return [[Span(int(a), int(b)) for a, b in s] for s in json.loads(raw)]
