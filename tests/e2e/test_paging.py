"""In a real browser: the cases list pages through the demo's 2,292 cases, and the Next and
Previous links keep the filter the user chose; the column headers sort it from the keyboard,
and the address keeps filter, order and page (a deep link), with no serious axe violation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import seed_cases
from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SPECIALIST, PASSWORD = "fpf-okafor", "a long specialist password"


@pytest.fixture(scope="module")
def cases_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("paging-e2e")
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    add_user(db, username=SPECIALIST, role="fpf_specialist", password=PASSWORD, actor="e2e")
    seed_cases(db, 2292)
    with serving(create_app(settings_for(home), database=db)) as url:
        yield url
    db.dispose()


def _case_ids(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(t) for t in page.locator("#cases tbody td:first-child a").all_inner_texts()]


def test_paging_through_filtered_cases(cases_server, page) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, cases_server, SPECIALIST, PASSWORD)
    page.goto(f"{cases_server}/cases")
    assert len(_case_ids(page)) == 50
    assert "of 2292" in page.locator(".pager-summary").inner_text()

    page.select_option("select[name=kind]", "penalty")
    page.click("form.inline button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases\?.*kind=penalty"))
    first = _case_ids(page)
    assert len(first) == 50

    page.click(".pager a[rel=next]")
    page.wait_for_url(re.compile(r".*/cases\?kind=penalty&page=2$"))
    second = _case_ids(page)
    assert len(second) == 50 and min(second) > max(first)
    assert all(
        k == "penalty" for k in page.locator("#cases tbody td:nth-child(2)").all_inner_texts()
    )
    assert page.locator("select[name=kind]").input_value() == "penalty"

    page.click(".pager a[rel=prev]")
    page.wait_for_url(re.compile(r".*/cases\?kind=penalty&page=1$"))
    assert _case_ids(page) == first

    page.click(".pager a[rel=last]")
    page.wait_for_url(re.compile(r".*/cases\?kind=penalty&page=\d+$"))
    assert page.locator(".pager a[rel=next]").count() == 0
    assert 1 <= len(_case_ids(page)) <= 50
    assert errors == []


def _opened(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("#cases tbody td:nth-child(5)").all_inner_texts()


def test_sorting_by_keyboard_keeps_the_filter_the_order_and_the_deep_link(
    cases_server, page
) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, cases_server, SPECIALIST, PASSWORD)
    page.goto(f"{cases_server}/cases?kind=penalty")
    assert page.locator("#cases th[aria-sort]").inner_text().startswith("Case")  # by id

    opened = page.locator("#cases th a.sort[href*='sort=opened']")
    opened.focus()  # a plain link: Tab reaches it, Enter follows it
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/cases\?kind=penalty&sort=opened&dir=asc&page=1$"))
    header = page.locator("#cases th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending"
    assert header.inner_text().startswith("Opened")
    assert _opened(page) == sorted(_opened(page))

    page.locator("#cases th a.sort[href*='sort=opened']").press("Enter")
    page.wait_for_url(re.compile(r".*sort=opened&dir=desc&page=1$"))
    assert page.locator("#cases th[aria-sort]").get_attribute("aria-sort") == "descending"
    newest = _opened(page)
    assert newest == sorted(newest, reverse=True)

    page.locator(".pager a[rel=next]").press("Enter")
    page.wait_for_url(re.compile(r".*/cases\?kind=penalty&sort=opened&dir=desc&page=2$"))
    assert max(_opened(page)) <= min(newest)

    page.select_option("select[name=pti]", "Revenue")  # the filter form keeps the order
    page.locator("form.inline button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r".*pti=Revenue&kind=penalty.*sort=opened&dir=desc"))
    deep_link = page.url
    chosen = page.locator("#cases tbody td:first-child a").all_inner_texts()
    assert all(
        k == "penalty" for k in page.locator("#cases tbody td:nth-child(2)").all_inner_texts()
    )
    assert all(
        p == "Revenue" for p in page.locator("#cases tbody td:nth-child(3)").all_inner_texts()
    )

    page.goto(deep_link)  # the address alone brings back the same list
    assert page.locator("#cases tbody td:first-child a").all_inner_texts() == chosen
    assert page.locator("select[name=pti]").input_value() == "Revenue"
    assert page.locator("#cases th[aria-sort]").get_attribute("aria-sort") == "descending"
    serious = [
        v["id"] for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert serious == [] and errors == []
