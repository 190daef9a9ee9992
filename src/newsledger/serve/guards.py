"""Checks every request passes before any route sees it: its Host, its parameters, its size.

One ASGI middleware, outermost in the app, so that a refused request costs nothing:

* **Host allow-list.** A page on an attacker's domain whose name is made to resolve to this
  server (DNS rebinding) sends its requests with the attacker's name in ``Host``. Only the names
  the server was started for are answered (loopback names by default, plus ``--allowed-host``),
  on every bind address.
* **NUL in the path or query string** is a 422: no parameter has a use for U+0000, PostgreSQL
  refuses it, and SQLite stores it where C code then truncates.
* **Body size.** A request body larger than ``max_body_bytes`` is a 413, refused from its
  ``Content-Length`` before a byte is read, or, without one (chunked), as soon as the bytes read
  pass the limit. Nothing larger is ever held in memory.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request

from newsledger.serve import errors
from newsledger.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# JSON and form encoding can write one character of the article as up to six bytes (\u0001,
# or %XX per UTF-8 byte); headroom for the other fields on top.
BODY_EXPANSION = 6
BODY_HEADROOM = 64 * 1024


def body_limit(settings: Settings) -> int:
    """The largest request body that can carry an article of ``settings.max_input_bytes``."""
    return settings.max_input_bytes * BODY_EXPANSION + BODY_HEADROOM


def host_name(header: str) -> str:
    """The name part of a Host header, lower case: "[::1]:8000" -> "[::1]", "a.b:80" -> "a.b"."""
    host = header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_host_names(names: Iterable[str]) -> frozenset[str]:
    """Names as Host headers carry them: lower case, IPv6 literals in brackets."""
    out = set()
    for name in names:
        name = name.strip().lower().rstrip(".")
        if not name:
            continue
        if ":" in name and not name.startswith("["):
            out.add(name)  # a bare IPv6 literal, as the bind address is written
            name = f"[{name}]"
        out.add(name)
    return frozenset(out)


class _BodyTooLarge(Exception):
    pass


class RequestGuard:
    """The checks in the module docstring, as ASGI middleware around ``app``."""

    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, allowed_hosts: Iterable[str] | None
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = None if allowed_hosts is None else allowed_host_names(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await self._respond(scope, receive, send, *refusal)
            return
        await self._limited(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str, list[dict[str, Any]]] | None:
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None:
            raw = headers.get("host", b"").decode("latin-1")
            if host_name(raw) not in self.allowed_hosts:
                names = ", ".join(sorted(self.allowed_hosts))
                return (
                    400,
                    f"unexpected Host header {raw!r}; this server answers to {names} "
                    "(start it with --allowed-host NAME to add a name)",
                    [],
                )
        nul = _nul_parameter(scope)
        if nul is not None:
            return (
                422,
                f"{nul} contains a NUL character (%00); remove it",
                [{"field": nul, "message": "must not contain NUL (U+0000)"}],
            )
        declared = headers.get("content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                return (400, "Content-Length is not a number", [])
            if size > self.max_body_bytes:
                return (413, self._too_large(), [])
        return None

    def _too_large(self) -> str:
        return (
            f"request body is larger than the {self.max_body_bytes:,}-byte limit; "
            "send a shorter article or raise max_input_bytes (NEWSLEDGER_MAX_INPUT_BYTES)"
        )

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, counting body bytes as it reads them; past the limit, answer 413."""
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the app's answer to a body it could not read; ours replaces it
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except Exception:
            # _BodyTooLarge itself, or whatever a layer in between made of it.
            if not exceeded:
                raise
        if exceeded and not started:
            await self._respond(scope, receive, send, 413, self._too_large(), [])

    async def _respond(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        message: str,
        details: list[dict[str, Any]],
    ) -> None:
        request = Request(scope, receive)
        headers = {"Connection": "close"} if status == 413 else None
        response = errors.error_response(request, status, message, details=details, headers=headers)
        await response(scope, receive, send)


def _nul_parameter(scope: Scope) -> str | None:
    """The name of the first query parameter (or "path") holding a NUL character, if any."""
    path = scope.get("raw_path") or scope.get("path", "").encode()
    if b"%00" in path or b"\x00" in path or "\x00" in scope.get("path", ""):
        return "path"
    query = scope.get("query_string", b"").decode("latin-1")
    if "%00" not in query and "\x00" not in query:
        return None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if "\x00" in value or "\x00" in name:
            return name.replace("\x00", "") or "query"
    return "query"
