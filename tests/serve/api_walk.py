"""Visit every read endpoint of the app over whatever a ledger holds, and check the answers.

Used by the hostile-input and fuzz tests: whatever was stored, no request may answer 500 or
anything but the one JSON error shape, and everything stored must be readable back.
The endpoints come from the app's OpenAPI document, so a new one is walked without a change here.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger

PAGES = ("/", "/?bucket=day", "/?bucket=week", "/?bucket=month", "/search", "/docs", "/alerts")
MAX_PAGES = 5  # cursor pages followed per list


def stored(
    ledger: Ledger, article_ids: Collection[str] | None = None
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """What the database holds, read directly: article id -> text, and (entity id, name).

    ``article_ids``: only these articles and the entities they mention.
    """
    ar, en, ae = t.articles, t.entities, t.article_entities
    articles_q = select(ar.c.id, ar.c.text)
    entities_q = select(en.c.id, en.c.name)
    if article_ids is not None:
        articles_q = articles_q.where(ar.c.id.in_(list(article_ids)))
        entities_q = entities_q.where(
            en.c.id.in_(select(ae.c.entity_id).where(ae.c.article_id.in_(list(article_ids))))
        )
    with ledger.connect() as conn:
        articles = dict(conn.execute(articles_q).all())
        entities = [tuple(r) for r in conn.execute(entities_q)]
    return articles, entities  # type: ignore[return-value]


def walk(
    client: TestClient, ledger: Ledger, article_ids: Collection[str] | None = None
) -> list[str]:
    """Every read endpoint with parameters drawn from the stored data; the URLs visited."""
    articles, entities = stored(ledger, article_ids)
    words = sorted({w for text in articles.values() for w in text.split() if w.isalpha()})[:3]
    names = [name for _id, name in entities][:3]
    visited: list[str] = []

    def get(url: str, params: dict[str, Any] | None = None, *, html: bool = False) -> Any:
        headers = {"accept": "text/html"} if html else {}
        response = client.get(url, params=params, headers=headers)
        visited.append(str(response.request.url))
        assert response.status_code < 500, (response.request.url, response.text[:500])
        if html:
            assert response.headers["content-type"].startswith("text/html"), response.request.url
            return response.text
        body = response.json()
        if response.status_code >= 400:
            assert set(body) == {"error"}, body
            assert set(body["error"]) == {"status", "code", "message", "details"}, body
        return body if response.status_code < 400 else None

    def pages(url: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        params = dict(params or {})
        for _ in range(MAX_PAGES):
            body = get(url, params)
            if body is None:
                break
            found = body.get("items", body.get("articles", [])) if isinstance(body, dict) else []
            items += found if isinstance(found, list) else []
            if not isinstance(body, dict) or not body.get("next_cursor"):
                break
            params["cursor"] = body["next_cursor"]
        return items

    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        if "get" not in methods:
            continue
        if "{article_id}" in path:
            for article_id in list(articles)[:20]:
                get(path.replace("{article_id}", article_id))
        elif "{entity_id}" in path:
            for entity_id, _name in entities[:20]:
                get(path.replace("{entity_id}", str(entity_id)))
        elif path == "/api/search":
            for q in [*words, *names, "a", '"', "*", "NEAR(", "'; DROP TABLE articles; --"]:
                pages(path, {"q": q})
        elif path == "/api/timeline":
            for bucket in ("day", "week", "month"):
                get(path, {"bucket": bucket})
                for name in names:
                    get(path, {"bucket": bucket, "actor": name})
        else:
            pages(path)
            for name in names:
                pages(path, {"actor": name} if "events" in path else {"about": name})
    for url in PAGES:
        get(url, html=True)
    for name in [*words, *names]:
        get("/search", {"q": name}, html=True)
    for article_id in list(articles)[:20]:
        get(f"/articles/{article_id}", html=True)
    for entity_id, _name in entities[:20]:
        get(f"/entities/{entity_id}", html=True)
    return visited


def assert_readable(
    client: TestClient, ledger: Ledger, article_ids: Collection[str] | None = None
) -> None:
    """Everything stored can be read back through the API, unchanged."""
    everything, _ = stored(ledger)
    articles, entities = stored(ledger, article_ids)
    listed: set[str] = set()
    cursor = None
    while True:
        body = client.get("/api/articles", params={"limit": 500, "cursor": cursor}).json()
        listed |= {item["id"] for item in body["items"]}
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert listed == set(everything)
    for article_id, text in articles.items():
        response = client.get(f"/api/articles/{article_id}")
        assert response.status_code == 200, response.text[:300]
        assert response.json()["record"]["text"] == text
    for entity_id, name in entities:
        response = client.get(f"/api/entities/{entity_id}")
        assert response.status_code == 200, (entity_id, name, response.text[:300])
        assert response.json()["name"] == name
    assert client.get("/api/stats").json()["articles"] == len(everything)
