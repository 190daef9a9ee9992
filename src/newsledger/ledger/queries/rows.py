"""What the read queries return: plain dataclasses with ``to_dict()`` (JSON-ready), and the
one description of an event row that the lists, the API, the pages and the exports share.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select

from newsledger.ledger import schema as t
from newsledger.records import ArticleRecord, time_label


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
    date: str | None  # when it happened, if the text says: a TimeML value or its label
    # ("earlier", "now", "coming" for PAST_REF, PRESENT_REF, FUTURE_REF)
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
    confidence: float | None = None  # the extractor's, in [0, 1]; None for older records

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


# -- the event fields ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventField:
    """One field of an exported event row: its name, its column, and its kind (for Parquet)."""

    name: str
    column: Any
    kind: type


def _event_fields() -> tuple[EventField, ...]:
    ev, ar = t.events, t.articles
    return (
        EventField("event_id", ev.c.id, int),
        EventField("article_id", ev.c.article_id, str),
        EventField("local_id", ev.c.local_id, str),
        EventField("sort_date", ev.c.sort_date, str),
        EventField("type", ev.c.type, str),
        EventField("plover", ev.c.plover, str),
        EventField("trigger", ev.c.trigger, str),
        EventField("actor", ev.c.actor, str),
        EventField("actor_entity_id", ev.c.actor_entity_id, int),
        EventField("target", ev.c.target, str),
        EventField("target_entity_id", ev.c.target_entity_id, int),
        EventField("object", ev.c.object, str),
        EventField("location", ev.c.location, str),
        EventField("date_value", ev.c.date_value, str),
        EventField("date_start", ev.c.date_start, str),
        EventField("date_end", ev.c.date_end, str),
        EventField("modality", ev.c.modality, str),
        EventField("confidence", ev.c.confidence, float),
        EventField("sources", ev.c.sources, str),
        EventField("outlet", ev.c.outlet, str),
        EventField("published", ar.c.published, str),
        EventField("headline", ar.c.headline, str),
        EventField("source_uri", ar.c.source_uri, str),
        EventField("fused_event_id", ev.c.fused_event_id, int),
        EventField("is_evidence", ev.c.is_evidence, bool),
        EventField("span_start", ev.c.span_start, int),
        EventField("span_end", ev.c.span_end, int),
    )


# The exported columns (CSV, Parquet), in order; EventRow is built from the same select.
EVENT_FIELDS: tuple[EventField, ...] = _event_fields()
EVENT_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in EVENT_FIELDS)


def event_select() -> Select[Any]:
    """Every event field, with how many articles and outlets report the same event."""
    ev, fe, ar = t.events, t.fused_events, t.articles
    return select(
        *(f.column.label(f.name) for f in EVENT_FIELDS), fe.c.article_count, fe.c.outlet_count
    ).select_from(
        ev.join(ar, ar.c.id == ev.c.article_id).outerjoin(fe, fe.c.id == ev.c.fused_event_id)
    )


def export_row(r: Any) -> dict[str, Any]:
    """A row of ``event_select`` as the flat export dict (EVENT_FIELDS)."""
    data = {name: getattr(r, name) for name in EVENT_FIELD_NAMES}
    data["is_evidence"] = bool(data["is_evidence"])
    for name in ("date_value", "date_start", "date_end"):
        data[name] = time_label(data[name])
    return data


def event_row(r: Any) -> EventRow:
    """A row of ``event_select`` as an EventRow."""
    return EventRow(
        id=r.event_id,
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
        date=time_label(r.date_value),
        date_start=time_label(r.date_start),
        date_end=time_label(r.date_end),
        sort_date=r.sort_date,
        modality=r.modality,
        sources=json.loads(r.sources) if r.sources else [],
        outlet=r.outlet,
        headline=r.headline,
        published=r.published,
        span=(r.span_start, r.span_end),
        fused_event_id=r.fused_event_id,
        is_evidence=bool(r.is_evidence),
        article_count=r.article_count or 1,
        outlet_count=r.outlet_count or 1,
        confidence=r.confidence,
    )


def iso(value: Any) -> str:
    if isinstance(value, datetime):
        # SQLite hands back naive datetimes; the ledger writes UTC.
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return str(value)


def stored_record(record_json: str, text: str) -> ArticleRecord:
    """An article record as stored: its JSON without the text, and the text beside it."""
    data = json.loads(record_json)
    data["text"] = text
    return ArticleRecord.from_dict(data)
