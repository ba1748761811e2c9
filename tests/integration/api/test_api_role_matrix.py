"""Every route against every role: allowed roles get through, others are refused.

Routes are read from the application itself, so a route someone adds later is covered too: it
must either carry a permission check (`requires(...)` / `page_permission(...)`) or be listed
here as public on purpose.
"""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from tests.integration.api.conftest import PASSWORD
from tradeguard.api.deps import PermissionCheck
from tradeguard.api.routers import API_ROUTERS
from tradeguard.domain.roles import Role, can
from tradeguard.services.auth import WebSession, issue_token
from tradeguard.web.security import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from tradeguard.web.site import PAGE_ROUTERS

PUBLIC_ROUTES = {
    ("GET", "/health"),
    ("POST", "/api/token"),
    ("POST", "/api/allegations"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/allegations/new"),
}


def _checks(dependant) -> list[PermissionCheck]:  # type: ignore[no-untyped-def]
    found = []
    for sub in dependant.dependencies:
        if isinstance(sub.call, PermissionCheck):
            found.append(sub.call)
        found.extend(_checks(sub))
    return found


def _routes() -> list[tuple[str, str, list[PermissionCheck]]]:
    """Every route of every router create_app includes (the same two lists it uses)."""
    routers = [*API_ROUTERS, *PAGE_ROUTERS]
    found = []
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                for method in sorted(route.methods):
                    found.append((method, route.path, _checks(route.dependant)))
    return found


ROUTES = _routes()
# Routes that revoke the credentials they are called with.
REVOKING = {("POST", "/api/logout")}
PROTECTED = [(m, p, c) for m, p, c in ROUTES if c]


def _allowed(role: Role, checks: list[PermissionCheck]) -> bool:
    return all(
        (role is not Role.PUBLIC) if c.permission is None else can(role, c.permission)
        for c in checks
    )


def _request(client, method: str, path: str, role: Role, tokens, sessions):  # type: ignore[no-untyped-def]
    url = re.sub(r"\{[^}]+\}", "1", path)
    headers: dict[str, str] = {}
    client.cookies.clear()
    if role is Role.PUBLIC and not path.startswith("/api/") and method != "GET":
        client.get("/login")  # an anonymous form's CSRF token lives in a cookie
        headers[CSRF_HEADER] = client.cookies[CSRF_COOKIE]
    if role is not Role.PUBLIC:
        if path.startswith("/api/"):
            headers["Authorization"] = f"Bearer {tokens[role]}"
        else:
            session: WebSession = sessions[role]
            client.cookies.set(SESSION_COOKIE, session.session_id)
            headers[CSRF_HEADER] = session.csrf_token
    return client.request(method, url, headers=headers)


def test_every_route_is_protected_or_deliberately_public() -> None:
    unguarded = {(m, p) for m, p, checks in ROUTES if not checks}
    assert unguarded <= PUBLIC_ROUTES, (
        f"routes without a permission check: {unguarded - PUBLIC_ROUTES}"
    )
    assert ("GET", "/api/audit") in {(m, p) for m, p, _ in PROTECTED}


def test_the_app_serves_exactly_the_discovered_api_routes(app) -> None:  # type: ignore[no-untyped-def]
    documented = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert documented == {(m, p) for m, p, _ in ROUTES if p.startswith(("/api/", "/health"))}


@pytest.mark.parametrize(
    ("method", "path", "checks"), PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED]
)
def test_role_matrix(client, tokens, web_sessions, api_db, accounts, method, path, checks) -> None:  # type: ignore[no-untyped-def]
    if (method, path) in REVOKING:  # spend throwaway tokens, not the module's
        tokens = {r: issue_token(api_db, name, PASSWORD).token for r, name in accounts.items()}
    for role in Role:
        response = _request(client, method, path, role, tokens, web_sessions)
        assert response.status_code < 500, (role, response.text)
        if _allowed(role, checks):
            assert response.status_code not in (401, 403), (role, response.text)
        elif role is Role.PUBLIC:
            assert response.status_code == 401, (role, response.text)
        else:
            assert response.status_code == 403, (role, response.text)


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, c in PROTECTED if p.startswith("/api/") and not _allowed(Role.PUBLIC, c)],
)
def test_api_without_credentials_is_401_json(client, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.request(method, re.sub(r"\{[^}]+\}", "1", path))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]


def test_a_bad_token_is_401_not_anonymous(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/users", headers={"Authorization": "Bearer not-a-real-token"})
    assert response.status_code == 401
    assert "token" in response.json()["error"]
