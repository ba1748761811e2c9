"""In a real browser, on a worked home (generate → ingest → rules → target → holds): an officer
signs in, opens a port's exam queue, records a violation on a hold and sees the case it opens.
The officer never sees a rule's predicate; the pages read without JavaScript too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.api.targeted_home import serving, sign_in, targeted_home
from tradeguard.app import create_app
from tradeguard.services.rules import list_rules, show_rule
from tradeguard.services.users import add_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]
OFFICER, PASSWORD = "officer-lopez", "a long officer password"


@pytest.fixture(scope="module")
def officer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    settings, db = targeted_home(tmp_path_factory.mktemp("officer-e2e"))
    add_user(db, username=OFFICER, role="cbp_officer", password=PASSWORD, actor="e2e")
    predicates = [show_rule(db, r.id).latest.where for r in list_rules(db)]
    with serving(create_app(settings, database=db)) as url:
        yield url, predicates
    db.dispose()


def _no_predicate(html: str, predicates: list[str]) -> None:
    collapsed = " ".join(html.split())
    for predicate in predicates:
        assert " ".join(predicate.split()) not in collapsed
    assert 'class="predicate"' not in html


def test_officer_records_a_finding_and_sees_the_case(officer_server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, predicates = officer_server
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    sign_in(page, url, OFFICER, PASSWORD)
    page.click("nav a:has-text('Exam queue')")
    page.wait_for_url(f"{url}/queue")
    page.locator("#ports tbody a").first.click()
    page.wait_for_url(re.compile(r".*/queue/\d{4}$"))
    rows = page.locator("#queue tbody tr")
    assert rows.count() >= 1
    _no_predicate(page.content(), predicates)

    # the first hold a rule sent to the queue: its reasons are rule names and rationales
    held = page.locator("#queue tbody tr", has=page.locator("td:nth-child(11):not(:empty)"))
    (held.first if held.count() else rows.first).locator("td:nth-child(2) a").click()
    page.wait_for_url(re.compile(r".*/holds/\d+$"))
    assert page.locator("#reasons li").count() >= 1
    assert page.locator("#lines tbody tr").count() >= 1
    _no_predicate(page.content(), predicates)

    page.check("input[name=result][value=violation]")
    page.select_option("select[name=pti]", label="Intellectual Property Rights")
    page.select_option("select[name=violation_type]", "counterfeit")
    page.click("#finding-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/holds/\d+#finding$"))
    assert "violation" in page.locator("#finding-recorded").inner_text()
    assert page.locator("#hold-status").inner_text() == "closed"
    seizure = page.locator("#cases a", has_text="Case").first
    assert "seizure" in page.locator("#cases").inner_text()

    seizure.click()
    page.wait_for_url(re.compile(r".*/cases/\d+$"))
    assert page.locator("#case-state").inner_text()
    assert page.locator("#history tbody tr").count() >= 1
    # an officer reads cases but may not move them: no move forms
    assert page.locator("#moves form").count() == 0
    assert errors == []


def test_a_finding_with_a_missing_field_is_shown_inline(officer_server, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = officer_server
    sign_in(page, url, OFFICER, PASSWORD)
    page.goto(f"{url}/queue")
    page.locator("#ports tbody a").first.click()
    page.locator("#queue tbody tr td:nth-child(2) a").first.click()
    page.wait_for_url(re.compile(r".*/holds/\d+$"))
    page.check("input[name=result][value=violation]")
    page.select_option("select[name=pti]", label="Revenue")
    page.click("#finding-form button[type=submit]")
    alert = page.locator("[role=alert]")
    assert "violation type" in alert.inner_text()
    assert alert.get_attribute("data-field") == "violation_type"
    assert page.locator("select[name=pti]").input_value() == "Revenue"
    assert page.locator("#hold-status").inner_text() != "closed"


def test_the_queue_reads_without_javascript(officer_server, browser) -> None:  # type: ignore[no-untyped-def]
    url, _ = officer_server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, url, OFFICER, PASSWORD)
        page.goto(f"{url}/queue")
        page.fill("input[name=port]", page.locator("#ports tbody a").first.inner_text())
        page.click("#port-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/queue/\d{4}$"))
        assert page.locator("#queue tbody tr td a").count() >= 1
    finally:
        context.close()
