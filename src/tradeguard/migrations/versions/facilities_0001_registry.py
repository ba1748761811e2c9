"""facilities: bonded warehouses and zones, compliance reviews, admissions and withdrawals.

The check constraint is the store's half of the rule that a risk level comes only from a review.

Revision ID: facilities_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "facilities_0001"
down_revision = None
branch_labels = ("facilities",)
depends_on = "core_0001"


def upgrade() -> None:
    _registry()
    _goods()


def _registry() -> None:
    op.create_table(
        "facilities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(4), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("class_code", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("port_code", sa.String(4), nullable=False),
        sa.Column("bond_no", sa.String(20), nullable=False),
        sa.Column("bond_amount_cents", sa.BigInteger, nullable=False),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("risk_level", sa.String(8), nullable=True),
        sa.Column("reviewed_on", sa.Date, nullable=True),
        sa.Column("review_id", sa.Integer, nullable=True),
        sa.Column("registered_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("code", name="uq_facilities_code"),
        sa.CheckConstraint(
            "risk_level IS NULL OR (reviewed_on IS NOT NULL AND review_id IS NOT NULL)",
            name="ck_facilities_risk_from_review",
        ),
    )
    op.create_index("ix_facilities_port_code", "facilities", ["port_code"])
    op.create_table(
        "facility_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("facility_id", sa.Integer, sa.ForeignKey("facilities.id"), nullable=False),
        sa.Column("reviewed_on", sa.Date, nullable=False),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("risk_level", sa.String(8), nullable=False),
        sa.Column("findings", sa.Integer, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_facility_reviews_facility_id", "facility_reviews", ["facility_id"])


def _goods() -> None:
    op.create_table(
        "facility_admissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("facility_id", sa.Integer, sa.ForeignKey("facilities.id"), nullable=False),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("withdrawn", sa.Integer, nullable=False),
        sa.Column("value_cents", sa.BigInteger, nullable=False),
        sa.Column("imported_on", sa.Date, nullable=False),
        sa.Column("admitted_on", sa.Date, nullable=False),
    )
    op.create_index("ix_facility_admissions_facility_id", "facility_admissions", ["facility_id"])
    op.create_table(
        "facility_withdrawals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "admission_id", sa.Integer, sa.ForeignKey("facility_admissions.id"), nullable=False
        ),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("withdrawn_on", sa.Date, nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    op.create_index(
        "ix_facility_withdrawals_admission_id", "facility_withdrawals", ["admission_id"]
    )


def downgrade() -> None:
    op.drop_table("facility_withdrawals")
    op.drop_table("facility_admissions")
    op.drop_table("facility_reviews")
    op.drop_table("facilities")
