"""In a real browser: a PTI manager opens the Quotas page of a home whose beef lines filled the
"other countries" beef quota, reads the filled period and narrows the page to another period."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tests.integration.api.test_quotas_api import quota_home
from tradeguard.app import create_app
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MANAGER, PASSWORD = "manager-okafor", "a long manager password"


@pytest.fixture(scope="module")
def quota_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = quota_home(tmp_path_factory.mktemp("quota-e2e"))
    settings = settings_for(home)
    database = Database(settings.effective_database_url)
    add_user(database, username=MANAGER, role="pti_manager", password=PASSWORD, actor="e2e")
    with serving(create_app(settings, database=database)) as url:
        yield url
    database.dispose()


def test_manager_reads_the_filled_beef_quota(quota_server, page) -> None:  # type: ignore[no-untyped-def]
    url = quota_server
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    sign_in(page, url, MANAGER, PASSWORD)
    page.click("nav a:has-text('Quotas')")
    page.wait_for_url(f"{url}/quotas")
    row = page.locator("#quota-status tr[data-quota=BEEF-OTHER][data-period='2026']")
    cells = row.locator("td").all_inner_texts()
    assert cells[4] == "65,005,000" and cells[5] == "100.0%"
    assert cells[6] == "995,010" and cells[8] == "2026-01-03" and cells[9] == "2"
    assert "1 filled; 2 entries over" in page.locator("#quota-summary").inner_text()
    assert page.locator("#quota-definitions tbody tr").count() == 8

    page.fill("input[name=period]", "FY2026")
    page.click("form.inline button[type=submit]")
    page.wait_for_url(f"{url}/quotas?period=FY2026")
    assert page.locator("#quota-status tbody tr[data-quota]").count() == 0
    assert "No line loaded counts against a quota in FY2026" in page.inner_text("#quota-status")
    assert errors == []
