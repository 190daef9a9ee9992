"""serve/guards.py: Host allow-list, NUL parameters, body size, and the status of refusals."""

from __future__ import annotations

import asyncio
import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger.cli import cli
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.serve.app import LOOPBACK_HOSTS, ServeConfig, create_app
from newsledger.serve.guards import body_limit, host_name
from newsledger.settings import Settings

HUGE = 10**30  # far outside a 64-bit integer


@pytest.fixture()
def empty_ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(f"sqlite:///{tmp_path / 'g.db'}", fusion=FUSION) as ledger:
        yield ledger


def _client(ledger: Ledger, **config: Any) -> TestClient:
    app = create_app(ledger, ServeConfig(**config))
    return TestClient(
        app,
        base_url="http://127.0.0.1:8000",
        client=("127.0.0.1", 5000),
        raise_server_exceptions=False,
    )


def _cursor(*key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


# -- Host allow-list ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("LEDGER.LAN:8000", 200),
        ("attacker.example", 400),
        ("attacker.example:8000", 400),
        ("ledger.lan.attacker.example", 400),
        ("", 400),
    ],
)
def test_guards_host_allow_list(empty_ledger: Ledger, host: str, status: int) -> None:
    with _client(empty_ledger, allowed_hosts=(*LOOPBACK_HOSTS, "ledger.lan")) as c:
        r = c.get("/api/stats", headers={"host": host})
        assert r.status_code == status, r.text
        if status == 400:
            assert "Host" in r.json()["error"]["message"]


def test_guards_host_name_parsing() -> None:
    assert host_name("Example.ORG:80") == "example.org"
    assert host_name("[::1]:8000") == "[::1]" and host_name("[::1]") == "[::1]"
    assert host_name("::1") == "::1"


def _served_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str) -> ServeConfig:
    """What `newsledger serve ARGS` would run, without starting a server."""
    import uvicorn

    captured: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: captured.update(app=app, **kw))
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(cli, ["serve", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return captured["app"].state.config


def test_guards_every_bind_gets_a_host_allow_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loopback = _served_config(monkeypatch, tmp_path)
    assert loopback.allowed_hosts is not None and "attacker.example" not in loopback.allowed_hosts
    wide = _served_config(
        monkeypatch, tmp_path, "--host", "0.0.0.0", "--allowed-host", "ledger.lan"
    )
    assert wide.allowed_hosts is not None
    assert "ledger.lan" in wide.allowed_hosts and "localhost" in wide.allowed_hosts
    assert "0.0.0.0" not in wide.allowed_hosts
    one = _served_config(monkeypatch, tmp_path, "--host", "192.0.2.10")
    assert one.allowed_hosts is not None and "192.0.2.10" in one.allowed_hosts


# -- NUL in parameters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/search?q=a%00b", "q"),
        ("/api/events?actor=Kim%00", "actor"),
        ("/api/claims?about=%00", "about"),
        ("/api/events?cursor=abc%00", "cursor"),
        ("/search?q=x%00", "q"),
        ("/api/articles/abc%00def", "path"),
    ],
)
def test_guards_nul_in_a_parameter_is_422(empty_ledger: Ledger, url: str, field: str) -> None:
    with _client(empty_ledger) as c:
        r = c.get(url)
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["details"][0]["field"] == field and "NUL" in error["message"]


# -- integers beyond 64 bits -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/api/entities/{HUGE}",
        f"/api/entities/{HUGE}/events",
        f"/entities/{HUGE}",
        "/entities/-9223372036854775809",
    ],
)
def test_guards_ids_beyond_64_bits_are_404(empty_ledger: Ledger, url: str) -> None:
    with _client(empty_ledger) as c:
        assert c.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/api/events?cursor={_cursor('2025-01-01', HUGE)}",
        f"/api/events?actor=Kim&cursor={_cursor('2025-01-01', HUGE)}",
        f"/api/claims?cursor={_cursor('2025-01-01', HUGE)}",
        f"/api/denials?cursor={_cursor('2025-01-01', -HUGE)}",
        f"/api/entities/1/events?cursor={_cursor('2025-01-01', HUGE)}",
        f"/api/search?q=kim&cursor={_cursor(HUGE)}",
        f"/?cursor={_cursor('2025-01-01', HUGE)}",
    ],
)
def test_guards_cursors_beyond_64_bits_are_400(empty_ledger: Ledger, url: str) -> None:
    with _client(empty_ledger) as c:
        r = c.get(url)
        assert r.status_code == 400, r.text


# -- body size -------------------------------------------------------------------------------


def _asgi_post(
    app: Any, chunks: list[bytes], headers: list[tuple[bytes, bytes]]
) -> tuple[int, int]:
    """POST ``chunks`` to the app by hand; the status and how many body bytes it read."""
    read = 0
    pending = list(chunks)
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if not pending:
            return {"type": "http.disconnect"}
        chunk = pending.pop(0)
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/articles",
        "raw_path": b"/api/articles",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), *headers],
        "client": ("203.0.113.9", 5000),
        "server": ("127.0.0.1", 8000),
    }

    asyncio.run(app(scope, receive, send))
    return status[0], read


def test_guards_declared_oversized_body_is_413_before_reading(empty_ledger: Ledger) -> None:
    app = create_app(empty_ledger, ServeConfig(allow_ingest=True, max_body_bytes=1000))
    status, read = _asgi_post(app, [b"x" * 100] * 50, [(b"content-length", b"100000000")])
    assert status == 413 and read == 0


def test_guards_streamed_oversized_body_is_413_at_the_limit(empty_ledger: Ledger) -> None:
    app = create_app(empty_ledger, ServeConfig(allow_ingest=True, max_body_bytes=1000))
    status, read = _asgi_post(app, [b"x" * 100] * 50, [])  # chunked: no Content-Length
    assert status == 413
    assert read <= 1000 + 100  # stopped at the chunk that passed the limit


def test_guards_body_within_the_limit_reaches_the_route(empty_ledger: Ledger) -> None:
    app = create_app(empty_ledger, ServeConfig(allow_ingest=True, max_body_bytes=1000))
    body = json.dumps({"text": "short"}).encode()
    # a remote client without a token: the route itself answers (403), not the guard
    status, read = _asgi_post(app, [body], [(b"content-length", str(len(body)).encode())])
    assert status == 403 and read == len(body)


def test_guards_default_limit_fits_an_article_of_the_input_limit(empty_ledger: Ledger) -> None:
    settings = Settings(max_input_bytes=1000)
    limit = body_limit(settings)
    assert limit >= 6 * 1000  # every character escaped as \\u00XX still fits
    with _client(empty_ledger, allow_ingest=True, settings=settings) as c:
        r = c.post(
            "/api/articles",
            content=b"{" + b" " * limit + b"}",
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


# -- status policy and headers ---------------------------------------------------------------


def test_guards_failed_add_is_422_with_the_reason(empty_ledger: Ledger) -> None:
    with _client(empty_ledger, allow_ingest=True) as c:
        r = c.post(
            "/api/articles",
            json={
                "text": "The port reopened on Monday, officials said.",
                "published": "9999-12-31",
            },
        )
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "not_stored" and "outside 1800-01-01" in error["message"]
        assert error["details"][0]["field"] == "text"
        token = re.search(r'name="form_token" value="([^"]+)"', c.get("/add").text)
        assert token is not None
        form = c.post("/add", data={"form_token": token.group(1), "text": "  "})
        assert form.status_code == 422


def test_guards_docs_page_has_a_content_security_policy(empty_ledger: Ledger) -> None:
    with _client(empty_ledger) as c:
        for path in ("/docs", "/openapi.json", "/"):
            policy = c.get(path).headers.get("content-security-policy", "")
            assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
