"""Finding the passages a question can be answered from: hybrid retrieval, reranking, and the scope of releases."""
