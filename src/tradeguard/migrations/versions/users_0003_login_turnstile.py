"""users: one turnstile row that serialises the login throttle's check and record.

Every login attempt updates it first, in the transaction that counts the recent failures and
records the attempt, so concurrent attempts cannot all pass the count together.

Revision ID: users_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "users_0003"
down_revision = "users_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    turnstile = op.create_table(
        "login_turnstile",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_login_turnstile"),
    )
    op.bulk_insert(turnstile, [{"id": 1, "last_at": None}])


def downgrade() -> None:
    op.drop_table("login_turnstile")
