"""The pages: signing in and out, CSRF on every form, the public form, home and change log."""

from __future__ import annotations

import re

from tradeguard.domain.roles import Role
from tradeguard.web.pages.login import safe_next
from tradeguard.web.security import CSRF_COOKIE, SESSION_COOKIE

PASSWORD = "a long test password"


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


def _sign_in(client, username: str):  # type: ignore[no-untyped-def]
    token = _csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token, "next": "/changes"},
    )


def test_sign_in_sets_a_safe_cookie_and_opens_the_next_page(client, accounts) -> None:  # type: ignore[no-untyped-def]
    response = _sign_in(client, accounts[Role.ADMIN])
    assert response.status_code == 303 and response.headers["location"] == "/changes"
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    changes = client.get("/changes")
    assert changes.status_code == 200 and "Change log" in changes.text
    assert "content-security-policy" in changes.headers


def test_the_former_audit_address_redirects_to_the_change_log(client, accounts) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, accounts[Role.ADMIN])
    moved = client.get("/audit?entity=case&page=2", follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == "/changes?entity=case&page=2"
    assert "Change log" in client.get("/audit", follow_redirects=True).text


def test_wrong_password_is_shown_inline(client, accounts) -> None:  # type: ignore[no-untyped-def]
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login", data={"username": accounts[Role.ADMIN], "password": "x", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "wrong password" in response.text
    assert SESSION_COOKIE not in response.cookies


def test_a_form_without_its_csrf_token_is_refused(client, accounts) -> None:  # type: ignore[no-untyped-def]
    client.get("/login")
    response = client.post("/login", data={"username": accounts[Role.ADMIN], "password": PASSWORD})
    assert response.status_code == 403
    forged = client.post(
        "/login",
        data={"username": accounts[Role.ADMIN], "password": PASSWORD, "csrf_token": "x" * 43},
    )
    assert forged.status_code == 403


def test_session_csrf_is_bound_to_the_session(client, accounts) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, accounts[Role.ADMIN])
    anonymous_token = client.cookies.get(CSRF_COOKIE)
    assert anonymous_token is None  # dropped at sign-in: the session's own token replaces it
    assert client.post("/logout", data={"csrf_token": "y" * 43}).status_code == 403
    token = _csrf(client.get("/").text)
    out = client.post("/logout", data={"csrf_token": token})
    assert out.status_code == 303
    assert client.get("/changes").status_code == 401


def test_home_lists_only_what_the_role_may_open(client, accounts) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, accounts[Role.CBP_OFFICER])
    home = client.get("/").text
    assert 'href="/allegations/new"' in home
    assert 'href="/changes"' not in home
    assert client.get("/changes").status_code == 403


def test_pages_need_a_sign_in_and_show_the_login_form(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/changes")
    assert response.status_code == 401
    assert 'action="/login"' in response.text and 'value="/changes"' in response.text


def test_public_form_works_without_signing_in(client, app) -> None:  # type: ignore[no-untyped-def]
    form = client.get("/allegations/new")
    assert form.status_code == 200
    token = _csrf(form.text)
    bad = client.post(
        "/allegations/new", data={"pti": "IPR", "description": "short", "csrf_token": token}
    )
    assert bad.status_code == 422
    assert "at least 20 characters" in bad.text and ">short</textarea>" in bad.text
    good = client.post(
        "/allegations/new",
        data={
            "pti": "Revenue",
            "description": "Undervalued steel coils entered through Houston <script>",
            "csrf_token": token,
        },
    )
    assert good.status_code == 201
    assert re.search(r"EA-[A-Z2-7]{10}", good.text)
    assert "Houston" not in good.text  # nothing submitted is shown back


def test_triage_page_escapes_what_the_public_wrote(client, accounts) -> None:  # type: ignore[no-untyped-def]
    token = _csrf(client.get("/allegations/new").text)
    client.post(
        "/allegations/new",
        data={
            "pti": "IPR",
            "description": "<script>alert(1)</script> fake watches at JFK airport",
            "csrf_token": token,
        },
    )
    _sign_in(client, accounts[Role.TARGETING_ANALYST])
    page = client.get("/allegations").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_next_never_leaves_the_site() -> None:
    assert safe_next("/cases/12?x=1") == "/cases/12?x=1"
    for hostile in ("//evil.example", "/\\evil.example", "https://evil.example", "javascript:x"):
        assert safe_next(hostile) == "/"
