"""The body of a drawn table: its line items (amounts, per-share figures, margins) and the gold of every cell,
for the layout benchmark (``bench.layout_tables``)."""

from __future__ import annotations

import random
from dataclasses import dataclass

AMOUNTS = ["Net sales", "Revenue", "Cost of sales", "Gross profit", "Selling, general and administrative expenses",
           "Operating income", "Interest expense, net", "Other income (expense)", "Income before income taxes",
           "Provision for income taxes", "Net income", "Total current assets", "Inventories",
           "Research and development", "Restructuring and other charges"]


@dataclass
class Gold:
    row: str
    value: float
    kind: str | None
    end: str | None
    fiscal: str | None
    derived: str | None
    unit: str
    scale: int
    style: str


def body_rows(rng: random.Random, columns: list[Gold], balance: bool, scale: int,
              features: list[str]) -> tuple[list[tuple[str, list[str]]], list[Gold], bool]:
    """The rows (label and printed cells), the gold of each cell, and whether labels carry footnote marks."""
    rows: list[tuple[str, list[str]]] = []
    cells: list[Gold] = []
    labels = rng.sample(AMOUNTS, rng.randint(3, 6))
    if rng.random() < 0.3:  # a section heading over indented rows
        features.append("section")
        rows.append((rng.choice(("Operating expenses:", "Current assets:", "Segment revenue")), []))
        labels = ["  " + label for label in labels[:3]] + labels[3:]
    if not balance and rng.random() < 0.6:
        labels.append(rng.choice(("Diluted earnings per share", "Earnings per share, diluted",
                                  "Basic net income per share")))
    if not balance and rng.random() < 0.4:
        labels.append(rng.choice(("Gross margin", "Operating margin")))
    amount_changes = rng.random() < 0.5  # a "Change" column of amounts, not percentages
    marks = rng.random() < 0.15  # footnote marks after some labels: "Net sales (1)"
    for r, label in enumerate(labels):
        unit = "USD/share" if "share" in label else "%" if "margin" in label else "USD"
        texts: list[str] = []
        for column in columns:
            value, text, got_unit = _cell(rng, column, unit, r, len(texts), amount_changes)
            texts.append(text)
            cells.append(Gold(label.strip(), value, column.kind, column.end, column.fiscal, column.derived, got_unit,
                              scale if got_unit == "USD" else 1, column.style))
        rows.append((label + (f"\u00a0({r + 1})" if marks and r % 2 else ""), texts))  # a mark stays by its word
    return rows, cells, marks


def _cell(rng: random.Random, column: Gold, unit: str, r: int, position: int,
          amount_changes: bool) -> tuple[float, str, str]:
    """One cell's value, as printed, and its unit."""
    if column.derived == "change" and unit == "USD" and (amount_changes or column.unit == ""):
        value = float(rng.randint(-999, 9_999))
        return value, f"({abs(value):,.0f})" if value < 0 else f"{value:,.0f}", unit
    if column.derived or unit == "%" or column.unit == "%":
        value = round(rng.uniform(-30, 60), 1) + 0.01 * position  # unique within the row
        value = round(value, 2)
        # a "% Change" column may print its numbers bare; a margin row or a plain "Change" says "%"
        sign = "" if column.derived == "percent_change" and rng.random() < 0.4 else "%"
        return value, (f"({abs(value)})" if value < 0 else f"{value}") + sign, "%"
    if unit == "USD/share":
        value = round(rng.uniform(-3, 9), 2)
        return value, f"$ ({abs(value):.2f})" if value < 0 else f"$ {value:.2f}", unit
    value = float(rng.randint(-9_999, 99_999) if r else rng.randint(1_000, 99_999))
    text = f"({abs(value):,.0f})" if value < 0 else f"{value:,.0f}"
    return value, "$ " + text if r == 0 else text, unit
