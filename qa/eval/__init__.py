"""The evaluation harness: gold sets scored through the whole system, the figures score, TAT-QA, reports."""
