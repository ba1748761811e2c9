"""In a real browser: an admin opens the admissibility page, sees an exclusion order whose trade
alert is overdue and one whose patent expired on the rescission list; a trade alert dated
before the order is refused naming the field, a good one turns the order late; a detention
past its window is seized and links its case. An officer reads the page but gets no forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.integration.admissibility.files import ORDERS, WROS, write
from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.services.admissibility import ReferenceKind, import_reference
from tradeguard.services.users import add_user
from tradeguard.services.withhold_release import detain
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ADMIN, OFFICER, PASSWORD = "admin-lee", "officer-kim", "a long admissibility password"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("admissibility-e2e")
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    import_reference(db, ReferenceKind.EXCLUSION_ORDERS, write(home, "o.csv", ORDERS), "e2e")
    import_reference(db, ReferenceKind.WITHHOLD_ORDERS, write(home, "w.csv", WROS), "e2e")
    detain(
        db, entry_no="ABC00000019", wro_no="WRO-0001", importer_id="IMP-1",
        value_usd=Decimal("1000.00"), detained_on=date.today() - timedelta(days=120), actor="e2e",
    )  # fmt: skip
    add_user(db, username=ADMIN, role="admin", password=PASSWORD, actor="e2e")
    add_user(db, username=OFFICER, role="cbp_officer", password=PASSWORD, actor="e2e")
    with serving(create_app(settings_for(home), database=db)) as url:
        yield url
    db.dispose()


def test_admin_records_an_alert_and_seizes_after_the_window(server, page) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, server, ADMIN, PASSWORD)
    page.click("nav a:has-text('Admissibility')")
    page.wait_for_url(f"{server}/admissibility")
    row = page.locator("#orders tr[data-order='337-LEO-001']")
    assert row.locator(".status").inner_text() == "overdue"
    assert "patent expired on 2025-06-30" in page.locator("#review").inner_text()

    page.fill("#alert-form input[name=order_no]", "337-LEO-001")
    page.fill("#alert-form input[name=alerted_on]", "2025-01-01")
    page.click("#alert-form button[type=submit]")
    assert page.locator("p.error[role=alert]").get_attribute("data-field") == "alerted_on"

    page.fill("#alert-form input[name=order_no]", "337-LEO-001")
    page.fill("#alert-form input[name=alerted_on]", "2025-03-01")
    page.click("#alert-form button[type=submit]")
    page.wait_for_url(f"{server}/admissibility")
    assert row.locator(".status").inner_text() == "late"

    page.fill("#move-form input[name=detention_id]", "1")
    page.select_option("#move-form select[name=to]", "seized")
    page.fill("#move-form input[name=on]", date.today().isoformat())
    page.click("#move-form button[type=submit]")
    page.wait_for_url(f"{server}/admissibility")
    detention = page.locator("#detentions tbody tr").first
    assert detention.locator(".state").inner_text() == "seized"
    detention.locator("a").click()
    page.wait_for_url(re.compile(r".*/cases/\d+$"))
    assert "seizure" in page.content()
    assert errors == []


def test_an_officer_reads_but_gets_no_forms(server, page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, server, OFFICER, PASSWORD)
    page.goto(f"{server}/admissibility")
    assert page.locator("#orders tbody tr").count() == 2
    assert page.locator("#alert-form").count() == 0 and page.locator("#move-form").count() == 0
