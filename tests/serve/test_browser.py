"""The web UI in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

The seed from ../shared is ingested into a fresh store through the real CLI,
the real `newsgraph serve` runs on a free port, and the pages are checked as a
reader would use them. The screenshots of every page type are taken by
test_newsroom.py, over a larger store.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli, shared_file
from tests.serve.conftest import LiveServer

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser

NEW_ARTICLE = """Water board warns of summer restrictions

The Crestvale Water Board said on Wednesday that reservoir levels had fallen to 61% of capacity, the lowest April reading in a decade.

"If we do not see real rain by June, we will have to limit garden watering," board chair Tobias Lindgren told reporters.

Lindgren said the board would decide on restrictions at its May meeting. Farmers' groups warned that cuts to irrigation would cost growers millions.
"""


def _need_browser() -> None:
    if not Path(CHROMIUM).exists():
        msg = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    _need_browser()
    pytest.importorskip("playwright", reason="pip install 'newsgraph[browser]'")
    seed = shared_file("seed/000_d83e9b355770aa0a.txt")
    db = tmp_path_factory.mktemp("ui") / "seed.db"
    proc = run_cli("ingest", str(seed), "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    live = LiveServer(db)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need_browser()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


def _page(browser, width: int = 1280, height: int = 900):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": width, "height": height})
    return ctx.new_page()


def _seed_doc(page, server: LiveServer) -> str:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/")
    link = page.get_by_role("link", name="Blinken: Israeli assault of Rafah would be 'mistake'")
    href = link.get_attribute("href")
    assert href and href.startswith("/articles/")
    return href


def test_seed_article_page(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    href = _seed_doc(page, server)
    page.goto(server.url + href)
    blinken = page.locator('article mark.quote[data-speaker="Antony Blinken"]')
    assert blinken.count() >= 5
    texts = " ".join(blinken.all_inner_texts())
    assert "The gaps are narrowing" in texts
    assert "A major military operation in Rafah would be a mistake" in texts
    figure = page.locator('article mark.figure[data-source*="Gaza Health Ministry"]')
    assert figure.count() >= 1
    assert "31,000" in figure.first.inner_text()
    # the who-said-what panel lists Blinken's quotes under his name
    panel = page.locator("#who-said-what")
    assert panel.locator('.speaker[data-speaker="Antony Blinken"] li').count() >= 5
    # hovering a quote shows its speaker; focusing a mark by keyboard does too
    blinken.first.hover()
    assert "Antony Blinken" in page.locator("#tip").inner_text()
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)  # park the pointer on the header so only focus drives the tooltip
    page.locator("article mark.figure").first.focus()
    assert "source" in page.locator("#tip").inner_text()
    assert page.locator("#removed li").count() >= 5
    phone = _page(browser, 390, 844)
    phone.goto(server.url + href)
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 400, f"the page scrolls sideways at phone width ({scroll_width}px)"


def test_quote_explorer_search(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    page.goto(server.url + "/quotes")
    page.get_by_label("Speaker").fill("Blinken")
    page.get_by_label("Topic").fill("Rafah")
    page.get_by_role("button", name="Find quotes").click()
    rows = page.locator("table.quotes tbody tr")
    assert rows.count() >= 1
    assert all("Antony Blinken" in t for t in rows.all_inner_texts())
    assert "Rafah" in " ".join(rows.all_inner_texts())


def test_analyse_page_shows_attributions(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    page.goto(server.url + "/analyze")
    page.get_by_label("Article text (paste a story or a scraped page)").fill(NEW_ARTICLE)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_selector("#result")
    said = page.locator("#who-said-what li")
    assert said.count() >= 2
    speakers = {s.get_attribute("data-speaker") for s in page.locator("#who-said-what .speaker").all()}
    assert "Tobias Lindgren" in speakers
    assert page.locator("#result mark.quote").count() >= 1


def test_entity_page_chart(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    page.goto(server.url + "/quotes?speaker=Blinken")
    page.locator("table.quotes tbody a", has_text="Antony Blinken").first.click()
    page.wait_for_selector("svg#timeline-chart")
    assert page.locator("h1").inner_text().startswith("Antony Blinken")
    assert page.locator("svg#timeline-chart circle.quote").count() >= 1
    assert page.locator("text=Secretary of State").count() >= 1


def test_keyboard_navigation(server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    page.goto(server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
