"""Table layouts drawn at random into PDFs and read back: how well the PDF table reader generalises (value,
period, derived column, scale and unit of every cell) over header forms and geometry no real document fixed.

    .venv/bin/python -m bench.layouts --count 1000 --seed 1

Each table combines period groups in the forms releases print (a spanning "Three Months Ended" over dates or
years, a date line of its own, fiscal labels, ordinal quarters, week-based periods, balance dates, bare years
under a caption), change columns, a scale caption and body rows (amounts, per-share, percentages), set with
random fonts, widths, alignment, rules and wrapping. Results: ``bench/results/layouts.json`` and ``.md``.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import click

from bench.layout_draw import draw
from bench.layout_tables import layout
from index.figures import extract_figures
from index.reader import read_release

ROOT = Path(__file__).resolve().parent.parent


def score(count: int, seed: int) -> dict[str, object]:
    """Draw ``count`` tables from ``seed``, read each back, and score every cell."""
    rng = random.Random(seed)
    tally: Counter[str] = Counter()
    by_style: Counter[tuple[str, str]] = Counter()
    misses: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            table, cells, features = layout(rng)
            path = draw(Path(tmp) / f"t{i}.pdf", table)
            source = read_release(path)
            figures = extract_figures(source.text, "x", source.tables, source.page_starts)
            for g in cells:
                f = next((f for f in figures if f.row_label == g.row and f.value == g.value), None)
                aspects = {"found": f is not None}
                if f is not None:
                    aspects["period"] = (bool(f.derived) and f.period_kind is None if g.derived else
                                         f.period_kind == g.kind and g.end in (None, f.period_end)
                                         and g.fiscal in (None, f.fiscal_period))
                    aspects["unit"] = f.unit == g.unit
                    aspects["scale"] = f.scale == g.scale
                aspects["right"] = all(aspects.values()) and len(aspects) == 4
                for name, ok in aspects.items():
                    tally[name] += ok
                for name in (g.style, *(f"+{f}" for f in features)):
                    by_style[(name, "cells")] += 1
                    by_style[(name, "right")] += aspects["right"]
                tally["cells"] += 1
                if not aspects["right"]:
                    misses.append({"table": i, "features": features, "gold": asdict(g),
                                   "wrong": [k for k, v in aspects.items() if not v],
                                   "got": None if f is None else {k: getattr(f, k) for k in (
                                       "column_label", "period_kind", "period_end", "fiscal_period", "derived", "unit",
                                       "scale")}})
    styles = sorted({s for s, _ in by_style})
    return {"count": count, "seed": seed, "cells": tally["cells"],
            "share": {k: round(100 * tally[k] / tally["cells"], 1)
                      for k in ("found", "period", "unit", "scale", "right")},
            "by_style": {s: round(100 * by_style[(s, "right")] / by_style[(s, "cells")], 1) for s in styles},
            "misses": misses}


@click.command()
@click.option("--count", default=300, show_default=True, help="tables to draw")
@click.option("--seed", default=1, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=ROOT / "bench" / "results" / "layouts.json")
def main(count: int, seed: int, out: Path) -> None:
    result = score(count, seed)
    out.write_text(json.dumps(result, indent=1))
    lines = [f"# Drawn table layouts read back ({count} tables, seed {seed}, {result['cells']} cells)", "",
             "| aspect | % of cells |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in result["share"].items()]  # type: ignore[attr-defined]
    lines += ["", "| header style, +feature | % right |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in result["by_style"].items()]  # type: ignore[attr-defined]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    click.echo("\n".join(lines))


if __name__ == "__main__":
    main()
