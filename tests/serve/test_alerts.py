"""Alert pages and Atom feeds over the seeded ledger (alerts saved before its articles)."""

from __future__ import annotations

import feedparser


def test_alerts_page_lists_saved_queries(client) -> None:
    page = client.get("/alerts")
    assert page.status_code == 200
    assert "nk-watch" in page.text and "actor North Korea" in page.text
    assert '/feeds/kim-said.atom"' in page.text


def test_alert_page_lists_matches_newest_first(client) -> None:
    page = client.get("/alerts/nk-watch")
    assert page.status_code == 200
    assert page.text.count('class="card card-event"') >= 2
    assert "by North Korea" in page.text
    assert 'type="application/atom+xml"' in page.text


def test_alert_feed_is_valid_atom(client) -> None:
    response = client.get("/feeds/nk-watch.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title.startswith("NewsLedger alert nk-watch")
    assert parsed.entries, "the seeded events of North Korea match"
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/articles/")
        assert entry.title and entry.summary
    # newest first
    stamps = [e.updated_parsed for e in parsed.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_alert_feed_of_claims(client) -> None:
    parsed = feedparser.parse(client.get("/feeds/kim-said.atom").content)
    assert parsed.bozo == 0
    assert any(e.tags[0].term == "claim" for e in parsed.entries)


def test_unknown_alert_is_404_with_the_error_shape(client) -> None:
    for path in ("/feeds/nope.atom", "/alerts/nope", "/alerts/" + "x" * 300):
        response = client.get(path, headers={"accept": "application/json"})
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    # NUL in a path parameter is refused before any route (serve/guards.py), with the same shape
    response = client.get("/feeds/%00.atom", headers={"accept": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_sources_page_shows_health(client, ledger) -> None:
    from newsledger.ledger import watched

    empty = client.get("/sources")
    assert empty.status_code == 200 and "No watched sources" in empty.text
    source = watched.add_source(ledger, "https://feeds.example/world.rss", every_seconds=1800)
    try:
        page = client.get("/sources")
        assert "https://feeds.example/world.rss" in page.text and "30 min" in page.text
        assert "never" in page.text  # not polled yet
    finally:
        watched.remove_source(ledger, str(source.id))
