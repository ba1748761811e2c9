"""The admissibility migration creates exactly the tables store/admissibility.py maps, on SQLite
and PostgreSQL, and its downgrade removes them."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tradeguard.store.admissibility import (
    DetentionRow,
    ExclusionOrderRow,
    RecordationRow,
    WithholdOrderRow,
)
from tradeguard.store.base import Base
from tradeguard.store.database import Database, alembic_config

TABLES = {
    t.__tablename__ for t in (RecordationRow, ExclusionOrderRow, WithholdOrderRow, DetentionRow)
}


def test_migration_matches_the_mapped_tables(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    ours = [d for d in diffs if TABLES & {getattr(x, "name", "") for x in _objects(d)}]
    assert ours == []
    assert TABLES <= set(inspect(database.engine).get_table_names())
    command.downgrade(alembic_config(database.engine), "admissibility@base")
    assert not TABLES & set(inspect(database.engine).get_table_names())


def _objects(diff: object) -> list[object]:
    """The tables a diff entry touches (entries are tuples, or lists of tuples for columns)."""
    found: list[object] = []
    items = diff if isinstance(diff, list) else [diff]
    for item in items:
        for part in item:
            table = getattr(part, "table", None)
            found.extend([part, table] if table is not None else [part])
            if isinstance(part, str):
                found.append(type("T", (), {"name": part})())
    return found
