"""Password guessing and stolen tokens (issue 22, items 8 and 10): failed logins are throttled
per username and per client address, audited, and counted in the database (so every server
process sees them); common and trivial passwords are refused; tokens can be revoked."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.integration.api.conftest import PASSWORD, settings_for
from tradeguard.app import create_app
from tradeguard.services.auth import issue_token, principal_for_token
from tradeguard.services.change_log import read_change_log
from tradeguard.services.token_cache import TOKENS
from tradeguard.services.users import add_user, revoke_user_tokens
from tradeguard.store.database import Database

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient


def _client(app, address: str) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, client=(address, 40000))


def _login(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/api/token", json={"username": username, "password": password})


def test_ten_failures_for_a_username_throttle_it_even_with_the_right_password(app, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="target", role="cbp_officer", password=PASSWORD, actor="test")
    for i in range(10):  # from ten addresses, so only the username's count can trip
        assert _login(_client(app, f"10.1.0.{i}"), "target", "wrong password").status_code == 401
    refused = _login(_client(app, "10.1.0.99"), "target", PASSWORD)
    assert refused.status_code == 429, refused.text
    assert 0 < int(refused.headers["retry-after"]) <= 15 * 60
    assert refused.json()["error"]
    failures = [e for e in read_change_log(api_db, entity="user") if e.action == "login.failed"]
    assert len([e for e in failures if e.entity_id == "target"]) == 10
    assert "10.1.0.3" in " ".join(e.after or "" for e in failures)
    assert "wrong password" not in " ".join(e.after or "" for e in failures)


def test_ten_failures_from_an_address_throttle_it_for_every_username(app, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="bystander", role="cbp_officer", password=PASSWORD, actor="test")
    guesser = _client(app, "10.2.0.1")
    for i in range(10):
        assert _login(guesser, f"guess{i}", "wrong password").status_code == 401
    assert _login(guesser, "bystander", PASSWORD).status_code == 429
    assert _login(_client(app, "10.2.0.2"), "bystander", PASSWORD).status_code == 200


def test_the_login_page_is_throttled_too(app, api_db) -> None:  # type: ignore[no-untyped-def]
    client = _client(app, "10.3.0.1")
    client.get("/login")
    form = {"username": "nobody-here", "password": "wrong password", "csrf_token": ""}
    form["csrf_token"] = client.cookies["tg_csrf"]
    statuses = [client.post("/login", data=form).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    last = client.post("/login", data=form)
    assert last.status_code == 429 and int(last.headers["retry-after"]) > 0


def test_failures_are_shared_by_every_server_process(api_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two apps over one database stand for two workers: failures in one count in the other."""
    url = str(api_db.engine.url)
    other = Database(url)
    try:
        first = create_app(settings_for(tmp_path / "one"), database=api_db)
        second = create_app(settings_for(tmp_path / "two"), database=other)
        add_user(api_db, username="shared", role="admin", password=PASSWORD, actor="test")
        for i in range(10):
            app = first if i % 2 else second
            assert _login(_client(app, f"10.4.0.{i}"), "shared", "nope nope").status_code == 401
        assert _login(_client(first, "10.4.1.1"), "shared", PASSWORD).status_code == 429
        assert _login(_client(second, "10.4.1.2"), "shared", PASSWORD).status_code == 429
    finally:
        other.dispose()


def test_a_successful_login_clears_the_usernames_count(app, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="forgetful", role="admin", password=PASSWORD, actor="test")
    for i in range(9):
        _login(_client(app, f"10.5.0.{i}"), "forgetful", "wrong password")
    assert _login(_client(app, "10.5.1.1"), "forgetful", PASSWORD).status_code == 200
    for i in range(9):
        assert _login(_client(app, f"10.5.2.{i}"), "forgetful", "wrong").status_code == 401


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaa", " " * 16, "abcabcabcabc", "123456789012", "Password2024!", "iloveyou1234"],
)
def test_trivial_and_common_passwords_are_refused_naming_the_field(api_db, password) -> None:  # type: ignore[no-untyped-def]
    from tradeguard.domain.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        add_user(api_db, username="weak", role="admin", password=password, actor="test")
    assert refused.value.field == "password"


def test_logout_revokes_the_token(app, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="leaving", role="admin", password=PASSWORD, actor="test")
    client = _client(app, "10.6.0.1")
    token = _login(client, "leaving", PASSWORD).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/users", headers=headers).status_code == 200  # now cached
    assert client.post("/api/logout", headers=headers).status_code == 204
    assert client.get("/api/users", headers=headers).status_code == 401
    assert client.post("/api/logout").status_code == 401


def test_revoke_tokens_signs_a_user_out_everywhere(app, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="stolen", role="admin", password=PASSWORD, actor="test")
    client = _client(app, "10.7.0.1")
    tokens = [_login(client, "stolen", PASSWORD).json()["access_token"] for _ in range(2)]
    for token in tokens:
        assert client.get("/api/users", headers={"Authorization": f"Bearer {token}"}).is_success
    assert revoke_user_tokens(api_db, "stolen", actor="test").revoked == 2
    for token in tokens:
        assert (
            client.get("/api/users", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
    assert any(e.action == "revoke_tokens" for e in read_change_log(api_db, entity="user"))


def test_the_revoke_tokens_command(home: Path) -> None:
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    try:
        add_user(db, username="agent", role="admin", password=PASSWORD, actor="test")
        token = issue_token(db, "agent", PASSWORD).token
        program = Path(sys.executable).with_name("tradeguard")
        env = {**os.environ, "TRADEGUARD_HOME": str(home)}
        done = subprocess.run(
            [str(program), "users", "revoke-tokens", "agent", "--json"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert '"revoked": 1' in done.stdout
        with pytest.raises(Exception, match="revoked"):
            principal_for_token(db, token)
        unknown = subprocess.run(
            [str(program), "users", "revoke-tokens", "nobody"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert unknown.returncode == 2 and "nobody" in unknown.stderr
    finally:
        db.dispose()


def test_a_checked_token_is_trusted_from_the_cache_until_forgotten(api_db) -> None:  # type: ignore[no-untyped-def]
    """The cache answers without the database: a revocation made by another process (here a
    second Database deleting the row) is seen only when the entry lapses or is forgotten."""
    from sqlalchemy import delete

    from tradeguard.services.auth import digest
    from tradeguard.store.users import ApiTokenRow

    add_user(api_db, username="cached", role="admin", password=PASSWORD, actor="test")
    token = issue_token(api_db, "cached", PASSWORD).token
    assert principal_for_token(api_db, token, cache_seconds=60).username == "cached"
    other = Database(str(api_db.engine.url))
    try:
        with other.session() as session:
            session.execute(delete(ApiTokenRow).where(ApiTokenRow.token_hash == digest(token)))
    finally:
        other.dispose()
    assert principal_for_token(api_db, token, cache_seconds=60).username == "cached"
    with pytest.raises(Exception, match="revoked"):
        principal_for_token(api_db, token, cache_seconds=0)
    TOKENS.forget(digest(token))
    with pytest.raises(Exception, match="revoked"):
        principal_for_token(api_db, token, cache_seconds=60)


def test_token_fields_longer_than_the_schema_allows_are_422(app) -> None:  # type: ignore[no-untyped-def]
    client = _client(app, "10.8.0.1")
    long_name = _login(client, "x" * 65, "a password that is fine")
    assert long_name.status_code == 422 and long_name.json()["field"] == "username"
    long_password = _login(client, "someone", "p" * 1025)
    assert long_password.status_code == 422 and long_password.json()["field"] == "password"
    form = client.post("/api/token", data={"username": "x" * 65, "password": "whatever12345"})
    assert form.status_code == 422 and form.json()["field"] == "username"


def test_the_throttle_counts_in_every_store(database) -> None:  # type: ignore[no-untyped-def]
    """The counts live in the operational database: SQLite and PostgreSQL alike."""
    from tradeguard.domain.errors import RateLimited, Unauthenticated
    from tradeguard.services.login import LoginThrottle

    add_user(database, username="stored", role="admin", password=PASSWORD, actor="test")
    throttle = LoginThrottle(failures_allowed=3)
    for i in range(3):
        with pytest.raises(Unauthenticated):
            issue_token(database, "stored", "wrong!", client_address=f"a{i}", throttle=throttle)
    with pytest.raises(RateLimited) as refused:
        issue_token(database, "stored", PASSWORD, client_address="b", throttle=throttle)
    assert 0 < refused.value.retry_after <= 15 * 60
    assert issue_token(database, "stored", PASSWORD, client_address="b").token
