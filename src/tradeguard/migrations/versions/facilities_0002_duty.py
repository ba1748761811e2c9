"""facilities: the estimated duties on each admission, which the facility's bond must cover.

Nullable: admissions recorded before it say nothing; the bond check then reads the entry lake.

Revision ID: facilities_0002
"""

import sqlalchemy as sa
from alembic import op

revision = "facilities_0002"
down_revision = "facilities_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facility_admissions", sa.Column("duty_cents", sa.BigInteger, nullable=True))


def downgrade() -> None:
    op.drop_column("facility_admissions", "duty_cents")
