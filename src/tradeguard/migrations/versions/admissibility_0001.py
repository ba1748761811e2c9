"""admissibility: IPR recordations, ITC exclusion orders (with their trade alert), withhold
release orders and the detentions they cause.

Revision ID: admissibility_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "admissibility_0001"
down_revision = None
branch_labels = ("admissibility",)
depends_on = "core_0001"


def _reference_tables() -> None:
    op.create_table(
        "ipr_recordations",
        sa.Column("recordation_no", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("marks", sa.Text, nullable=False),
        sa.Column("hts_scope", sa.Text, nullable=False),
        sa.Column("authorized_manufacturers", sa.Text, nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("recordation_no", name="pk_ipr_recordations"),
    )
    op.create_table(
        "exclusion_orders",
        sa.Column("order_no", sa.String(40), nullable=False),
        sa.Column("investigation", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("hts_scope", sa.Text, nullable=False),
        sa.Column("respondents", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=True),
        sa.Column("rescinded_on", sa.Date, nullable=True),
        sa.Column("alerted_on", sa.Date, nullable=True),
        sa.Column("alerted_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("order_no", name="pk_exclusion_orders"),
    )
    op.create_table(
        "withhold_release_orders",
        sa.Column("wro_no", sa.String(40), nullable=False),
        sa.Column("merchandise", sa.String(200), nullable=False),
        sa.Column("producer", sa.String(64), nullable=True),
        sa.Column("region", sa.String(2), nullable=True),
        sa.Column("hts_scope", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("revoked_on", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("wro_no", name="pk_withhold_release_orders"),
    )


def upgrade() -> None:
    _reference_tables()
    op.create_table(
        "wro_detentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_no", sa.String(16), nullable=False),
        sa.Column("wro_no", sa.String(40), nullable=False),
        sa.Column("importer_id", sa.String(64), nullable=False),
        sa.Column("value_cents", sa.BigInteger, nullable=False),
        sa.Column("detained_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("proof_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("case_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_wro_detentions"),
        sa.ForeignKeyConstraint(
            ["wro_no"],
            ["withhold_release_orders.wro_no"],
            name="fk_wro_detentions_wro_no_withhold_release_orders",
        ),
        sa.UniqueConstraint("entry_no", "wro_no", name="uq_wro_detentions_entry_no"),
    )


def downgrade() -> None:
    for table in ("wro_detentions", "withhold_release_orders", "exclusion_orders"):
        op.drop_table(table)
    op.drop_table("ipr_recordations")
