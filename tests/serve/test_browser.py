"""Real-browser tests: Debian's Chromium driven by Playwright against a live server.

The server runs uvicorn in a thread on a free loopback port over the seeded ledger. Screenshots
go to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(seeded_db: str) -> Iterator[str]:
    import uvicorn

    from newsledger.serve.app import LOOPBACK_HOSTS, ServeConfig, create_app

    ledger = Ledger.open(seeded_db, fusion=FUSION)
    app = create_app(ledger, ServeConfig(allowed_hosts=LOOPBACK_HOSTS))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    ledger.close()


def _start(app) -> tuple[object, threading.Thread, str]:  # type: ignore[no-untyped-def]
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return srv, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def ingest_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsledger.serve.app import LOOPBACK_HOSTS, ServeConfig, create_app

    ledger = Ledger.open(f"sqlite:///{tmp_path_factory.mktemp('ingest') / 'add.db'}", fusion=FUSION)
    app = create_app(ledger, ServeConfig(allow_ingest=True, allowed_hosts=LOOPBACK_HOSTS))
    srv, thread, base = _start(app)
    yield base
    srv.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)
    ledger.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()


def _shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


def test_browser_timeline_filter_open_article_and_see_speaker(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    assert page.locator("svg.chart rect").count() > 5
    assert page.locator("table.events tbody tr.event").count() == 18
    _shot(page, "timeline.png")

    page.fill("input[name=actor]", "Kim")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?actor=Kim*")
    actors = page.locator("table.events td.actor").all_inner_texts()
    assert len(actors) == 13 and set(actors) == {"Kim Jong Un"}
    # every bar left in the chart is one of Kim's event types
    assert set(
        page.locator("svg.chart rect").evaluate_all("rs => rs.map(r => r.dataset.type)")
    ) == {"ORDER", "INSPECTION"}
    _shot(page, "timeline-kim.png")

    page.locator("tr.event[data-type=ORDER] a", has_text="TNF").click()
    page.wait_for_url("**/articles/kim0000000000001*")
    quote = page.locator("#article-text mark.hl-quote").first
    assert "paramount importance" in quote.inner_text()
    quote.hover()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert "Speaker" in popover.inner_text() and "Kim Jong Un" in popover.inner_text()
    _shot(page, "article-quote-hover.png")
    assert page.js_errors == []


def test_browser_keyboard_reaches_highlights_with_visible_focus(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/articles/talks00000000002")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#article-text mark.hl')"):
            break
    else:
        raise AssertionError("Tab never reached a highlight")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    first_text = popover.inner_text()
    assert first_text.strip()
    # Tab on: the next highlight shows its own record
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#article-text mark.hl')")
    # find the claim that is denied and check the card says who made the allegation
    for _ in range(20):
        if page.evaluate("document.activeElement.dataset.kind") == "claim":
            break
        page.keyboard.press("Tab")
    assert "United States officials" in popover.inner_text()
    _shot(page, "article-keyboard-focus.png")
    page.keyboard.press("Escape")
    assert popover.is_hidden()


def test_browser_hostile_article_renders_as_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/articles/hostile000000003")
    body = page.locator("#article-text")
    text = body.inner_text()
    assert "<script>window.__pwned = 1; alert('pwned')</script>" in text
    assert '<a href="javascript:window.__pwned_link = 1">click here</a>' in text
    assert "&lt;b&gt;" in text and "&amp;" in text
    assert page.locator("h1").inner_text().startswith("<script>")
    # hovering and clicking the hostile parts runs nothing
    body.locator("mark.hl-quote").first.hover()
    page.locator("#popover").wait_for(state="visible")
    body.click(position={"x": 5, "y": 5})
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert len(scripts) == 1 and scripts[0].endswith("/static/app.js")
    assert (
        page.locator(
            "#article-text img, #article-text a, #article-text b, #article-text script"
        ).count()
        == 0
    )
    assert page.evaluate(
        "[window.__pwned, window.__pwned_img, window.__pwned_link, window.__pwned_src, window.__pwned_headline]"
    ) == [None, None, None, None, None]
    assert page.locator("a[href^='javascript:']").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    _shot(page, "article-hostile.png")


def test_browser_entity_and_search_pages(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/search?q=allegations")
    page.locator("ol.results a", has_text="Allegations and talks").click()
    page.wait_for_url("**/articles/talks00000000002")
    page.locator(".card-entity a", has_text="North Korea").click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text().startswith("North Korea")
    assert "the allegations" in page.locator("section[aria-label='What it said']").inner_text()
    assert (
        "artillery shells"
        in page.locator("section[aria-label='What others said about it']").inner_text()
    )
    _shot(page, "entity.png")


def test_browser_saved_query_page_and_its_atom_feed(page, server: str) -> None:  # type: ignore[no-untyped-def]
    import feedparser

    page.goto(server + "/")
    page.locator("header nav a", has_text="Alerts").click()
    page.wait_for_url("**/alerts")
    page.locator("table a", has_text="nk-watch").click()
    page.wait_for_url("**/alerts/nk-watch")
    matches = page.locator("ol.matches li")
    assert matches.count() >= 2
    assert "by North Korea" in page.locator("ol.matches").inner_text()
    _shot(page, "alert.png")
    feed_href = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute(
        "href"
    )
    assert feed_href and feed_href.endswith("/feeds/nk-watch.atom")
    response = page.request.get(feed_href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.body())
    assert parsed.bozo == 0 and len(parsed.entries) == matches.count()
    # An entry's link opens the article it came from.
    page.goto(parsed.entries[0].link)
    assert page.locator("h1").count() == 1


def test_browser_add_article_from_loopback(page, ingest_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(ingest_server + "/add")
    assert page.locator("input[name=token]").count() == 0  # loopback: no token asked
    page.fill(
        "textarea[name=text]",
        (
            "OSLO, May 4 - Norway and Chile signed a fisheries agreement on Tuesday, officials said.\n\n"
            '"This deal protects both fleets," the Norwegian fisheries minister said. <script>window.__x=1</script>'
        ),
    )
    page.fill("input[name=outlet]", "Browser Test Wire")
    page.click("form.add button[type=submit]")
    status = page.locator("[role=status]")
    status.wait_for(timeout=60_000)  # the first extraction loads the language model
    assert "stored as a new article" in status.inner_text()
    status.locator("a", has_text="open the article").click()
    page.wait_for_url("**/articles/*")
    assert "Norway and Chile" in page.locator("#article-text").inner_text()
    assert "<script>window.__x=1</script>" in page.locator("#article-text").inner_text()
    assert page.evaluate("window.__x") is None
    _shot(page, "article-added.png")
