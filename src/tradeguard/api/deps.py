"""Dependency aliases that keep route handlers to one line of work.

    @router.get("/api/audit")
    def audit(db: DbDep, user: Annotated[Principal, requires("audit:read")]) -> ...

`requires(permission)` authenticates the bearer token and checks the role; the role-matrix test
finds every `PermissionCheck` on every route, so a route without one must be listed as public.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from tradeguard.config import Settings
from tradeguard.domain.errors import Forbidden, Unauthenticated
from tradeguard.domain.roles import can
from tradeguard.services.auth import ANONYMOUS, Principal, cached_principal, principal_for_token
from tradeguard.services.login import LoginThrottle
from tradeguard.store.database import Database

bearer = HTTPBearer(auto_error=False, description="a token from POST /api/token")


# Dependencies that only read the request are `async def`: FastAPI runs a plain `def` in the
# thread pool, and a hop there for every such dependency was most of a cheap request's cost.


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def client_address(request: Request) -> str:
    """The peer address; forwarded-for headers are ignored because any client can forge them."""
    return request.client.host if request.client else "unknown"


ClientAddressDep = Annotated[str, Depends(client_address)]


async def login_throttle(settings: SettingsDep) -> LoginThrottle:
    return LoginThrottle(
        settings.login_failures_allowed, timedelta(minutes=settings.login_window_minutes)
    )


LoginThrottleDep = Annotated[LoginThrottle, Depends(login_throttle)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def api_principal(db: DbDep, settings: SettingsDep, credentials: BearerDep) -> Principal:
    """A token checked recently comes from the in-process cache, on the event loop; only a
    cache miss queries the database, in the thread pool so the loop never waits on it."""
    if credentials is None:
        return ANONYMOUS
    if settings.token_cache_seconds:
        cached = cached_principal(credentials.credentials)
        if cached is not None:
            return cached
    return await run_in_threadpool(
        principal_for_token,
        db,
        credentials.credentials,
        cache_seconds=settings.token_cache_seconds,
    )


class PermissionCheck:
    """Marker base: a dependency that refuses callers whose role lacks `permission`.

    `permission` None means any signed-in account.
    """

    def __init__(self, permission: str | None) -> None:
        if permission is not None:
            can("admin", permission)  # fails at import time on a misspelt permission
        self.permission = permission

    def check(self, principal: Principal) -> Principal:
        allowed = (
            not principal.is_anonymous
            if self.permission is None
            else can(principal.role, self.permission)
        )
        if allowed:
            return principal
        if principal.is_anonymous:
            raise Unauthenticated("log in first: this needs an account")
        raise Forbidden(f"role {principal.role.value} may not {self.permission or 'do this'}")


class Requires(PermissionCheck):
    """API flavour: the principal comes from the bearer token."""

    async def __call__(self, principal: Annotated[Principal, Depends(api_principal)]) -> Principal:
        return self.check(principal)


def requires(permission: str | None) -> Any:
    return Depends(Requires(permission))
