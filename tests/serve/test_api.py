"""The JSON API over a ledger seeded with hand-built records (tests/serve/conftest.py)."""

from __future__ import annotations

from datetime import date

from newsledger.ledger.queries.buckets import fold


def _all_events(client, query: str, limit: int) -> list[dict]:
    items: list[dict] = []
    cursor = None
    for _ in range(100):
        url = f"/api/events?{query}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_api_events_filter_by_actor_alias(client) -> None:
    items = client.get("/api/events?actor=kim&limit=100").json()["items"]  # an alias, any case
    assert items and {e["actor"] for e in items} == {"Kim Jong Un"}
    assert {e["type"] for e in items} == {"ORDER", "INSPECTION"}
    assert all(
        {"actor", "type", "object", "sort_date", "modality", "outlet_count", "sources"} <= set(e)
        for e in items
    )


def test_api_events_filters_combine(client) -> None:
    items = client.get("/api/events?actor=North%20Korea&modality=hypothetical").json()["items"]
    assert [(e["type"], e["object"], e["target"]) for e in items] == [
        ("ARMS_TRANSFER", "artillery shells", "Russia")
    ]
    assert items[0]["sources"][0]["name"] == "United States officials"
    items = client.get(
        "/api/events?type=INSPECTION&outlet=TNF&since=2025-12-03&until=2025-12-07"
    ).json()["items"]
    assert sorted(e["sort_date"] for e in items) == ["2025-12-03", "2025-12-05", "2025-12-07"]
    items = client.get("/api/events?text=cruise").json()["items"]
    assert [e["type"] for e in items] == ["WEAPONS_TEST"]


def test_api_events_cursor_pages_cover_everything_once(client) -> None:
    whole = client.get("/api/events?limit=500").json()
    assert whole["next_cursor"] is None
    paged = _all_events(client, "include_near_duplicates=false", 4)
    assert [e["id"] for e in paged] == [e["id"] for e in whole["items"]]
    assert len({e["id"] for e in paged}) == len(paged) == 18
    keys = [(e["sort_date"], e["id"]) for e in paged]
    assert keys == sorted(keys, reverse=True)  # newest first


def test_api_timeline_buckets_sum_to_the_events(client) -> None:
    total = len(client.get("/api/events?actor=Kim&limit=500").json()["items"])
    for bucket in ("day", "week", "month"):
        body = client.get(f"/api/timeline?actor=Kim&bucket={bucket}").json()
        assert body["bucket"] == bucket
        assert sum(b["total"] for b in body["buckets"]) == total
        assert all(b["total"] == sum(b["counts"].values()) for b in body["buckets"])
    weeks = client.get("/api/timeline?actor=Kim&bucket=week").json()["buckets"]
    assert (
        weeks[0]["bucket"] == "2025-W49"
        and weeks[0]["since"] == "2025-12-01"
        and weeks[0]["until"] == "2025-12-07"
    )
    days = client.get("/api/timeline?type=INSPECTION&bucket=day").json()["buckets"]
    assert len(days) == 12 and all(b["counts"] == {"INSPECTION": 1} for b in days)


def test_api_timeline_fold_fills_empty_buckets() -> None:
    buckets = fold({date(2025, 1, 31): {"TALKS": 1}, date(2025, 3, 2): {"TALKS": 2}}, "month")
    assert [(b.label, b.total) for b in buckets] == [("2025-01", 1), ("2025-02", 0), ("2025-03", 2)]
    assert buckets[1].until == "2025-02-28"


def test_api_article_record_spans_point_into_text(client) -> None:
    body = client.get("/api/articles/kim0000000000001").json()
    record = body["record"]
    text = record["text"]
    quote = record["quotes"][0]
    assert text[quote["span"][0] : quote["span"][1]] == quote["text"]
    assert quote["speaker"] == "Kim Jong Un"
    for event in record["events"]:
        assert text[event["span"][0] : event["span"][1]] == event["trigger"]
    assert set(body["entity_ids"]) == {"e1", "e2", "e3"}


def test_api_entity_profile_aliases_events_and_claims(client) -> None:
    kim_id = client.get("/api/events?actor=Kim&limit=1").json()["items"][0]["actor_entity_id"]
    profile = client.get(f"/api/entities/{kim_id}").json()
    assert profile["name"] == "Kim Jong Un"
    assert "Kim" in profile["aliases"]
    assert profile["event_count"] == 13
    assert profile["quotes"][0]["text"].startswith("The missile sector")
    page = client.get(f"/api/entities/{kim_id}/events?limit=5").json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    nk = client.get("/api/entities?prefix=north").json()["items"]
    assert [e["name"] for e in nk] == ["North Korea"]
    nk_profile = client.get(f"/api/entities/{nk[0]['id']}").json()
    # what North Korea said (its denial) and what others said about it (the allegation)
    assert [c["polarity"] for c in nk_profile["said"]] == ["negative"]
    assert any("artillery shells" in c["text"] for c in nk_profile["said_about"])


def test_api_claims_by_source_and_subject_with_denials_linked(client) -> None:
    by_source = client.get("/api/claims?source=Korean%20Central%20News%20Agency").json()["items"]
    assert [c["sources"][0]["name"] for c in by_source] == ["Korean Central News Agency"]
    about = client.get("/api/claims?about=Russia").json()["items"]
    assert [c["text"] for c in about] == ["North Korea of supplying artillery shells to Russia"]
    assert [d["text"] for d in about[0]["denied_by"]] == ["the allegations"]
    denials = client.get("/api/denials").json()["items"]
    assert [d["denies"][0]["text"] for d in denials] == [
        "North Korea of supplying artillery shells to Russia"
    ]


def test_api_search_pages_with_a_cursor(client) -> None:
    first = client.get("/api/search?q=munitions%20factory&limit=5").json()
    assert len(first["articles"]) == 5 and first["next_cursor"]
    second = client.get(
        f"/api/search?q=munitions%20factory&limit=5&cursor={first['next_cursor']}"
    ).json()
    ids = [a["article_id"] for a in first["articles"] + second["articles"]]
    assert len(ids) == len(set(ids)) == 10
    # FTS syntax in the query is taken as words, not operators
    assert client.get("/api/search?q=%22missile%22%20OR%20NEAR(").status_code == 200


def test_api_failures_and_stats(client) -> None:
    assert client.get("/api/failures").json() == {"items": []}
    assert client.get("/api/stats").json()["articles"] == 15


def test_api_openapi_at_docs_lists_the_endpoints(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/timeline",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/claims",
        "/api/denials",
        "/api/search",
    ):
        assert path in spec["paths"]
    assert "/api/articles" not in spec["paths"] or "post" not in spec["paths"]["/api/articles"]
    docs = client.get("/docs")
    assert (
        docs.status_code == 200
        and "GET /api/events" in docs.text
        and "cdn" not in docs.text.lower()
    )


def test_api_no_write_route_without_allow_ingest(client) -> None:
    assert client.post("/api/articles", json={"text": "x"}).status_code == 405
    assert client.post("/add", data={"text": "x"}).status_code == 405
    page = client.get("/add")
    assert "Adding articles is off" in page.text and '<form method="post"' not in page.text


def test_api_pages_escape_hostile_article(client) -> None:
    html = client.get("/articles/hostile000000003").text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert 'href="javascript:' not in html
    assert "<img src=x" not in html
    assert "&amp;lt;b&amp;gt;" in html  # an entity in the article shows as typed
    assert "Content-Security-Policy" in client.get("/articles/hostile000000003").headers
    timeline = client.get("/?actor=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in timeline


def test_api_articles_and_claims_page_with_cursors(client) -> None:
    ids: list[str] = []
    cursor = None
    while True:
        body = client.get("/api/articles?limit=4" + (f"&cursor={cursor}" if cursor else "")).json()
        ids.extend(a["id"] for a in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(ids) == len(set(ids)) == 15
    first = client.get("/api/claims?limit=1").json()
    second = client.get(f"/api/claims?limit=1&cursor={first['next_cursor']}").json()
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_api_pages_treat_empty_filters_as_none_and_refuse_bad_dates(client) -> None:
    page = client.get(
        "/?actor=&type=&modality=&outlet=&since=&until=&bucket=", headers={"accept": "text/html"}
    )
    assert page.status_code == 200 and "18 matching events" in page.text
    bad = client.get("/?since=last-week", headers={"accept": "text/html"})
    assert bad.status_code == 422 and "since must be a date" in bad.text
    filtered = client.get(
        "/?actor=Kim&type=INSPECTION&bucket=week", headers={"accept": "text/html"}
    )
    assert "12 matching events" in filtered.text and "2025-W49" in filtered.text
