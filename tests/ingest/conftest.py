"""Fixtures for ingestion tests: article pages we write, and a loopback HTTP server.

The server binds 127.0.0.1 only; tests reach it with ``allow_private=True`` and check that
without it the address is refused.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsledger.settings import Settings

# Three stories written for these tests; each is long enough to count as an article.
STORIES = {
    "port": (
        "Port strike ends after wage deal",
        [
            "Dock workers at the northern port of Valmora voted on Tuesday to end a nine-day "
            "strike after the terminal operator agreed to raise wages by six percent, union "
            "officials said.",
            "The walkout had left more than forty container ships waiting offshore and delayed "
            "grain exports to three neighbouring countries, according to the port authority.",
            '"We got what we came for," the union\'s regional secretary told reporters outside '
            "the terminal gates, adding that night shifts would resume on Wednesday.",
        ],
    ),
    "flood": (
        "River levels fall as flood warnings are lifted",
        [
            "Authorities in the lowland province of Estra lifted flood warnings for eleven "
            "towns on Sunday as the river fell below its banks for the first time in a week.",
            "Emergency crews pumped water from the basements of the old hospital while "
            "volunteers cleared mud from the market square, the provincial governor said.",
            "Insurers estimate the damage at roughly two hundred million euros, most of it to "
            "farmland and rural roads that remain closed to heavy traffic.",
        ],
    ),
    "vote": (
        "Council approves new tram line after long debate",
        [
            "The city council of Brennick approved a twelve-kilometre tram line late on "
            "Thursday after a debate that lasted more than seven hours, the mayor's office said.",
            "Construction is due to begin next spring and the first trams should run in three "
            "years, linking the university district with the central railway station.",
            "Opposition members argued the cost would force cuts to bus services, but the "
            "measure passed by twenty-nine votes to eighteen.",
        ],
    ),
}


def article_html(
    key: str,
    *,
    published: str | None = "2024-03-05T08:00:00Z",
    site: str = "The Harbour Times",
    url: str | None = "https://harbour.example/news/story",
    charset: str = "utf-8",
) -> str:
    """A news page: navigation, the article, a related-links box and a footer."""
    title, paragraphs = STORIES[key]
    meta = [f'<meta charset="{charset}">', f'<meta property="og:site_name" content="{site}">']
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if url:
        meta.append(f'<link rel="canonical" href="{url}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>{title} | {site}</title>
{"".join(meta)}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<main><article><h1>{title}</h1>
<div class="byline">By Staff Reporter</div>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity chef opens bakery</a></li>
<li><a href="/b">Ten tips for a tidy garden</a></li></ul></aside></main>
<footer><p>Copyright 2024 {site}. All rights reserved.</p><a href="/cookies">Cookie settings</a></footer>
</body></html>"""


def rss_feed(items: list[dict[str, str]], *, title: str = "Harbour Times: World") -> str:
    entries = []
    for item in items:
        parts = [f"<title>{item['title']}</title>"]
        if "link" in item:
            parts.append(f"<link>{item['link']}</link>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if "summary" in item:
            parts.append(f"<description><![CDATA[{item['summary']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://harbour.example/</link>"
        "<description>World news</description>" + "".join(entries) + "</channel></rss>"
    )


def story_text(key: str) -> str:
    title, paragraphs = STORIES[key]
    return "\n".join(paragraphs)


@pytest.fixture
def settings() -> Settings:
    # Short timeouts so the sleeping-server tests finish quickly.
    return Settings(fetch_timeout=0.5, fetch_max_redirects=3, fetch_max_bytes=200_000)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between body bytes (a server that never quite stops)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    hits: list[str]
    # requests being answered right now, and the most there ever were at once
    in_flight: list[int] = field(default_factory=lambda: [0, 0])

    @property
    def peak_in_flight(self) -> int:
        return self.in_flight[1]

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    hits: list[str] = []
    in_flight = [0, 0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight)
            try:
                self._answer()
            finally:
                with lock:
                    in_flight[0] -= 1

        def _answer(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length and not route.drip:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.drip:
                    for i in range(len(route.body)):
                        self.wfile.write(route.body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(route.drip)
                else:
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, which is what several tests want

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes, hits, in_flight)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def collect(settings: Settings) -> Callable[..., list]:
    from newsledger.ingest.sources import iter_sources

    def run(*sources: str, allow_private: bool = False, **overrides: object) -> list:
        chosen = settings.with_overrides(**overrides) if overrides else settings
        return list(iter_sources(list(sources), settings=chosen, allow_private=allow_private))

    return run
