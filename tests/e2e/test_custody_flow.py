"""In a real browser, on a home loaded with generated movements and facilities: a port officer
follows up an overdue in-bond movement, declares its default and reaches the liquidated damages
case; a customs auditor finds an unreviewed facility, is refused a review without evidence, then
records one and sees the risk level it supports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.generator.facilities import generate_facilities
from tradeguard.generator.inbond import generate_movements
from tradeguard.services.inbond_facilities_demo import load_facilities, load_movements
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
OFFICER, AUDITOR, PASSWORD = "officer-reyes", "auditor-kim", "a long custody password"


@pytest.fixture(scope="module")
def custody_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("custody-e2e")
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    today = date.today()
    load_movements(db, generate_movements(5, 60, today), today)
    load_facilities(db, generate_facilities(5, 16, today), today)
    add_user(db, username=OFFICER, role="cbp_officer", password=PASSWORD, actor="e2e")
    add_user(db, username=AUDITOR, role="customs_auditor", password=PASSWORD, actor="e2e")
    with serving(create_app(settings_for(home), database=db)) as url:
        yield url
    db.dispose()


def _watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_an_officer_declares_an_overdue_movement_in_default(custody_server, page) -> None:  # type: ignore[no-untyped-def]
    url = custody_server
    errors = _watch(page)
    sign_in(page, url, OFFICER, PASSWORD)
    page.click("nav a:has-text('In-bond')")
    page.wait_for_url(f"{url}/inbond")
    overdue = page.locator("#overdue tbody tr")
    assert overdue.count() >= 2
    number = overdue.first.locator("td:nth-child(2) a").inner_text()
    overdue.first.locator("td:nth-child(2) a").click()
    page.wait_for_url(f"{url}/inbond/{number}")
    assert "overdue" in page.locator("#deadlines").inner_text()
    page.click("button:has-text('Declare default')")
    page.wait_for_url(f"{url}/inbond/{number}")
    assert page.locator("#movement-state").inner_text() == "defaulted"
    claim = page.locator("#claims a").first
    assert claim.count() == 1
    claim.click()
    page.wait_for_url(re.compile(r".*/cases/\d+$"))
    assert "liquidated_damages" in page.locator("h1").inner_text()
    page.goto(f"{url}/inbond")
    assert number not in page.locator("#overdue").inner_text()
    assert errors == []


def test_an_auditor_cannot_set_a_risk_level_without_evidence(custody_server, page) -> None:  # type: ignore[no-untyped-def]
    url = custody_server
    errors = _watch(page)
    sign_in(page, url, AUDITOR, PASSWORD)
    page.click("nav a:has-text('Facilities')")
    page.wait_for_url(f"{url}/facilities")
    unreviewed = page.locator("#reviews-overdue tbody tr", has_text="never")
    assert unreviewed.count() >= 1
    code = unreviewed.first.locator("td:first-child a").inner_text()
    unreviewed.first.locator("td:first-child a").click()
    page.wait_for_url(f"{url}/facilities/{code}")
    assert page.locator("#risk-level").inner_text() == "none"

    page.fill("#review-form input[name=reviewed_on]", date.today().isoformat())
    page.fill("#review-form input[name=reviewer]", "auditor-kim")
    page.select_option("#review-form select[name=risk_level]", "medium")
    page.click("#review-form button[type=submit]")
    refusal = page.locator("p.error[role=alert]")
    assert refusal.get_attribute("data-field") == "evidence"
    assert page.locator("#risk-level").inner_text() == "none"

    page.fill("#review-form textarea[name=evidence]", f"review:{code}:walkthrough\ncount:{code}")
    page.click("#review-form button[type=submit]")
    page.wait_for_url(f"{url}/facilities/{code}")
    assert page.locator("#risk-level").inner_text() == "medium"
    assert "walkthrough" in page.locator("#reviews").inner_text()
    # the refused form answers 422, which chromium logs; nothing else may go wrong
    assert [e for e in errors if "status of 422" not in e] == []


def test_an_officer_reads_facilities_but_has_no_review_form(custody_server, page) -> None:  # type: ignore[no-untyped-def]
    url = custody_server
    sign_in(page, url, OFFICER, PASSWORD)
    page.goto(f"{url}/facilities")
    first = page.locator("#facilities tbody tr td:first-child a").first
    first.click()
    page.wait_for_url(re.compile(r".*/facilities/[A-Z0-9]{4}$"))
    assert page.locator("#review-form").count() == 0
    assert page.locator("#goods tbody tr").count() >= 1


def test_the_facilities_page_lists_the_bonds_short_of_their_duties(custody_server, page) -> None:  # type: ignore[no-untyped-def]
    url = custody_server
    sign_in(page, url, AUDITOR, PASSWORD)
    page.goto(f"{url}/facilities")
    planted = {
        p.facility.code
        for p in generate_facilities(5, 16, date.today())
        if "insufficient_bond" in p.violations
    }
    rows = page.locator("#facility-bonds tbody tr[data-facility]")
    assert {rows.nth(i).get_attribute("data-facility") for i in range(rows.count())} == planted
    assert planted and "$" in rows.first.locator("td.status-alert").inner_text()
