"""Bearer tokens this server process has checked recently, so a request costs no query.

An entry lives `seconds` (TRADEGUARD_TOKEN_CACHE_SECONDS) and never beyond the token's expiry.
Revoking a token or a user's tokens (logout, `users revoke-tokens`, `users disable`) forgets them
here at once; another server process forgets them when its entry lapses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from tradeguard.domain.roles import Role

MAX_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class CachedGrant:
    username: str
    role: Role
    until: datetime


class TokenCache:
    """Token digest to (owner, trusted until), guarded by a lock: routes run in threads."""

    def __init__(self) -> None:
        self._grants: dict[str, CachedGrant] = {}
        self._lock = threading.Lock()

    def get(self, token_digest: str, now: datetime) -> CachedGrant | None:
        with self._lock:
            grant = self._grants.get(token_digest)
            if grant is not None and grant.until <= now:
                del self._grants[token_digest]
                return None
            return grant

    def put(self, token_digest: str, grant: CachedGrant) -> None:
        with self._lock:
            if len(self._grants) >= MAX_ENTRIES:
                self._grants.clear()  # crude, but bounded: the next requests refill it
            self._grants[token_digest] = grant

    def forget(self, token_digest: str) -> None:
        with self._lock:
            self._grants.pop(token_digest, None)

    def forget_user(self, username: str) -> None:
        with self._lock:
            for key in [k for k, g in self._grants.items() if g.username == username]:
                del self._grants[key]


TOKENS = TokenCache()
