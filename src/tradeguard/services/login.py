"""Checking a login: the password, and the throttle on guessing it.

After `failures_allowed` failed logins within the window, for one username or from one client
address, further attempts are refused with RateLimited, without checking the password, until the
window frees up. The counts live in the database, so every server process shares them. Every
failure is written to the audit log, with the client address and the door (API or pages).

Counting and recording are one atomic step: behind the turnstile row (store/users.py), each
attempt counts the recent failures and, if it may go on, is recorded as a failure before its
password is checked; a password that proves right forgives it. So concurrent guesses are
counted one after another, and no more than `failures_allowed` pass in a window on SQLite or
PostgreSQL, however many arrive at once.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tradeguard.domain.errors import RateLimited, Unauthenticated
from tradeguard.domain.roles import Role
from tradeguard.services.users import password_hasher
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.users import (
    add_login_failure,
    clear_login_failures,
    forgive_login_attempt,
    hold_login_turnstile,
    login_failures_since,
    user_by_id,
    user_by_name,
)

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
class Account:
    """The account a login proved, as plain values (no row outlives its transaction)."""

    user_id: int
    username: str
    role: Role


def _wait(failures: list[datetime], throttle: LoginThrottle, now: datetime) -> int:
    """Seconds until fewer than the allowed failures remain in the window (0: not throttled)."""
    excess = len(failures) - throttle.failures_allowed
    if excess < 0:
        return 0
    frees = _utc(failures[excess]) + throttle.window
    return max(1, math.ceil((frees - now).total_seconds()))


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_login(db: Database, attempt: Attempt, throttle: LoginThrottle) -> Account:
    """The account the attempt proves. The attempt is counted before the (slow) password check,
    in the turnstile's transaction, and forgiven if the password proves right."""
    now = datetime.now(UTC)
    with db.session() as session:
        hold_login_turnstile(session, now)  # first: no other attempt counts until we commit
        by_name, by_client = login_failures_since(
            session, attempt.username, attempt.client_address, now - throttle.window
        )
        wait = max(_wait(by_name, throttle, now), _wait(by_client, throttle, now))
        pending = (
            None
            if wait
            else add_login_failure(session, attempt.username, attempt.client_address, now)
        )
        row = user_by_name(session, attempt.username)
        stored = row.password_hash if row is not None else None
        account = None if row is None else Account(row.id, row.username, Role(row.role))
        disabled = row is None or row.disabled
    if wait or pending is None:
        raise RateLimited(f"too many failed logins; try again in {wait} seconds", wait)
    hasher = password_hasher()
    try:
        hasher.verify(stored or _dummy_hash(), attempt.password)
        proved = account is not None and not disabled
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        proved = False
    if not proved or account is None or stored is None:
        _record_failure(db, attempt)
        raise Unauthenticated(BAD_LOGIN)
    with db.session() as session:
        forgive_login_attempt(session, pending)
        clear_login_failures(session, account.username)
        if hasher.check_needs_rehash(stored):
            found = user_by_id(session, account.user_id)
            if found is not None:
                found.password_hash = hasher.hash(attempt.password)
    return account


def _record_failure(db: Database, attempt: Attempt) -> None:
    """The audit line of a failure (the failure itself was counted before the check)."""
    with db.session() as session:
        record_change(
            session,
            actor="public",
            action="login.failed",
            entity="user",
            entity_id=attempt.username[:128],
            after={"client_address": attempt.client_address, "via": attempt.via},
        )
