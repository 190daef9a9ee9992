"""The web layer's own reads agree with the ledger's queries they stand in for."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ledger import queries as lq
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, Entity, Event, EventTime, RawArticle, Source
from newsledger.serve import queries as q
from newsledger.serve.errors import ApiError


def _pages(fetch) -> list[list[int]]:  # type: ignore[no-untyped-def]
    pages, cursor = [], None
    while True:
        page = fetch(cursor)
        pages.append([r.id for r in page.rows])
        cursor = page.next_cursor
        if cursor is None:
            return pages


@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "Kim"},
        {"actor": "kim jong un", "type": "INSPECTION"},
        {"actor": "North Korea", "modality": "actual"},
        {"actor": "Kim Jong Un", "outlet": "TNF", "since": "2025-12-02", "until": "2025-12-10"},
        {"actor": "Kim Jong Un", "text": "factory number 1"},
        {"actor": "Nobody At All"},
    ],
)
def test_queries_actor_events_equal_the_ledger_query(ledger: Ledger, filters: dict) -> None:
    ours = _pages(lambda c: q.events(ledger, q.EventFilters(**filters), limit=3, cursor=c))
    theirs = _pages(lambda c: lq.events(ledger, **filters, limit=3, cursor=c))
    assert ours == theirs


def test_queries_forged_cursor_is_a_client_error(ledger: Ledger) -> None:
    with pytest.raises(ApiError) as e:
        q.events(ledger, q.EventFilters(actor="Kim"), cursor="WyJhIiwgImIiXQ")  # ["a", "b"]
    assert e.value.status_code == 400


def _record(i: int, day: str) -> ArticleRecord:
    text = f"Ministers met in Lisbon for round {i} of the fisheries talks."
    return ArticleRecord(
        id=f"cache{i:011d}",
        source=Source(None, "text", "Test"),
        headline=None,
        dateline=None,
        published=day,
        published_basis="metadata",
        text=text,
        entities=[Entity("e1", "Portugal", "GPE", [], [])],
        events=[
            Event(
                "v1",
                "TALKS",
                "met",
                (9, 12),
                actor="Portugal",
                actor_entity="e1",
                time=EventTime(day, day, day),
            )
        ],
    )


def test_queries_timeline_cache_sees_new_events(tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        first = _record(1, "2025-03-03")
        ledger.add(first, RawArticle(first.text))
        _, buckets = q.timeline(ledger, q.EventFilters(actor="Portugal"), "day")
        assert [(b.label, b.total) for b in buckets] == [("2025-03-03", 1)]
        _, again = q.timeline(ledger, q.EventFilters(actor="Portugal"), "day")
        assert again == buckets
        second = _record(2, "2025-03-05")
        ledger.add(second, RawArticle(second.text))
        _, buckets = q.timeline(ledger, q.EventFilters(actor="Portugal"), "day")
        assert [(b.label, b.total) for b in buckets] == [
            ("2025-03-03", 1),
            ("2025-03-04", 0),
            ("2025-03-05", 1),
        ]
        assert q.event_types(ledger) == ["TALKS"]
    finally:
        ledger.close()


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"actor": "Kim"},
        {"type": "INSPECTION", "outlet": "TNF"},
        {"modality": "hypothetical"},
        {"since": "2025-12-05", "until": "2025-12-29"},
    ],
)
def test_queries_day_counts_equal_the_ledger_buckets(ledger: Ledger, filters: dict) -> None:
    ours = q.per_day_counts(ledger, q.EventFilters(**filters))
    theirs = lq.timeline_buckets(ledger, granularity="day", **filters)
    assert sorted(
        (d.isoformat(), ty, n) for d, by in ours.items() for ty, n in by.items()
    ) == sorted((b.period, b.type, b.count) for b in theirs)
