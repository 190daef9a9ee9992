"""The web layer's reads: engineer G's ledger queries, plus the few the pages need beyond them.

Most reads go straight to :mod:`newsledger.ledger.queries`. Added here, in SQLAlchemy Core
over the ledger's tables with bound parameters only:

* events and timeline counts of one canonical entity *by id*, as actor or target (the ledger's
  queries filter by name, which may match several entities);
* the article's local-to-canonical entity ids, so highlights link to entity pages;
* folding per-day counts into day/week/month buckets with the empty ones filled in, and
  choosing a bucket size for a chart;
* checking cursors before they reach SQL, so a forged cursor is a 400, not a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import and_, func, or_, select, tuple_

from newsledger.errors import LedgerError
from newsledger.ledger import queries as lq
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.serve.chart import Bucket
from newsledger.serve.errors import ApiError

BucketSize = Literal["day", "week", "month"]
MAX_LIMIT = 500
T = TypeVar("T")


# -- cursors and errors -----------------------------------------------------------------


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def check_cursor(cursor: str | None, shape: tuple[type, ...]) -> list[Any] | None:
    """The sort key inside ``cursor``, checked against the shape the list issues."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise ApiError(
            400, "cursor is not one this server issued; pass next_cursor unchanged"
        ) from e
    if (
        not isinstance(key, list)
        or len(key) != len(shape)
        or not all(
            isinstance(v, kind) and not isinstance(v, bool) and (kind is not int or is_int64(v))
            for v, kind in zip(key, shape, strict=True)
        )
    ):
        raise ApiError(
            400, "cursor is not one this server issued for this list; pass next_cursor unchanged"
        )
    return key


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def is_int64(value: int) -> bool:
    """Whether ``value`` fits a database integer column; a larger one cannot name a row."""
    return INT64_MIN <= value <= INT64_MAX


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a ledger query; its input errors (bad date, limit, cursor) become a 400."""
    try:
        return fn(*args, **kwargs)
    except LedgerError as e:
        raise ApiError(400, str(e)) from e


# -- events -----------------------------------------------------------------------------


@dataclass(slots=True)
class EventFilters:
    """The filters of the events list and the timeline, as the ledger's queries take them."""

    actor: str | None = None
    type: str | None = None
    modality: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None  # events list only: the timeline counts ignore it
    include_near_duplicates: bool = False

    def kwargs(self, *, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "actor": self.actor,
            "type": self.type,
            "modality": self.modality,
            "outlet": self.outlet,
            "since": self.since,
            "until": self.until,
            "include_near_duplicates": self.include_near_duplicates,
        }
        if with_text:
            out["text"] = self.text
        return out

    def as_params(self) -> dict[str, str]:
        """The filters as query-string parameters, for links that keep them."""
        params = {
            "actor": self.actor,
            "type": self.type,
            "modality": self.modality,
            "outlet": self.outlet,
            "since": self.since,
            "until": self.until,
            "text": self.text,
        }
        return {k: v for k, v in params.items() if v}


def events(
    ledger: Ledger, filters: EventFilters, *, limit: int = 50, cursor: str | None = None
) -> lq.EventPage:
    """A page of events, newest first; the ledger's query, with a faster plan for an actor."""
    key = check_cursor(cursor, (str, int))
    if filters.actor:
        return call(_actor_events, ledger, filters, limit, key)
    return call(lq.events, ledger, **filters.kwargs(), limit=limit, cursor=cursor)


def _actor_events(
    ledger: Ledger, filters: EventFilters, limit: int, key: list[Any] | None
) -> lq.EventPage:
    """``ledger.queries.events(actor=...)`` with the same rows, planned for a large ledger.

    The ledger matches an actor by every ``actor_key`` the name stands for (the name itself and
    the canonical names of the entities it names: "Kim" -> "kim", "kim jong un"). For more than
    one key SQLite fetches every event of the actor and sorts them; each key alone walks the
    (actor_key, sort_date, id) index in order and stops after one page. So: the newest
    ``limit + 1`` of each key, merged. tests/serve/test_queries.py checks the rows equal the
    ledger's own query.
    """
    assert filters.actor is not None
    ev = t.events
    limit = min(max(limit, 1), lq.MAX_LIMIT)
    with ledger.connect() as conn:
        base = lq._event_filters(  # the ledger's own filter semantics for everything but the actor
            conn,
            actor=None,
            type=filters.type,
            modality=filters.modality,
            outlet=filters.outlet,
            since=filters.since,
            until=filters.until,
            text_=filters.text,
            include_near_duplicates=filters.include_near_duplicates,
        )
        if key is not None:
            base.append(tuple_(ev.c.sort_date, ev.c.id) < tuple_(str(key[0]), int(key[1])))
        found: dict[int, lq.EventRow] = {}
        for actor_key in lq.actor_keys(conn, filters.actor):
            query = (
                lq._event_select()
                .where(*base, ev.c.actor_key == actor_key)
                .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
                .limit(limit + 1)
            )
            for r in conn.execute(query):
                row = lq._event_row(r)
                found[row.id] = row
    rows = sorted(found.values(), key=lambda r: (r.sort_date, r.id), reverse=True)[: limit + 1]
    more = len(rows) > limit
    rows = rows[:limit]
    return lq.EventPage(
        rows, encode_cursor([rows[-1].sort_date, rows[-1].id]) if more and rows else None
    )


# Per-day counts only change when events are added: the ledger appends events and never
# updates or deletes their date, type or evidence flag. The timeline page is the most requested
# page and its aggregate the slowest query on a large ledger, so the counts are kept per filter
# set with the newest event id they include; a later request adds only the events stored since
# (a primary-key range), so an ingest running beside the server costs each request a few rows.
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


def per_day_counts(ledger: Ledger, filters: EventFilters) -> dict[date, dict[str, int]]:
    """Event counts per day and type for the filters (text excluded), from the cache if current."""
    kwargs = filters.kwargs(with_text=False)
    cache_key = (str(ledger.engine.url), tuple(sorted(kwargs.items())))
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
        where = call(
            lq._event_filters,
            conn,
            **{k: v for k, v in kwargs.items() if k != "include_near_duplicates"},
            text_=None,
            include_near_duplicates=filters.include_near_duplicates,
        )
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
            continue  # sort_date is always an ISO day; skip rather than fail a page on one bad row
        by_type = per_day.setdefault(day, {})
        by_type[event_type] = by_type.get(event_type, 0) + n
    with _DAY_CACHE_LOCK:
        current = _DAY_CACHE.get(cache_key)
        if current is None or current.upto <= newest:
            _DAY_CACHE[cache_key] = _DayCounts(newest, per_day)
        while len(_DAY_CACHE) > _DAY_CACHE_SIZE:
            _DAY_CACHE.popitem(last=False)
    return per_day


def timeline(
    ledger: Ledger, filters: EventFilters, bucket: BucketSize | None
) -> tuple[BucketSize, list[Bucket]]:
    """Chart buckets of the filtered events; ``bucket`` None picks a size from the date range."""
    per_day = per_day_counts(ledger, filters)
    size = bucket or auto_bucket(per_day)
    return size, fold(per_day, size)


def entity_events(
    ledger: Ledger, entity_id: int, *, limit: int = 50, cursor: str | None = None
) -> lq.EventPage:
    """Events where the entity is actor or target, newest first (evidence only)."""
    ev, fe, ar = t.events, t.fused_events, t.articles
    key = check_cursor(cursor, (str, int))
    if not is_int64(entity_id):
        return lq.EventPage([], None)
    where = [
        or_(ev.c.actor_entity_id == entity_id, ev.c.target_entity_id == entity_id),
        ev.c.is_evidence.is_(True),
    ]
    if key is not None:
        where.append(tuple_(ev.c.sort_date, ev.c.id) < tuple_(key[0], key[1]))
    query = (
        select(ev, ar.c.headline, ar.c.published, fe.c.article_count, fe.c.outlet_count)
        .select_from(
            ev.join(ar, ar.c.id == ev.c.article_id).outerjoin(fe, fe.c.id == ev.c.fused_event_id)
        )
        .where(and_(*where))
        .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
        .limit(limit + 1)
    )
    with ledger.connect() as conn:
        rows = [_event_row(r) for r in conn.execute(query).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    return lq.EventPage(
        rows, encode_cursor([rows[-1].sort_date, rows[-1].id]) if more and rows else None
    )


def entity_timeline(ledger: Ledger, entity_id: int) -> tuple[BucketSize, list[Bucket]]:
    if not is_int64(entity_id):
        return "day", []
    ev = t.events
    query = (
        select(ev.c.sort_date, ev.c.type, func.count())
        .where(
            or_(ev.c.actor_entity_id == entity_id, ev.c.target_entity_id == entity_id),
            ev.c.is_evidence.is_(True),
        )
        .group_by(ev.c.sort_date, ev.c.type)
    )
    per_day: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with ledger.connect() as conn:
        for day, event_type, n in conn.execute(query):
            per_day[date.fromisoformat(day)][event_type] += n
    size = auto_bucket(per_day)
    return size, fold(per_day, size)


def _event_row(r: Any) -> lq.EventRow:
    return lq.EventRow(
        id=r["id"],
        article_id=r["article_id"],
        local_id=r["local_id"],
        type=r["type"],
        trigger=r["trigger"],
        actor=r["actor"],
        actor_entity_id=r["actor_entity_id"],
        target=r["target"],
        target_entity_id=r["target_entity_id"],
        object=r["object"],
        location=r["location"],
        date=r["date_value"],
        date_start=r["date_start"],
        date_end=r["date_end"],
        sort_date=r["sort_date"],
        modality=r["modality"],
        sources=json.loads(r["sources"] or "[]"),
        outlet=r["outlet"],
        headline=r["headline"],
        published=r["published"],
        span=(r["span_start"], r["span_end"]),
        fused_event_id=r["fused_event_id"],
        is_evidence=bool(r["is_evidence"]),
        article_count=r["article_count"] or 1,
        outlet_count=r["outlet_count"] or 1,
    )


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
    """The event types present, for the filter menu."""
    return _distinct(ledger, "type")


def outlets(ledger: Ledger) -> list[str]:
    """The outlets that reported events, for the filter's suggestions."""
    return _distinct(ledger, "outlet")


# -- buckets ----------------------------------------------------------------------------


def auto_bucket(per_day: Iterable[date]) -> BucketSize:
    """Days for a couple of months of events, weeks up to about a year, months beyond."""
    days = list(per_day)
    if not days:
        return "day"
    span = (max(days) - min(days)).days
    if span <= 62:
        return "day"
    if span <= 420:
        return "week"
    return "month"


def fold(per_day: dict[date, dict[str, int]], size: BucketSize) -> list[Bucket]:
    """Per-day counts -> consecutive buckets from the first to the last, empty ones included."""
    if not per_day:
        return []
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, by_type in per_day.items():
        first = bucket_start(day, size)
        for event_type, n in by_type.items():
            counts[first][event_type] += n
    out: list[Bucket] = []
    current, last = min(counts), max(counts)
    while current <= last:
        following = next_bucket(current, size)
        out.append(
            Bucket(
                bucket_label(current, size),
                current.isoformat(),
                (following - timedelta(days=1)).isoformat(),
                dict(counts.get(current, {})),
            )
        )
        current = following
    return out


def bucket_start(day: date, size: BucketSize) -> date:
    if size == "week":
        return day - timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def next_bucket(first: date, size: BucketSize) -> date:
    if size == "week":
        return first + timedelta(days=7)
    if size == "month":
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first + timedelta(days=1)


def bucket_label(first: date, size: BucketSize) -> str:
    if size == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if size == "month":
        return first.strftime("%Y-%m")
    return first.isoformat()


# -- articles and entities --------------------------------------------------------------


def article_entity_ids(ledger: Ledger, article_id: str) -> dict[str, int]:
    """The article's local entity ids ("e1") -> canonical entity ids."""
    ae = t.article_entities
    with ledger.connect() as conn:
        return dict(
            conn.execute(
                select(ae.c.local_id, ae.c.entity_id).where(ae.c.article_id == article_id)
            ).all()
        )


def entity_profile(ledger: Ledger, entity_id: int, *, latest: int = 20) -> lq.EntityProfile | None:
    """The ledger's profile of the entity with this id (profiles are looked up by name)."""
    if not is_int64(entity_id):
        return None
    en = t.entities
    with ledger.connect() as conn:
        row = conn.execute(select(en.c.name, en.c.type).where(en.c.id == entity_id)).first()
    if row is None:
        return None
    # (name, type) is unique and an exact canonical name wins over aliases in the ledger's
    # matching, so this finds the same entity; check rather than assume.
    profile = call(lq.entity_profile, ledger, row.name, type=row.type, latest=latest)
    if profile is None or profile.id != entity_id:
        return None
    return profile


def search(
    ledger: Ledger, text: str, *, limit: int, cursor: str | None
) -> tuple[list[lq.SearchHit], str | None]:
    """A page of search hits; the cursor holds the offset (the ledger ranks, we slice)."""
    key = check_cursor(cursor, (int,))
    offset = key[0] if key else 0
    if offset < 0 or offset + limit >= lq.MAX_LIMIT:
        raise ApiError(400, f"search pages stop at the first {lq.MAX_LIMIT} hits; narrow the query")
    hits = call(lq.search, ledger, text, limit=offset + limit + 1)
    page = hits[offset : offset + limit]
    more = len(hits) > offset + limit
    return page, encode_cursor([offset + limit]) if more else None
