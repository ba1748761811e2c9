"""Proving who is asking: passwords, bearer tokens for the API, cookie sessions for the pages.

Tokens and session ids are long random values handed to the client once; only their SHA-256
is stored. Every login, failed login and logout is written to the audit log. Guessing is
throttled: after `failures_allowed` failed logins within the window, for one username or from one
client address, further attempts are refused with RateLimited until the window frees up; the
counts live in the database, so every server process shares them.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tradeguard.domain.errors import RateLimited, Unauthenticated
from tradeguard.domain.roles import Role
from tradeguard.services.token_cache import TOKENS, CachedGrant
from tradeguard.services.users import password_hasher
from tradeguard.store.audit import record_change
from tradeguard.store.database import Database
from tradeguard.store.users import (
    ApiTokenRow,
    WebSessionRow,
    add_login_failure,
    clear_login_failures,
    drop_expired_tokens,
    live_token_grant,
    live_web_session,
    login_failures_since,
    token_by_hash,
    user_by_id,
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
class LoginThrottle:
    """How many failed logins, per username and per client address, a window allows."""

    failures_allowed: int = 10
    window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One login attempt: who claims to be whom, from where, through which door."""

    username: str
    password: str
    client_address: str = "unknown"
    via: str = "api"


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


@dataclass(frozen=True, slots=True)
class Account:
    """The account a login proved, as plain values (no row outlives its transaction)."""

    user_id: int
    username: str
    role: Role


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _wait(failures: list[datetime], throttle: LoginThrottle, now: datetime) -> int:
    """Seconds until fewer than the allowed failures remain in the window (0: not throttled)."""
    excess = len(failures) - throttle.failures_allowed
    if excess < 0:
        return 0
    frees = _utc(failures[excess]) + throttle.window
    return max(1, math.ceil((frees - now).total_seconds()))


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_login(db: Database, attempt: Attempt, throttle: LoginThrottle) -> Account:
    """The account the attempt proves; a failure is counted and audited in its own
    transaction, so that refusing the login does not roll the record back."""
    now = datetime.now(UTC)
    with db.session() as session:
        by_name, by_client = login_failures_since(
            session, attempt.username, attempt.client_address, now - throttle.window
        )
        wait = max(_wait(by_name, throttle, now), _wait(by_client, throttle, now))
        row = user_by_name(session, attempt.username)
        stored = row.password_hash if row is not None else None
        account = None if row is None else Account(row.id, row.username, Role(row.role))
        disabled = row is None or row.disabled
    if wait:
        raise RateLimited(f"too many failed logins; try again in {wait} seconds", wait)
    hasher = password_hasher()
    try:
        hasher.verify(stored or _dummy_hash(), attempt.password)
        proved = account is not None and not disabled
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        proved = False
    if not proved or account is None or stored is None:
        _record_failure(db, attempt, now)
        raise Unauthenticated(BAD_LOGIN)
    with db.session() as session:
        clear_login_failures(session, account.username)
        if hasher.check_needs_rehash(stored):
            found = user_by_id(session, account.user_id)
            if found is not None:
                found.password_hash = hasher.hash(attempt.password)
    return account


def _record_failure(db: Database, attempt: Attempt, now: datetime) -> None:
    with db.session() as session:
        add_login_failure(session, attempt.username, attempt.client_address, now)
        record_change(
            session,
            actor="public",
            action="login.failed",
            entity="user",
            entity_id=attempt.username[:128],
            after={"client_address": attempt.client_address, "via": attempt.via},
        )


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
    account = _check_login(db, Attempt(username, password, client_address, "api"), throttle)
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


def principal_for_token(db: Database, token: str, *, cache_seconds: int = 0) -> Principal:
    """The token's owner; a token checked within `cache_seconds` is trusted without a query."""
    key = digest(token)
    now = datetime.now(UTC)
    cached = TOKENS.get(key, now) if cache_seconds else None
    if cached is not None:
        return Principal(cached.username, cached.role)
    with db.session() as session:
        found = live_token_grant(session, key, now)
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
    account = _check_login(db, Attempt(username, password, client_address, "pages"), throttle)
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
