"""Shared fixtures: an isolated QA_HOME per test, offline hub, a deterministic fake embedder."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "releases"


class FakeEmbedder(BaseEmbedding):
    """Hashed bag of words: deterministic, instant, and similar texts get similar vectors."""

    dim: int = 256

    @classmethod
    def class_name(cls) -> str:
        return "FakeEmbedder"

    def _vector(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        n = float(np.linalg.norm(v)) or 1.0
        return (v / n).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)


@pytest.fixture(autouse=True)
def qa_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "qa-home"
    monkeypatch.setenv("QA_HOME", str(home))
    monkeypatch.delenv("QA_CHROMA_URL", raising=False)
    return home


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample releases."""
    target = tmp_path / "releases"
    shutil.copytree(SAMPLES, target)
    return target
