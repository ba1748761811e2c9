"""Shared fixtures.

- `home`: an empty TRADEGUARD_HOME in a temporary folder, set in the environment for the test.
- `database`: a migrated operational database, once on SQLite and once on PostgreSQL when
  TRADEGUARD_TEST_POSTGRES_URL names a server (.ci/run starts one); each test gets a fresh one.
- `sqlite_database`: the SQLite one only, for tests that do not concern the store.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tradeguard.store.database import Database

POSTGRES_URL = os.environ.get("TRADEGUARD_TEST_POSTGRES_URL", "")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("TRADEGUARD_HOME", str(path))
    monkeypatch.delenv("TRADEGUARD_DATABASE_URL", raising=False)
    return path


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'operational.db'}")
    yield db
    db.dispose()


def _fresh_postgres() -> Iterator[str]:
    name = f"tg_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'operational.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TRADEGUARD_TEST_POSTGRES_URL not set (.ci/run starts PostgreSQL)")
    yield from _fresh_postgres()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()
