"""Errors shown as pages: 401 shows the login form, anything else a short explanation."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import HTMLResponse

from tradeguard.domain.errors import TradeguardError, Unauthenticated
from tradeguard.web.rendering import render
from tradeguard.web.security import anonymous_csrf

API_PREFIXES = ("/api/", "/health", "/openapi.json", "/docs", "/redoc", "/static/")


def wants_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith(API_PREFIXES) or path == "/api")


def _ensure_csrf(request: Request) -> None:
    """An error raised before the page's session was loaded (404, 405): render it anonymous."""
    if not hasattr(request.state, "csrf_token"):
        request.state.csrf_token = anonymous_csrf(request)


def page_for_status(request: Request, status: int, message: str) -> HTMLResponse:
    _ensure_csrf(request)
    return render(request, "error.html", status_code=status, status=status, message=message)


def page_for_error(request: Request, error: TradeguardError, status: int) -> HTMLResponse:
    if isinstance(error, Unauthenticated):
        _ensure_csrf(request)
        return render(
            request,
            "login.html",
            status_code=401,
            error=None,
            next=request.url.path,
            notice=str(error),
        )
    return page_for_status(request, status, str(error))
