"""Events: filtered pages newest first, the timeline by day, and counts per period for charts."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, tuple_

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.queries.buckets import BUCKET_SIZES, Bucket, BucketSize, auto_bucket, fold
from newsledger.ledger.queries.filters import EventFilters, actor_keys, event_conditions
from newsledger.ledger.queries.paging import CHUNK, check_limit, decode_cursor, page
from newsledger.ledger.queries.rows import (
    EventPage,
    EventRow,
    TimelineDay,
    event_row,
    event_select,
    export_row,
)
from newsledger.ledger.store import Ledger


def events(
    ledger: Ledger,
    filters: EventFilters | None = None,
    *,
    limit: int = 50,
    cursor: str | None = None,
    **by: Any,
) -> EventPage:
    """Events, newest first, filtered; pass ``next_cursor`` back to get the next page.

    Give ``filters``, or its fields by name (``actor="Kim Jong Un", type="WEAPONS_TEST"``).
    """
    return event_page(ledger, _filters(filters, by), limit=limit, cursor=cursor)


def _filters(filters: EventFilters | None, by: dict[str, Any]) -> EventFilters:
    if filters is not None and by:
        raise TypeError("give filters or filter fields by name, not both")
    return filters if filters is not None else EventFilters(**by)


def event_page(
    ledger: Ledger, filters: EventFilters, *, limit: int = 50, cursor: str | None = None
) -> EventPage:
    """A page of the events ``filters`` select, newest first."""
    limit = check_limit(limit)
    ev = t.events
    with ledger.connect() as conn:
        where = event_conditions(conn, filters, with_actor=False)
        if cursor:
            day, last_id = decode_cursor(cursor, (str, int))
            where.append(tuple_(ev.c.sort_date, ev.c.id) < tuple_(day, last_id))
        if filters.actor:
            found = _newest_per_actor_key(conn, filters.actor, where, limit + 1)
        else:
            found = _newest(conn, where, limit + 1)
    rows, next_cursor = page(found, limit, lambda r: (r.sort_date, r.id))
    return EventPage(rows, next_cursor)


def _newest(conn: Connection, where: list[Any], n: int) -> list[EventRow]:
    ev = t.events
    query = event_select().where(*where).order_by(ev.c.sort_date.desc(), ev.c.id.desc()).limit(n)
    return [event_row(r) for r in conn.execute(query)]


def _newest_per_actor_key(conn: Connection, actor: str, where: list[Any], n: int) -> list[EventRow]:
    """The newest ``n`` events of an actor, planned for a large ledger.

    An actor matches every ``actor_key`` its name stands for (the name itself and the canonical
    names of the entities it names: "Kim" -> "kim", "kim jong un"). For more than one key SQLite
    fetches every event of the actor and sorts them; each key alone walks the
    (actor_key, sort_date, id) index in order and stops after one page. So: the newest ``n`` of
    each key, merged.
    """
    ev = t.events
    found: dict[int, EventRow] = {}
    for key in actor_keys(conn, actor):
        for row in _newest(conn, [*where, ev.c.actor_key == key], n):
            found[row.id] = row
    return sorted(found.values(), key=lambda r: (r.sort_date, r.id), reverse=True)[:n]


def timeline(
    ledger: Ledger, filters: EventFilters | None = None, *, limit: int = 500, **by: Any
) -> list[TimelineDay]:
    """The most recent ``limit`` matching events, in chronological order, grouped by day; one
    row per happening: a fused event told by several reports (or twice in one) shows once, at
    its first report, which carries the count of the others.

    Free text (``filters.text``) does not apply: the timeline shows what the counts count.
    """
    filters = replace(_filters(filters, by), text=None)
    rows = event_page(ledger, filters, limit=limit).rows
    rows.reverse()
    days: list[TimelineDay] = []
    shown: set[tuple[int, str]] = set()
    for row in rows:
        if row.fused_event_id is not None:
            happening = (row.fused_event_id, row.modality)
            if happening in shown:
                continue  # the same happening again ("+1 more report(s)" on its first row)
            shown.add(happening)
        if not days or days[-1].day != row.sort_date:
            days.append(TimelineDay(row.sort_date, []))
        days[-1].events.append(row)
    return days


def timeline_buckets(
    ledger: Ledger, filters: EventFilters | None = None, bucket: BucketSize | None = None
) -> tuple[BucketSize, list[Bucket]]:
    """Counts of the filtered events per bucket and type, oldest first, empty buckets included
    (see ``buckets.fold``: a range of more than MAX_FILLED_BUCKETS keeps only the non-empty ones).

    ``bucket`` None picks a size from the date range; ``filters.text`` does not apply.
    """
    if bucket is not None and bucket not in BUCKET_SIZES:
        raise LedgerError(f"bucket must be day, week or month, not {bucket!r}")
    per_day = per_day_counts(ledger, filters or EventFilters())
    size = bucket or auto_bucket(per_day)
    return size, fold(per_day, size)


# Per-day counts only change when events are added: the ledger appends events and never
# updates or deletes their date, type or evidence flag. The timeline chart is the most requested
# read and its aggregate the slowest query on a large ledger, so the counts are kept per filter
# set with the newest event id they include; a later request adds only the events stored since
# (a primary-key range), so an ingest running beside a reader costs each request a few rows.
# On SQLite ids grow in commit order (one writer at a time); PostgreSQL sequences do not
# guarantee that, so there a changed newest id means a full recount.
@dataclass(slots=True)
class _DayCounts:
    upto: int
    per_day: dict[date, dict[str, int]]


_DAY_CACHE: OrderedDict[tuple[Any, ...], _DayCounts] = OrderedDict()
_DAY_CACHE_SIZE = 64
_DAY_CACHE_LOCK = threading.Lock()


def newest_event_id(ledger: Ledger) -> int:
    with ledger.connect() as conn:
        return int(conn.execute(select(func.max(t.events.c.id))).scalar() or 0)


def count_events(ledger: Ledger, filters: EventFilters) -> int:
    """How many events match the filters."""
    with ledger.connect() as conn:
        where = event_conditions(conn, filters)
        return int(
            conn.execute(select(func.count()).select_from(t.events).where(*where)).scalar_one()
        )


def per_day_counts(ledger: Ledger, filters: EventFilters) -> dict[date, dict[str, int]]:
    """Event counts per day and type for the filters (text excluded), from the cache if current."""
    filters = replace(filters, text=None)
    cache_key = (str(ledger.engine.url), filters.cache_key())
    newest = newest_event_id(ledger)
    with _DAY_CACHE_LOCK:
        cached = _DAY_CACHE.get(cache_key)
        if cached is not None:
            _DAY_CACHE.move_to_end(cache_key)
            if cached.upto == newest:
                return cached.per_day
    incremental = cached is not None and cached.upto < newest and ledger.dialect == "sqlite"
    ev = t.events
    with ledger.connect() as conn:
        where = event_conditions(conn, filters)
        where.append(ev.c.id <= newest)
        if incremental:
            assert cached is not None
            where.append(ev.c.id > cached.upto)
        rows = conn.execute(
            select(ev.c.sort_date, ev.c.type, func.count())
            .where(*where)
            .group_by(ev.c.sort_date, ev.c.type)
        ).all()
    per_day: dict[date, dict[str, int]] = (
        {day: dict(by_type) for day, by_type in cached.per_day.items()}
        if incremental and cached
        else {}
    )
    for day_text, event_type, n in rows:
        try:
            day = date.fromisoformat(day_text)
        except (TypeError, ValueError):
            continue  # sort_date is always an ISO day; skip rather than fail a read on one bad row
        by_type = per_day.setdefault(day, {})
        by_type[event_type] = by_type.get(event_type, 0) + n
    with _DAY_CACHE_LOCK:
        current = _DAY_CACHE.get(cache_key)
        if current is None or current.upto <= newest:
            _DAY_CACHE[cache_key] = _DayCounts(newest, per_day)
        while len(_DAY_CACHE) > _DAY_CACHE_SIZE:
            _DAY_CACHE.popitem(last=False)
    return per_day


_DISTINCT: dict[tuple[str, str], tuple[int, set[str]]] = {}
_DISTINCT_LOCK = threading.Lock()


def _distinct(ledger: Ledger, column: str) -> list[str]:
    """Distinct non-null values of an events column, kept up to date like the day counts."""
    ev = t.events
    col = ev.c[column]
    key = (str(ledger.engine.url), column)
    newest = newest_event_id(ledger)
    with _DISTINCT_LOCK:
        upto, values = _DISTINCT.get(key, (0, set()))
    if upto != newest:
        incremental = 0 < upto < newest and ledger.dialect == "sqlite"
        query = select(col).where(col.is_not(None), ev.c.id <= newest).distinct()
        if incremental:
            query = query.where(ev.c.id > upto)
        with ledger.connect() as conn:
            found = {r[0] for r in conn.execute(query)}
        values = (values | found) if incremental else found
        with _DISTINCT_LOCK:
            _DISTINCT[key] = (newest, values)
    return sorted(values, key=str.casefold)


def event_types(ledger: Ledger) -> list[str]:
    """The event types present, for a filter menu."""
    return _distinct(ledger, "type")


def outlets(ledger: Ledger) -> list[str]:
    """The outlets that reported events, for a filter's suggestions."""
    return _distinct(ledger, "outlet")


def iter_event_rows(
    ledger: Ledger,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    include_near_duplicates: bool = False,
    min_confidence: float | None = None,
) -> Iterator[dict[str, Any]]:
    """Every event as a flat dict (EVENT_FIELDS), in chronological order."""
    ev = t.events
    with ledger.connect() as conn:
        where = event_conditions(
            conn,
            EventFilters(
                since=since,
                until=until,
                include_near_duplicates=include_near_duplicates,
                min_confidence=min_confidence,
            ),
        )
    query = event_select().where(*where).order_by(ev.c.sort_date, ev.c.id)
    with ledger.connect() as conn:
        for row in conn.execution_options(yield_per=CHUNK).execute(query):
            yield export_row(row)
