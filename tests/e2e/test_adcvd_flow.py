"""In a real browser: an import specialist opens the AD/CVD page, liquidates an instruction with
the form, sees the late liquidation counted, and a year later the bills overdue; a wrong message
number is refused naming the field; an officer may read the page but gets no form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest

from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.generator.adcvd import generate_adcvd, write_adcvd
from tradeguard.services.adcvd import import_deposits, import_instructions
from tradeguard.services.users import add_user
from tradeguard.store.adcvd_repository import AdcvdRepository
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SPECIALIST, OFFICER, PASSWORD = "specialist-ng", "officer-ruiz", "a long adcvd password"


@pytest.fixture(scope="module")
def adcvd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    home = tmp_path_factory.mktemp("adcvd-e2e")
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    paths = write_adcvd(generate_adcvd(300, 6), home / "adcvd")
    import_deposits(db, paths["adcvd_deposits"], "e2e")
    import_instructions(db, paths["instructions_csv"], "e2e")
    with db.session() as session:
        repo = AdcvdRepository(session)
        # a review that raised the rate above every deposit it covers: each line gets a bill
        chosen = next(
            i for i in repo.instructions()
            if (lines := repo.unliquidated_under(i)) and i.final_rate_micro is not None
            and i.final_rate_micro > max(d.deposit_rate_micro for d in lines)
        )  # fmt: skip
    late_day = chosen.liquidate_by + timedelta(days=20)
    add_user(db, username=SPECIALIST, role="import_specialist", password=PASSWORD, actor="e2e")
    add_user(db, username=OFFICER, role="cbp_officer", password=PASSWORD, actor="e2e")
    with serving(create_app(settings_for(home), database=db)) as url:
        yield url, chosen.message_no, late_day.isoformat()
    db.dispose()


def test_a_specialist_liquidates_late_and_sees_the_bills_overdue(adcvd_server, page) -> None:  # type: ignore[no-untyped-def]
    url, message, late_day = adcvd_server
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, url, SPECIALIST, PASSWORD)
    page.click("nav a:has-text('AD/CVD')")
    page.wait_for_url(f"{url}/adcvd")
    assert page.locator("#late-lines").inner_text() == "0 of 0"

    page.fill("#liquidate input[name=message_no]", "NO-SUCH-MESSAGE")
    page.fill("#liquidate input[name=on]", late_day)
    page.click("#liquidate button[type=submit]")
    alert = page.locator("p.error[role=alert]")
    assert alert.get_attribute("data-field") == "message_no"

    page.fill("#liquidate input[name=message_no]", message)
    page.fill("#liquidate input[name=on]", late_day)
    page.select_option("#liquidate select[name=cause]", "backlog")
    page.click("#liquidate button[type=submit]")
    page.wait_for_url(re.compile(rf".*/adcvd\?on={late_day}$"))
    late = page.locator("#late-lines").inner_text()
    lines = int(late.split(" of ")[1])
    assert lines > 0 and late == f"{lines} of {lines}"
    assert "backlog" in page.locator("#causes").inner_text()

    year_later = str(int(late_day[:4]) + 1) + late_day[4:]
    page.fill("input[name=on][type=date] >> nth=0", year_later)
    page.click("form.inline button[type=submit]")
    page.wait_for_url(re.compile(rf".*/adcvd\?on={year_later}$"))
    unpaid = int(page.locator("#unpaid-count").inner_text())
    assert unpaid == lines == page.locator("#overdue tbody tr").count()
    assert errors == []


def test_an_officer_reads_the_page_without_the_form(adcvd_server, page) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = adcvd_server
    sign_in(page, url, OFFICER, PASSWORD)
    page.goto(f"{url}/adcvd")
    assert page.locator("#measures").count() == 1
    assert page.locator("#liquidate").count() == 0
