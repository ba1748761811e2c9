"""allegations: one intake row that serialises submissions, and an index for the hourly cap.

Revision ID: allegations_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "allegations_0002"
down_revision = "allegations_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    intake = op.create_table(
        "allegation_intake",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_allegation_intake"),
    )
    op.bulk_insert(intake, [{"id": 1, "last_at": None}])
    op.create_index("ix_allegations_submitted", "allegations", ["submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_allegations_submitted", "allegations")
    op.drop_table("allegation_intake")
