"""User accounts, API tokens, web sessions and failed logins.

Only hashes are stored: argon2 for passwords, SHA-256 for tokens and session ids (they are long
random values, so a fast hash is enough and lets us look them up by equality).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.store.base import Base


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    csrf_token: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class LoginFailureRow(Base):
    """One failed login; rows older than a day are pruned as new ones arrive."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username", "username", "at"),
        Index("ix_login_failures_client", "client_address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    username: Mapped[str] = mapped_column(String(64), nullable=False)
    client_address: Mapped[str] = mapped_column(String(64), nullable=False)


def user_by_name(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def all_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def live_token_owner(
    session: Session, token_hash: str, now: datetime
) -> tuple[UserRow, ApiTokenRow] | None:
    """The enabled owner of an unexpired token, with the token (for its expiry), or None."""
    query = (
        select(UserRow, ApiTokenRow)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.expires_at > now)
        .where(UserRow.disabled.is_(False))
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def token_by_hash(session: Session, token_hash: str) -> ApiTokenRow | None:
    return session.scalars(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash)).first()


def user_by_id(session: Session, user_id: int) -> UserRow | None:
    return session.get(UserRow, user_id)


def live_web_session(
    session: Session, session_hash: str, now: datetime
) -> tuple[UserRow, WebSessionRow] | None:
    query = (
        select(UserRow, WebSessionRow)
        .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
        .where(WebSessionRow.session_hash == session_hash, WebSessionRow.expires_at > now)
        .where(UserRow.disabled.is_(False))
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def web_session_by_hash(session: Session, session_hash: str) -> WebSessionRow | None:
    query = select(WebSessionRow).where(WebSessionRow.session_hash == session_hash)
    return session.scalars(query).first()


def revoke_credentials(session: Session, user_id: int) -> int:
    """Drop every token and session of a user, so disabling takes effect at once; how many."""
    tokens = session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id))
    sessions = session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
    return int(tokens.rowcount or 0) + int(sessions.rowcount or 0)  # type: ignore[attr-defined]


def drop_expired_tokens(session: Session, user_id: int, now: datetime) -> None:
    session.execute(
        delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id, ApiTokenRow.expires_at <= now)
    )


class LoginTurnstileRow(Base):
    """One row, updated by every login attempt: its row lock is the throttle's turnstile."""

    __tablename__ = "login_turnstile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def hold_login_turnstile(session: Session, now: datetime) -> None:
    """Take the throttle's write lock until the transaction ends (a row lock on PostgreSQL,
    the database write lock on SQLite): no other attempt counts or records meanwhile. It must
    be the transaction's first statement, so that SQLite takes the lock before any read."""
    session.execute(update(LoginTurnstileRow).where(LoginTurnstileRow.id == 1).values(last_at=now))


def login_failures_since(
    session: Session, username: str, client_address: str, since: datetime
) -> tuple[list[datetime], list[datetime]]:
    """When each recent failed login happened: for this username, and from this address."""
    recent = select(LoginFailureRow.at).where(LoginFailureRow.at >= since)
    by_name = recent.where(LoginFailureRow.username == username).order_by(LoginFailureRow.at)
    by_client = recent.where(LoginFailureRow.client_address == client_address).order_by(
        LoginFailureRow.at
    )
    return list(session.scalars(by_name)), list(session.scalars(by_client))


def add_login_failure(session: Session, username: str, client_address: str, at: datetime) -> int:
    """Record one failed (or not yet proved) attempt; its id, to forgive it if it succeeds."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < at - timedelta(days=1)))
    row = LoginFailureRow(at=at, username=username[:64], client_address=client_address[:64])
    session.add(row)
    session.flush()
    return row.id


def forgive_login_attempt(session: Session, attempt_id: int) -> None:
    """An attempt recorded before its password was checked, which proved right."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.id == attempt_id))


def clear_login_failures(session: Session, username: str) -> None:
    """A successful login forgives the username's failures (not the address's)."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.username == username))
