"""Release QA ingestion: parse, clean, chunk, embed and store press releases. Every write is made here.

What answering (``qa``) reads, by module (names without a leading underscore; ``tests/test_dependencies.py``
fails if ``qa`` imports a private one):

- ``index.settings``: ``Settings`` (read once, passed in) and ``describe``; ``index.errors``: the domain errors.
- ``index.store``: ``Stores(settings, create=False)`` opens Chroma, the catalog and the figures store without
  creating or migrating anything (``EmptyStore`` when nothing is ingested).
- ``index.lexical``: ``load_bm25`` (the persisted BM25 index, read-only; a stale one is read into memory with
  a warning, and the next ingest rebuilds it).
- ``index.catalog`` (releases, their text and dates), ``index.figure_store`` (table figures), ``index.records``.
- ``index.embedder``: ``load_embedder``; ``index.analysis``: the token pattern, stop words and stemmer BM25
  uses; ``index.vocabulary``, ``index.currencies``, ``index.periods``: the vocabulary both layers share; and
  the text helpers a question is read with as its release was (``index.cleaner``, ``index.cells``,
  ``index.column_periods``, ``index.scales``, ``index.nodes``).

What changes the stores, and ``qa``'s app calls: ``index.ingest.ingest``, ``index.removal.remove`` and
``reingest``, ``index.uploads.save_uploads``.
"""
