"""Read the ledger: the functions behind the CLI's query commands and the web API.

Every function takes a :class:`~newsledger.ledger.store.Ledger` first and returns plain
dataclasses with ``to_dict()`` (JSON-ready). Filters are bound parameters; every list is
bounded (``limit``) and paged with an opaque cursor where it can grow without end.

Name filters (``actor``, ``about``, ``entity_profile``) match a canonical entity by its name
or any alias, case-insensitively, and also events whose actor was named but not resolved to
an entity.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Select,
    and_,
    func,
    or_,
    select,
    text,
    tuple_,
)

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger, name_key
from newsledger.records import ArticleRecord

Granularity = Literal["day", "week", "month"]
MAX_LIMIT = 1000


# -- result types ----------------------------------------------------------------------


@dataclass(slots=True)
class EventRow:
    id: int
    article_id: str
    local_id: str
    type: str
    trigger: str
    actor: str | None
    actor_entity_id: int | None
    target: str | None
    target_entity_id: int | None
    object: str | None
    location: str | None
    date: str | None  # the TimeML value of when it happened, if the text says
    date_start: str | None
    date_end: str | None
    sort_date: str  # when it happened if known, else the article's date
    modality: str
    sources: list[dict[str, Any]]
    outlet: str | None
    headline: str | None
    published: str | None
    span: tuple[int, int]
    fused_event_id: int | None
    is_evidence: bool
    # how many distinct articles / outlets report the same event (fuse.corroboration)
    article_count: int = 1
    outlet_count: int = 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span)
        return data


@dataclass(slots=True)
class EventPage:
    rows: list[EventRow]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"rows": [r.to_dict() for r in self.rows], "next_cursor": self.next_cursor}


@dataclass(slots=True)
class TimelineDay:
    day: str
    events: list[EventRow]

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "events": [e.to_dict() for e in self.events]}


@dataclass(slots=True)
class Bucket:
    period: str  # the first day of the bucket (ISO); weeks start on Monday
    type: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ArticleView:
    record: ArticleRecord
    ingested_at: str
    raw_ref: str | None
    content_hash: str
    near_duplicate_of: str | None
    near_duplicate_similarity: float | None
    near_duplicates: list[str]  # stored copies of this article

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record.to_dict(),
            "ingested_at": self.ingested_at,
            "raw_ref": self.raw_ref,
            "content_hash": self.content_hash,
            "near_duplicate_of": self.near_duplicate_of,
            "near_duplicate_similarity": self.near_duplicate_similarity,
            "near_duplicates": self.near_duplicates,
        }


@dataclass(slots=True)
class ArticleSummary:
    id: str
    headline: str | None
    outlet: str | None
    published: str | None
    source_uri: str | None
    near_duplicate_of: str | None
    ingested_at: str
    event_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ArticlePage:
    rows: list[ArticleSummary]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"rows": [r.to_dict() for r in self.rows], "next_cursor": self.next_cursor}


@dataclass(slots=True)
class ClaimRef:
    id: int
    article_id: str
    text: str
    polarity: str
    outlet: str | None
    published: str | None
    basis: str  # "article" (same article) or "cross-article"
    score: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ClaimRow:
    id: int
    article_id: str
    position: int
    text: str
    polarity: str
    hedged: bool
    cue: str | None
    sources: list[dict[str, Any]]  # outermost first: name, entity_id, cue
    about: list[str]  # canonical names of the entities the claim mentions
    outlet: str | None
    published: str | None
    headline: str | None
    span: tuple[int, int]
    denies: list[ClaimRef] = field(default_factory=list)  # what this denial denies
    denied_by: list[ClaimRef] = field(default_factory=list)  # denials of this claim

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["span"] = list(self.span)
        data["denies"] = [d.to_dict() for d in self.denies]
        data["denied_by"] = [d.to_dict() for d in self.denied_by]
        return data


@dataclass(slots=True)
class ClaimPage:
    rows: list[ClaimRow]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"rows": [r.to_dict() for r in self.rows], "next_cursor": self.next_cursor}


@dataclass(slots=True)
class QuoteRow:
    article_id: str
    text: str
    speaker: str | None
    outlet: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EntityProfile:
    id: int
    name: str
    type: str
    weapon_class: str | None
    aliases: list[str]
    article_count: int
    mention_count: int
    event_count: int  # events with this entity as actor
    target_count: int  # events with this entity as target
    event_types: dict[str, int]
    latest_events: list[EventRow]
    said: list[ClaimRow]  # claims this entity is a source of
    said_about: list[ClaimRow]  # claims by others that mention it
    quotes: list[QuoteRow]
    other_matches: list[dict[str, Any]]  # other entities with the same name/alias (id, name, type)

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["latest_events"] = [e.to_dict() for e in self.latest_events]
        data["said"] = [c.to_dict() for c in self.said]
        data["said_about"] = [c.to_dict() for c in self.said_about]
        data["quotes"] = [q.to_dict() for q in self.quotes]
        return data


@dataclass(slots=True)
class SearchHit:
    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class FailureRow:
    id: int
    source: str
    reason: str
    stage: str
    occurred_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class LedgerStats:
    articles: int
    near_duplicates: int
    entities: int
    events: int
    claims: int
    failures: int
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- helpers ---------------------------------------------------------------------------


def _limit(limit: int) -> int:
    if limit < 1:
        raise LedgerError(f"limit must be at least 1, got {limit}")
    return min(limit, MAX_LIMIT)


def _day(value: str | date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as e:
        raise LedgerError(f"{what} {value!r} is not a date in YYYY-MM-DD form") from e


def _encode_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, n: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        parts = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as e:
        raise LedgerError(f"cursor {cursor!r} is not one this ledger handed out") from e
    if not isinstance(parts, list) or len(parts) != n:
        raise LedgerError(f"cursor {cursor!r} is not one this ledger handed out")
    return parts


def entity_ids(conn: Connection, name: str, type_: str | None = None) -> list[int]:
    """Canonical entities whose name or an alias is ``name`` (case-insensitive)."""
    key = name_key(name)
    query = (
        select(t.entities.c.id)
        .where(
            or_(
                t.entities.c.name_key == key,
                t.entities.c.id.in_(
                    select(t.entity_aliases.c.entity_id).where(t.entity_aliases.c.alias_key == key)
                ),
            )
        )
        .order_by(t.entities.c.id)
    )
    if type_:
        query = query.where(t.entities.c.type == type_)
    return [r for (r,) in conn.execute(query)]


def actor_keys(conn: Connection, name: str) -> list[str]:
    """The ``events.actor_key`` values that mean ``name``: the canonical names of the entities
    it names (by name or alias) and the name itself (an actor never resolved to an entity).

    The store keys an event's actor by its entity's canonical name, so a filter on this one
    indexed column finds both kinds without an OR across two indexes.
    """
    keys = {name_key(name)}
    ids = entity_ids(conn, name)
    if ids:
        keys.update(
            k
            for (k,) in conn.execute(select(t.entities.c.name_key).where(t.entities.c.id.in_(ids)))
        )
    return sorted(keys)


def _event_columns() -> list[Any]:
    ev, fe, ar = t.events, t.fused_events, t.articles
    return [
        ev.c.id,
        ev.c.article_id,
        ev.c.local_id,
        ev.c.type,
        ev.c.trigger,
        ev.c.actor,
        ev.c.actor_entity_id,
        ev.c.target,
        ev.c.target_entity_id,
        ev.c.object,
        ev.c.location,
        ev.c.date_value,
        ev.c.date_start,
        ev.c.date_end,
        ev.c.sort_date,
        ev.c.modality,
        ev.c.sources,
        ev.c.outlet,
        ar.c.headline,
        ar.c.published,
        ev.c.span_start,
        ev.c.span_end,
        ev.c.fused_event_id,
        ev.c.is_evidence,
        fe.c.article_count,
        fe.c.outlet_count,
    ]


def _event_select() -> Select[Any]:
    ev, fe, ar = t.events, t.fused_events, t.articles
    return select(*_event_columns()).select_from(
        ev.join(ar, ar.c.id == ev.c.article_id).outerjoin(fe, fe.c.id == ev.c.fused_event_id)
    )


def _event_row(r: Any) -> EventRow:
    return EventRow(
        id=r.id,
        article_id=r.article_id,
        local_id=r.local_id,
        type=r.type,
        trigger=r.trigger,
        actor=r.actor,
        actor_entity_id=r.actor_entity_id,
        target=r.target,
        target_entity_id=r.target_entity_id,
        object=r.object,
        location=r.location,
        date=r.date_value,
        date_start=r.date_start,
        date_end=r.date_end,
        sort_date=r.sort_date,
        modality=r.modality,
        sources=json.loads(r.sources) if r.sources and r.sources != "[]" else [],
        outlet=r.outlet,
        headline=r.headline,
        published=r.published,
        span=(r.span_start, r.span_end),
        fused_event_id=r.fused_event_id,
        is_evidence=bool(r.is_evidence),
        article_count=r.article_count or 1,
        outlet_count=r.outlet_count or 1,
    )


def _event_filters(
    conn: Connection,
    *,
    actor: str | None,
    type: str | None,
    modality: str | None,
    outlet: str | None,
    since: str | date | None,
    until: str | date | None,
    text_: str | None,
    include_near_duplicates: bool,
) -> list[Any]:
    ev = t.events
    where: list[Any] = []
    if actor:
        where.append(ev.c.actor_key.in_(actor_keys(conn, actor)))
    if type:
        where.append(ev.c.type == type.upper())
    if modality:
        where.append(ev.c.modality == modality.lower())
    if outlet:
        where.append(ev.c.outlet == outlet)
    since_day, until_day = _day(since, "since"), _day(until, "until")
    if since_day:
        where.append(ev.c.sort_date >= since_day)
    if until_day:
        where.append(ev.c.sort_date <= until_day)
    if text_:
        like = f"%{_escape_like(text_.casefold())}%"
        where.append(
            or_(
                func.lower(ev.c.trigger).like(like, escape="\\"),
                func.lower(ev.c.object).like(like, escape="\\"),
                func.lower(ev.c.actor).like(like, escape="\\"),
                func.lower(ev.c.target).like(like, escape="\\"),
                func.lower(ev.c.location).like(like, escape="\\"),
            )
        )
    if not include_near_duplicates:
        where.append(ev.c.is_evidence.is_(True))
    return where


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- events and timelines --------------------------------------------------------------


def events(
    ledger: Ledger,
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    text: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    include_near_duplicates: bool = False,
) -> EventPage:
    """Events, newest first, filtered; pass ``next_cursor`` back to get the next page."""
    limit = _limit(limit)
    ev = t.events
    with ledger.connect() as conn:
        where = _event_filters(
            conn,
            actor=actor,
            type=type,
            modality=modality,
            outlet=outlet,
            since=since,
            until=until,
            text_=text,
            include_near_duplicates=include_near_duplicates,
        )
        if cursor:
            day, last_id = _decode_cursor(cursor, 2)
            where.append(tuple_(ev.c.sort_date, ev.c.id) < tuple_(str(day), int(last_id)))
        query = (
            _event_select()
            .where(*where)
            .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
            .limit(limit + 1)
        )
        rows = [_event_row(r) for r in conn.execute(query)]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _encode_cursor(rows[-1].sort_date, rows[-1].id) if more and rows else None
    return EventPage(rows, next_cursor)


def timeline(
    ledger: Ledger,
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 500,
    include_near_duplicates: bool = False,
) -> list[TimelineDay]:
    """The most recent ``limit`` matching events, in chronological order, grouped by day."""
    limit = _limit(limit)
    ev = t.events
    with ledger.connect() as conn:
        where = _event_filters(
            conn,
            actor=actor,
            type=type,
            modality=modality,
            outlet=outlet,
            since=since,
            until=until,
            text_=None,
            include_near_duplicates=include_near_duplicates,
        )
        query = (
            _event_select()
            .where(*where)
            .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
            .limit(limit)
        )
        rows = [_event_row(r) for r in conn.execute(query)]
    rows.reverse()
    days: list[TimelineDay] = []
    for row in rows:
        if not days or days[-1].day != row.sort_date:
            days.append(TimelineDay(row.sort_date, []))
        days[-1].events.append(row)
    return days


def _period_start(day: str, granularity: Granularity) -> str:
    d = date.fromisoformat(day)
    if granularity == "week":
        d = d - timedelta(days=d.weekday())
    elif granularity == "month":
        d = d.replace(day=1)
    return d.isoformat()


def timeline_buckets(
    ledger: Ledger,
    *,
    granularity: Granularity = "day",
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    include_near_duplicates: bool = False,
) -> list[Bucket]:
    """Event counts per period and type, oldest period first (for charts)."""
    if granularity not in ("day", "week", "month"):
        raise LedgerError(f"granularity must be day, week or month, not {granularity!r}")
    ev = t.events
    with ledger.connect() as conn:
        where = _event_filters(
            conn,
            actor=actor,
            type=type,
            modality=modality,
            outlet=outlet,
            since=since,
            until=until,
            text_=None,
            include_near_duplicates=include_near_duplicates,
        )
        # Group by day in SQL (index order), then fold days into weeks or months here.
        query = (
            select(ev.c.sort_date, ev.c.type, func.count())
            .where(*where)
            .group_by(ev.c.sort_date, ev.c.type)
        )
        counts: dict[tuple[str, str], int] = {}
        for day, etype, n in conn.execute(query):
            key = (_period_start(day, granularity), etype)
            counts[key] = counts.get(key, 0) + n
    return [Bucket(p, ty, n) for (p, ty), n in sorted(counts.items())]


# -- articles --------------------------------------------------------------------------


def article(ledger: Ledger, article_id: str) -> ArticleView | None:
    """The full record of one stored article, or None."""
    ar = t.articles
    with ledger.connect() as conn:
        row = conn.execute(select(ar).where(ar.c.id == article_id)).first()
        if row is None:
            return None
        copies = [
            r
            for (r,) in conn.execute(
                select(ar.c.id)
                .where(ar.c.near_duplicate_of == article_id)
                .order_by(ar.c.ingested_at)
            )
        ]
    data = json.loads(row.record)
    data["text"] = row.text
    record = ArticleRecord.from_dict(data)
    return ArticleView(
        record=record,
        ingested_at=_iso(row.ingested_at),
        raw_ref=row.raw_ref,
        content_hash=row.content_hash,
        near_duplicate_of=row.near_duplicate_of,
        near_duplicate_similarity=row.near_duplicate_similarity,
        near_duplicates=copies,
    )


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        # SQLite hands back naive datetimes; the ledger writes UTC.
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return str(value)


def articles(
    ledger: Ledger,
    *,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> ArticlePage:
    """Stored articles, most recently ingested first."""
    limit = _limit(limit)
    ar, ev = t.articles, t.events
    where: list[Any] = []
    if outlet:
        where.append(ar.c.outlet == outlet)
    since_day, until_day = _day(since, "since"), _day(until, "until")
    if since_day:
        where.append(ar.c.published >= since_day)
    if until_day:
        where.append(ar.c.published <= until_day)
    with ledger.connect() as conn:
        if cursor:
            seq, last_id = _decode_cursor(cursor, 2)
            where.append(
                or_(
                    ar.c.ingested_at < datetime.fromisoformat(seq),
                    and_(ar.c.ingested_at == datetime.fromisoformat(seq), ar.c.id < last_id),
                )
            )
        n_events = select(func.count()).where(ev.c.article_id == ar.c.id).scalar_subquery()
        query = (
            select(
                ar.c.id,
                ar.c.headline,
                ar.c.outlet,
                ar.c.published,
                ar.c.source_uri,
                ar.c.near_duplicate_of,
                ar.c.ingested_at,
                n_events.label("n"),
            )
            .where(*where)
            .order_by(ar.c.ingested_at.desc(), ar.c.id.desc())
            .limit(limit + 1)
        )
        raw_rows = conn.execute(query).all()
    rows = [
        ArticleSummary(
            r.id,
            r.headline,
            r.outlet,
            r.published,
            r.source_uri,
            r.near_duplicate_of,
            _iso(r.ingested_at),
            r.n,
        )
        for r in raw_rows[:limit]
    ]
    more = len(raw_rows) > limit
    last = raw_rows[limit - 1] if more else None
    next_cursor = _encode_cursor(_iso(last.ingested_at), last.id) if last is not None else None
    return ArticlePage(rows, next_cursor)


# -- claims ----------------------------------------------------------------------------


def _claim_rows(conn: Connection, raw_rows: Sequence[Any]) -> list[ClaimRow]:
    if not raw_rows:
        return []
    ids = [r.id for r in raw_rows]
    sources: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for r in conn.execute(
        select(t.claim_sources)
        .where(t.claim_sources.c.claim_id.in_(ids))
        .order_by(t.claim_sources.c.claim_id, t.claim_sources.c.position)
    ):
        sources[r.claim_id].append({"name": r.name, "entity_id": r.entity_id, "cue": r.cue})
    about: dict[int, list[str]] = {i: [] for i in ids}
    for claim_id, name in conn.execute(
        select(t.claim_entities.c.claim_id, t.entities.c.name)
        .join(t.entities, t.entities.c.id == t.claim_entities.c.entity_id)
        .where(t.claim_entities.c.claim_id.in_(ids))
        .order_by(t.entities.c.name)
    ):
        about[claim_id].append(name)
    denies: dict[int, list[ClaimRef]] = {i: [] for i in ids}
    denied_by: dict[int, list[ClaimRef]] = {i: [] for i in ids}
    c, d = t.claims, t.denials
    for col_self, col_other, target in (
        (d.c.denial_claim_id, d.c.denied_claim_id, denies),
        (d.c.denied_claim_id, d.c.denial_claim_id, denied_by),
    ):
        for r in conn.execute(
            select(
                col_self.label("me"),
                c.c.id,
                c.c.article_id,
                c.c.text,
                c.c.polarity,
                c.c.outlet,
                c.c.published,
                d.c.basis,
                d.c.score,
            )
            .select_from(d.join(c, c.c.id == col_other))
            .where(col_self.in_(ids))
            .order_by(c.c.published, c.c.id)
        ):
            target[r.me].append(
                ClaimRef(
                    r.id, r.article_id, r.text, r.polarity, r.outlet, r.published, r.basis, r.score
                )
            )
    return [
        ClaimRow(
            id=r.id,
            article_id=r.article_id,
            position=r.position,
            text=r.text,
            polarity=r.polarity,
            hedged=bool(r.hedged),
            cue=r.cue,
            sources=sources[r.id],
            about=about[r.id],
            outlet=r.outlet,
            published=r.published,
            headline=r.headline,
            span=(r.span_start, r.span_end),
            denies=denies[r.id],
            denied_by=denied_by[r.id],
        )
        for r in raw_rows
    ]


def _claim_select() -> Select[Any]:
    c, ar = t.claims, t.articles
    return select(
        c.c.id,
        c.c.article_id,
        c.c.position,
        c.c.text,
        c.c.polarity,
        c.c.hedged,
        c.c.cue,
        c.c.outlet,
        c.c.published,
        ar.c.headline,
        c.c.span_start,
        c.c.span_end,
    ).select_from(c.join(ar, ar.c.id == c.c.article_id))


def claims(
    ledger: Ledger,
    *,
    about: str | None = None,
    source: str | None = None,
    polarity: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 50,
    cursor: str | None = None,
    include_near_duplicates: bool = False,
) -> ClaimPage:
    """Claims about an entity (mentioned in the claim) and/or attributed to a source, newest first.

    ``source`` matches any link of the attribution chain, by canonical entity or by name.
    Each row carries the denials linked to it (``denied_by``) and, for a denial, what it denies.
    """
    limit = _limit(limit)
    c, ar = t.claims, t.articles
    where: list[Any] = []
    with ledger.connect() as conn:
        if about:
            ids = entity_ids(conn, about)
            where.append(
                c.c.id.in_(
                    select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id.in_(ids))
                )
                if ids
                else c.c.id.in_(
                    select(c.c.id).where(
                        func.lower(c.c.text).like(
                            f"%{_escape_like(about.casefold())}%", escape="\\"
                        )
                    )
                )
            )
        if source:
            ids = entity_ids(conn, source)
            cs = t.claim_sources
            cond = cs.c.name_key == name_key(source)
            if ids:
                cond = or_(cond, cs.c.entity_id.in_(ids))
            where.append(c.c.id.in_(select(cs.c.claim_id).where(cond)))
        if polarity:
            where.append(c.c.polarity == polarity)
        since_day, until_day = _day(since, "since"), _day(until, "until")
        if since_day:
            where.append(c.c.published >= since_day)
        if until_day:
            where.append(c.c.published <= until_day)
        if not include_near_duplicates:
            where.append(ar.c.near_duplicate_of.is_(None))
        if cursor:
            day, last_id = _decode_cursor(cursor, 2)
            where.append(tuple_(c.c.published, c.c.id) < tuple_(str(day), int(last_id)))
        raw_rows = conn.execute(
            _claim_select()
            .where(*where)
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(limit + 1)
        ).all()
        rows = _claim_rows(conn, raw_rows[:limit])
    more = len(raw_rows) > limit
    next_cursor = _encode_cursor(rows[-1].published, rows[-1].id) if more and rows else None
    return ClaimPage(rows, next_cursor)


def denials(ledger: Ledger, *, about: str | None = None, limit: int = 50) -> list[ClaimRow]:
    """Denials (negative claims), each with the allegations it is linked to, newest first."""
    return claims(ledger, about=about, polarity="negative", limit=limit).rows


# -- entities --------------------------------------------------------------------------


def entity_profile(
    ledger: Ledger, name: str, *, type: str | None = None, latest: int = 20
) -> EntityProfile | None:
    """Everything the ledger knows about the entity called ``name`` (or with that alias)."""
    latest = _limit(latest)
    en, ev = t.entities, t.events
    with ledger.connect() as conn:
        ids = entity_ids(conn, name, type)
        if not ids:
            return None
        # The best match: exact canonical name first, then the most mentioned.
        key = name_key(name)
        mention_counts = dict(
            conn.execute(
                select(t.article_entities.c.entity_id, func.sum(t.article_entities.c.mention_count))
                .where(t.article_entities.c.entity_id.in_(ids))
                .group_by(t.article_entities.c.entity_id)
            ).all()
        )
        rows = {r.id: r for r in conn.execute(select(en).where(en.c.id.in_(ids)))}
        best = max(ids, key=lambda i: (rows[i].name_key == key, mention_counts.get(i, 0) or 0, -i))
        ent = rows[best]
        aliases = [
            a
            for (a,) in conn.execute(
                select(t.entity_aliases.c.alias)
                .where(t.entity_aliases.c.entity_id == best)
                .order_by(t.entity_aliases.c.alias)
            )
        ]
        article_count = conn.execute(
            select(func.count())
            .select_from(t.article_entities)
            .where(t.article_entities.c.entity_id == best)
        ).scalar_one()
        evidence = ev.c.is_evidence.is_(True)
        event_count = conn.execute(
            select(func.count()).where(ev.c.actor_entity_id == best, evidence)
        ).scalar_one()
        target_count = conn.execute(
            select(func.count()).where(ev.c.target_entity_id == best, evidence)
        ).scalar_one()
        event_types: dict[str, int] = dict(
            conn.execute(
                select(ev.c.type, func.count())
                .where(or_(ev.c.actor_entity_id == best, ev.c.target_entity_id == best), evidence)
                .group_by(ev.c.type)
                .order_by(func.count().desc())
            ).all()
        )
        latest_rows = [
            _event_row(r)
            for r in conn.execute(
                _event_select()
                .where(or_(ev.c.actor_entity_id == best, ev.c.target_entity_id == best), evidence)
                .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
                .limit(latest)
            )
        ]
        c, ar = t.claims, t.articles
        said_raw = conn.execute(
            _claim_select()
            .where(
                c.c.id.in_(
                    select(t.claim_sources.c.claim_id).where(t.claim_sources.c.entity_id == best)
                ),
                ar.c.near_duplicate_of.is_(None),
            )
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(latest)
        ).all()
        about_raw = conn.execute(
            _claim_select()
            .where(
                c.c.id.in_(
                    select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id == best)
                ),
                c.c.id.not_in(
                    select(t.claim_sources.c.claim_id).where(t.claim_sources.c.entity_id == best)
                ),
                ar.c.near_duplicate_of.is_(None),
            )
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(latest)
        ).all()
        said = _claim_rows(conn, said_raw)
        said_about = _claim_rows(conn, about_raw)
        q = t.quotes
        quote_rows = [
            QuoteRow(r.article_id, r.text, r.speaker, r.outlet, r.published)
            for r in conn.execute(
                select(q.c.article_id, q.c.text, q.c.speaker, ar.c.outlet, ar.c.published)
                .join(ar, ar.c.id == q.c.article_id)
                .where(q.c.speaker_entity_id == best, ar.c.near_duplicate_of.is_(None))
                .order_by(ar.c.published.desc(), q.c.id.desc())
                .limit(latest)
            )
        ]
    others = [{"id": i, "name": rows[i].name, "type": rows[i].type} for i in ids if i != best]
    return EntityProfile(
        id=best,
        name=ent.name,
        type=ent.type,
        weapon_class=ent.weapon_class,
        aliases=aliases,
        article_count=article_count,
        mention_count=int(mention_counts.get(best, 0) or 0),
        event_count=event_count,
        target_count=target_count,
        event_types=event_types,
        latest_events=latest_rows,
        said=said,
        said_about=said_about,
        quotes=quote_rows,
        other_matches=others,
    )


def entities(
    ledger: Ledger, *, prefix: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Entities by number of articles that mention them (for lists and autocompletion)."""
    limit = _limit(limit)
    en, ae = t.entities, t.article_entities
    n = func.count(ae.c.article_id)
    query = (
        select(en.c.id, en.c.name, en.c.type, n.label("articles"))
        .join(ae, ae.c.entity_id == en.c.id)
        .group_by(en.c.id, en.c.name, en.c.type)
        .order_by(n.desc(), en.c.name)
        .limit(limit)
    )
    if prefix:
        query = query.where(en.c.name_key.like(f"{_escape_like(name_key(prefix))}%", escape="\\"))
    if type:
        query = query.where(en.c.type == type)
    with ledger.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


# -- search, failures, stats -----------------------------------------------------------

_FTS_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _fts5_query(text_: str) -> str:
    """User text -> an FTS5 query that matches all its words (no FTS syntax is interpreted)."""
    tokens = _FTS_TOKEN.findall(text_)
    return " ".join(f'"{tok}"' for tok in tokens)


def search(
    ledger: Ledger, text: str, *, limit: int = 20, include_near_duplicates: bool = False
) -> list[SearchHit]:
    """Articles whose headline or body match all the words of ``text``, best first."""
    limit = _limit(limit)
    if not text.strip():
        return []
    with ledger.connect() as conn:
        if conn.dialect.name == "sqlite":
            query_text = _fts5_query(text)
            if not query_text:
                return []
            dup = "" if include_near_duplicates else "AND a.near_duplicate_of IS NULL"
            sql = (
                "SELECT a.id, a.headline, a.outlet, a.published, "
                "snippet(articles_fts, 2, '[', ']', ' … ', 16) AS snippet, bm25(articles_fts) AS rank "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                f"WHERE articles_fts MATCH :q {dup} ORDER BY rank LIMIT :n"
            )
            result = conn.execute(_sql(sql), {"q": query_text, "n": limit})
            return [
                SearchHit(r.id, r.headline, r.outlet, r.published, r.snippet, -float(r.rank))
                for r in result
            ]
        dup = "" if include_near_duplicates else "AND a.near_duplicate_of IS NULL"
        sql = (
            "SELECT a.id, a.headline, a.outlet, a.published, "
            "ts_headline('english', a.text, q, 'StartSel=[,StopSel=],MaxWords=30,MinWords=10') AS snippet, "
            "ts_rank(a.search_vector, q) AS rank "
            "FROM articles a, plainto_tsquery('english', :q) q "
            f"WHERE a.search_vector @@ q {dup} ORDER BY rank DESC LIMIT :n"
        )
        result = conn.execute(_sql(sql), {"q": text, "n": limit})
        return [
            SearchHit(r.id, r.headline, r.outlet, r.published, r.snippet, float(r.rank))
            for r in result
        ]


def _sql(sql: str) -> Any:
    return text(sql)


def failures(
    ledger: Ledger, *, limit: int = 100, since: str | datetime | None = None
) -> list[FailureRow]:
    """Recorded ingest failures, newest first."""
    limit = _limit(limit)
    f = t.ingest_failures
    query = select(f).order_by(f.c.occurred_at.desc(), f.c.id.desc()).limit(limit)
    if since:
        query = query.where(
            f.c.occurred_at >= (datetime.fromisoformat(since) if isinstance(since, str) else since)
        )
    with ledger.connect() as conn:
        return [
            FailureRow(r.id, r.source, r.reason, r.stage, _iso(r.occurred_at))
            for r in conn.execute(query)
        ]


def stats(ledger: Ledger) -> LedgerStats:
    """Counts of what the ledger holds."""
    ar, ev = t.articles, t.events
    with ledger.connect() as conn:

        def count(table: Any, *where: Any) -> int:
            return int(
                conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
            )

        first, last = conn.execute(select(func.min(ev.c.sort_date), func.max(ev.c.sort_date))).one()
        return LedgerStats(
            articles=count(ar),
            near_duplicates=count(ar, ar.c.near_duplicate_of.is_not(None)),
            entities=count(t.entities),
            events=count(ev),
            claims=count(t.claims),
            failures=count(t.ingest_failures),
            first_date=first,
            last_date=last,
        )


__all__ = [
    "ArticlePage",
    "ArticleSummary",
    "ArticleView",
    "Bucket",
    "ClaimPage",
    "ClaimRef",
    "ClaimRow",
    "EntityProfile",
    "EventPage",
    "EventRow",
    "FailureRow",
    "LedgerStats",
    "QuoteRow",
    "SearchHit",
    "TimelineDay",
    "actor_keys",
    "article",
    "articles",
    "claims",
    "denials",
    "entities",
    "entity_ids",
    "entity_profile",
    "events",
    "failures",
    "search",
    "stats",
    "timeline",
    "timeline_buckets",
]
