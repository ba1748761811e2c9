"""Sessions, CSRF and headers for the pages.

- The session cookie holds a random id (only its hash is stored); HttpOnly, SameSite=Lax, and
  Secure when served over HTTPS.
- Every unsafe request (POST, ...) to a page must carry the CSRF token, as the `csrf_token`
  form field or the X-CSRF-Token header (htmx sends the header, see base.html). Signed-in users
  have a token bound to their session; anonymous forms use a double-submit cookie.
- `page_router()` loads the session for every page; `page_permission(p)` refuses roles
  without `p` (401 when nobody is signed in) and enforces CSRF on unsafe methods.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from tradeguard.api.deps import DbDep, PermissionCheck
from tradeguard.domain.errors import Forbidden, Unauthenticated
from tradeguard.services.auth import ANONYMOUS, Principal, same_secret, web_session

STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "tg_session"
CSRF_COOKIE = "tg_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

# Pages load scripts and styles only from /static: no inline script, no third-party origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
# The interactive API docs (/docs, /redoc) load their assets from a CDN, so no CSP there.
_NO_CSP = ("/docs", "/redoc")


def security_headers(path: str) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }
    if not path.startswith(_NO_CSP):
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return headers


def anonymous_csrf(request: Request) -> str:
    """The double-submit token from the cookie, or a new one that render() will set."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if _TOKEN.fullmatch(cookie):
        return cookie
    request.state.new_csrf_cookie = True
    return secrets.token_urlsafe(32)


def load_page_session(request: Request, db: DbDep) -> None:
    """Put the signed-in principal (or the anonymous public) and the CSRF token on request.state."""
    principal, csrf = ANONYMOUS, None
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        try:
            found = web_session(db, session_id)
            principal, csrf = found.principal, found.csrf_token
        except Unauthenticated:
            request.state.drop_session_cookie = True
    request.state.new_csrf_cookie = False
    if csrf is None:
        csrf = anonymous_csrf(request)
    request.state.principal = principal
    request.state.csrf_token = csrf


async def read_csrf(request: Request) -> None:
    """Record whether an unsafe request carried the expected CSRF token."""
    if request.method in SAFE_METHODS:
        request.state.csrf_ok = True
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD, "")
        given = value if isinstance(value, str) else ""
    expected = request.state.csrf_token
    request.state.csrf_ok = bool(given) and not request.state.new_csrf_cookie
    request.state.csrf_ok = request.state.csrf_ok and same_secret(given, expected)


def page_router(**kwargs: Any) -> APIRouter:
    """An APIRouter for pages: HTML responses, session loaded, hidden from the OpenAPI document."""
    kwargs.setdefault("default_response_class", HTMLResponse)
    kwargs.setdefault("include_in_schema", False)
    dependencies = [Depends(load_page_session), Depends(read_csrf)]
    return APIRouter(dependencies=dependencies + list(kwargs.pop("dependencies", [])), **kwargs)


def require_csrf(request: Request) -> None:
    if not getattr(request.state, "csrf_ok", False):
        raise Forbidden("this form has expired or did not come from tradeguard; reload the page")


CsrfChecked = Annotated[None, Depends(require_csrf)]


def current_principal(request: Request) -> Principal:
    principal: Principal = getattr(request.state, "principal", ANONYMOUS)
    return principal


class PageRequires(PermissionCheck):
    """Page flavour: the principal comes from the session cookie; CSRF checked on unsafe methods."""

    def __call__(self, request: Request) -> Principal:
        principal = self.check(current_principal(request))
        require_csrf(request)
        return principal


def page_permission(permission: str | None) -> Any:
    return Depends(PageRequires(permission))
