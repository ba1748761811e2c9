"""In a real browser: an import specialist opens the Centers page after the reviews are planned
and sees every Center's queue against its capacity; a bad date is refused naming the field; a
national account manager opens an importer's account from the accounts list; an officer is
refused both pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.api.targeted_home import serving, sign_in
from tests.integration.centers.centers_home import centers_home
from tradeguard.app import create_app
from tradeguard.services.center_reviews import plan_reviews
from tradeguard.services.users import add_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SPECIALIST, MANAGER, OFFICER = "specialist-okafor", "nam-lindqvist", "officer-brandt"
PASSWORD = "a long centers password"


@pytest.fixture(scope="module")
def centers_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings, db = centers_home(Path(tmp_path_factory.mktemp("centers-e2e")))
    plan_reviews(db, settings, actor="e2e", replay=True)
    for name, role in ((SPECIALIST, "import_specialist"), (MANAGER, "national_account_manager"),
                       (OFFICER, "cbp_officer")):  # fmt: skip
        add_user(db, username=name, role=role, password=PASSWORD, actor="e2e")
    with serving(create_app(settings, database=db)) as url:
        yield url
    db.dispose()


def test_a_specialist_sees_each_centers_queue_against_capacity(centers_server, page) -> None:  # type: ignore[no-untyped-def]
    url = centers_server
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, url, SPECIALIST, PASSWORD)
    page.click("nav a:has-text('Centers')")
    page.wait_for_url(f"{url}/centers")
    rows = page.locator("#centers tbody tr")
    assert rows.count() == 10
    queues = [int(q) for q in page.locator("#centers td.queue").all_inner_texts()]
    assert all(q > 0 for q in queues)
    assert "missed for" in page.locator("#centers-totals").inner_text()
    page.fill("input[name=as_of]", "next week")
    page.click("form.inline button[type=submit]")
    alert = page.locator("p.error[role=alert]")
    assert alert.get_attribute("data-field") == "as_of"
    assert errors == []


def test_a_manager_opens_an_account_and_an_officer_is_refused(centers_server, page) -> None:  # type: ignore[no-untyped-def]
    url = centers_server
    sign_in(page, url, MANAGER, PASSWORD)
    page.click("nav a:has-text('Accounts')")
    page.wait_for_url(f"{url}/accounts")
    first = page.locator("#accounts tbody tr a").first
    importer = first.inner_text()
    first.click()
    assert page.locator("#account-title").inner_text() == f"Account {importer}"
    assert page.locator("#account dd.entries").inner_text().split()[0] != "0"
    assert "95% interval" in page.locator("#account dd.compliance").inner_text() or (
        page.locator("#account dd.compliance").inner_text() == "not yet measured"
    )
    other = page.context.browser.new_context().new_page()
    sign_in(other, url, OFFICER, PASSWORD)
    response = other.goto(f"{url}/centers")
    assert response is not None and response.status == 403
    assert other.goto(f"{url}/accounts").status == 403
    other.context.close()
