"""Accounts and logins through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, profiles

from tradeguard.domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from tradeguard.services.auth import (
    close_web_session,
    issue_token,
    open_web_session,
    principal_for_token,
    web_session,
)
from tradeguard.services.change_log import read_change_log
from tradeguard.services.users import (
    add_user,
    disable_user,
    list_users,
    password_hasher,
    use_password_hasher,
)
from tradeguard.store.users import UserRow, user_by_name

PASSWORD = "a long test password"


@pytest.fixture(autouse=True)
def cheap_argon2() -> Iterator[None]:
    default = password_hasher()
    use_password_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    use_password_hasher(default)


def test_default_hasher_is_argon2id_with_real_cost() -> None:
    hasher = PasswordHasher()
    assert hasher.type.name == "ID" and hasher.memory_cost >= 19 * 1024


def test_add_stores_an_argon2_hash_and_audits(database) -> None:  # type: ignore[no-untyped-def]
    user = add_user(
        database, username="ana", role="targeting_analyst", password=PASSWORD, actor="t"
    )
    assert user.role.value == "targeting_analyst" and not user.disabled
    with database.session() as session:
        row = user_by_name(session, "ana")
        assert isinstance(row, UserRow)
        assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash
    (line,) = read_change_log(database, entity="user")
    assert (line.actor, line.action, line.entity_id) == ("t", "add", "ana")
    assert "argon2" not in (line.after or "")


def test_add_refuses_duplicates_bad_names_roles_and_short_passwords(database) -> None:  # type: ignore[no-untyped-def]
    add_user(database, username="ana", role="admin", password=PASSWORD, actor="t")
    with pytest.raises(Conflict):
        add_user(database, username="ana", role="admin", password=PASSWORD, actor="t")
    for kwargs, field in [
        ({"username": "Ana Smith"}, "username"),
        ({"role": "public"}, "role"),
        ({"password": "short"}, "password"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            add_user(
                database,
                **{
                    "username": "bob",
                    "role": "admin",
                    "password": PASSWORD,
                    "actor": "t",
                    **kwargs,
                },
            )
        assert raised.value.field == field
    assert [u.username for u in list_users(database)] == ["ana"]


def test_tokens_resolve_to_their_owner_until_they_expire(database) -> None:  # type: ignore[no-untyped-def]
    add_user(database, username="ofc", role="cbp_officer", password=PASSWORD, actor="t")
    issued = issue_token(database, "ofc", PASSWORD)
    assert principal_for_token(database, issued.token).username == "ofc"
    expired = issue_token(database, "ofc", PASSWORD, lifetime=timedelta(seconds=-1))
    with pytest.raises(Unauthenticated):
        principal_for_token(database, expired.token)
    with pytest.raises(Unauthenticated):
        issue_token(database, "ofc", "wrong password!!")


def test_sessions_close_and_disabling_revokes_everything(database) -> None:  # type: ignore[no-untyped-def]
    add_user(database, username="mgr", role="management", password=PASSWORD, actor="t")
    first = open_web_session(database, "mgr", PASSWORD)
    second = open_web_session(database, "mgr", PASSWORD)
    assert first.session_id != second.session_id and first.csrf_token != second.csrf_token
    assert web_session(database, first.session_id).principal.role.value == "management"
    close_web_session(database, first.session_id)
    close_web_session(database, first.session_id)  # twice is harmless
    with pytest.raises(Unauthenticated):
        web_session(database, first.session_id)
    token = issue_token(database, "mgr", PASSWORD).token
    disable_user(database, "mgr", actor="t")
    with pytest.raises(Unauthenticated):
        web_session(database, second.session_id)
    with pytest.raises(Unauthenticated):
        principal_for_token(database, token)
    with pytest.raises(NotFound):
        disable_user(database, "nobody", actor="t")
    actions = [line.action for line in read_change_log(database)]
    assert actions.count("login") == 2 and "logout" in actions and "disable" in actions
