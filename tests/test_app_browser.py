"""The app as a user sees it in headless Chromium: the source viewer, a conversation that forgets when cleared,
charts with points, a CSV that matches the filter on the first click, an upload that reaches every list and a
removal that leaves them all, and the page at 400 px. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from tests.conftest import sample_app
from tests.conftest import wait_for as _wait

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FIGURE_QUESTION = "What was net loss in the quarter ended December 2016?"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    with sample_app(tmp_path_factory.mktemp("browser-home")) as url:
        yield url


def _open(browser, url: str, width: int = 1400):
    from selenium.webdriver.common.by import By

    if width < 500:  # narrower than a desktop window can be: the page as a phone shows it
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    else:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.set_window_size(width, 1000)
    browser.get(url)
    _wait(lambda: "release" in browser.find_element(By.ID, "library-summary").text)
    return _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#question textarea"))[0]


def _ask(browser, question: str, expect: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    asked = len(browser.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']"))
    box = browser.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    answers = _wait(lambda: [a for a in browser.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']")][asked:])
    _wait(lambda: expect in answers[-1].text)  # in this answer, not an earlier one


def _tab(browser, name: str) -> None:
    from selenium.webdriver.common.by import By

    _wait(lambda: [b for b in browser.find_elements(By.CSS_SELECTOR, "button[role='tab']")
                   if b.text.strip() == name])[0].click()


def _choose(browser, elem_id: str, label: str) -> None:
    """Pick the option of a dropdown whose text is ``label`` (or starts with it), as a user does."""
    from selenium.webdriver.common.by import By

    field = _wait(lambda: [f for f in browser.find_elements(By.CSS_SELECTOR, f"#{elem_id} input")
                           if f.is_displayed()])[0]
    field.click()
    option = _wait(lambda: [o for o in browser.find_elements(By.CSS_SELECTOR, "li.item")
                            if o.is_displayed() and o.text.split("\n")[-1].strip().startswith(label)])
    option[0].click()


def _options(browser, elem_id: str) -> list[str]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = _wait(lambda: [f for f in browser.find_elements(By.CSS_SELECTOR, f"#{elem_id} input")
                           if f.is_displayed()])[0]
    field.click()
    shown: list[str] = _wait(lambda: [o.text.split("\n")[-1].strip()
                                      for o in browser.find_elements(By.CSS_SELECTOR, "li.item")
                                      if o.is_displayed()])
    field.send_keys(Keys.ESCAPE)
    return shown


def test_a_cited_table_row_opens_in_its_table_with_the_answered_cell_marked(live, browser) -> None:
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    _open(browser, live)
    _ask(browser, FIGURE_QUESTION, "(4,553)")
    row = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#source-view tr.qa-cited-row"))[0]
    assert row.text.startswith("Net income (loss) for the period")
    # the cell answered, not the year before
    assert [m.text for m in row.find_elements(By.TAG_NAME, "mark")] == ["(4,553)"]
    header = browser.find_element(By.CSS_SELECTOR, "#source-view thead").text
    assert "Three Months Ended 31-Dec-16" in header and "Three Months Ended 31-Dec-15" in header
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.ID, "source-view"))
    browser.save_screenshot(str(ARTIFACTS / "viewer-table.png"))


def test_a_quoted_sentence_opens_in_its_release_text(live, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live)
    _ask(browser, "Who prepared the reserve estimate?", "Adam Wheeler")
    marked = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#source-view mark#qa-cited"))[0]
    assert "Adam Wheeler" in marked.text
    shown = browser.find_element(By.CSS_SELECTOR, "#source-view .qa-viewer-text").text
    assert len(shown) > 3 * len(marked.text)  # the passage in its context, not alone
    assert "ALMONTY ANNOUNCES UPDATED RESERVE" in browser.find_element(By.ID, "source-view").text


def test_a_scope_limits_the_sources_and_stays_named(live, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live)
    browser.find_element(By.CSS_SELECTOR, "#scope button, #scope .label-wrap").click()
    title = "2013-12-12 · ALMONTY ANNOUNCES UPDATED RESERVE"
    _choose(browser, "scope-release", title)
    _wait(lambda: "release 2013-12-12-los-santos-reserve-resource-update" in browser.find_element(By.ID, "scope").text)
    _ask(browser, "What was net loss in the quarter ended December 2016?", "Only the releases in the scope were read")
    sources = _options(browser, "source-pick")
    assert sources and all(s.split(" · ")[0].endswith("2013-12-12") for s in sources)  # nothing from other releases


def test_a_new_conversation_forgets_the_last_one(live, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live)
    _ask(browser, FIGURE_QUESTION, "(4,553)")
    _ask(browser, "and a year earlier?", "(5,242)")  # a follow-up, rewritten from the conversation
    assert "Answering: What was net loss in the quarter ended December 2016 and a year earlier?" in \
        browser.find_element(By.ID, "chat").text
    browser.find_element(By.ID, "new-conversation").click()
    _wait(lambda: not browser.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']"))
    _ask(browser, "and a year earlier?", "no earlier question in this conversation")
    chat = browser.find_element(By.ID, "chat").text
    assert "Answering:" not in chat and "(5,242)" not in chat
    _ask(browser, "Who is the CEO of Barrick Gold?", "The releases do not say")  # a refusal says why, and what is here
    assert "Why:" in browser.find_element(By.ID, "chat").text
    assert 'No release here names "Barrick' in browser.find_element(By.ID, "chat").text


def test_a_three_month_metric_is_charted_with_one_series_per_period_kind(live, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live)
    _tab(browser, "Figures")
    _choose(browser, "chart-metric", "Revenue [CAD]")
    chart = _wait(lambda: [c for c in browser.find_elements(By.ID, "figure-chart")
                           if "three months ended" in c.text and "nine months ended" in c.text])[0]
    assert "CAD (thousands)" in chart.text and "2011-06-30" in chart.text
    assert _wait(lambda: chart.find_elements(By.CSS_SELECTOR, "svg path, canvas"))
    browser.execute_script("arguments[0].scrollIntoView()", chart)
    browser.save_screenshot(str(ARTIFACTS / "figures-chart.png"))
    _choose(browser, "chart-others", "Gross Revenue [CAD]")  # the same line item, named otherwise elsewhere
    _wait(lambda: [c for c in browser.find_elements(By.ID, "figure-chart")
                   if "Gross Revenue [CAD] · three" in c.text and "Revenue [CAD] · nine months ended" in c.text])


def test_the_csv_holds_the_filtered_rows_on_the_first_click(live, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    _open(browser, live)
    _tab(browser, "Figures")
    browser.find_element(By.CSS_SELECTOR, "#metric-filter textarea, #metric-filter input").send_keys("gross revenue")
    _wait(lambda: "Gross Revenue" in browser.find_element(By.ID, "figures-table").text
          and "Cost of Sales" not in browser.find_element(By.ID, "figures-table").text)
    time.sleep(1)  # the button's file follows the table's
    browser.find_element(By.CSS_SELECTOR, "#download-csv").click()
    saved = _wait(lambda: [p for p in tmp_path.glob("*.csv") if p.stat().st_size > 0])[0]
    with saved.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["value"] for r in rows) == ["7060", "8181"] and {r["metric"] for r in rows} == {"Gross Revenue"}


def test_an_upload_reaches_every_list_and_its_removal_leaves_them_all(live, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    release = tmp_path / "kestrel-q1.md"
    release.write_text("# KESTREL MINING REPORTS FIRST QUARTER RESULTS\n\nApril 2, 2024 – Kestrel Mining Corp. "
                       "(TSX: KMC) reported its first quarter.\n\n"
                       "| (US$ thousands) | Q1 2024 | Q1 2023 |\n|---|---|---|\n"
                       "| Net sales | 12,400 | 10,100 |\n| Net loss | (1,200) | (900) |\n", encoding="utf-8")
    _open(browser, live)
    _tab(browser, "Releases")
    browser.find_element(By.CSS_SELECTOR, "#release-files input[type='file']").send_keys(str(release))
    _wait(lambda: "kestrel-q1.md" in browser.page_source)
    browser.find_element(By.ID, "ingest-button").click()
    _wait(lambda: "Added 1" in browser.find_element(By.ID, "ingest-report").text)
    _wait(lambda: "5 releases" in browser.find_element(By.ID, "library-summary").text)
    assert "Kestrel Mining Corp." in browser.find_element(By.ID, "library-summary").text
    _wait(lambda: "KESTREL MINING" in browser.find_element(By.ID, "releases-table").text)
    browser.save_screenshot(str(ARTIFACTS / "releases-after-upload.png"))
    title = "2024-04-02 · KESTREL MINING REPORTS FIRST QUARTER RESULTS"
    browser.refresh()  # a reload shows the library as it is now
    _wait(lambda: "5 releases" in browser.find_element(By.ID, "library-summary").text)
    _tab(browser, "Figures")
    assert title in _options(browser, "figures-release")
    assert any(m.startswith("Net sales") for m in _options(browser, "chart-metric"))
    _tab(browser, "Ask")
    browser.find_element(By.CSS_SELECTOR, "#scope button, #scope .label-wrap").click()
    assert "Kestrel Mining Corp." in _wait(lambda: _options(browser, "scope-company"))
    assert title in _options(browser, "scope-release")

    _tab(browser, "Releases")
    _choose(browser, "release-pick", title)
    browser.find_element(By.ID, "remove-button").click()
    _wait(lambda: browser.switch_to.alert).accept()  # removal asks first
    _wait(lambda: "Removed kestrel-q1" in browser.find_element(By.ID, "ingest-report").text)
    _wait(lambda: "4 releases" in browser.find_element(By.ID, "library-summary").text)
    assert "KESTREL" not in browser.find_element(By.ID, "releases-table").text
    _tab(browser, "Figures")
    assert title not in _options(browser, "figures-release")
    assert not any(m.startswith("Net sales") for m in _options(browser, "chart-metric"))


def test_at_400_px_nothing_is_cut_and_numbers_stay_on_one_line(live, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live, width=400)
    _ask(browser, FIGURE_QUESTION, "(4,553)")
    cell = [td for td in browser.find_elements(By.CSS_SELECTOR, "#chat table.qa-figures td") if td.text == "-4,553"][0]
    assert cell.value_of_css_property("white-space") == "nowrap"
    lines = browser.execute_script("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                                   "return r.getClientRects().length", cell)
    assert lines == 1  # the number on one line, however narrow the page
    page_width = browser.execute_script("return document.documentElement.clientWidth")
    assert cell.location["x"] + cell.size["width"] <= page_width  # the value is in view, beside its metric
    send = browser.find_element(By.ID, "ask-button")
    assert send.location["x"] + send.size["width"] <= page_width  # the button is on the page, not off it
    browser.save_screenshot(str(ARTIFACTS / "narrow-400.png"))
