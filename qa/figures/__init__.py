"""Figure answers from the figures store: a row and its cells matched to the question, computed and compared, stated."""
