"""Accounts: add, list and disable users, and revoke their tokens. Every change is audited.

There is no default account and no default password: the first admin is added with
`tradeguard users add NAME --role admin`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher

from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.passwords import MAXIMUM, MINIMUM, password_problem
from tradeguard.domain.roles import Role, parse_role
from tradeguard.reference.common_passwords import common_passwords
from tradeguard.services.token_cache import TOKENS
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.users import UserRow, all_users, revoke_credentials, user_by_name

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
PASSWORD_MIN = MINIMUM
PASSWORD_MAX = MAXIMUM
_hasher = PasswordHasher()


def password_hasher() -> PasswordHasher:
    """The argon2 hasher in use (argon2-cffi's RFC 9106 low-memory profile by default)."""
    return _hasher


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Swap the argon2 parameters, e.g. argon2.profiles.CHEAPEST to keep test suites fast.

    Existing hashes keep verifying: argon2 reads the parameters from the hash itself.
    """
    global _hasher
    _hasher = hasher


@dataclass(frozen=True, slots=True)
class UserPublic:
    """What may be shown about an account: never its hash."""

    username: str
    role: Role
    disabled: bool
    created_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "role": self.role.value,
            "disabled": self.disabled,
            "created_at": self.created_at.isoformat(),
        }


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _public(row: UserRow) -> UserPublic:
    return UserPublic(row.username, Role(row.role), row.disabled, _utc(row.created_at))


def parse_username(text: str) -> str:
    if not USERNAME.fullmatch(text):
        raise InvalidInput(
            "username must be 2-64 characters of lowercase letters, digits, '.', '_' or '-'",
            "username",
        )
    return text


def check_password(password: str) -> str:
    """Refuse short, trivial and common passwords (tradeguard.domain.passwords)."""
    problem = password_problem(password, common_passwords())
    if problem is not None:
        raise InvalidInput(problem, "password")
    return password


def add_user(db: Database, *, username: str, role: str, password: str, actor: str) -> UserPublic:
    name = parse_username(username)
    account_role = parse_role(role)
    password_hash = password_hasher().hash(check_password(password))
    with db.session() as session:
        if user_by_name(session, name) is not None:
            raise Conflict(f"user {name!r} already exists")
        row = UserRow(
            username=name,
            password_hash=password_hash,
            role=account_role.value,
            disabled=False,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        record_change(
            session,
            actor=actor,
            action="add",
            entity="user",
            entity_id=name,
            after={"username": name, "role": account_role.value, "disabled": False},
        )
        return _public(row)


def list_users(db: Database) -> list[UserPublic]:
    with db.session() as session:
        return [_public(row) for row in all_users(session)]


def disable_user(db: Database, username: str, *, actor: str) -> UserPublic:
    """Disable an account and revoke its tokens and sessions in the same transaction."""
    with db.session() as session:
        row = user_by_name(session, username)
        if row is None:
            raise NotFound(f"no user named {username!r}")
        before = {"disabled": row.disabled}
        row.disabled = True
        revoke_credentials(session, row.id)
        TOKENS.forget_user(row.username)
        record_change(
            session,
            actor=actor,
            action="disable",
            entity="user",
            entity_id=username,
            before=before,
            after={"disabled": True},
        )
        return _public(row)


@dataclass(frozen=True, slots=True)
class RevokedCredentials:
    username: str
    revoked: int

    def as_json(self) -> dict[str, object]:
        return {"username": self.username, "revoked": self.revoked}


def revoke_user_tokens(db: Database, username: str, *, actor: str) -> RevokedCredentials:
    """Sign an account out everywhere: every API token and web session stops working."""
    with db.session() as session:
        row = user_by_name(session, username)
        if row is None:
            raise NotFound(f"no user named {username!r}")
        revoked = revoke_credentials(session, row.id)
        TOKENS.forget_user(row.username)
        record_change(
            session,
            actor=actor,
            action="revoke_tokens",
            entity="user",
            entity_id=username,
            after={"revoked": revoked},
        )
        return RevokedCredentials(username, revoked)
