"""Near-duplicate buckets in the database (table minhash_bands), filled for stored articles.

Until now the MinHash LSH index was rebuilt in memory on every open and grew with the ledger;
the bands now live in an indexed table (see newsledger.ledger.neardup).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:40:00
"""

from __future__ import annotations

from hashlib import blake2b

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


# The bands of the signatures this migration meets: version 1 of the signature format
# (newsledger.fuse.near_duplicates as of 0.1.0), frozen here so the migration means the same
# whatever later versions of the package do: a 13-byte header, then 128 values of 4 bytes,
# banded as datasketch bands 128 permutations for Jaccard 0.3.
_V1_MAGIC, _V1_HEADER, _V1_NUM_PERM, _V1_THRESHOLD = b"NLMH\x01", 13, 128, 0.3


def _v1_band_keys(sig: bytes, ranges: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    if len(sig) != _V1_HEADER + 4 * _V1_NUM_PERM or not sig.startswith(_V1_MAGIC):
        return None  # made by another version: cannot be compared anyway
    body = sig[_V1_HEADER:]
    return [
        (band, int.from_bytes(blake2b(body[4 * a : 4 * b], digest_size=8).digest(), "big") >> 1)
        for band, (a, b) in enumerate(ranges)
    ]


def _backfill() -> None:
    # Deferred on purpose: datasketch (numpy, scipy) loads only when this migration runs.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=_V1_THRESHOLD, num_perm=_V1_NUM_PERM)
    ranges = [(int(a), int(b)) for a, b in lsh.hashranges]
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL AND near_duplicate_of IS NULL"
        )
    )
    insert = sa.text("INSERT INTO minhash_bands (article_id, band, hash) VALUES (:a, :b, :h)")
    batch: list[dict[str, object]] = []
    for article_id, sig in rows.fetchall():
        keys = _v1_band_keys(bytes(sig), ranges)
        if keys is None:
            continue
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
