"""oversight: the recommendation tracker's recorded status changes.

Revision ID: oversight_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "oversight_0001"
down_revision = None
branch_labels = ("oversight",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "oversight_status_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recommendation_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("previous", sa.String(16), nullable=True),
        sa.Column("figures", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_oversight_status_changes"),
    )
    op.create_index(
        "ix_oversight_status_changes_recommendation_id",
        "oversight_status_changes",
        ["recommendation_id"],
    )


def downgrade() -> None:
    op.drop_table("oversight_status_changes")
