"""Index claims by polarity and date, for linking denials to allegations.

Without it, finding the denials that might answer a new allegation walks every claim about
the allegation's entities, which grows with the ledger for frequently named entities.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:25:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_polarity_published", "claims", ["polarity", "published"])


def downgrade() -> None:
    op.drop_index("ix_claims_polarity_published", table_name="claims")
