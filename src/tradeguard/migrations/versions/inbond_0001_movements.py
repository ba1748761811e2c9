"""inbond: in-bond movements, their documents and the liquidated damages claims of breaches.

Revision ID: inbond_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "inbond_0001"
down_revision = None
branch_labels = ("inbond",)
depends_on = "cases_0001"


def upgrade() -> None:
    op.create_table(
        "inbond_movements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inbond_no", sa.String(9), nullable=False),
        sa.Column("movement_type", sa.String(40), nullable=False),
        sa.Column("origin_port", sa.String(4), nullable=False),
        sa.Column("destination_port", sa.String(4), nullable=False),
        sa.Column("carrier_code", sa.String(20), nullable=False),
        sa.Column("bond_no", sa.String(20), nullable=False),
        sa.Column("value_cents", sa.BigInteger, nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("departed_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("arrived_on", sa.Date, nullable=True),
        sa.Column("arrival_reported_on", sa.Date, nullable=True),
        sa.Column("exported_on", sa.Date, nullable=True),
        sa.Column("export_reported_on", sa.Date, nullable=True),
        sa.Column("defaulted_on", sa.Date, nullable=True),
        sa.Column("retain_until", sa.Date, nullable=True),
        sa.Column("documents_purged_on", sa.Date, nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("inbond_no", name="uq_inbond_movements_inbond_no"),
    )
    op.create_index(
        "ix_inbond_movements_destination_port", "inbond_movements", ["destination_port"]
    )
    op.create_index("ix_inbond_movements_state", "inbond_movements", ["state"])
    op.create_index("ix_inbond_movements_retain_until", "inbond_movements", ["retain_until"])
    op.create_table(
        "inbond_documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("movement_id", sa.Integer, sa.ForeignKey("inbond_movements.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
    )
    op.create_index("ix_inbond_documents_movement_id", "inbond_documents", ["movement_id"])
    op.create_table(
        "inbond_claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("movement_id", sa.Integer, sa.ForeignKey("inbond_movements.id"), nullable=False),
        sa.Column("breach", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("amount_cents", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("movement_id", "breach", name="uq_inbond_claims_breach"),
    )
    op.create_index("ix_inbond_claims_movement_id", "inbond_claims", ["movement_id"])


def downgrade() -> None:
    op.drop_table("inbond_claims")
    op.drop_table("inbond_documents")
    op.drop_table("inbond_movements")
