"""Release QA answering: retrieval, reranking, cited extractive answers, the CLI and the app."""
