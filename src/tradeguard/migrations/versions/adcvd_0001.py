"""adcvd: AD/CVD deposits, liquidation instructions, liquidations, bills and bill events.

Revision ID: adcvd_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "adcvd_0001"
down_revision = None
branch_labels = ("adcvd",)
depends_on = "core_0001"


def upgrade() -> None:
    _deposits()
    _instructions()
    _liquidations()
    _bills()
    _bill_events()


def _deposits() -> None:
    op.create_table(
        "adcvd_deposits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("case_no", sa.String(16), nullable=False),
        sa.Column("value_cents", sa.BigInteger, nullable=False),
        sa.Column("deposit_rate_micro", sa.BigInteger, nullable=False),
        sa.Column("deposit_cents", sa.BigInteger, nullable=False),
        sa.Column("bond_type", sa.String(16), nullable=False),
        sa.Column("bond_cents", sa.BigInteger, nullable=False),
        sa.Column("liquidated", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_adcvd_deposits"),
        sa.UniqueConstraint("entry_no", "line_no", name="uq_adcvd_deposits_line"),
    )
    op.create_index("ix_adcvd_deposits_importer_id", "adcvd_deposits", ["importer_id"])
    op.create_index("ix_adcvd_deposits_case_no", "adcvd_deposits", ["case_no"])


def _instructions() -> None:
    op.create_table(
        "adcvd_instructions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_no", sa.String(32), nullable=False),
        sa.Column("case_no", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("period_from", sa.Date, nullable=False),
        sa.Column("period_to", sa.Date, nullable=False),
        sa.Column("final_rate_micro", sa.BigInteger, nullable=True),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("liquidate_by", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_adcvd_instructions"),
        sa.UniqueConstraint("message_no", name="uq_adcvd_instructions_message_no"),
    )
    op.create_index("ix_adcvd_instructions_case_no", "adcvd_instructions", ["case_no"])


def _liquidations() -> None:
    op.create_table(
        "adcvd_liquidations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("deposit_id", sa.Integer, nullable=False),
        sa.Column("message_no", sa.String(32), nullable=False),
        sa.Column("liquidated_on", sa.Date, nullable=False),
        sa.Column("final_rate_micro", sa.BigInteger, nullable=False),
        sa.Column("final_duty_cents", sa.BigInteger, nullable=False),
        sa.Column("difference_cents", sa.BigInteger, nullable=False),
        sa.Column("interest_cents", sa.BigInteger, nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("cause", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_adcvd_liquidations"),
        sa.ForeignKeyConstraint(
            ["deposit_id"],
            ["adcvd_deposits.id"],
            name="fk_adcvd_liquidations_deposit_id_adcvd_deposits",
        ),  # fmt: skip
        sa.UniqueConstraint("deposit_id", name="uq_adcvd_liquidations_deposit_id"),
    )
    op.create_index("ix_adcvd_liquidations_message_no", "adcvd_liquidations", ["message_no"])


def _bills() -> None:
    op.create_table(
        "adcvd_bills",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("deposit_id", sa.Integer, nullable=False),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("case_no", sa.String(16), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("principal_cents", sa.BigInteger, nullable=False),
        sa.Column("interest_cents", sa.BigInteger, nullable=False),
        sa.Column("accrued_to", sa.Date, nullable=True),
        sa.Column("paid_cents", sa.BigInteger, nullable=False),
        sa.Column("claim_cents", sa.BigInteger, nullable=False),
        sa.Column("surety_paid_cents", sa.BigInteger, nullable=False),
        sa.Column("written_off_cents", sa.BigInteger, nullable=False),
        sa.Column("claimed_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("bond_key", sa.String(80), nullable=False),
        sa.Column("bond_cents", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_adcvd_bills"),
        sa.ForeignKeyConstraint(
            ["deposit_id"], ["adcvd_deposits.id"], name="fk_adcvd_bills_deposit_id_adcvd_deposits"
        ),
        sa.UniqueConstraint("deposit_id", name="uq_adcvd_bills_deposit_id"),
    )
    op.create_index("ix_adcvd_bills_importer_id", "adcvd_bills", ["importer_id"])
    op.create_index("ix_adcvd_bills_due_on", "adcvd_bills", ["due_on"])
    op.create_index("ix_adcvd_bills_state", "adcvd_bills", ["state"])
    op.create_index("ix_adcvd_bills_bond_key", "adcvd_bills", ["bond_key"])


def _bill_events() -> None:
    op.create_table(
        "adcvd_bill_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("bill_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount_cents", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_adcvd_bill_events"),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["adcvd_bills.id"], name="fk_adcvd_bill_events_bill_id_adcvd_bills"
        ),
    )
    op.create_index("ix_adcvd_bill_events_bill_id", "adcvd_bill_events", ["bill_id"])


def downgrade() -> None:
    op.drop_table("adcvd_bill_events")
    op.drop_table("adcvd_bills")
    op.drop_table("adcvd_liquidations")
    op.drop_table("adcvd_instructions")
    op.drop_table("adcvd_deposits")
