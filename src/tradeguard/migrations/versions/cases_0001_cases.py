"""cases: enforcement cases, their history and their deadlines.

Revision ID: cases_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "cases_0001"
down_revision = None
branch_labels = ("cases",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("pti", sa.String(64), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("subtype", sa.String(32), nullable=True),
        sa.Column("importer_id", sa.String(64), nullable=True),
        sa.Column("manufacturer_id", sa.String(64), nullable=True),
        sa.Column("entry_no", sa.String(16), nullable=True),
        sa.Column("line_no", sa.Integer, nullable=True),
        sa.Column("hold_id", sa.String(64), nullable=True),
        sa.Column("finding_id", sa.String(64), nullable=True),
        sa.Column("rule_id", sa.String(128), nullable=True),
        sa.Column("rule_version", sa.Integer, nullable=True),
        sa.Column("allegation_id", sa.String(64), nullable=True),
        sa.Column("violation_type", sa.String(32), nullable=True),
        sa.Column("culpability", sa.String(32), nullable=True),
        sa.Column("violation_date", sa.Date, nullable=True),
        sa.Column("maximum_cents", sa.BigInteger, nullable=True),
        sa.Column("demanded_cents", sa.BigInteger, nullable=False),
        sa.Column("assessed_cents", sa.BigInteger, nullable=False),
        sa.Column("mitigated_cents", sa.BigInteger, nullable=False),
        sa.Column("collected_cents", sa.BigInteger, nullable=False),
        sa.Column("identified_cents", sa.BigInteger, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )
    op.create_index("ix_cases_kind", "cases", ["kind"])
    op.create_index("ix_cases_pti", "cases", ["pti"])
    op.create_index("ix_cases_finding_id", "cases", ["finding_id"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("from_state", sa.String(32), nullable=True),
        sa.Column("to_state", sa.String(32), nullable=False),
        sa.Column("amount_cents", sa.BigInteger, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "case_deadlines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("alert_on", sa.Date, nullable=False),
        sa.Column("met_on", sa.Date, nullable=True),
        sa.Column("satisfied_by", sa.String(256), nullable=False),
    )
    op.create_index("ix_case_deadlines_case_id", "case_deadlines", ["case_id"])
    op.create_index("ix_case_deadlines_due_on", "case_deadlines", ["due_on"])


def downgrade() -> None:
    op.drop_table("case_deadlines")
    op.drop_table("case_events")
    op.drop_table("cases")
