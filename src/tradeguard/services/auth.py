"""Proving who is asking: bearer tokens for the API, cookie sessions for the pages.

Both are issued after services.login checks the password (and the throttle on guessing it).
Tokens and session ids are long random values handed to the client once; only their SHA-256
is stored. Every login and logout is written to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tradeguard.domain.errors import Unauthenticated
from tradeguard.domain.roles import Role
from tradeguard.services.login import Attempt, LoginThrottle, check_login
from tradeguard.services.token_cache import TOKENS, CachedGrant
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.users import (
    ApiTokenRow,
    WebSessionRow,
    drop_expired_tokens,
    live_token_owner,
    live_web_session,
    token_by_hash,
    user_by_id,
    web_session_by_hash,
)

TOKEN_LIFETIME = timedelta(hours=12)
SESSION_LIFETIME = timedelta(hours=8)


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


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def issue_token(
    db: Database,
    username: str,
    password: str,
    *,
    lifetime: timedelta = TOKEN_LIFETIME,
    client_address: str = "unknown",
    throttle: LoginThrottle = LoginThrottle(),
) -> IssuedToken:
    """Log in for the API: a bearer token, shown once."""
    account = check_login(db, Attempt(username, password, client_address, "api"), throttle)
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.session() as session:
        drop_expired_tokens(session, account.user_id, now)
        record = ApiTokenRow(
            token_hash=digest(token),
            user_id=account.user_id,
            created_at=now,
            expires_at=now + lifetime,
        )
        session.add(record)
        session.flush()
        record_change(
            session,
            actor=account.username,
            action="issue_token",
            entity="api_token",
            entity_id=str(record.id),
            after={"expires_at": record.expires_at},
        )
    return IssuedToken(token, now + lifetime, Principal(account.username, account.role))


def cached_principal(token: str) -> Principal | None:
    """The token's owner if this process checked the token recently; no database, no I/O."""
    cached = TOKENS.get(digest(token), datetime.now(UTC))
    return None if cached is None else Principal(cached.username, cached.role)


def principal_for_token(db: Database, token: str, *, cache_seconds: int = 0) -> Principal:
    """The token's owner; a token checked within `cache_seconds` is trusted without a query."""
    key = digest(token)
    now = datetime.now(UTC)
    cached = TOKENS.get(key, now) if cache_seconds else None
    if cached is not None:
        return Principal(cached.username, cached.role)
    with db.session() as session:
        found = live_token_owner(session, key, now)
        if found is None:
            raise Unauthenticated("the token is unknown, expired or revoked")
        user, record = found
        principal = Principal(user.username, Role(user.role))
        expires_at = _utc(record.expires_at)
    if cache_seconds:
        until = min(now + timedelta(seconds=cache_seconds), expires_at)
        TOKENS.put(key, CachedGrant(principal.username, principal.role, until))
    return principal


def revoke_token(db: Database, token: str) -> None:
    """Log out of the API: the token stops working at once (in this process; others within
    the token cache's lifetime)."""
    key = digest(token)
    TOKENS.forget(key)
    with db.session() as session:
        record = token_by_hash(session, key)
        if record is None:
            return
        user = user_by_id(session, record.user_id)
        record_change(
            session,
            actor=user.username if user else "unknown",
            action="revoke_token",
            entity="api_token",
            entity_id=str(record.id),
        )
        session.delete(record)


def open_web_session(
    db: Database,
    username: str,
    password: str,
    *,
    lifetime: timedelta = SESSION_LIFETIME,
    client_address: str = "unknown",
    throttle: LoginThrottle = LoginThrottle(),
) -> WebSession:
    """Log in for the pages: a session id for an HttpOnly cookie and its CSRF token."""
    account = check_login(db, Attempt(username, password, client_address, "pages"), throttle)
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.session() as session:
        record = WebSessionRow(
            session_hash=digest(session_id),
            user_id=account.user_id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + lifetime,
        )
        session.add(record)
        session.flush()
        record_change(
            session,
            actor=account.username,
            action="login",
            entity="web_session",
            entity_id=str(record.id),
            after={"expires_at": record.expires_at},
        )
    return WebSession(session_id, csrf, now + lifetime, Principal(account.username, account.role))


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
        user = user_by_id(session, record.user_id)
        record_change(
            session,
            actor=user.username if user else "unknown",
            action="logout",
            entity="web_session",
            entity_id=str(record.id),
        )
        session.delete(record)
