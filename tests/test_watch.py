"""`newsledger watch`: polling sources, conditional GET, backoff, robots.txt, alerts, webhooks.

Every test talks to a loopback HTTP server of its own whose feed changes between polls.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from newsledger.cli import cli
from newsledger.fuse import FUSION
from newsledger.ledger import alerts as alert_store
from newsledger.ledger import schema as t
from newsledger.ledger import watched
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings
from newsledger.watch import SIGNATURE_HEADER, HostPacer, Watcher, sign

# Items written for these tests: each is a short wire-style story with one clear event.
ITEMS = {
    "launch": (
        "North Korea fires ballistic missile into sea",
        "SEOUL, March 3 (Reuters) - North Korea test-fired a short-range ballistic missile "
        "into the sea off its east coast on Monday, South Korea's military said. The launch "
        "was the third this year, the Joint Chiefs of Staff said in a statement.",
    ),
    "drill": (
        "Navies of three countries begin joint drill",
        "TOKYO, March 4 (Reuters) - The navies of Japan, South Korea and the United States "
        "began a three-day joint exercise in waters south of Jeju island on Tuesday, the "
        "Japanese defence ministry said.",
    ),
    "tariff": (
        "Council adopts new sanctions on shipping firms",
        "BRUSSELS, March 5 (Reuters) - The European Union imposed sanctions on four "
        "shipping companies on Wednesday over deliveries of fuel to Syria, the council said "
        "in a statement.",
    ),
}


def feed_xml(keys: list[str], link_base: str = "https://wire.example/") -> bytes:
    """An RSS feed of ITEMS; a key "name@copy" repeats item "name" under another guid and link."""
    entries = []
    for key in keys:
        title, text = ITEMS[key.split("@")[0]]
        entries.append(
            f"<item><title>{title}</title><link>{link_base}{key}</link>"
            f"<guid>wire-{key}</guid><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate>"
            f"<description>{text}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Wire: Asia</title><link>https://wire.example/</link><description>x</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


@dataclass
class FeedServer:
    base: str
    feed: list[str]
    etag: str = '"v1"'
    fail_feed: int = 0  # answer 500 to this many feed requests
    hook_status: int = 200
    link_base: str = "https://wire.example/"
    robots: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    hooks: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer("", ["launch"])

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
            headers = {k.lower(): v for k, v in self.headers.items()}
            state.requests.append(("GET", self.path, headers))
            if self.path == "/feed.xml":
                if state.fail_feed:
                    state.fail_feed -= 1
                    self._send(500, b"oops", "text/plain", {})
                elif headers.get("if-none-match") == state.etag:
                    self.send_response(304)
                    self.send_header("ETag", state.etag)
                    self.end_headers()
                else:
                    self._send(
                        200,
                        feed_xml(state.feed, state.link_base),
                        "application/rss+xml",
                        {"ETag": state.etag},
                    )
            elif self.path == "/robots.txt" and state.robots is not None:
                self._send(200, state.robots.encode(), "text/plain", {})
            elif self.path in state.pages:
                self._send(200, state.pages[self.path].encode(), "text/html; charset=utf-8", {})
            else:
                self._send(404, b"not here", "text/plain", {})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            state.hooks.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self._send(state.hook_status, b"{}", "application/json", {})

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    settings = Settings(db=f"sqlite:///{tmp_path / 'watch.db'}", watch_host_interval=0.0)
    with Ledger.open(settings.db, settings=settings, fusion=FUSION) as opened:
        yield opened


def _watcher(ledger: Ledger, lines: list[str] | None = None) -> Watcher:
    return Watcher(
        ledger,
        ledger.settings,
        allow_private=False,
        log=(lines.append if lines is not None else lambda _line: None),
    )


def _article_count(ledger: Ledger) -> int:
    with ledger.connect() as conn:
        return len(conn.execute(select(t.articles.c.id)).all())


def _make_due(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(update(t.sources).values(next_poll_at=datetime.now(UTC) - timedelta(1)))
        conn.execute(
            update(t.alert_deliveries)
            .where(t.alert_deliveries.c.status == "pending")
            .values(next_attempt_at=datetime.now(UTC) - timedelta(1))
        )


def test_watch_ingests_new_items_once_and_honours_304(ledger, feed_server) -> None:
    source = watched.add_source(
        ledger, feed_server.url("/feed.xml"), every_seconds=900, allow_private=True
    )
    lines: list[str] = []
    with _watcher(ledger, lines) as watcher:
        first = watcher.poll_due()
        assert [(r.status, r.new_items, r.stored) for r in first] == [("200", 1, 1)]
        # Nothing is due before its interval has passed.
        assert watcher.poll_due() == []
        # Due again, unchanged: the server answers 304 to the conditional GET.
        _make_due(ledger)
        second = watcher.poll_due()
        assert [r.status for r in second] == ["304"]
        assert feed_server.requests[-1][2].get("if-none-match") == '"v1"'
        # The feed changes: only the new item is ingested.
        feed_server.feed = ["drill", "launch"]
        feed_server.etag = '"v2"'
        _make_due(ledger)
        third = watcher.poll_due()
        assert [(r.status, r.items, r.new_items, r.stored) for r in third] == [("200", 2, 1, 1)]
    assert _article_count(ledger) == 2
    state = watched.find_source(ledger, str(source.id))
    assert state is not None
    assert state.items_seen == 2 and state.articles_added == 2 and state.etag == '"v2"'
    assert len(lines) == 3 and all(source.url in line for line in lines)
    assert "not modified (304)" in lines[1]


def test_watch_refuses_loopback_source_unless_allowed(ledger, feed_server) -> None:
    watched.add_source(ledger, feed_server.url("/feed.xml"), every_seconds=900)
    with _watcher(ledger) as watcher:
        (result,) = watcher.poll_due()
    assert result.status == "error" and "loopback" in (result.error or "")
    assert _article_count(ledger) == 0


def test_watch_source_that_errors_backs_off_and_recovers(ledger, feed_server) -> None:
    source = watched.add_source(
        ledger, feed_server.url("/feed.xml"), every_seconds=600, allow_private=True
    )
    feed_server.fail_feed = 2
    with _watcher(ledger) as watcher:
        delays = []
        for _ in range(2):
            _make_due(ledger)
            before = datetime.now(UTC)
            (result,) = watcher.poll_due()
            assert result.status == "error" and "HTTP 500" in (result.error or "")
            assert result.next_poll_at is not None
            delays.append((result.next_poll_at - before).total_seconds())
        # Doubled per consecutive error (with +-10 % jitter): about 1200 s, then 2400 s.
        assert 1050 <= delays[0] <= 1350 and 2100 <= delays[1] <= 2700
        state = watched.find_source(ledger, source.url)
        assert state is not None and state.consecutive_errors == 2 and state.last_error
        _make_due(ledger)
        (result,) = watcher.poll_due()
    assert result.status == "200" and result.stored == 1
    state = watched.find_source(ledger, source.url)
    assert state is not None and state.consecutive_errors == 0 and state.last_success_at
    assert watched.backoff(600, 30).total_seconds() == 6 * 3600  # capped


def test_same_summary_different_links_are_different_items(ledger, feed_server) -> None:
    feed_server.feed = ["launch", "launch@copy"]
    watched.add_source(ledger, feed_server.url("/feed.xml"), every_seconds=900, allow_private=True)
    with _watcher(ledger) as watcher:
        (result,) = watcher.poll_due()
        assert result.items == 2 and result.new_items == 2
        _make_due(ledger)
        feed_server.etag = '"v2"'  # a fresh answer with the same two items: nothing new
        (again,) = watcher.poll_due()
    assert again.status == "200" and again.new_items == 0


def test_fetch_articles_respects_robots_txt(ledger, feed_server) -> None:
    title, text = ITEMS["drill"]
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>The exercise involves twelve warships and two submarines, "
        "officials said on Tuesday.</p></article></body></html>"
    )
    feed_server.pages["/drill"] = page
    feed_server.pages["/drill@again"] = page.replace("twelve", "fourteen")
    feed_server.feed = ["drill"]
    feed_server.link_base = feed_server.url("/")
    feed_server.robots = "User-agent: *\nDisallow: /drill\n"
    watched.add_source(
        ledger,
        feed_server.url("/feed.xml"),
        every_seconds=900,
        fetch_articles=True,
        allow_private=True,
    )
    with _watcher(ledger) as watcher:
        (result,) = watcher.poll_due()
    assert result.stored == 1
    assert "/drill" not in [path for _, path, _ in feed_server.requests]
    with ledger.connect() as conn:
        assert "twelve warships" not in conn.execute(select(t.articles.c.text)).scalar()

    # Allowed now: the new item's page is fetched and extracted.
    feed_server.robots = "User-agent: *\nDisallow: /private/\n"
    feed_server.feed = ["drill@again", "drill"]
    feed_server.etag = '"v2"'
    _make_due(ledger)
    with _watcher(ledger) as watcher:
        (result,) = watcher.poll_due()
    assert result.new_items == 1 and result.stored == 1
    assert "/drill@again" in [path for _, path, _ in feed_server.requests]
    with ledger.connect() as conn:
        texts = [r for (r,) in conn.execute(select(t.articles.c.text))]
    assert any("fourteen warships" in text for text in texts)


def test_alert_webhook_gets_each_match_once_with_valid_signature(ledger, feed_server) -> None:
    watched.add_source(ledger, feed_server.url("/feed.xml"), every_seconds=900, allow_private=True)
    alert_store.add_alert(
        ledger,
        "nk-launches",
        actor="North Korea",
        webhook_url=feed_server.url("/hook"),
        secret="s3cret",
    )
    alert_store.add_alert(ledger, "anything-eu", about="European Union")
    with Watcher(ledger, ledger.settings, allow_private=True, log=lambda _l: None) as watcher:
        watcher.poll_due()
        report = watcher.deliver_pending()
        assert report.delivered >= 1 and report.failed == 0
        delivered = len(feed_server.hooks)
        # Polling and delivering again sends nothing new.
        _make_due(ledger)
        watcher.poll_due()
        watcher.deliver_pending()
    assert len(feed_server.hooks) == delivered
    for headers, body in feed_server.hooks:
        assert headers[SIGNATURE_HEADER.lower()] == sign("s3cret", body)
        payload = json.loads(body)
        assert payload["alert"] == "nk-launches"
        assert payload["kind"] == "event"
        assert payload["evidence"]["text"]
        assert payload["article"]["headline"]
    # An alert without a webhook only records its matches; none for this feed yet.
    assert alert_store.matches(ledger, "anything-eu") == []
    feed_server.feed = ["tariff", "launch"]
    feed_server.etag = '"v3"'
    _make_due(ledger)
    with Watcher(ledger, ledger.settings, allow_private=True, log=lambda _l: None) as watcher:
        watcher.poll_due()
    eu = alert_store.matches(ledger, "anything-eu")
    assert eu and all(m.status == "recorded" for m in eu)


def test_failing_webhook_is_retried_then_marked_failed(ledger, feed_server) -> None:
    feed_server.hook_status = 503
    watched.add_source(ledger, feed_server.url("/feed.xml"), every_seconds=900, allow_private=True)
    alert_store.add_alert(ledger, "nk", actor="North Korea", webhook_url=feed_server.url("/hook"))
    with Watcher(ledger, ledger.settings, allow_private=True, log=lambda _l: None) as watcher:
        watcher.poll_due()
        reports = []
        for _ in range(alert_store.MAX_ATTEMPTS):
            reports.append(watcher.deliver_pending())
            _make_due(ledger)
    matches = alert_store.matches(ledger, "nk")
    assert matches and all(m.status == "failed" for m in matches)
    assert reports[0].retrying == len(matches) and reports[-1].failed == len(matches)
    attempts = len(feed_server.hooks)
    assert attempts == alert_store.MAX_ATTEMPTS * len(matches)
    (alert,) = alert_store.list_alerts(ledger)
    assert alert.counts == {"failed": len(matches)} and "HTTP 503" in (alert.last_error or "")


def test_webhook_to_loopback_refused_without_allow_private(ledger, feed_server) -> None:
    watched.add_source(ledger, feed_server.url("/feed.xml"), every_seconds=900, allow_private=True)
    alert_store.add_alert(ledger, "nk", actor="North Korea", webhook_url=feed_server.url("/hook"))
    with _watcher(ledger) as watcher:
        watcher.poll_due()
        report = watcher.deliver_pending()
    assert report.delivered == 0 and feed_server.hooks == []
    assert any("loopback" in error for error in report.errors)


def test_host_pacer_spaces_requests_to_one_host() -> None:
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    pacer = HostPacer(2.0, lambda: clock[0], sleep)
    pacer.wait("http://a.example/feed")
    clock[0] += 0.5
    pacer.wait("http://a.example/page")
    pacer.wait("http://b.example/feed")
    assert slept == [1.5]


def _run(args: list[str], db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from newsledger.cli import main; main()", *args, "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEWSLEDGER_CONFIG": "/nonexistent"},
    )


def _start_watcher(db: str) -> tuple[subprocess.Popen[str], list[str]]:
    """`newsledger watch` in a process of its own, returned once it has logged its first poll."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsledger.cli import main; main()", "watch"]
        + ["--allow-private", "--db", db],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        lines.append(proc.stderr.readline())
        if " poll " in lines[-1]:
            return proc, lines
    proc.kill()
    pytest.fail("the watcher never polled")


def test_killed_watcher_resumes_without_duplicate_alerts(tmp_path, feed_server) -> None:
    db = f"sqlite:///{tmp_path / 'kill.db'}"
    feed_server.feed = ["drill", "launch"]
    assert (
        _run(["sources", "add", feed_server.url("/feed.xml"), "--allow-private"], db).returncode
        == 0
    )
    assert (
        _run(
            [
                "alerts",
                "add",
                "nk",
                "--actor",
                "North Korea",
                "--webhook",
                feed_server.url("/hook"),
            ],
            db,
        ).returncode
        == 0
    )
    proc, _ = _start_watcher(db)
    try:
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    hooks_after_kill = len(feed_server.hooks)
    rerun = _run(["watch", "--once", "--allow-private"], db)
    assert rerun.returncode == 0, rerun.stderr
    with Ledger.open(db, fusion=FUSION) as ledger:
        assert _article_count(ledger) == 2
        matches = alert_store.matches(ledger, "nk")
    assert matches and all(m.status == "delivered" for m in matches)
    # Each match reached the webhook exactly once, across the kill and the rerun.
    delivery_ids = [h[0]["x-newsledger-delivery"] for h in feed_server.hooks]
    assert sorted(delivery_ids) == sorted({str(m.delivery_id) for m in matches})
    assert len(feed_server.hooks) >= hooks_after_kill


def test_sources_and_alerts_commands(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    out = runner.invoke(
        cli, ["sources", "add", "https://news.example/rss", "--every", "30m", "--db", db]
    )
    assert out.exit_code == 0 and "every 30m" in out.output
    again = runner.invoke(cli, ["sources", "add", "https://news.example/rss", "--db", db])
    assert again.exit_code == 1 and "already watched" in again.output
    bad = runner.invoke(cli, ["sources", "add", "ftp://x", "--db", db])
    assert bad.exit_code == 2
    too_often = runner.invoke(
        cli, ["sources", "add", "https://n.example/a", "--every", "5s", "--db", db]
    )
    assert too_often.exit_code == 1 and "once a minute" in too_often.output
    listing = runner.invoke(cli, ["sources", "list", "--db", db])
    assert "https://news.example/rss" in listing.output and "never" in listing.output
    assert runner.invoke(cli, ["sources", "remove", "1", "--db", db]).exit_code == 0
    assert "no sources" in runner.invoke(cli, ["sources", "list", "--db", db]).output

    ok = runner.invoke(
        cli,
        [
            "alerts",
            "add",
            "nk-tests",
            "--actor",
            "North Korea",
            "--type",
            "weapons_test",
            "--db",
            db,
        ],
    )
    assert ok.exit_code == 0, ok.output
    dup = runner.invoke(cli, ["alerts", "add", "nk-tests", "--about", "x", "--db", db])
    assert dup.exit_code == 1 and "exists already" in dup.output
    badname = runner.invoke(cli, ["alerts", "add", "no spaces", "--db", db])
    assert badname.exit_code == 1 and "alert name" in badname.output
    lonely = runner.invoke(cli, ["alerts", "add", "s", "--secret", "x", "--db", db])
    assert lonely.exit_code == 1 and "--webhook" in lonely.output
    listing = runner.invoke(cli, ["alerts", "list", "--db", db])
    assert "nk-tests" in listing.output and "type WEAPONS_TEST" in listing.output
    assert runner.invoke(cli, ["alerts", "remove", "nk-tests", "--db", db]).exit_code == 0
    gone = runner.invoke(cli, ["alerts", "remove", "nk-tests", "--db", db])
    assert gone.exit_code == 1 and "no alert" in gone.output


def test_watcher_stops_cleanly_on_sigterm(tmp_path, feed_server) -> None:
    db = f"sqlite:///{tmp_path / 'term.db'}"
    assert (
        _run(["sources", "add", feed_server.url("/feed.xml"), "--allow-private"], db).returncode
        == 0
    )
    proc, lines = _start_watcher(db)
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, "".join(lines) + rest
    assert rest.strip().endswith("stopped")
    with Ledger.open(db, fusion=FUSION) as ledger:
        assert _article_count(ledger) == 1
