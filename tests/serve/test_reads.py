"""The reads behind the web pages (newsledger.ledger.queries) on the seeded web ledger: the
planned actor query, the cached day counts and forged cursors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func

from newsledger.errors import LedgerError
from newsledger.fuse import FUSION
from newsledger.ledger import queries as lq
from newsledger.ledger import schema as t
from newsledger.ledger.queries.filters import event_conditions
from newsledger.ledger.queries.rows import event_row, event_select
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, Entity, Event, EventTime, RawArticle, Source


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
def test_reads_actor_events_equal_one_plain_query(ledger: Ledger, filters: dict) -> None:
    # The planned query (newest page per actor key, merged) against the plain one: one
    # statement with every actor key, sorted by the database.
    ours = _pages(lambda c: lq.events(ledger, **filters, limit=3, cursor=c))
    ev = t.events
    with ledger.connect() as conn:
        where = event_conditions(conn, lq.EventFilters(**filters))
        query = event_select().where(*where).order_by(ev.c.sort_date.desc(), ev.c.id.desc())
        plain = [event_row(r).id for r in conn.execute(query)]
    assert [i for page in ours for i in page] == plain
    assert all(len(page) <= 3 for page in ours)


def test_reads_forged_cursor_is_a_ledger_error(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match="pass next_cursor unchanged"):
        lq.events(ledger, actor="Kim", cursor="WyJhIiwgImIiXQ")  # ["a", "b"]
    with pytest.raises(LedgerError, match="pass next_cursor unchanged"):
        lq.articles(ledger, cursor="WyJub3QgYSB0aW1lIiwgImIiXQ")  # ["not a time", "b"]


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


def test_reads_timeline_cache_sees_new_events(tmp_path: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'c.db'}", fusion=FUSION)
    try:
        first = _record(1, "2025-03-03")
        ledger.add(first, RawArticle(first.text))
        _, buckets = lq.timeline_buckets(ledger, lq.EventFilters(actor="Portugal"), "day")
        assert [(b.label, b.total) for b in buckets] == [("2025-03-03", 1)]
        _, again = lq.timeline_buckets(ledger, lq.EventFilters(actor="Portugal"), "day")
        assert again == buckets
        second = _record(2, "2025-03-05")
        ledger.add(second, RawArticle(second.text))
        _, buckets = lq.timeline_buckets(ledger, lq.EventFilters(actor="Portugal"), "day")
        assert [(b.label, b.total) for b in buckets] == [
            ("2025-03-03", 1),
            ("2025-03-04", 0),
            ("2025-03-05", 1),
        ]
        assert lq.event_types(ledger) == ["TALKS"]
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
def test_reads_day_counts_equal_a_group_by(ledger: Ledger, filters: dict) -> None:
    ours = lq.per_day_counts(ledger, lq.EventFilters(**filters))
    ev = t.events
    with ledger.connect() as conn:
        where = event_conditions(conn, lq.EventFilters(**filters))
        grouped = conn.execute(
            event_select()
            .with_only_columns(ev.c.sort_date, ev.c.type, func.count())
            .where(*where)
            .group_by(ev.c.sort_date, ev.c.type)
        ).all()
    assert sorted(
        (d.isoformat(), ty, n) for d, by in ours.items() for ty, n in by.items()
    ) == sorted((day, ty, n) for day, ty, n in grouped)
