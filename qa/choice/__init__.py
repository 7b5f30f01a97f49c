"""Choosing or refusing: the candidates' signals, and the learned answer model that weighs them."""
