"""Fixtures for the API and page tests.

- `api_db`: one migrated SQLite database per module, holding one account per role (`accounts`),
  each with a bearer token (`tokens`) and a signed-in web session (`web_sessions`). Logging in
  costs an argon2 verification, so it happens once per module, not per test.
- Argon2 runs with its cheapest parameters here (`cheap_argon2`), to keep the suite fast.
- `app` over that database; `client`: a TestClient with an empty cookie jar for each test.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles

from tradeguard.app import create_app
from tradeguard.config import Settings
from tradeguard.domain.roles import Role
from tradeguard.services.auth import WebSession, issue_token, open_web_session
from tradeguard.services.users import add_user, password_hasher, use_password_hasher
from tradeguard.store.database import Database

with warnings.catch_warnings():
    # Starlette deprecates httpx for its TestClient; the warning is about Starlette, not us.
    warnings.simplefilter("ignore", UserWarning)  # StarletteDeprecationWarning is one
    from fastapi.testclient import TestClient

PASSWORD = "a long test password"
ACCOUNT_ROLES = [r for r in Role if r is not Role.PUBLIC]


def settings_for(home: Path) -> Settings:
    return Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)


@pytest.fixture(scope="module", autouse=True)
def cheap_argon2() -> Iterator[None]:
    """Argon2 at its cheapest parameters: the same code path, a hundred times faster."""
    default = password_hasher()
    use_password_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    use_password_hasher(default)


@pytest.fixture(scope="module")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("api")
    db = Database(f"sqlite:///{path / 'operational.db'}")
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def accounts(api_db: Database) -> dict[Role, str]:
    names = {}
    for role in ACCOUNT_ROLES:
        name = role.value.replace("_", "-")
        add_user(api_db, username=name, role=role.value, password=PASSWORD, actor="test")
        names[role] = name
    return names


@pytest.fixture(scope="module")
def tokens(api_db: Database, accounts: dict[Role, str]) -> dict[Role, str]:
    return {role: issue_token(api_db, name, PASSWORD).token for role, name in accounts.items()}


@pytest.fixture(scope="module")
def web_sessions(api_db: Database, accounts: dict[Role, str]) -> dict[Role, WebSession]:
    return {role: open_web_session(api_db, name, PASSWORD) for role, name in accounts.items()}


@pytest.fixture(scope="module")
def app(api_db: Database, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return create_app(settings_for(tmp_path_factory.mktemp("home")), database=api_db)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client
