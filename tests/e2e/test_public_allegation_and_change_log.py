"""In a real browser: the public reports a violation without an account; an admin then signs
in and sees the submission in the change log."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _no_console_errors(page):  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_public_allegation_then_admin_sees_it_in_the_change_log(
    live_server, page, admin_login
) -> None:  # type: ignore[no-untyped-def]
    errors = _no_console_errors(page)
    page.goto(f"{live_server}/allegations/new")
    page.select_option("select[name=pti]", label="Intellectual Property Rights")
    page.fill("textarea[name=description]", "Counterfeit headphones shipped as cables via Miami.")
    page.fill("input[name=importer]", "Example Imports")
    page.click("button[type=submit]")
    receipt = page.locator(".receipt").inner_text()
    assert re.fullmatch(r"EA-[A-Z2-7]{10}", receipt)
    assert "Miami" not in page.content()

    username, password = admin_login
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    page.click("a:has-text('Change log')")
    page.wait_for_url(f"{live_server}/changes")
    row = page.locator("#change-log tr", has_text=receipt)
    assert row.count() == 1
    assert "allegation" in row.inner_text() and "public" in row.inner_text()

    assert page.evaluate("typeof htmx") == "object"
    page.evaluate("window.notReloaded = true")
    page.fill("input[name=entity]", "user")  # the htmx filter swaps the table in place
    page.click("form.inline button[type=submit]")
    page.wait_for_url(re.compile(r".*/changes\?entity=user$"))
    assert page.locator("#change-log tr", has_text=receipt).count() == 0
    assert page.evaluate("window.notReloaded === true")
    assert errors == []


def test_a_form_with_a_bad_value_shows_the_problem_inline(live_server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/allegations/new")
    page.select_option("select[name=pti]", label="Revenue")
    page.fill("textarea[name=description]", "too short")
    page.evaluate("document.querySelector('textarea').removeAttribute('required')")
    page.click("button[type=submit]")
    alert = page.locator("[role=alert]")
    assert "at least 20 characters" in alert.inner_text()
    assert page.locator("textarea[name=description]").input_value() == "too short"


def test_pages_ask_for_a_sign_in(live_server, page) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{live_server}/changes")
    assert response is not None and response.status == 401
    assert page.locator("input[name=password]").count() == 1
