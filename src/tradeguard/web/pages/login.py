"""Signing in and out of the pages. A new session id at every login (no fixation)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import ClientAddressDep, DbDep, LoginThrottleDep
from tradeguard.domain.errors import RateLimited, Unauthenticated
from tradeguard.services.auth import SESSION_LIFETIME, close_web_session, open_web_session
from tradeguard.web.rendering import is_https, render
from tradeguard.web.security import CSRF_COOKIE, SESSION_COOKIE, CsrfChecked, page_router

router = page_router(tags=["pages"])
# Only same-site paths: "//evil.example" or "/\evil" would leave the site.
_LOCAL_PATH = re.compile(r"^/(?![/\\])[^\s]*$")


def safe_next(target: str) -> str:
    return target if _LOCAL_PATH.fullmatch(target) else "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", error=None, next=safe_next(next), notice=None)


@router.post("/login")
def login(
    request: Request,
    db: DbDep,
    _csrf: CsrfChecked,
    client: ClientAddressDep,
    throttle: LoginThrottleDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    try:
        opened = open_web_session(db, username, password, client_address=client, throttle=throttle)
    except (Unauthenticated, RateLimited) as error:
        refused = render(
            request,
            "login.html",
            status_code=429 if isinstance(error, RateLimited) else 401,
            error=str(error),
            next=safe_next(next),
            notice=None,
        )
        if isinstance(error, RateLimited):
            refused.headers["Retry-After"] = str(error.retry_after)
        return refused
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        opened.session_id,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/",
    )
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, db: DbDep, _csrf: CsrfChecked) -> Response:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        close_web_session(db, session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
