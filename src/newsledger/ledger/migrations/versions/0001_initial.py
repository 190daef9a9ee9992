"""Initial tables, and full-text search over article headline and body.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 15:41:16.961940
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source_uri", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("dateline_text", sa.Text(), nullable=True),
        sa.Column("dateline_place", sa.String(length=200), nullable=True),
        sa.Column("dateline_date", sa.String(length=10), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("published_basis", sa.String(length=16), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("raw_hash", sa.String(length=64), nullable=False),
        sa.Column("raw_ref", sa.Text(), nullable=True),
        sa.Column("near_duplicate_of", sa.String(length=32), nullable=True),
        sa.Column("near_duplicate_similarity", sa.Float(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["near_duplicate_of"],
            ["articles.id"],
            name=op.f("fk_articles_near_duplicate_of_articles"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_ingested_at"), ["ingested_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_articles_near_duplicate_of"), ["near_duplicate_of"], unique=False
        )
        batch_op.create_index("ix_articles_outlet", ["outlet"], unique=False)
        batch_op.create_index("ix_articles_published", ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_raw_hash"), ["raw_hash"], unique=False)

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("weapon_class", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("name_key", "type", name="uq_entities_name_key_type"),
    )
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
    )
    with op.batch_alter_table("ingest_failures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ingest_failures_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_entities_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_article_entities_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("article_id", "local_id", name=op.f("pk_article_entities")),
    )
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_entities_entity_id"), ["entity_id"], unique=False
        )

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("polarity", sa.String(length=8), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.Column("denies_position", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_claims_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_article_id"), ["article_id"], unique=False)

    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_entity_aliases_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "alias_key", name=op.f("pk_entity_aliases")),
    )
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.create_index("ix_entity_aliases_alias_key", ["alias_key"], unique=False)

    op.create_table(
        "fused_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("actor_ref", sa.String(length=320), nullable=False),
        sa.Column("target_ref", sa.String(length=320), nullable=False),
        sa.Column("actor_entity_id", sa.Integer(), nullable=True),
        sa.Column("target_entity_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("outlet_count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_entity_id"],
            ["entities.id"],
            name=op.f("fk_fused_events_actor_entity_id_entities"),
        ),
        sa.ForeignKeyConstraint(
            ["target_entity_id"],
            ["entities.id"],
            name=op.f("fk_fused_events_target_entity_id_entities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fused_events")),
    )
    with op.batch_alter_table("fused_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fused_events_key", ["type", "actor_ref", "target_ref", "date"], unique=False
        )

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_mentions_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_article", ["article_id", "span_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("speaker", sa.String(length=300), nullable=True),
        sa.Column("speaker_entity_id", sa.Integer(), nullable=True),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_quotes_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_entity_id"],
            ["entities.id"],
            name=op.f("fk_quotes_speaker_entity_id_entities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotes_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quotes_speaker_entity_id"), ["speaker_entity_id"], unique=False
        )

    op.create_table(
        "times",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=True),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.Column("date_end", sa.String(length=10), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_times_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_times")),
    )
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_times_article_id"), ["article_id"], unique=False)

    op.create_table(
        "claim_entities",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_entities_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_claim_entities_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("claim_id", "entity_id", name=op.f("pk_claim_entities")),
    )
    with op.batch_alter_table("claim_entities", schema=None) as batch_op:
        batch_op.create_index("ix_claim_entities_entity", ["entity_id"], unique=False)

    op.create_table(
        "claim_sources",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_sources_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_claim_sources_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("claim_id", "position", name=op.f("pk_claim_sources")),
    )
    with op.batch_alter_table("claim_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_sources_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_sources_name_key"), ["name_key"], unique=False)

    op.create_table(
        "denials",
        sa.Column("denial_claim_id", sa.Integer(), nullable=False),
        sa.Column("denied_claim_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["denial_claim_id"],
            ["claims.id"],
            name=op.f("fk_denials_denial_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["denied_claim_id"],
            ["claims.id"],
            name=op.f("fk_denials_denied_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("denial_claim_id", "denied_claim_id", name=op.f("pk_denials")),
    )
    with op.batch_alter_table("denials", schema=None) as batch_op:
        batch_op.create_index("ix_denials_denied", ["denied_claim_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("plover", sa.String(length=40), nullable=True),
        sa.Column("trigger", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=True),
        sa.Column("actor_key", sa.String(length=300), nullable=True),
        sa.Column("actor_entity_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=300), nullable=True),
        sa.Column("target_entity_id", sa.Integer(), nullable=True),
        sa.Column("object", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("date_value", sa.String(length=32), nullable=True),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.Column("date_end", sa.String(length=10), nullable=True),
        sa.Column("date_text", sa.String(length=200), nullable=True),
        sa.Column("sort_date", sa.String(length=10), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("claim_position", sa.Integer(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("is_evidence", sa.Boolean(), nullable=False),
        sa.Column("fused_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_entity_id"], ["entities.id"], name=op.f("fk_events_actor_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["fused_event_id"],
            ["fused_events.id"],
            name=op.f("fk_events_fused_event_id_fused_events"),
        ),
        sa.ForeignKeyConstraint(
            ["target_entity_id"], ["entities.id"], name=op.f("fk_events_target_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_actor_entity_sort", ["actor_entity_id", "sort_date", "id"], unique=False
        )
        batch_op.create_index(
            "ix_events_actor_key_sort", ["actor_key", "sort_date", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_fused_event_id"), ["fused_event_id"], unique=False
        )
        batch_op.create_index("ix_events_outlet_sort", ["outlet", "sort_date"], unique=False)
        batch_op.create_index("ix_events_sort", ["sort_date", "id"], unique=False)
        batch_op.create_index(
            "ix_events_target_entity", ["target_entity_id", "sort_date"], unique=False
        )
        batch_op.create_index("ix_events_type_sort", ["type", "sort_date", "id"], unique=False)

    _create_search()


def downgrade() -> None:
    _drop_search()
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type_sort")
        batch_op.drop_index("ix_events_target_entity")
        batch_op.drop_index("ix_events_sort")
        batch_op.drop_index("ix_events_outlet_sort")
        batch_op.drop_index(batch_op.f("ix_events_fused_event_id"))
        batch_op.drop_index(batch_op.f("ix_events_article_id"))
        batch_op.drop_index("ix_events_actor_key_sort")
        batch_op.drop_index("ix_events_actor_entity_sort")

    op.drop_table("events")
    with op.batch_alter_table("denials", schema=None) as batch_op:
        batch_op.drop_index("ix_denials_denied")

    op.drop_table("denials")
    with op.batch_alter_table("claim_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_sources_name_key"))
        batch_op.drop_index(batch_op.f("ix_claim_sources_entity_id"))

    op.drop_table("claim_sources")
    with op.batch_alter_table("claim_entities", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_entities_entity")

    op.drop_table("claim_entities")
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_article_id"))

    op.drop_table("times")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_speaker_entity_id"))
        batch_op.drop_index(batch_op.f("ix_quotes_article_id"))

    op.drop_table("quotes")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_entity_id"))
        batch_op.drop_index("ix_mentions_article")

    op.drop_table("mentions")
    with op.batch_alter_table("fused_events", schema=None) as batch_op:
        batch_op.drop_index("ix_fused_events_key")

    op.drop_table("fused_events")
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_aliases_alias_key")

    op.drop_table("entity_aliases")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_article_id"))

    op.drop_table("claims")
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_entities_entity_id"))

    op.drop_table("article_entities")
    with op.batch_alter_table("ingest_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_failures_occurred_at"))

    op.drop_table("ingest_failures")
    op.drop_table("entities")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_raw_hash"))
        batch_op.drop_index("ix_articles_published")
        batch_op.drop_index("ix_articles_outlet")
        batch_op.drop_index(batch_op.f("ix_articles_near_duplicate_of"))
        batch_op.drop_index(batch_op.f("ix_articles_ingested_at"))

    op.drop_table("articles")


def _create_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # A plain FTS5 table written in the same transaction as the article row: external
        # content would need a stable integer rowid, which the string article id is not.
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "article_id UNINDEXED, headline, text, tokenize='porter unicode61')"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(headline, '')), 'A') || "
            "setweight(to_tsvector('english', text), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")


def _drop_search() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_search_vector")
        op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector")
