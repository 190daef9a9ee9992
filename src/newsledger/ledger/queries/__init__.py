"""Read the ledger: the only place that builds read SQL; the CLI, the web app and the exports
call it.

Every function takes a :class:`~newsledger.ledger.store.Ledger` first and returns plain
dataclasses with ``to_dict()`` (JSON-ready). Filters are bound parameters; every list is
bounded (``limit``) and paged with an opaque cursor where it can grow without end. Input
errors (a bad date, limit or cursor) raise :class:`~newsledger.errors.LedgerError`.

- ``rows``: the result types and the one description of an event row (``EVENT_FIELDS``);
- ``filters``: filters as SQL conditions (``EventFilters``, name and entity matching);
- ``paging``: limits and the cursor codec;
- ``buckets``: days, weeks and months for counts over time;
- ``events``, ``claims``, ``entities``, ``articles``, ``fused``: the views.
"""

from newsledger.ledger.queries.articles import (
    article,
    article_entity_ids,
    articles,
    failures,
    search,
    search_page,
    stats,
)
from newsledger.ledger.queries.buckets import BUCKET_SIZES, Bucket, BucketSize
from newsledger.ledger.queries.claims import claims, denials
from newsledger.ledger.queries.entities import entities, entity_profile, entity_profile_by_id
from newsledger.ledger.queries.events import (
    count_events,
    event_page,
    event_types,
    events,
    outlets,
    per_day_counts,
    timeline,
    timeline_buckets,
)
from newsledger.ledger.queries.filters import EventFilters, actor_keys, entity_ids
from newsledger.ledger.queries.fused import FusedEvent, FusedReport, fused_event
from newsledger.ledger.queries.paging import MAX_LIMIT
from newsledger.ledger.queries.rows import (
    EVENT_FIELD_NAMES,
    EVENT_FIELDS,
    ArticlePage,
    ArticleSummary,
    ArticleView,
    ClaimPage,
    ClaimRef,
    ClaimRow,
    EntityProfile,
    EventPage,
    EventRow,
    FailureRow,
    LedgerStats,
    QuoteRow,
    SearchHit,
    TimelineDay,
)

__all__ = [
    "FusedEvent",
    "FusedReport",
    "fused_event",
    "BUCKET_SIZES",
    "EVENT_FIELDS",
    "EVENT_FIELD_NAMES",
    "MAX_LIMIT",
    "ArticlePage",
    "ArticleSummary",
    "ArticleView",
    "Bucket",
    "BucketSize",
    "ClaimPage",
    "ClaimRef",
    "ClaimRow",
    "EntityProfile",
    "EventFilters",
    "EventPage",
    "EventRow",
    "FailureRow",
    "LedgerStats",
    "QuoteRow",
    "SearchHit",
    "TimelineDay",
    "actor_keys",
    "article",
    "article_entity_ids",
    "articles",
    "claims",
    "denials",
    "entities",
    "entity_ids",
    "entity_profile",
    "entity_profile_by_id",
    "count_events",
    "event_page",
    "event_types",
    "events",
    "failures",
    "outlets",
    "per_day_counts",
    "search",
    "search_page",
    "stats",
    "timeline",
    "timeline_buckets",
]
