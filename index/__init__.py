"""Release QA ingestion: parse, clean, chunk, embed and store press releases."""
