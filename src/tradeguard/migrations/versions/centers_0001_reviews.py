"""centers: the Centers' post-entry reviews (request for information, notice of action,
finding, liquidation clock).

Revision ID: centers_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "centers_0001"
down_revision = None
branch_labels = ("centers",)
depends_on = "exams_0001"

MONEY = sa.Numeric(16, 2)


def upgrade() -> None:
    op.create_table(
        "center_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hold_id", sa.Integer, sa.ForeignKey("exam_holds.id"), nullable=False),
        sa.Column("center", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("lane", sa.String(16), nullable=False),
        sa.Column("entry_no", sa.String(32), nullable=False),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("value_usd", MONEY, nullable=False),
        sa.Column("expected_yield_usd", MONEY, nullable=False),
        sa.Column("hours", sa.Numeric(8, 2), nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("specialist", sa.String(80), nullable=True),
        sa.Column("planned_on", sa.Date, nullable=False),
        sa.Column("rfi_sent_on", sa.Date, nullable=True),
        sa.Column("rfi_due_on", sa.Date, nullable=True),
        sa.Column("reminded_on", sa.Date, nullable=True),
        sa.Column("escalated_on", sa.Date, nullable=True),
        sa.Column("responded_on", sa.Date, nullable=True),
        sa.Column("notice_kind", sa.String(24), nullable=True),
        sa.Column("notice_proposed_on", sa.Date, nullable=True),
        sa.Column("notice_taken_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("result", sa.String(16), nullable=True),
        sa.Column("duty_found_usd", MONEY, nullable=False),
        sa.Column("extensions", sa.Integer, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("adcvd_case_no", sa.String(16), nullable=True),
        sa.UniqueConstraint("hold_id", name="uq_center_reviews_hold_id"),
    )
    op.create_index("ix_center_reviews_center", "center_reviews", ["center"])
    op.create_index("ix_center_reviews_entry_no", "center_reviews", ["entry_no"])
    op.create_index("ix_center_reviews_importer_id", "center_reviews", ["importer_id"])


def downgrade() -> None:
    op.drop_table("center_reviews")
