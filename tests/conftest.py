"""Shared fixtures: an isolated QA_HOME per test, offline hub, a deterministic fake embedder."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through Selenium (skipped where it is not installed)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        pytest.skip("Debian chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def wait_for(predicate, timeout: float = 60.0):
    """The first truthy value of ``predicate``, polled until ``timeout`` seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
        except Exception as exc:  # an element not there yet, or redrawn under us: look again
            if not type(exc).__module__.startswith("selenium"):
                raise
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out waiting for the page")


@contextmanager
def sample_app(home: Path) -> Iterator[str]:
    """The real app (real embedding model) over the bundled releases ingested into ``home``, served on a free
    port; its URL."""
    from index.embedder import load_embedder
    from index.ingest import ingest
    from index.settings import Settings
    from index.store import Stores
    from qa.app.page import CSS, build_app
    from qa.engine import Engine

    settings = Settings.from_env(home=home)
    stores = Stores(settings)
    embedder = load_embedder(settings.embed_model)
    ingest([SAMPLES], stores, embedder)
    demo = build_app(Engine(settings, embedder, stores))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, css=CSS)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
