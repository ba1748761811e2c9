"""drawback: claims, their export records and designations, the designation ledger per import
line, claimants' drawback bonds, review samples and review findings.

Revision ID: drawback_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "drawback_0001"
down_revision = None
branch_labels = ("drawback",)
depends_on = "core_0001"


def upgrade() -> None:
    _claims()
    _ledger()
    _reviews()


def _claims() -> None:
    op.create_table(
        "drawback_claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_no", sa.String(32), nullable=False, unique=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("claimant_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("accelerated", sa.Boolean, nullable=False),
        sa.Column("designated_cents", sa.BigInteger, nullable=False),
        sa.Column("refund_requested_cents", sa.BigInteger, nullable=False),
        sa.Column("refund_paid_cents", sa.BigInteger, nullable=False),
        sa.Column("bond_shortfall_cents", sa.BigInteger, nullable=True),
        sa.Column("paid_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.CheckConstraint("refund_paid_cents >= 0", name="refund_paid_not_negative"),
    )
    op.create_index("ix_drawback_claims_claimant", "drawback_claims", ["claimant_id", "status"])
    op.create_table(
        "drawback_exports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("drawback_claims.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("hts10", sa.String(10), nullable=False),
        sa.Column("quantity", sa.Numeric(18, 3), nullable=False),
        sa.Column("document", sa.String(64), nullable=False),
    )


def _ledger() -> None:
    op.create_table(
        "drawback_import_lines",
        sa.Column("entry_no", sa.String(16), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("importer_id", sa.String(32), nullable=False),
        sa.Column("hts10", sa.String(10), nullable=False),
        sa.Column("paid_cents", sa.BigInteger, nullable=False),
        sa.Column("designated_cents", sa.BigInteger, nullable=False),
        # The ledger's promise, kept by the database whatever the code does.
        sa.CheckConstraint(
            "designated_cents >= 0 AND designated_cents <= paid_cents", name="within_paid"
        ),
    )
    op.create_table(
        "drawback_designations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("drawback_claims.id"), nullable=False),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("designated_cents", sa.BigInteger, nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_no", "line_no"],
            ["drawback_import_lines.entry_no", "drawback_import_lines.line_no"],
            name="fk_drawback_designations_line",
        ),
        sa.UniqueConstraint("claim_id", "entry_no", "line_no", name="uq_drawback_designation"),
    )
    op.create_index(
        "ix_drawback_designations_line", "drawback_designations", ["entry_no", "line_no"]
    )


def _reviews() -> None:
    op.create_table(
        "drawback_bonds",
        sa.Column("claimant_id", sa.String(32), primary_key=True),
        sa.Column("bond_no", sa.String(32), nullable=False),
        sa.Column("amount_cents", sa.BigInteger, nullable=False),
        sa.Column("registered_on", sa.Date, nullable=False),
    )
    op.create_table(
        "drawback_samples",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("drawn_on", sa.Date, nullable=False),
        sa.Column("drawn_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "drawback_sample_claims",
        sa.Column("sample_id", sa.Integer, sa.ForeignKey("drawback_samples.id"), primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("drawback_claims.id"), primary_key=True),
        sa.Column("stratum", sa.Integer, nullable=False),
        sa.Column("paid_cents", sa.BigInteger, nullable=False),
        sa.Column("sampled", sa.Boolean, nullable=False),
    )
    op.create_table(
        "drawback_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "claim_id", sa.Integer, sa.ForeignKey("drawback_claims.id"), nullable=False, unique=True
        ),
        sa.Column("reviewed_on", sa.Date, nullable=False),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("overpaid_cents", sa.BigInteger, nullable=False),
        sa.Column("finding", sa.String(500), nullable=False),
        sa.CheckConstraint("overpaid_cents >= 0", name="overpaid_not_negative"),
    )


def downgrade() -> None:
    for table in (
        "drawback_reviews",
        "drawback_sample_claims",
        "drawback_samples",
        "drawback_bonds",
        "drawback_designations",
        "drawback_import_lines",
        "drawback_exports",
        "drawback_claims",
    ):
        op.drop_table(table)
