"""Extraction versions: which extractor made each article's extraction, and the earlier ones.

Adds ``articles.extraction_version`` (the current version, 1 for every stored article) and
``articles.extractor_version`` (NULL for articles stored before versions were recorded: the
extractor that made them is unknown), and the table ``extractions`` with one row per version.
Existing articles get their version 1 row, with no options recorded; their record stays in
``articles.record``, so the migration copies no record.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (no table rebuild: the FTS rows stay valid).
    op.add_column(
        "articles",
        sa.Column("extraction_version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.add_column("articles", sa.Column("extractor_version", sa.String(length=80)))
    op.create_index(op.f("ix_articles_extractor_version"), "articles", ["extractor_version"])
    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=80)),
        sa.Column("reference_date", sa.String(length=10)),
        sa.Column("model", sa.String(length=100)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", sa.Text()),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_extractions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "version", name=op.f("pk_extractions")),
    )
    op.execute(
        "INSERT INTO extractions (article_id, version, created_at) "
        "SELECT id, 1, ingested_at FROM articles"
    )
    # An article dated by its reference date shows which one it ran with; keep it, so that a
    # re-extraction keeps that date unless told otherwise.
    op.execute(
        "UPDATE extractions SET reference_date = (SELECT a.published FROM articles a "
        "WHERE a.id = extractions.article_id AND a.published_basis = 'reference')"
    )


def downgrade() -> None:
    op.drop_table("extractions")
    op.drop_index(op.f("ix_articles_extractor_version"), table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("extractor_version")
        batch.drop_column("extraction_version")
