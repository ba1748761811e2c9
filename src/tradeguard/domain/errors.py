"""One error hierarchy for the whole system, with no HTTP or exit codes in it.

The command line maps these to exit codes and the API to statuses, each in one place.
"""

from __future__ import annotations

from typing import TypeVar


class TradeguardError(Exception):
    """Base of every error tradeguard raises on purpose."""


class InvalidInput(TradeguardError):
    """The user gave something malformed: a bad file, field or value."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(TradeguardError):
    """The thing asked for does not exist."""


class Conflict(TradeguardError):
    """The change collides with another one (stale version, duplicate, illegal transition)."""


class Collision(Conflict):
    """Another change stored the same unique thing first (two findings for one hold, two
    accounts of one name): the store's constraint refused the second, so nothing was written."""


class RateLimited(Conflict):
    """Too many attempts in a window; `retry_after` says in how many seconds to try again."""

    def __init__(self, message: str, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


class Unavailable(TradeguardError):
    """The store is busy: another process held its write lock longer than a request waits.
    Nothing was written; try again in `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


class Forbidden(TradeguardError):
    """The caller's role does not allow this."""


class Unauthenticated(TradeguardError):
    """No valid credentials were given."""


T = TypeVar("T")


def nearest(error: TradeguardError, table: dict[type[TradeguardError], T], default: T) -> T:
    """The table's value for the error's nearest class, so that a subclass declared later keeps
    its parent's mapping (the interfaces map errors to statuses and exit codes this way)."""
    for kind in type(error).__mro__:
        if kind in table:
            return table[kind]
    return default
