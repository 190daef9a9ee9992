"""Near-duplicate buckets in the database (table minhash_bands), filled for stored articles.

Until now the MinHash LSH index was rebuilt in memory on every open and grew with the ledger;
the bands now live in an indexed table (see newsledger.ledger.neardup).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "minhash_bands",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_minhash_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minhash_bands")),
    )
    op.create_index("ix_minhash_bands_hash", "minhash_bands", ["hash"])
    op.create_index(op.f("ix_minhash_bands_article_id"), "minhash_bands", ["article_id"])
    _backfill()


def _backfill() -> None:
    from newsledger.fuse.near_duplicates import SignatureError
    from newsledger.ledger.neardup import band_keys

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL AND near_duplicate_of IS NULL"
        )
    )
    insert = sa.text("INSERT INTO minhash_bands (article_id, band, hash) VALUES (:a, :b, :h)")
    batch: list[dict[str, object]] = []
    for article_id, sig in rows.fetchall():
        try:
            keys = band_keys(bytes(sig))
        except SignatureError:
            continue  # made by another version: cannot be compared anyway
        batch.extend({"a": article_id, "b": band, "h": h} for band, h in keys)
        if len(batch) >= 5000:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)


def downgrade() -> None:
    op.drop_index(op.f("ix_minhash_bands_article_id"), table_name="minhash_bands")
    op.drop_index("ix_minhash_bands_hash", table_name="minhash_bands")
    op.drop_table("minhash_bands")
