"""In a real browser: an officer opens the pre-entry holds page and sees the shipments held on
their advance filing before arrival, which have become entries, and what each entry declared
differently from its advance filing; the API gives the same holds to the same role only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.factories import advance_row, declaration_row, write_csv
from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.advance_ingest import ingest_advance
from tradeguard.services.auth import issue_token
from tradeguard.services.ingest import ingest
from tradeguard.services.pre_entry import run_pre_entry
from tradeguard.services.rules import load_rules_file
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
OFFICER, MANAGER, PASSWORD = "officer-pre", "manager-pre", "a long officer password"


@pytest.fixture(scope="module")
def pre_entry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("pre-entry-e2e")
    settings = settings_for(home)
    filings = [
        advance_row(1, 1, stuffing_location="VNSGN"),  # held; the entry agrees with it
        advance_row(2, 1, origin_country="VN"),  # held (stuffed in CN); the entry says CN
        advance_row(3, 1),  # not held
        advance_row(4, 1, stuffing_location="VNSGN", arrival_date="2026-03-20"),  # not arrived
    ]
    ingest_advance([write_csv(home / "isf.csv", filings)], settings)
    entries = [declaration_row(serial, 1) for serial in (1, 2, 3)]
    ingest([write_csv(home / "entries.csv", entries)], settings)
    database = Database(settings.effective_database_url)
    load_rules_file(database, STARTER_RULES_DIR / "pre_entry.yaml", actor="e2e")
    run_pre_entry(database, settings)
    add_user(database, username=OFFICER, role="cbp_officer", password=PASSWORD, actor="e2e")
    add_user(database, username=MANAGER, role="pti_manager", password=PASSWORD, actor="e2e")
    tokens = {
        role: issue_token(database, name, PASSWORD).token
        for role, name in (("officer", OFFICER), ("manager", MANAGER))
    }
    with serving(create_app(settings, database=database)) as url:
        yield {"url": url, "tokens": tokens, "entries": [f["entry_no"] for f in filings]}
    database.dispose()


def test_officer_reads_pre_entry_holds_linked_to_entries(pre_entry_server, page) -> None:  # type: ignore[no-untyped-def]
    url, numbers = pre_entry_server["url"], pre_entry_server["entries"]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, url, OFFICER, PASSWORD)
    page.click("nav >> text=Pre-entry holds")
    page.wait_for_url(f"{url}/pre-entry")
    rows = page.locator("#pre-entry-holds tbody tr")
    assert rows.count() == 3
    cells = {
        r[0]: r
        for r in rows.evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
        )
    }
    assert set(cells) == {numbers[0], numbers[1], numbers[3]}
    assert cells[numbers[0]][4] == "discretionary" and cells[numbers[0]][5] == "R-PRE-ADCVD-001"
    assert cells[numbers[0]][6] == "2026-03-02" and cells[numbers[0]][7] == "–"
    assert cells[numbers[1]][7] == "origin"
    assert cells[numbers[3]][6] == "not yet"
    assert errors == []


def test_the_api_lists_the_same_holds_to_holds_readers_only(pre_entry_server) -> None:  # type: ignore[no-untyped-def]
    url, tokens = pre_entry_server["url"], pre_entry_server["tokens"]
    answer = httpx.get(
        f"{url}/api/pre-entry/holds?per_page=2",
        headers={"Authorization": f"Bearer {tokens['officer']}"},
    )
    assert answer.status_code == 200 and answer.headers["X-Total-Count"] == "3"
    first = answer.json()
    assert len(first) == 2 and first[0]["arrived"] is True
    refused = httpx.get(
        f"{url}/api/pre-entry/holds", headers={"Authorization": f"Bearer {tokens['manager']}"}
    )
    assert refused.status_code == 403 and "holds:read" in refused.text
    assert httpx.get(f"{url}/api/pre-entry/holds").status_code == 401
