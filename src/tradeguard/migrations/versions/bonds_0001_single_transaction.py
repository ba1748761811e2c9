"""bonds: the central register of single transaction bonds and every presentation of one.

Revision ID: bonds_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "bonds_0001"
down_revision = None
branch_labels = ("bonds",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "single_transaction_bonds",
        sa.Column("bond_no", sa.String(32), primary_key=True),
        sa.Column("surety_code", sa.String(8), nullable=False),
        sa.Column("importer_id", sa.String(32), nullable=False),
        sa.Column("amount_cents", sa.BigInteger, nullable=False),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        # Used once: one entry per bond, and one bond per entry.
        sa.Column("entry_no", sa.String(16), nullable=True, unique=True),
        sa.Column("required_cents", sa.BigInteger, nullable=True),
        sa.Column("requirement", sa.String(16), nullable=True),
        sa.Column("agencies", sa.String(200), nullable=True),
        sa.Column("used_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
    )
    op.create_table(
        "stb_presentations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "bond_no",
            sa.String(32),
            sa.ForeignKey("single_transaction_bonds.bond_no"),
            nullable=False,
        ),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("presented_on", sa.Date, nullable=False),
        sa.Column("accepted", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
    )
    op.create_index("ix_stb_presentations_bond", "stb_presentations", ["bond_no"])


def downgrade() -> None:
    op.drop_table("stb_presentations")
    op.drop_table("single_transaction_bonds")
