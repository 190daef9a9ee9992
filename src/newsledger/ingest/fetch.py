"""Fetch a URL without letting the input steer us into the local network.

Every hop of a redirect chain is re-checked, and the check happens where the socket is
opened: the host name is resolved once, every resolved address must be public, and the
connection goes to one of those checked addresses. Checking the name and then letting the
HTTP library resolve it again would leave a window for a DNS answer that changes between the
check and the connect (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsledger.errors import FetchError
from newsledger.ingest.address import is_url as is_url  # where callers have found it
from newsledger.settings import Settings

USER_AGENT = "newsledger/0.1 (+https://github.com/newsledger/newsledger)"
_REDIRECTS = {301, 302, 303, 307, 308}
_ALLOWED_SCHEMES = {"http", "https"}


@dataclass(slots=True)
class FetchedPage:
    url: str  # after redirects
    content: bytes
    content_type: str  # media type, lower case, without parameters ("" when absent)
    charset: str | None
    redirects: list[str]
    status: int = 200  # 304 when a conditional GET found nothing new (content is then empty)
    etag: str | None = None
    last_modified: str | None = None


class AddressRefusedError(FetchError):
    """The host resolves to an address on a private, loopback or otherwise local network."""


def _address_class(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be reached, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return _address_class(mapped)
    # Order matters: 127.0.0.1 is also "private" in the ipaddress module's tables, and
    # "loopback" is the reason a user recognises.
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not globally routable", not address.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def _getaddrinfo_within(host: str, port: int, timeout: float | None) -> list[Any]:
    """getaddrinfo bounded by ``timeout``.

    getaddrinfo has no timeout of its own and a stalled name server holds it for tens of
    seconds. It runs in a daemon thread, so a lookup that never returns holds neither the
    fetch nor the exit of the process.
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as e:  # handed to the caller's thread below
            outcome["error"] = e
        finally:
            done.set()

    threading.Thread(target=lookup, name="newsledger-dns", daemon=True).start()
    if not done.wait(timeout):
        raise TimeoutError(host)
    if "error" in outcome:
        raise outcome["error"]
    return list(outcome["infos"])


def resolve_checked(
    host: str, port: int, *, allow_private: bool, timeout: float | None = None
) -> list[str]:
    """Every address ``host`` resolves to, refusing the lot if any one of them is local.

    Refusing when *any* address is local (not only the first) matters: a name with one
    public and one loopback record would otherwise reach the loopback one on a retry.
    """
    try:
        infos = _getaddrinfo_within(host, port, timeout)
    except TimeoutError as e:
        raise FetchError(host, f"host name did not resolve within {timeout:g} s") from e
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(host, f"host name does not resolve ({e})") from e
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(host, "host name does not resolve (no addresses)")
    if not allow_private:
        for ip in addresses:
            why = _address_class(ipaddress.ip_address(ip))
            if why is not None:
                what = f"address {ip} is" if ip == host.strip("[]") else f"{host} resolves to {ip},"
                raise AddressRefusedError(
                    host,
                    f"{what} {'an' if why[0] in 'aeiou' else 'a'} {why} address; refused "
                    "(pass --allow-private to fetch from "
                    "local networks)",
                )
    return addresses


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves and checks the host, then connects to a checked address."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, allow_private=self._allow_private, timeout=timeout)
        last: Exception | None = None
        for ip in addresses:
            try:
                # TLS still verifies and sends SNI for the host name: httpcore passes the
                # origin's host to start_tls, not the address we connect to.
                return self._inner.connect_tcp(
                    ip,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        assert last is not None
        raise last

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise FetchError(None, "unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx offers no public hook for the network backend; the pool it builds is the one
        # place to put it. Same options as httpx's default pool, plus our backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            network_backend=_GuardedBackend(allow_private),
        )


def _check_url(url: str, source: str) -> httpx.URL:
    parts = urlsplit(url)
    if parts.scheme.lower() not in _ALLOWED_SCHEMES:
        raise FetchError(
            source, f"URL scheme {parts.scheme or '(none)'!r} is not fetched; use http or https"
        )
    if not parts.hostname:
        raise FetchError(source, "URL has no host name")
    try:
        return httpx.URL(url)
    except httpx.InvalidURL as e:
        raise FetchError(source, f"not a valid URL ({e})") from e


class Fetcher:
    """A reusable, checked HTTP client. Use as a context manager or call ``close()``."""

    def __init__(self, settings: Settings, *, allow_private: bool = False) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._client = httpx.Client(
            transport=_GuardedTransport(allow_private),
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,  # followed by hand so each hop is checked and counted
            trust_env=False,  # an environment proxy would bypass the address check
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html, application/rss+xml, "
                "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(
        self,
        url: str,
        *,
        max_bytes: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchedPage:
        """GET ``url``; raises FetchError (or a subclass) with a one-line reason.

        With ``etag`` or ``last_modified`` (validators of an earlier answer) the GET is
        conditional, and an unchanged resource comes back as an empty page with status 304.
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        limit = self.settings.fetch_max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.settings.fetch_timeout * 2
        seen: list[str] = []
        current = url
        while True:
            request_url = _check_url(current, url)
            if current in seen:
                raise FetchError(url, f"redirects in a loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            try:
                with self._client.stream("GET", request_url, headers=conditional) as response:
                    if response.status_code == 304 and conditional:
                        return FetchedPage(
                            str(response.url),
                            b"",
                            "",
                            None,
                            seen[1:],
                            status=304,
                            etag=etag,
                            last_modified=last_modified,
                        )
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                url, f"HTTP {response.status_code} redirect without a Location"
                            )
                        if len(seen) > self.settings.fetch_max_redirects:
                            raise FetchError(
                                url,
                                f"more than {self.settings.fetch_max_redirects} redirects "
                                f"(last to {location})",
                            )
                        current = urljoin(str(response.url), location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            url, f"HTTP {response.status_code} {response.reason_phrase}"
                        )
                    body = self._read_limited(response, url, limit, deadline)
                    media, charset = _content_type(response.headers.get("content-type", ""))
                    return FetchedPage(
                        str(response.url),
                        body,
                        media,
                        charset,
                        seen[1:],
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as e:
                raise FetchError(
                    url, f"timed out after {self.settings.fetch_timeout:g} s ({type(e).__name__})"
                ) from e
            except httpx.HTTPError as e:
                raise FetchError(url, f"could not be fetched ({type(e).__name__}: {e})") from e

    def post_json(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST a JSON body to ``url`` (a webhook) under the same address rules; no redirect is
        followed. Returns the HTTP status; raises FetchError when there is no answer."""
        request_url = _check_url(url, url)
        try:
            response = self._client.post(
                request_url,
                content=body,
                headers={"Content-Type": "application/json", **headers},
            )
        except httpx.TimeoutException as e:
            raise FetchError(
                url, f"timed out after {self.settings.fetch_timeout:g} s ({type(e).__name__})"
            ) from e
        except httpx.HTTPError as e:
            raise FetchError(url, f"could not be reached ({type(e).__name__}: {e})") from e
        return response.status_code

    def _read_limited(
        self, response: httpx.Response, url: str, limit: int, deadline: float
    ) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                url, f"is {int(declared):,} bytes, over the {limit:,}-byte fetch limit"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(
                    url, f"is larger than the {limit:,}-byte fetch limit; stopped reading"
                )
            # A server dribbling one byte at a time never trips the per-read timeout.
            if time.monotonic() > deadline:
                raise FetchError(
                    url,
                    f"timed out: body not received within {self.settings.fetch_timeout * 2:g} s",
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset
