"""User accounts, API tokens and web sessions.

Only hashes are stored: argon2 for passwords, SHA-256 for tokens and session ids (they are long
random values, so a fast hash is enough and lets us look them up by equality).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, delete, select
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


def user_by_name(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def all_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def live_token_owner(session: Session, token_hash: str, now: datetime) -> UserRow | None:
    """The enabled owner of an unexpired token, or None."""
    query = (
        select(UserRow)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.expires_at > now)
        .where(UserRow.disabled.is_(False))
    )
    return session.scalars(query).first()


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


def revoke_credentials(session: Session, user_id: int) -> None:
    """Drop every token and session of a user, so disabling takes effect at once."""
    session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id))
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
