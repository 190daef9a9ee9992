"""Adding articles over HTTP: only with --allow-ingest, token or loopback, no cross-site posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.serve.app import ServeConfig, create_app
from newsledger.settings import load_settings

LOOPBACK = ("127.0.0.1", 40000)
REMOTE = ("203.0.113.7", 40000)

ARTICLE = (
    "Ministers of Norway and Chile signed a fisheries agreement in Oslo on Tuesday, "
    "officials said.\n\nThe deal covers joint patrols, the ministry said in a statement."
)


@pytest.fixture()
def write_ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'w.db'}", fusion=FUSION)
    yield ledger
    ledger.close()


def _client(ledger: Ledger, addr: tuple[str, int], token: str | None = "tok-123") -> TestClient:
    config = ServeConfig(allow_ingest=True, token=token, settings=load_settings())
    return TestClient(create_app(ledger, config), client=addr, raise_server_exceptions=False)


def test_ingest_loopback_text_is_extracted_and_stored(write_ledger: Ledger) -> None:
    with _client(write_ledger, LOOPBACK) as c:
        r = c.post(
            "/api/articles",
            json={"text": ARTICLE, "outlet": "Test Wire", "published": "2025-06-03"},
        )
        assert r.status_code == 200, r.text
        (result,) = r.json()["results"]
        assert result["status"] == "new"
        stored = c.get(f"/api/articles/{result['article_id']}").json()["record"]
        assert stored["text"].startswith("Ministers of Norway")
        assert stored["source"]["outlet"] == "Test Wire"
        again = c.post("/api/articles", json={"text": ARTICLE}).json()["results"][0]
        assert again["status"] == "duplicate" and again["article_id"] == result["article_id"]


def test_ingest_remote_needs_the_token(write_ledger: Ledger) -> None:
    with _client(write_ledger, REMOTE) as c:
        assert c.post("/api/articles", json={"text": "   "}).status_code == 403
        r = c.post(
            "/api/articles", json={"text": "   "}, headers={"Authorization": "Bearer tok-123"}
        )
        # empty text: nothing stored, so a 422 with the reason
        assert r.status_code == 422
        error = r.json()["error"]
        assert error["code"] == "not_stored" and "empty" in error["message"]
    with _client(write_ledger, REMOTE, token=None) as c:
        r = c.post(
            "/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"}
        )
        assert r.status_code == 403 and "NEWSLEDGER_TOKEN" in r.json()["error"]["message"]


def test_ingest_cross_site_post_refused_even_from_loopback(write_ledger: Ledger) -> None:
    with _client(write_ledger, LOOPBACK) as c:
        r = c.post(
            "/api/articles", json={"text": ARTICLE}, headers={"Origin": "https://evil.example"}
        )
        assert r.status_code == 403
        # the HTML form needs the per-process form token a foreign page cannot read
        r = c.post("/add", data={"text": ARTICLE}, headers={"accept": "application/json"})
        assert r.status_code == 403
        page = c.get("/add").text
        token = re.search(r'name="form_token" value="([^"]+)"', page)
        assert token is not None
        assert 'name="token"' not in page  # loopback needs no NEWSLEDGER_TOKEN field


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:9/secret", "127.0.0.1"),
        ("http://[::1]:9/", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("file:///etc/passwd", "only http"),
        ("/etc/passwd", "only http"),
    ],
)
def test_ingest_url_refuses_private_addresses_and_local_files(
    write_ledger: Ledger, url: str, reason: str
) -> None:
    with _client(write_ledger, LOOPBACK) as c:
        r = c.post("/api/articles", json={"url": url})
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "not_stored"
        (detail,) = error["details"]
        assert detail["field"] == "url" and reason in detail["message"], error
        failures = c.get("/api/failures").json()["items"]
        assert failures and failures[0]["source"] == url


def test_ingest_form_adds_article_and_links_it(write_ledger: Ledger) -> None:
    with _client(write_ledger, LOOPBACK) as c:
        page = c.get("/add").text
        token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        r = c.post("/add", data={"form_token": token, "text": ARTICLE.replace("Tuesday", "Friday")})
        assert r.status_code == 200, r.text
        assert "stored as a new article" in r.text
        assert re.search(r'href="[^"]*/articles/[0-9a-f]+"', r.text)


def test_ingest_web_add_uses_the_configured_model(write_ledger: Ledger) -> None:
    # NEWSLEDGER_MODEL reaches the web "add" through the server's settings.
    settings = load_settings().with_overrides(model="no_such_spacy_model_for_add")
    config = ServeConfig(allow_ingest=True, settings=settings)
    with TestClient(create_app(write_ledger, config), client=LOOPBACK) as c:
        r = c.post("/api/articles", json={"text": ARTICLE})
    assert r.status_code == 422  # nothing stored
    assert "no_such_spacy_model_for_add" in r.json()["error"]["message"]
