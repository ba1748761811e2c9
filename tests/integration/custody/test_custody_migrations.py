"""The custody migrations create exactly the tables the store maps (columns, nullability), on
SQLite and PostgreSQL, and each family sits on its own Alembic branch."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import tradeguard.store.facilities  # noqa: F401  (maps the facility tables onto Base)
import tradeguard.store.inbond  # noqa: F401  (maps the in-bond tables onto Base)
from tradeguard.store.base import Base
from tradeguard.store.database import MIGRATIONS, alembic_config

TABLES = (
    "inbond_movements",
    "inbond_documents",
    "inbond_claims",
    "facilities",
    "facility_reviews",
    "facility_admissions",
    "facility_withdrawals",
)


def test_migrated_tables_match_the_mapped_ones(database) -> None:  # type: ignore[no-untyped-def]
    found = inspect(database.engine)
    for name in TABLES:
        mapped = Base.metadata.tables[name]
        columns = {c["name"]: c["nullable"] for c in found.get_columns(name)}
        assert columns == {c.name: c.nullable for c in mapped.columns}, name


def test_each_family_has_its_own_branch(database) -> None:  # type: ignore[no-untyped-def]
    script = ScriptDirectory.from_config(alembic_config(database.engine))
    assert script.get_revision("inbond_0001").branch_labels == {"inbond"}
    assert script.get_revision("facilities_0001").branch_labels == {"facilities"}
    assert MIGRATIONS.is_dir()
