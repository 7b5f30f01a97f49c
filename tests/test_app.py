"""The real app on a free port: through gradio_client, and in headless Chromium with screenshots."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import pytest

from index.embedder import load_embedder
from index.ingest import ingest
from index.settings import Settings
from index.store import Stores
from index.uploads import safe_name
from qa.app.page import build_app
from qa.engine import Engine
from tests.conftest import SAMPLES, sample_app
from tests.conftest import wait_for as _wait

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("app-home")
    with sample_app(home) as url:
        yield url, home


def test_api_answers_text_and_figure_questions_with_citations(app_url) -> None:
    from gradio_client import Client

    client = Client(app_url[0], verbose=False)
    text = client.predict("Who prepared the reserve estimate?", api_name="/ask")
    assert text["found"] and "Adam Wheeler" in text["answer"]
    assert (text["citations"][0]["doc_id"].startswith("2013-12-12")
            and text["citations"][0]["section"] == "Qualified Person")
    figure = client.predict("What was net loss in the quarter ended December 2016?", api_name="/ask")
    assert figure["found"] and "(4,553)" in figure["answer"]
    assert figure["figures"][0]["value"] == -4553.0
    assert "Net income (loss) for the period" in figure["citations"][0]["text"]
    refused = client.predict("Who is the CEO of Barrick Gold?", api_name="/ask")
    assert refused["found"] is False


def test_api_ask_takes_the_same_filters_as_the_command(app_url) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app_url[0], verbose=False)
    scoped = client.predict("What was the net loss?", "", "", "2016", "2016", api_name="/ask")
    shown = scoped["citations"] + scoped["closest"]  # answered or not, only the 2016 release is read
    assert shown and {c["doc_id"] for c in shown} == {"2016-05-31-interim-results-quarter-ended-2016-12-31"}
    by_doc = client.predict("Who prepared the reserve estimate?", "2013-12-12-los-santos-reserve-resource-update.txt",
                            api_name="/ask")
    assert "Adam Wheeler" in by_doc["answer"]
    with pytest.raises(AppError, match="no ingested release matches"):
        client.predict("Who prepared the reserve estimate?", "", "Barrick Gold", api_name="/ask")


def test_api_follow_ups_take_the_earlier_questions_and_errors_are_messages(app_url) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app_url[0], verbose=False)
    first = client.predict("What was net loss in the quarter ended December 2016?", api_name="/ask")
    follow = client.predict("and a year earlier?", "", "", "", "", [first["resolved_question"]], api_name="/ask")
    assert follow["resolved_question"] == "What was net loss in the quarter ended December 2016 and a year earlier?"
    assert "(5,242)" in follow["answer"]
    with pytest.raises(AppError, match="the question is empty"):
        client.predict("  ", api_name="/ask")


def test_browser_ask_then_figures_chart(app_url, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(app_url[0])
    box = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#question textarea"))[0]
    browser.save_screenshot(str(ARTIFACTS / "01-opened.png"))
    box.send_keys("Who prepared the reserve estimate?")
    box.send_keys(Keys.ENTER)
    title = "ALMONTY ANNOUNCES UPDATED RESERVE AND RESOURCE ESTIMATE"
    _wait(lambda: title in browser.find_element(By.ID, "chat").text
          and "Adam Wheeler" in browser.find_element(By.ID, "chat").text)
    assert any(title in s.text for s in browser.find_elements(By.CSS_SELECTOR, "#chat summary") if s.is_displayed())
    browser.save_screenshot(str(ARTIFACTS / "02-answer-with-source.png"))

    box = browser.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("What was net loss in the quarter ended December 2016?")
    box.send_keys(Keys.ENTER)
    _wait(lambda: "(4,553)" in browser.find_element(By.ID, "chat").text)
    browser.save_screenshot(str(ARTIFACTS / "03-figure-answer.png"))

    tab = _wait(lambda: [b for b in browser.find_elements(By.CSS_SELECTOR, "button[role='tab']")
                         if b.text.strip() == "Figures"])[0]
    tab.click()
    chart = _wait(lambda: [c for c in browser.find_elements(By.CSS_SELECTOR, "#figure-chart canvas, #figure-chart svg")
                           if c.is_displayed() and c.size["height"] > 50])
    assert chart
    assert "Revenue" in browser.find_element(By.ID, "figures-table").text
    browser.save_screenshot(str(ARTIFACTS / "04-figures-chart.png"))


def test_release_text_is_escaped_and_upload_names_are_confined(app_url, browser, tmp_path: Path) -> None:
    from gradio_client import Client

    assert safe_name("../../etc/passwd") == "passwd" and safe_name("..\\..\\x.txt") == "x.txt"
    evil = tmp_path / "evil.html"
    evil.write_text("<html><body><h1>Evil Corp Names New Chief Executive</h1><p>March 3, 2024 – Evil Corp Inc. "
                    "(NASDAQ: EVIL) said Jane Roe is chief executive.</p><p>The payload is &lt;script&gt;"
                    "window.__pwned=1&lt;/script&gt; shown as text.</p></body></html>")
    settings = Settings.from_env(home=app_url[1])
    report = ingest([evil], Stores(settings), load_embedder(settings.embed_model))
    assert report.added == ["evil"]
    answer = Client(app_url[0], verbose=False).predict("What is the payload shown as text?", api_name="/ask")
    assert any("<script>" in c["text"] for c in answer["citations"] + answer["closest"])
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(app_url[0])
    box = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#question textarea"))[0]
    box.send_keys("What is the payload shown as text?")
    box.send_keys(Keys.ENTER)
    _wait(lambda: "<script>window.__pwned=1</script>"
          in browser.find_element(By.ID, "chat").text)  # shown as written...
    assert browser.execute_script("return window.__pwned === undefined")  # ...never run
    browser.save_screenshot(str(ARTIFACTS / "05-escaped-script.png"))


def test_login_is_required_slowed_when_wrong_and_foreign_hosts_refused(tmp_path: Path, fake_embedder) -> None:
    """As `qa serve` launches it with QA_AUTH=user:password, on loopback."""
    import httpx
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    from qa.app.serving import Login, allowed_hosts, app_kwargs

    settings = Settings.from_env(home=tmp_path / "auth-home")
    stores = Stores(settings)
    ingest([SAMPLES], stores, fake_embedder)
    demo = build_app(Engine(settings, fake_embedder, stores))
    port = _free_port()
    login = Login.parse("analyst:s3cret", delay=0.3)
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                        auth=login.check, app_kwargs=app_kwargs(allowed_hosts("127.0.0.1", None)))
    url = f"http://127.0.0.1:{port}/"
    try:
        assert httpx.get(f"{url}config").status_code in (401, 403)
        assert httpx.get(url, headers={"Host": "rebind.attacker.example"}).status_code == 400  # DNS rebinding
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)

        async def wrong_logins(n: int) -> list[int]:
            async with httpx.AsyncClient() as client:
                sent = [client.post(f"{url}login", data={"username": "analyst", "password": f"guess{i}"})
                        for i in range(n)]
                return [r.status_code for r in await asyncio.gather(*sent)]

        began = time.monotonic()
        assert set(asyncio.run(wrong_logins(6))) == {400}
        assert time.monotonic() - began >= 6 * 0.3  # answered one at a time, however many are sent at once
        answer = Client(url, auth=("analyst", "s3cret"), verbose=False).predict(
            "Who prepared the reserve estimate?", api_name="/ask")
        assert "question" in answer and "citations" in answer
    finally:
        demo.close()


def test_concurrent_clients_get_the_same_answers(app_url) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    questions = ["Who prepared the reserve estimate?", "What was net loss in the quarter ended December 2016?",
                 "Who is the CEO of Barrick Gold?"]
    expected = {q: Client(app_url[0], verbose=False).predict(q, api_name="/ask")["answer"] for q in questions}
    latencies: list[float] = []

    def client(n: int) -> list[str]:
        c = Client(app_url[0], verbose=False)
        errors = []
        for i in range(6):
            q = questions[(n + i) % len(questions)]
            started = time.perf_counter()
            if c.predict(q, api_name="/ask")["answer"] != expected[q]:
                errors.append(q)
            latencies.append(time.perf_counter() - started)
        return errors

    with ThreadPoolExecutor(max_workers=8) as pool:
        errors = [e for result in pool.map(client, range(8)) for e in result]
    assert errors == [] and len(latencies) == 48


_AUDITED_SERVE = """
import json, sys
log = open(sys.argv[1], "a", encoding="utf-8")
def audit(event, args):  # every name lookup and outgoing connection the process attempts
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        log.write(json.dumps([event, str(args[0])]) + "\\n"); log.flush()
    elif event == "socket.connect" and isinstance(args[1], tuple):
        log.write(json.dumps([event, str(args[1][0])]) + "\\n"); log.flush()
sys.addaudithook(audit)
sys.argv = ["qa", "serve", "--port", sys.argv[2]]
from qa.cli import main
main()
"""


def test_serve_looks_up_no_outside_host(tmp_path: Path) -> None:
    """`qa serve` on an empty store (it ingests the samples), then questions through gradio_client: every name
    lookup and connection the server process attempts, seen by a Python audit hook, is to this machine."""
    import json
    import os
    import subprocess
    import sys

    from gradio_client import Client

    port, log = _free_port(), tmp_path / "sockets.jsonl"
    env = {**os.environ, "QA_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    server = subprocess.Popen([sys.executable, "-c", _AUDITED_SERVE, str(log), str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait(lambda: _serving(url) or server.poll() is not None, timeout=240)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        client = Client(url, verbose=False)
        assert client.predict("Who prepared the reserve estimate?", api_name="/ask")["found"]
    finally:
        server.terminate()
        server.wait(timeout=60)
    hosts = {json.loads(line)[1] for line in log.read_text(encoding="utf-8").splitlines()}
    assert hosts, "the audit hook saw no socket use at all: it is not watching"
    assert hosts <= {"127.0.0.1", "localhost", "::1", "0.0.0.0"}, hosts


def _serving(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
