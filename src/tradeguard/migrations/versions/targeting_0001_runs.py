"""targeting: one row per targeting run.

Revision ID: targeting_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "targeting_0001"
down_revision = None
branch_labels = ("targeting",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "targeting_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("engine", sa.String(16), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("sample_rate", sa.Float, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("lanes", sa.Text, nullable=False),
        sa.Column("rule_versions", sa.Text, nullable=False),
        sa.Column("decisions_path", sa.Text, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_targeting_runs"),
    )


def downgrade() -> None:
    op.drop_table("targeting_runs")
