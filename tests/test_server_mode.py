"""QA_CHROMA_URL: the same ingest and answers against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from qa.engine import Engine

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path):
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_server_mode_matches_embedded(chroma_server: str, samples: Path, fake_embedder, tmp_path: Path) -> None:
    questions = ["Who prepared the reserve estimate?", "How far is the Panasqueira mine from Lisbon?",
                 "Who is the CEO of Barrick Gold?"]
    embedded = Settings.from_env(home=tmp_path / "embedded")
    server = Settings.from_env(home=tmp_path / "server", chroma_url=chroma_server)
    answers = {}
    for name, settings in (("embedded", embedded), ("server", server)):
        stores = Stores(settings)
        report = ingest([samples], stores, fake_embedder)
        assert len(report.added) == 4
        engine = Engine(settings, fake_embedder, stores)
        answers[name] = [(a.found, a.answer, [c.start for c in a.citations]) for a in map(engine.ask, questions)]
    assert not (tmp_path / "server" / "chroma").exists()  # vectors went to the server, not local files
    assert answers["server"] == answers["embedded"]
    again = ingest([samples], Stores(server), fake_embedder)
    assert len(again.unchanged) == 4 and Stores(server).chunk_count() == report.chunks


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    from index.errors import StoreError

    with pytest.raises(StoreError, match="Chroma"):
        Stores(Settings.from_env(home=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}"))
