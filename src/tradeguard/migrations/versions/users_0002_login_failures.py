"""users: failed logins, counted per username and per client address to throttle guessing.

Kept in the database, not in a server process, so every worker sees the same counts.

Revision ID: users_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "users_0002"
down_revision = "users_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("client_address", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_username", "login_failures", ["username", "at"])
    op.create_index("ix_login_failures_client", "login_failures", ["client_address", "at"])


def downgrade() -> None:
    op.drop_table("login_failures")
