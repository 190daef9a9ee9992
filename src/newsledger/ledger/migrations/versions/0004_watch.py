"""Watched sources, their handled items, saved queries (alerts) and alert deliveries;
the extractor's confidence on events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("confidence", sa.Float()))
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(length=64), nullable=False),
        sa.Column("every_seconds", sa.Integer(), nullable=False),
        sa.Column("fetch_articles", sa.Boolean(), nullable=False),
        sa.Column("allow_private", sa.Boolean(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("added_at", _STAMP, nullable=False),
        sa.Column("last_polled_at", _STAMP),
        sa.Column("last_success_at", _STAMP),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", _STAMP),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("articles_added", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("url_key", name=op.f("uq_sources_url_key")),
    )
    op.create_index(op.f("ix_sources_next_poll_at"), "sources", ["next_poll_at"])
    op.create_table(
        "source_items",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=32)),
        sa.Column("seen_at", _STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_items_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", "item_key", name=op.f("pk_source_items")),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=300)),
        sa.Column("type", sa.String(length=40)),
        sa.Column("about", sa.String(length=300)),
        sa.Column("min_confidence", sa.Float()),
        sa.Column("webhook_url", sa.Text()),
        sa.Column("secret", sa.Text()),
        sa.Column("created_at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("name", name=op.f("uq_alerts_name")),
    )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", _STAMP, nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("next_attempt_at", _STAMP),
        sa.Column("delivered_at", _STAMP),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_deliveries_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_deliveries")),
        sa.UniqueConstraint("alert_id", "kind", "item_id", name="uq_alert_deliveries_item"),
    )
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status", "next_attempt_at"])
    op.create_index("ix_alert_deliveries_alert", "alert_deliveries", ["alert_id", "id"])


def downgrade() -> None:
    op.drop_table("alert_deliveries")
    op.drop_table("alerts")
    op.drop_table("source_items")
    op.drop_index(op.f("ix_sources_next_poll_at"), table_name="sources")
    op.drop_table("sources")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("confidence")
