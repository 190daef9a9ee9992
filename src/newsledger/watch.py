"""Watch the news: poll saved sources, ingest what is new, deliver alerts.

A poll of one source:

1. waits for the host's turn (at most one request per ``watch_host_interval`` seconds to a
   host), then GETs the feed conditionally (``If-None-Match`` / ``If-Modified-Since`` from the
   last answer); a 304 ends the poll;
2. keeps the items the source has not handled yet (``source_items``, keyed on the item's id,
   link or title: two items with different links are different even with the same summary);
3. makes each new item an article: with ``fetch_articles`` its page is fetched (if the site's
   robots.txt allows it) and extracted like any page, otherwise the item's own text is used;
4. ingests them through the one pipeline (extraction, store, alert matching in the article's
   own transaction), then marks each item handled;
5. schedules the next poll: the source's interval with +-10 % jitter, or, after an error, the
   interval doubled per consecutive error (capped at six hours).

Everything a poll learns is in the ledger before the next step starts, so a watcher killed at
any point resumes without re-ingesting (the ledger is idempotent by content) or re-alerting
(a delivery row commits with its article). Webhook deliveries are sent after the polls, signed
with an HMAC-SHA256 of the body under the alert's secret, retried with backoff.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsledger.errors import FetchError, InputError
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.feeds import (
    entry_article,
    entry_identity,
    entry_link,
    looks_like_feed,
    parse_feed,
)
from newsledger.ingest.fetch import USER_AGENT, Fetcher
from newsledger.ingest.fetch import is_url as is_url  # for `newsledger sources add`
from newsledger.ingest.html import html_to_article, looks_like_html
from newsledger.ledger import alerts as alert_store
from newsledger.ledger import watched
from newsledger.ledger.store import Ledger
from newsledger.pipeline import ExtractOptions, IngestEvent, ingest_raw
from newsledger.records import RawArticle
from newsledger.settings import Settings

JITTER = 0.1
ERROR_BACKOFF_CAP_SECONDS = 6 * 3600
SIGNATURE_HEADER = "X-NewsLedger-Signature"


@dataclass(slots=True)
class PollResult:
    source: str
    status: str  # "200", "304" or "error"
    items: int = 0
    new_items: int = 0
    stored: int = 0
    failed: int = 0
    error: str | None = None
    next_poll_at: datetime | None = None

    def line(self) -> str:
        when = self.next_poll_at.strftime("%Y-%m-%d %H:%M:%S") if self.next_poll_at else "-"
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.status == "error":
            return f"{stamp} poll {self.source}: error: {self.error}; next poll {when}"
        if self.status == "304":
            return f"{stamp} poll {self.source}: not modified (304); next poll {when}"
        return (
            f"{stamp} poll {self.source}: {self.items} items, {self.new_items} new, "
            f"{self.stored} stored, {self.failed} failed; next poll {when}"
        )


@dataclass(slots=True)
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class HostPacer:
    """At most one request per ``interval`` seconds to any one host."""

    def __init__(
        self, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        now = self._clock()
        if last is not None and now - last < self.interval:
            self._sleep(self.interval - (now - last))
            now = self._clock()
        self._last[host] = now


class Robots:
    """robots.txt per site, read once per watcher run, asked before fetching an article page.

    No robots.txt (4xx) allows everything; one that cannot be read (5xx, network error)
    allows nothing for now, as the robots exclusion standard asks.
    """

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]]) -> None:
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser | bool] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        parser = self._parsers.get(site)
        if parser is None:
            parser = self._load(site)
            self._parsers[site] = parser
        if isinstance(parser, bool):
            return parser
        return parser.can_fetch(USER_AGENT, url)

    def _load(self, site: str) -> RobotFileParser | bool:
        try:
            status, body = self._fetch(f"{site}/robots.txt")
        except FetchError as e:  # the fetcher raises on HTTP errors: 4xx means "no rules"
            return e.reason.startswith("HTTP 4")
        if status >= 400:
            return status < 500
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser


class Watcher:
    """Polls the ledger's sources and delivers its alerts. One per process."""

    def __init__(
        self,
        ledger: Ledger,
        settings: Settings,
        *,
        allow_private: bool = False,
        log: Callable[[str], None] = print,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.ledger = ledger
        self.settings = settings
        self.allow_private = allow_private
        self.log = log
        self._rng = rng or random.Random()
        self._pacer = HostPacer(settings.watch_host_interval, clock, sleep)
        self._fetchers: dict[bool, Fetcher] = {}
        self._robots: dict[bool, Robots] = {}
        self._options = ExtractOptions.from_settings(settings)

    def close(self) -> None:
        for fetcher in self._fetchers.values():
            fetcher.close()
        self._fetchers.clear()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetching --------------------------------------------------------------------------

    def _fetcher(self, allow_private: bool) -> Fetcher:
        private = allow_private or self.allow_private
        if private not in self._fetchers:
            self._fetchers[private] = Fetcher(self.settings, allow_private=private)
        return self._fetchers[private]

    def _robots_for(self, allow_private: bool) -> Robots:
        private = allow_private or self.allow_private
        if private not in self._robots:
            fetcher = self._fetcher(private)

            def fetch(url: str) -> tuple[int, bytes]:
                self._pacer.wait(url)
                page = fetcher.fetch(url, max_bytes=500_000)
                return page.status, page.content

            self._robots[private] = Robots(fetch)
        return self._robots[private]

    # -- polling ---------------------------------------------------------------------------

    def poll_due(
        self, *, everything: bool = False, stop: threading.Event | None = None
    ) -> list[PollResult]:
        """Poll the sources that are due (``everything``: all of them, as ``--once`` does)."""
        now = datetime.now(UTC)
        sources = (
            watched.list_sources(self.ledger)
            if everything
            else watched.due_sources(self.ledger, now)
        )
        results = []
        for source in sources:
            if stop is not None and stop.is_set():
                break
            result = self.poll(source)
            self.log(result.line())
            results.append(result)
        return results

    def poll(self, source: watched.WatchedSource) -> PollResult:
        started = datetime.now(UTC)
        result = PollResult(source.url, "200")
        try:
            fetcher = self._fetcher(source.allow_private)
            self._pacer.wait(source.url)
            page = fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
            fresh: list[tuple[str, Any]] = []
            if page.status == 304:
                result.status = "304"
            else:
                if not looks_like_feed(page.content):
                    raise InputError(source.url, "is not an RSS or Atom feed")
                outlet, entries, _ = parse_feed(
                    page.content, source.url, feed_url=page.url, charset=page.charset
                )
                result.items = len(entries)
                keyed = [(watched.item_key(entry_identity(e, page.url)), e) for e in entries]
                seen = watched.seen_items(self.ledger, source.id, [k for k, _ in keyed])
                fresh = [(k, e) for k, e in keyed if k not in seen]
                # Oldest first, so the ledger and the alerts see the news in the order it came.
                fresh.reverse()
                result.new_items = len(fresh)
                self._ingest_items(source, outlet, page.url, fresh, result)
            result.next_poll_at = self._next(started, source.every_seconds)
            watched.record_success(
                self.ledger,
                source.id,
                now=started,
                next_poll_at=result.next_poll_at,
                etag=page.etag,  # a 304 page carries the validators it was asked with
                last_modified=page.last_modified,
                items_seen=len(fresh),
                articles_added=result.stored,
            )
        except (FetchError, InputError) as e:
            result.status = "error"
            result.error = e.reason
            delay = watched.backoff(
                source.every_seconds, source.consecutive_errors + 1, ERROR_BACKOFF_CAP_SECONDS
            )
            result.next_poll_at = started + self._jittered(delay)
            watched.record_error(
                self.ledger,
                source.id,
                now=started,
                error=e.reason,
                next_poll_at=result.next_poll_at,
            )
        return result

    def _ingest_items(
        self,
        source: watched.WatchedSource,
        outlet: str | None,
        feed_url: str,
        fresh: list[tuple[str, Any]],
        result: PollResult,
    ) -> None:
        for key, entry in fresh:
            item_source = f"{source.url}#item-{key[:12]}"
            raw: RawArticle | IngestFailure
            try:
                raw = self._item_article(source, entry, item_source, outlet, feed_url)
            except (FetchError, InputError) as e:
                raw = IngestFailure(item_source, e.reason)
            stored: list[IngestEvent] = []
            ingest_raw(self.ledger, [raw], options=self._options, on_event=stored.append)
            event = stored[-1] if stored else None
            if event is not None and event.outcome == "failed":
                result.failed += 1
            elif event is not None and event.outcome in ("new", "near_duplicate"):
                result.stored += 1
            watched.mark_item(self.ledger, source.id, key, event.article_id if event else None)

    def _item_article(
        self,
        source: watched.WatchedSource,
        entry: Any,
        item_source: str,
        outlet: str | None,
        feed_url: str,
    ) -> RawArticle:
        own = entry_article(entry, item_source, outlet=outlet, base_url=feed_url)
        link = entry_link(entry, feed_url)
        if not source.fetch_articles or not link:
            return own
        if not self._robots_for(source.allow_private).allowed(link):
            own.warnings.append(f"{link}: robots.txt disallows fetching; text is the feed item's")
            return own
        self._pacer.wait(link)
        page = self._fetcher(source.allow_private).fetch(link)
        if not (
            page.content_type in ("text/html", "application/xhtml+xml")
            or looks_like_html(page.content)
        ):
            own.warnings.append(f"{link} is {page.content_type or 'untyped'}, not a page")
            return own
        article = html_to_article(page.content, link, url=page.url, charset=page.charset)
        return RawArticle(
            text=article.text,
            uri=link,
            format="feed",
            title=own.title or article.title,
            outlet=article.outlet or outlet,
            published=own.published or article.published,
            url=page.url,
            warnings=article.warnings,
        )

    def _jittered(self, delay: timedelta) -> timedelta:
        return delay * (1 + self._rng.uniform(-JITTER, JITTER))

    def _next(self, started: datetime, every_seconds: int) -> datetime:
        return started + self._jittered(timedelta(seconds=every_seconds))

    # -- alerts ----------------------------------------------------------------------------

    def deliver_pending(self) -> DeliveryReport:
        """Send every due webhook delivery once; failures are retried later with backoff."""
        return deliver_pending(self.ledger, self._fetcher(False))

    # -- the loop --------------------------------------------------------------------------

    def run(self, stop: threading.Event, *, idle_seconds: float = 5.0) -> None:
        """Poll and deliver until ``stop`` is set (SIGTERM or SIGINT sets it)."""
        while not stop.is_set():
            self.poll_due(stop=stop)
            report = self.deliver_pending()
            for error in report.errors:
                self.log(f"alert delivery: {error}")
            stop.wait(self._seconds_to_next(idle_seconds))

    def _seconds_to_next(self, idle_seconds: float) -> float:
        sources = watched.list_sources(self.ledger)
        if not sources:
            return idle_seconds
        soonest = min(s.next_poll_at for s in sources)
        wait = (soonest - datetime.now(UTC)).total_seconds()
        return max(0.0, min(wait, idle_seconds))


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def deliver_pending(ledger: Ledger, fetcher: Fetcher) -> DeliveryReport:
    """POST each due delivery to its alert's webhook (signed when the alert has a secret)."""
    report = DeliveryReport()
    for delivery in alert_store.due_deliveries(ledger):
        url, secret, name = alert_store.alert_secret(ledger, delivery.alert_id)
        if not url:
            continue
        body = json.dumps(
            alert_store.payload(ledger, delivery), ensure_ascii=False, default=str
        ).encode("utf-8")
        headers = {"X-NewsLedger-Alert": name, "X-NewsLedger-Delivery": str(delivery.id)}
        if secret:
            headers[SIGNATURE_HEADER] = sign(secret, body)
        try:
            status = fetcher.post_json(url, body, headers)
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except FetchError as e:
            error = e.reason
        if error is None:
            alert_store.mark_delivered(ledger, delivery.id)
            report.delivered += 1
            continue
        outcome = alert_store.mark_attempt_failed(ledger, delivery.id, error)
        report.errors.append(f"{name}: {url}: {error} ({outcome})")
        if outcome == "failed":
            report.failed += 1
        else:
            report.retrying += 1
    return report


def install_stop_handlers(stop: threading.Event) -> None:
    """SIGTERM and SIGINT finish the current poll and end the loop."""

    def handler(signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
