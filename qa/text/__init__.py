"""Quoted-text answers: each retrieved sentence scored and ranked, and the best one quoted with its citation."""
