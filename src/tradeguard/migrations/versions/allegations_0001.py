"""allegations: e-allegations submitted by the public.

Revision ID: allegations_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "allegations_0001"
down_revision = None
branch_labels = ("allegations",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "allegations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("receipt", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pti", sa.String(64), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("importer", sa.String(200), nullable=True),
        sa.Column("company", sa.String(200), nullable=True),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("client_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_allegations"),
        sa.UniqueConstraint("receipt", name="uq_allegations_receipt"),
    )
    op.create_index("ix_allegations_client", "allegations", ["client_hash", "submitted_at"])


def downgrade() -> None:
    op.drop_table("allegations")
