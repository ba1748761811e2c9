"""rules: versioned targeting rules.

Revision ID: rules_0001
"""

import sqlalchemy as sa
from alembic import op

revision = "rules_0001"
down_revision = None
branch_labels = ("rules",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "rule_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rule_versions"),
        sa.UniqueConstraint("rule_id", "version", name="uq_rule_versions_rule_id"),
    )
    op.create_index("ix_rule_versions_rule_id", "rule_versions", ["rule_id"])


def downgrade() -> None:
    op.drop_table("rule_versions")
