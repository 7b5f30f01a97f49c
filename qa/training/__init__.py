"""`qa train`: the answer model and the sentence ranker fitted on the fit questions, and their report."""
