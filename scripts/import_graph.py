"""The import graph of the code by package (``index``, and ``qa``'s stage packages): which imports which, and
how often; run ``python scripts/import_graph.py [ROOT]`` (default: this checkout)."""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path


def unit(module: str) -> str:
    """What a module belongs to: ``index``, a ``qa`` stage package (``qa.figures``), or ``qa``'s top-level
    module itself (``qa.engine``, ``qa.cli``)."""
    parts = module.split(".")
    return parts[0] if parts[0] != "qa" else ".".join(parts[:2])


def cycles(edges: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of units that import each other, directly or through others."""
    reach: dict[str, set[str]] = {}
    for source, target in edges:
        reach.setdefault(source, set()).add(target)
    changed = True
    while changed:
        changed = False
        for targets in reach.values():
            more = set().union(*(reach.get(t, set()) for t in targets)) - targets
            if more:
                targets |= more
                changed = True
    return sorted((a, b) for a in reach for b in reach[a] if a < b and a in reach.get(b, set()))


def graph(root: Path) -> Counter[tuple[str, str]]:
    edges: Counter[tuple[str, str]] = Counter()
    for package in ("index", "qa"):
        for path in sorted((root / package).rglob("*.py")):
            module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    targets = [node.module]
                elif isinstance(node, ast.Import):
                    targets = [a.name for a in node.names]
                else:
                    continue
                for target in targets:
                    if target.split(".")[0] in ("index", "qa") and unit(target) != unit(module):
                        edges[(unit(module), unit(target))] += 1
    return edges


if __name__ == "__main__":
    found = graph(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    for (source, target), n in sorted(found.items()):
        print(f"{source:16} -> {target:16} {n:3}")
    print("cycles:", ", ".join(f"{a} <-> {b}" for a, b in cycles(found)) or "none")
