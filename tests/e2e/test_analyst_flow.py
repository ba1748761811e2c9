"""In a real browser, on a worked home: a targeting analyst signs in, reads the rule library
(predicates shown to this role), back-tests a draft rule and publishes it as a new rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.integration.api.targeted_home import serving, sign_in, targeted_home
from tradeguard.app import create_app
from tradeguard.services.rules import show_rule
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ANALYST, PASSWORD = "analyst-okafor", "a long analyst password"


@pytest.fixture(scope="module")
def analyst_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Database]]:
    settings, db = targeted_home(tmp_path_factory.mktemp("analyst-e2e"))
    add_user(db, username=ANALYST, role="targeting_analyst", password=PASSWORD, actor="e2e")
    with serving(create_app(settings, database=db)) as url:
        yield url, db
    db.dispose()


def _fill_draft(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("input[name=id]", "R-IPR-901")
    page.fill("input[name=name]", "Footwear from China above a modest value")
    page.fill(
        "textarea[name=rationale]",
        "Counterfeit branded footwear from China was seized repeatedly last quarter.",
    )
    page.select_option("#draft-form select[name=pti]", label="Intellectual Property Rights")
    page.select_option("select[name=owner]", "IPR NTAG")
    page.select_option("select[name=risk]", "medium")
    page.fill("textarea[name=where]", "origin_country = 'CN' AND value_usd > 500")


def test_analyst_backtests_then_publishes_a_rule(analyst_server, page) -> None:  # type: ignore[no-untyped-def]
    url, db = analyst_server
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    sign_in(page, url, ANALYST, PASSWORD)
    page.click("nav a:has-text('Rules')")
    page.wait_for_url(f"{url}/rules")
    shown = page.locator("#rules tbody tr").count()
    assert shown >= 10
    first_predicate = show_rule(db, "R-ADCVD-001").latest.where
    assert " ".join(first_predicate.split())[:30] in " ".join(page.content().split())

    _fill_draft(page)
    page.click("button[name=action][value=backtest]")
    page.wait_for_selector("#backtest")
    held = int(page.locator("#backtest .entries").first.inner_text())
    assert held > 0
    assert page.locator("#rules tbody tr").count() == shown  # a back-test publishes nothing
    assert page.locator("textarea[name=where]").input_value().startswith("origin_country")

    page.click("button[name=action][value=publish]")
    page.wait_for_selector("#published")
    assert "R-IPR-901@1" in page.locator("#published").inner_text()
    assert page.locator("#rules tbody tr").count() == shown + 1

    page.click("#published a:has-text('R-IPR-901@1')")
    page.wait_for_url(re.compile(r".*/rules/R-IPR-901$"))
    versions = page.locator("#versions tbody tr")
    assert versions.count() == 1 and "active" in versions.first.inner_text()
    assert show_rule(db, "R-IPR-901").latest.created_by == ANALYST
    assert errors == []


def test_a_bad_predicate_is_refused_inline(analyst_server, page) -> None:  # type: ignore[no-untyped-def]
    url, db = analyst_server
    sign_in(page, url, ANALYST, PASSWORD)
    page.goto(f"{url}/rules")
    _fill_draft(page)
    page.fill("input[name=id]", "R-IPR-902")
    page.fill("textarea[name=where]", "origin_country = 'CN'; DROP TABLE rule_versions")
    page.click("button[name=action][value=publish]")
    alert = page.locator("[role=alert]")
    assert alert.get_attribute("data-field") == "where"
    assert page.locator("input[name=id]").input_value() == "R-IPR-902"
    with pytest.raises(Exception, match="no rule"):
        show_rule(db, "R-IPR-902")
