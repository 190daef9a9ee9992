"""URLs: pages, text, limits, timeouts, redirects, and refusal of local addresses.

Every server here is on 127.0.0.1 (the ``server`` fixture); tests reach it with
``allow_private=True`` and check that without it the address is refused.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest

import newsledger.ingest.fetch as fetch
from newsledger.errors import FetchError
from newsledger.ingest.fetch import Fetcher, is_url, resolve_checked
from newsledger.ingest.sources import IngestFailure
from newsledger.records import RawArticle
from newsledger.settings import Settings
from tests.ingest.conftest import Route, article_html, story_text


def _failure(items: list) -> IngestFailure:
    assert len(items) == 1, items
    assert isinstance(items[0], IngestFailure), items[0]
    assert "\n" not in items[0].reason
    return items[0]


def test_fetch_html_page(collect, server) -> None:
    url = server.add("/story", Route(body=article_html("port", url=None).encode()))
    [article] = collect(url, allow_private=True)
    assert isinstance(article, RawArticle)
    assert article.format == "html"
    assert article.uri == url and article.url == url
    assert article.title == "Port strike ends after wage deal"
    assert article.published == "2024-03-05"
    assert "Subscribe now" not in article.text


def test_fetch_plain_text(collect, server) -> None:
    url = server.add(
        "/story.txt", Route(body=story_text("flood").encode(), content_type="text/plain")
    )
    [article] = collect(url, allow_private=True)
    assert isinstance(article, RawArticle)
    assert (article.format, article.text) == ("text", story_text("flood"))


def test_fetch_text_in_declared_charset(collect, server) -> None:
    body = (story_text("flood") + " Caf\xe9.").encode("latin-1")
    url = server.add("/latin", Route(body=body, content_type="text/plain; charset=ISO-8859-1"))
    [article] = collect(url, allow_private=True)
    assert article.text.endswith("Café.") and article.warnings == []


def test_fetch_loopback_refused_without_allow_private(collect, server) -> None:
    url = server.add("/story", Route(body=article_html("port").encode()))
    failure = _failure(collect(url))
    assert failure.source == url
    assert "127.0.0.1 is a loopback address; refused" in failure.reason
    assert server.hits == []  # refused before connecting


def test_fetch_localhost_name_refused(collect, server) -> None:
    url = server.add("/story", Route(body=article_html("port").encode())).replace(
        "127.0.0.1", "localhost"
    )
    failure = _failure(collect(url))
    assert "localhost resolves to" in failure.reason and "loopback" in failure.reason
    assert server.hits == []


def test_fetch_redirect_followed_and_recorded(collect, server) -> None:
    final = server.add("/final", Route(body=article_html("vote").encode()))
    start = server.add("/start", Route(status=302, headers={"Location": "/final"}, body=b""))
    [article] = collect(start, allow_private=True)
    assert isinstance(article, RawArticle)
    assert article.uri == start and article.url == "https://harbour.example/news/story"
    assert any(final in w for w in article.warnings)


def test_fetch_redirect_loop(collect, server) -> None:
    server.add("/a", Route(status=302, headers={"Location": "/b"}))
    server.add("/b", Route(status=301, headers={"Location": "/a"}))
    failure = _failure(collect(server.url("/a"), allow_private=True))
    assert failure.reason.startswith("redirects in a loop")
    assert server.hits == ["/a", "/b"]


def test_fetch_too_many_redirects(collect, server) -> None:
    for n in range(10):
        server.add(f"/r{n}", Route(status=307, headers={"Location": f"/r{n + 1}"}))
    failure = _failure(collect(server.url("/r0"), allow_private=True))
    assert failure.reason.startswith("more than 3 redirects")
    assert len(server.hits) == 4


def test_fetch_each_redirect_hop_is_checked(collect, server, monkeypatch) -> None:
    # Treat 127.0.0.1 as public and 127.0.0.2 as private, so a public page redirecting into
    # the "private" network can be staged on loopback alone.
    real = fetch._address_class

    def staged(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        if str(address) == "127.0.0.1":
            return None
        if str(address) == "127.0.0.2":
            return "private"
        return real(address)

    monkeypatch.setattr(fetch, "_address_class", staged)
    port = server.base.rsplit(":", 1)[1]
    start = server.add(
        "/start", Route(status=302, headers={"Location": f"http://127.0.0.2:{port}/admin"})
    )
    failure = _failure(collect(start))
    assert "address 127.0.0.2 is a private address; refused" in failure.reason
    assert server.hits == ["/start"]


def test_fetch_timeout(collect, server) -> None:
    url = server.add("/slow", Route(body=article_html("port").encode(), delay=2.0))
    failure = _failure(collect(url, allow_private=True))
    assert failure.reason.startswith("timed out after 0.5 s")


def test_fetch_dripping_body_times_out(collect, server) -> None:
    # Each byte arrives well within the read timeout; the whole body never does.
    url = server.add("/drip", Route(body=b"x" * 40, content_type="text/plain", drip=0.1))
    failure = _failure(collect(url, allow_private=True))
    assert "timed out" in failure.reason


def test_fetch_size_limit_declared(collect, server) -> None:
    url = server.add("/big", Route(body=b"a " * 150_000, content_type="text/plain"))
    failure = _failure(collect(url, allow_private=True))
    assert "over the 200,000-byte fetch limit" in failure.reason


def test_fetch_size_limit_streamed(collect, server) -> None:
    # No Content-Length: the limit must hold while reading the stream.
    url = server.add(
        "/big-stream",
        Route(body=b"a " * 150_000, content_type="text/plain", send_length=False),
    )
    failure = _failure(collect(url, allow_private=True))
    assert "larger than the 200,000-byte fetch limit" in failure.reason


def test_fetch_http_error_status(collect, server) -> None:
    failure = _failure(collect(server.url("/missing"), allow_private=True))
    assert failure.reason == "HTTP 404 Not Found"


def test_fetch_binary_content_type_refused(collect, server) -> None:
    url = server.add("/photo", Route(body=b"\x89PNG\r\n" + bytes(200), content_type="image/png"))
    failure = _failure(collect(url, allow_private=True))
    assert "content type 'image/png' is not an article" in failure.reason


def test_fetch_html_page_without_article(collect, server) -> None:
    hub = "<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>"
    url = server.add("/hub", Route(body=hub.encode()))
    failure = _failure(collect(url, allow_private=True))
    assert "holds no article" in failure.reason


def test_fetch_connection_refused(collect, server) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = _failure(collect(f"http://127.0.0.1:{port}/", allow_private=True))
    assert failure.reason.startswith("could not be fetched (ConnectError")


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not globally routable"),
        ("224.0.0.1", "multicast"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_fetch_address_classes(address: str, why: str | None) -> None:
    assert fetch._address_class(ipaddress.ip_address(address)) == why


def test_fetch_every_resolved_address_is_checked(monkeypatch) -> None:
    def fake_getaddrinfo(host: str, port: int, **kwargs: object) -> list:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError, match="mixed.example resolves to 10.0.0.5, a private address"):
        resolve_checked("mixed.example", 80, allow_private=False)
    assert resolve_checked("mixed.example", 80, allow_private=True) == ["93.184.216.34", "10.0.0.5"]


def test_fetch_unresolvable_host(monkeypatch) -> None:
    def fail(*args: object, **kwargs: object) -> list:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="does not resolve"):
        Fetcher(Settings()).fetch("http://nowhere.invalid/")


def test_fetch_is_url() -> None:
    assert is_url("https://example.org/a")
    assert is_url("http://127.0.0.1:8000/")
    assert not is_url("C:/news/a.txt")
    assert not is_url("news/a.txt")


def test_fetch_octet_stream_is_sniffed(collect, server) -> None:
    page = server.add(
        "/page", Route(body=article_html("vote").encode(), content_type="application/octet-stream")
    )
    blob = server.add(
        "/blob", Route(body=bytes(range(256)) * 8, content_type="application/octet-stream")
    )
    [article] = collect(page, allow_private=True)
    assert isinstance(article, RawArticle) and article.format == "html"
    assert "binary" in _failure(collect(blob, allow_private=True)).reason


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1]:9/", "address ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:9/", "address ::ffff:127.0.0.1 is a loopback address"),
        ("http://0x7f000001:9/", "resolves to 127.0.0.1, a loopback address"),
        ("http://2130706433:9/", "resolves to 127.0.0.1, a loopback address"),
        ("http://127.1:9/", "resolves to 127.0.0.1, a loopback address"),
        ("http://0:9/", "resolves to 0.0.0.0, an unspecified address"),
    ],
)
def test_fetch_loopback_in_other_spellings_is_refused(collect, url: str, expected: str) -> None:
    assert expected in _failure(collect(url)).reason


def test_fetch_name_resolution_is_bounded_by_the_timeout(monkeypatch) -> None:
    import threading

    release = threading.Event()

    def stalled(*args: object, **kwargs: object) -> list:
        release.wait(5)  # a name server that does not answer
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", stalled)
    try:
        with pytest.raises(FetchError, match=r"did not resolve within 0.2 s"):
            resolve_checked("slow.example", 80, allow_private=False, timeout=0.2)
    finally:
        release.set()
