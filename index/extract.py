"""A release file's parsed release and table figures, as ingest makes them, without embedding or store writes.

For measurement (the figures score, TAT-QA) and for any caller that needs figures without a store:
read → parse → figures, exactly the steps of ingest's preparation of a release.
"""

from __future__ import annotations

import logging
from pathlib import Path

from index.catalog import doc_id_for
from index.figures import extract_figures
from index.parser import parse_release
from index.reader import read_release
from index.records import Figure, Release

logger = logging.getLogger(__name__)


def release_figures(path: Path, max_bytes: int | None = None) -> tuple[Release, list[Figure]]:
    """The release at ``path`` (with its page starts) and its figures; raises ``UnreadableRelease`` as ingest does."""
    path = Path(path)
    source = read_release(path, max_bytes)
    doc_id = doc_id_for(path)
    release, _ = parse_release(doc_id, str(path), source.sha256, source.text, source.page_starts)
    figures = extract_figures(release.text, doc_id, source.tables, source.page_starts)
    logger.debug("%s: %d figures", doc_id, len(figures))
    return release, figures
