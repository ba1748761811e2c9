"""exams: holds from targeting runs, the findings that close them, rule exemptions.

Revision ID: exams_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "exams_0001"
down_revision = None
branch_labels = ("exams",)
depends_on = "core_0001"

MONEY = sa.Numeric(16, 2)


def upgrade() -> None:
    op.create_table(
        "exam_holds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_no", sa.String(32), nullable=False),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("lane", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("port_code", sa.String(8), nullable=False),
        sa.Column("center", sa.String(80), nullable=True),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("rule_ids", sa.Text, nullable=False),
        sa.Column("rule_versions", sa.Text, nullable=False),
        sa.Column("pti_hits", sa.Text, nullable=False),
        sa.Column("expected_yield_usd", MONEY, nullable=False),
        sa.Column("value_usd", MONEY, nullable=False),
        sa.Column("sampled", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("exam_type", sa.String(24), nullable=True),
        sa.Column("officer", sa.String(80), nullable=True),
        sa.Column("planned_on", sa.Date, nullable=True),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.UniqueConstraint("run_id", "entry_no", name="uq_exam_holds_run_entry"),
    )
    op.create_index("ix_exam_holds_entry_no", "exam_holds", ["entry_no"])
    op.create_index("ix_exam_holds_run_id", "exam_holds", ["run_id"])
    op.create_table(
        "exam_findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hold_id", sa.Integer, sa.ForeignKey("exam_holds.id"), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("pti", sa.String(64), nullable=True),
        sa.Column("violation_type", sa.String(32), nullable=True),
        sa.Column("corrected_hts10", sa.String(10), nullable=True),
        sa.Column("corrected_origin", sa.String(2), nullable=True),
        sa.Column("corrected_value_usd", MONEY, nullable=True),
        sa.Column("counterfeit", sa.Boolean, nullable=False),
        sa.Column("unsafe", sa.Boolean, nullable=False),
        sa.Column("duty_shortfall_usd", MONEY, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("finding_date", sa.Date, nullable=False),
    )
    op.create_index("ix_exam_findings_hold_id", "exam_findings", ["hold_id"], unique=True)
    op.create_table(
        "rule_exemptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(40), nullable=False),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("reversed_on", sa.Date, nullable=True),
        sa.Column("reversed_by", sa.String(64), nullable=True),
        sa.UniqueConstraint("rule_id", "importer_id", name="uq_rule_exemptions_rule_importer"),
    )
    op.create_index("ix_rule_exemptions_rule_id", "rule_exemptions", ["rule_id"])


def downgrade() -> None:
    op.drop_table("rule_exemptions")
    op.drop_table("exam_findings")
    op.drop_table("exam_holds")
