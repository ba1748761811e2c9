"""`render(request, template, **ctx)`: the one way a page returns HTML.

Every template gets `principal` (who is signed in), `csrf_token` (put it in every form), `nav`
(the pages this role may open, from the app's navigation) and `csrf_field` (the hidden input's
name). Jinja2 autoescapes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from tradeguard.web.navigation import navigation_for
from tradeguard.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    current_principal,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def render(request: Request, template: str, *, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    principal = current_principal(request)
    csrf = getattr(request.state, "csrf_token", "")
    context = {
        "principal": principal,
        "csrf_token": csrf,
        "csrf_field": CSRF_FIELD,
        "csrf_header": CSRF_HEADER,
        "nav": navigation_for(principal.role, getattr(request.app.state, "navigation", ())),
        **ctx,
    }
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    if getattr(request.state, "new_csrf_cookie", False) and csrf:
        response.set_cookie(
            CSRF_COOKIE, csrf, httponly=True, samesite="lax", secure=is_https(request), path="/"
        )
    if getattr(request.state, "drop_session_cookie", False):
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response
