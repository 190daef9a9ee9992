"""The ledger's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Dates are stored as ISO ``YYYY-MM-DD`` strings: they sort and compare as text on both
databases, and TimeML values that are not days ("2025-W52", "2026") keep their exact form in
``date_value`` while ``date_start``/``date_end`` hold the calendar range they cover.

Full-text search lives outside these tables because each database does it its own way:
SQLite has the FTS5 table ``articles_fts`` and PostgreSQL a generated ``tsvector`` column on
``articles`` with a GIN index; both are created by the migrations (see ``FTS_*`` below).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Stable constraint names, so that migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ISODate = String(10)
ISOValue = String(32)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),  # ArticleRecord.id
    Column("source_uri", Text),
    Column("format", String(8), nullable=False),
    Column("outlet", String(200)),
    Column("headline", Text),
    Column("dateline_text", Text),
    Column("dateline_place", String(200)),
    Column("dateline_date", ISODate),
    Column("published", ISODate),
    Column("published_basis", String(16)),
    Column("language", String(8), nullable=False, default="en"),
    # sha256 of the cleaned body: the identity of the article for idempotent ingest
    Column("content_hash", String(64), nullable=False, unique=True),
    # sha256 of the raw input text: lets a re-run skip extraction of what is already stored
    Column("raw_hash", String(64), nullable=False, index=True),
    Column("raw_ref", Text),  # where the raw input came from (path or URL as given)
    Column("near_duplicate_of", String(32), ForeignKey("articles.id"), index=True),
    Column("near_duplicate_similarity", Float),
    Column("minhash", LargeBinary),
    Column("ingested_at", DateTime(timezone=True), nullable=False, index=True),
    Column("text", Text, nullable=False),
    # the full record as JSON, without ``text`` (kept once, in the column above)
    Column("record", Text, nullable=False),
    # which extraction ``record`` and the extraction tables hold (see ``extractions``)
    Column("extraction_version", Integer, nullable=False, server_default="1"),
    # the extractor that made it (extract.version); NULL: made before versions were recorded
    Column("extractor_version", String(80), index=True),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet"),
)

# Every extraction an article has had, numbered from 1, with the extractor and the options it
# ran with. The current one's record is ``articles.record`` (``record`` is NULL here); a
# superseded one keeps its full record JSON, with its text when that differed.
extractions = Table(
    "extractions",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("version", Integer, primary_key=True),
    Column("extractor_version", String(80)),
    Column("reference_date", ISODate),
    Column("model", String(100)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("record", Text),
)

# MinHash LSH buckets of original (not near-duplicate) articles: ledger.neardup.
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Index("ix_minhash_bands_hash", "hash"),
)

# Canonical entities across articles: one row per (canonical name, type).
entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),  # casefolded, spaces collapsed
    Column("type", String(16), nullable=False),
    Column("weapon_class", String(100)),
    UniqueConstraint("name_key", "type", name="uq_entities_name_key_type"),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias_key", String(300), primary_key=True),
    Column("alias", String(300), nullable=False),
    Index("ix_entity_aliases_alias_key", "alias_key"),
)

# An article's entity (its local id "e1") linked to the canonical entity.
article_entities = Table(
    "article_entities",
    metadata,
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("local_id", String(32), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("mention_count", Integer, nullable=False, default=0),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", String(300), nullable=False),
    Index("ix_mentions_article", "article_id", "span_start"),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", ISOValue),
    Column("date_start", ISODate),
    Column("date_end", ISODate),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", String(300)),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id"), index=True),
    Column("cue", String(100)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),  # index in the record's ``claims``
    Column("text", Text, nullable=False),
    Column("polarity", String(8), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("cue", String(100)),
    Column("denies_position", Integer),  # Claim.denies, inside the same article
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("published", ISODate),  # the article's date, copied for sorting
    Column("outlet", String(200)),
    # denial linking looks for the few negative claims in a date window (migration 0002)
    Index("ix_claims_polarity_published", "polarity", "published"),
)

# The attribution chain of a claim, outermost first.
claim_sources = Table(
    "claim_sources",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False, index=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), index=True),
    Column("cue", String(100)),
)

# Which canonical entities a claim is about (an entity mentioned inside the claim's span).
claim_entities = Table(
    "claim_entities",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Index("ix_claim_entities_entity", "entity_id"),
)

# A denial linked to what it denies: inside one article (Claim.denies) or across articles
# (fuse.corroboration finds the allegation the denial answers).
denials = Table(
    "denials",
    metadata,
    Column(
        "denial_claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "denied_claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("basis", String(16), nullable=False),  # "article" | "cross-article"
    Column("score", Float),
    Index("ix_denials_denied", "denied_claim_id"),
)

# The same real-world event reported by several articles or outlets.
fused_events = Table(
    "fused_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(40), nullable=False),
    # "e<entity id>" or "k:<name key>" of the actor and target; what "the same event" keys on
    Column("actor_ref", String(320), nullable=False),
    Column("target_ref", String(320), nullable=False),
    Column("actor_entity_id", Integer, ForeignKey("entities.id")),
    Column("target_entity_id", Integer, ForeignKey("entities.id")),
    Column("date", ISODate),
    Column("article_count", Integer, nullable=False, default=0),
    Column("outlet_count", Integer, nullable=False, default=0),
    Column("first_seen", ISODate),
    Index("ix_fused_events_key", "type", "actor_ref", "target_ref", "date"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id",
        String(32),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("local_id", String(32), nullable=False),
    Column("type", String(40), nullable=False),
    Column("plover", String(40)),
    Column("trigger", String(200), nullable=False),
    Column("actor", String(300)),
    Column("actor_key", String(300)),
    Column("actor_entity_id", Integer, ForeignKey("entities.id")),
    Column("target", String(300)),
    Column("target_entity_id", Integer, ForeignKey("entities.id")),
    Column("object", Text),
    Column("location", String(300)),
    Column("date_value", ISOValue),
    Column("date_start", ISODate),
    Column("date_end", ISODate),
    Column("date_text", String(200)),
    # when the event happened if known, else the article's date: the order of timelines
    Column("sort_date", ISODate, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float),  # the extractor's confidence in [0, 1] (migration 0004)
    Column("sources", Text, nullable=False, default="[]"),  # JSON list of SourceRef dicts
    Column("claim_position", Integer),
    Column("outlet", String(200)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    # False for events of a near-duplicate article: linked, not counted as new evidence
    Column("is_evidence", Boolean, nullable=False, default=True),
    Column("fused_event_id", Integer, ForeignKey("fused_events.id"), index=True),
    Index("ix_events_sort", "sort_date", "id"),
    Index("ix_events_actor_entity_sort", "actor_entity_id", "sort_date", "id"),
    Index("ix_events_actor_key_sort", "actor_key", "sort_date", "id"),
    Index("ix_events_target_entity", "target_entity_id", "sort_date"),
    Index("ix_events_type_sort", "type", "sort_date", "id"),
    Index("ix_events_outlet_sort", "outlet", "sort_date"),
)

ingest_failures = Table(
    "ingest_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    # ingest | extract | store, or "warning" for a stored article with a problem to fix
    Column("stage", String(16), nullable=False, default="ingest"),
    Column("occurred_at", DateTime(timezone=True), nullable=False, index=True),
)

# Feeds and pages that `newsledger watch` polls (migration 0004). Poll state lives here, so
# every process and the web UI see the same health and schedule.
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("url_key", String(64), nullable=False, unique=True),  # sha256 of the URL
    Column("every_seconds", Integer, nullable=False),
    Column("fetch_articles", Boolean, nullable=False, default=False),
    Column("allow_private", Boolean, nullable=False, default=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("articles_added", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime(timezone=True), nullable=False, index=True),
)

# Items of a source already handled: a restarted watcher neither refetches nor re-ingests them.
source_items = Table(
    "source_items",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(64), primary_key=True),  # sha256 of the item's id, link or title
    Column("article_id", String(32)),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# Saved queries: each new matching event or claim is delivered once per alert.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("actor", String(300)),
    Column("type", String(40)),
    Column("about", String(300)),
    Column("min_confidence", Float),
    Column("webhook_url", Text),
    Column("secret", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One row per (alert, matching event or claim): the unique key is what makes "once" hold
# across processes and restarts. status: pending | delivered | failed | recorded (no webhook).
alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # event | claim
    Column("item_id", Integer, nullable=False),
    Column("article_id", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("delivered_at", DateTime(timezone=True)),
    UniqueConstraint("alert_id", "kind", "item_id", name="uq_alert_deliveries_item"),
    Index("ix_alert_deliveries_status", "status", "next_attempt_at"),
    Index("ix_alert_deliveries_alert", "alert_id", "id"),
)

# Full-text search, created by the migrations with dialect-specific SQL.
FTS_SQLITE_TABLE = "articles_fts"
FTS_PG_COLUMN = "search_vector"
