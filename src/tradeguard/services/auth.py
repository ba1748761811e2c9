"""Proving who is asking: passwords, bearer tokens for the API, cookie sessions for the pages.

Tokens and session ids are long random values handed to the client once; only their SHA-256
is stored. Every login and logout is a change, so each is written to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from tradeguard.domain.errors import Unauthenticated
from tradeguard.domain.roles import Role
from tradeguard.services.users import password_hasher
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.users import (
    ApiTokenRow,
    UserRow,
    WebSessionRow,
    live_token_owner,
    live_web_session,
    user_by_name,
    web_session_by_hash,
)

TOKEN_LIFETIME = timedelta(hours=12)
SESSION_LIFETIME = timedelta(hours=8)
BAD_LOGIN = "unknown username or wrong password"
_dummy_hashes: dict[str, str] = {}


def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both failures take the same time."""
    hasher = password_hasher()
    key = f"{hasher.time_cost}:{hasher.memory_cost}:{hasher.parallelism}"
    if key not in _dummy_hashes:
        _dummy_hashes[key] = hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hashes[key]


@dataclass(frozen=True, slots=True)
class Principal:
    """Whoever is making the request: an account, or the anonymous public."""

    username: str
    role: Role

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.PUBLIC


ANONYMOUS = Principal("anonymous", Role.PUBLIC)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: datetime
    principal: Principal


@dataclass(frozen=True, slots=True)
class WebSession:
    session_id: str
    csrf_token: str
    expires_at: datetime
    principal: Principal


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _check_login(session: Session, username: str, password: str) -> UserRow:
    row = user_by_name(session, username)
    hasher = password_hasher()
    try:
        hasher.verify(row.password_hash if row else _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise Unauthenticated(BAD_LOGIN) from None
    if row is None or row.disabled:
        raise Unauthenticated(BAD_LOGIN)
    if hasher.check_needs_rehash(row.password_hash):
        row.password_hash = hasher.hash(password)
    return row


def issue_token(
    db: Database, username: str, password: str, *, lifetime: timedelta = TOKEN_LIFETIME
) -> IssuedToken:
    """Log in for the API: a bearer token, shown once."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.session() as session:
        row = _check_login(session, username, password)
        record = ApiTokenRow(
            token_hash=digest(token), user_id=row.id, created_at=now, expires_at=now + lifetime
        )
        session.add(record)
        session.flush()
        record_change(
            session,
            actor=row.username,
            action="issue_token",
            entity="api_token",
            entity_id=str(record.id),
            after={"expires_at": record.expires_at},
        )
        return IssuedToken(token, now + lifetime, Principal(row.username, Role(row.role)))


def principal_for_token(db: Database, token: str) -> Principal:
    with db.session() as session:
        row = live_token_owner(session, digest(token), datetime.now(UTC))
        if row is None:
            raise Unauthenticated("the token is unknown, expired or revoked")
        return Principal(row.username, Role(row.role))


def open_web_session(
    db: Database, username: str, password: str, *, lifetime: timedelta = SESSION_LIFETIME
) -> WebSession:
    """Log in for the pages: a session id for an HttpOnly cookie and its CSRF token."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.session() as session:
        row = _check_login(session, username, password)
        record = WebSessionRow(
            session_hash=digest(session_id),
            user_id=row.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + lifetime,
        )
        session.add(record)
        session.flush()
        record_change(
            session,
            actor=row.username,
            action="login",
            entity="web_session",
            entity_id=str(record.id),
            after={"expires_at": record.expires_at},
        )
        return WebSession(session_id, csrf, now + lifetime, Principal(row.username, Role(row.role)))


def web_session(db: Database, session_id: str) -> WebSession:
    with db.session() as session:
        found = live_web_session(session, digest(session_id), datetime.now(UTC))
        if found is None:
            raise Unauthenticated("the session is unknown or expired; log in again")
        user, record = found
        return WebSession(
            session_id,
            record.csrf_token,
            record.expires_at,
            Principal(user.username, Role(user.role)),
        )


def close_web_session(db: Database, session_id: str) -> None:
    """Log out; closing an unknown session is not an error (the cookie may be stale)."""
    with db.session() as session:
        record = web_session_by_hash(session, digest(session_id))
        if record is None:
            return
        user = session.get(UserRow, record.user_id)
        record_change(
            session,
            actor=user.username if user else "unknown",
            action="logout",
            entity="web_session",
            entity_id=str(record.id),
        )
        session.delete(record)
