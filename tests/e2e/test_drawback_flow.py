"""In a real browser: a drawback specialist sees a payment held for an insufficient bond, pays
a claim, records reviews (a bad amount is refused naming the field) and watches the revenue-loss
estimate follow; an import specialist sees a reused single transaction bond on the Bonds page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.factories import TEST_REFS, write_csv
from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2, lake_rows
from tests.integration.drawback.test_claims import filing
from tradeguard.app import create_app
from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.domain.errors import Conflict
from tradeguard.services.bond_register import close_stb, present_stb, register_stb
from tradeguard.services.drawback import file_claim, pay_claim
from tradeguard.services.drawback_review import draw_review_sample
from tradeguard.services.ingest import ingest
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SPECIALIST, INSPECTOR, PASSWORD = "dbk-ortiz", "imp-chan", "a long specialist password"
ON = date(2026, 6, 1)


def _export(hts: str) -> list[dict[str, str]]:
    return [{"kind": "export", "on": "2026-05-20", "hts10": hts, "quantity": "1", "document": "B"}]


@pytest.fixture(scope="module")
def drawback_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("drawback-e2e")
    settings = settings_for(home)
    ingest([write_csv(home / "lines.csv", lake_rows())], settings, refs=TEST_REFS)
    db = Database(settings.effective_database_url)
    add_user(db, username=SPECIALIST, role="drawback_specialist", password=PASSWORD, actor="e2e")
    add_user(db, username=INSPECTOR, role="import_specialist", password=PASSWORD, actor="e2e")
    line = ENTRY_1, 2
    for n, (duty, refund) in enumerate([("100.00", "99.00"), ("200.00", "198.00")]):
        designations = [{"entry_no": line[0], "line_no": line[1], "duty_usd": duty}]
        file_claim(
            db,
            settings.lake_dir,
            filing(
                f"E2E-{n}",
                designations=designations,
                exports=_export("8507600020"),
                refund_requested_usd=refund,
            ),
            actor="e2e",
        )
        pay_claim(db, f"E2E-{n}", ON, actor="e2e")
    file_claim(db, settings.lake_dir, filing("E2E-HELD", accelerated=True), actor="e2e")
    pay_claim(db, "E2E-HELD", ON, actor="e2e")  # no bond: held
    file_claim(
        db,
        settings.lake_dir,
        filing(
            "E2E-OPEN",
            claimant_id="EXP-9",
            designations=[{"entry_no": ENTRY_2, "line_no": 1, "duty_usd": "50.00"}],
            exports=_export("7604210000"),
            refund_requested_usd="49.50",
        ),
        actor="e2e",
    )
    draw_review_sample(db, size=10, seed=1, on=ON, actor="e2e")
    register_stb(
        db,
        StbFiling(
            bond_no="STB-E2E",
            surety_code="S01",
            importer_id="IMP-0001",
            amount_usd="5250.00",
            registered_on=ON,
        ),
        actor="e2e",
    )
    present_stb(db, settings.lake_dir, "STB-E2E", ENTRY_2, ON, actor="e2e")
    with pytest.raises(Conflict):
        present_stb(db, settings.lake_dir, "STB-E2E", ENTRY_1, ON, actor="e2e")
    # A bond of $60,000 for toys worth $30,000 (three times the value: CPSC), claimed.
    claimed = StbFiling(
        bond_no="STB-CLM", surety_code="S02", importer_id="IMP-0001",
        amount_usd="60000.00", registered_on=ON,
    )  # fmt: skip
    register_stb(db, claimed, actor="e2e")
    present_stb(db, settings.lake_dir, "STB-CLM", ENTRY_1, ON, actor="e2e")
    close_stb(db, "STB-CLM", StbStatus.CLAIMED, ON, actor="e2e")
    with serving(create_app(settings, database=db)) as url:
        yield url
    db.dispose()


def test_a_specialist_works_the_drawback_page(drawback_server: str, page) -> None:  # type: ignore[no-untyped-def]
    url = drawback_server
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, url, SPECIALIST, PASSWORD)
    page.click("nav a:has-text('Drawback')")
    page.wait_for_url(f"{url}/drawback")
    assert "$495.00" in page.locator("#held tr[data-claim='E2E-HELD']").inner_text()
    assert "none" in page.locator("#bond-sufficiency tr[data-claimant='EXP-1']").inner_text()
    assert page.locator("#pending-review li").count() == 2

    page.locator("#claims tr[data-claim='E2E-OPEN'] button").click()
    page.wait_for_url(f"{url}/drawback")
    assert page.locator("#claims tr[data-claim='E2E-OPEN'] .status").inner_text() == "liquidated"

    first = page.locator("#pending-review li[data-claim='E2E-0']")
    first.locator("input[name=overpaid]").fill("lots")
    first.locator("input[name=finding]").fill("no export record")
    first.locator("button").click()
    alert = page.locator("p.error[role=alert]")
    assert alert.get_attribute("data-field") == "overpaid"
    assert page.locator("#pending-review li").count() == 2  # nothing written

    for claim_no, overpaid in (("E2E-0", "99.00"), ("E2E-1", "0")):
        item = page.locator(f"#pending-review li[data-claim='{claim_no}']")
        item.locator("input[name=overpaid]").fill(overpaid)
        item.locator("input[name=finding]").fill("reviewed in the browser")
        item.locator("button").click()
        page.wait_for_url(f"{url}/drawback")
    # Both paid claims reviewed: a census of the sample's population, exact.
    text = page.locator("#loss-estimate").inner_text()
    assert "Estimated loss $99.00" in " ".join(text.split())
    assert page.locator("#pending-review").count() == 0
    assert errors == []


def test_an_import_specialist_sees_the_reused_bond(drawback_server: str, page) -> None:  # type: ignore[no-untyped-def]
    url = drawback_server
    sign_in(page, url, INSPECTOR, PASSWORD)
    page.click("nav a:has-text('Bonds')")
    page.wait_for_url(f"{url}/bonds")
    reused = page.locator("#reused tr[data-bond='STB-E2E']").inner_text()
    assert ENTRY_1 in reused and ENTRY_2 in reused
    claimed = page.locator("#claimed tr[data-bond='STB-CLM'] td").all_inner_texts()
    assert claimed[2] == ENTRY_1 and claimed[-1] == "$30,000.00"
    assert "$30,000.00" in page.locator("#claimed-uncovered").inner_text()
    assert page.locator("nav a:has-text('Drawback')").count() == 1  # drawback:read
    page.goto(f"{url}/drawback")
    assert page.locator("#claims tbody button").count() == 0  # may read, may not pay
