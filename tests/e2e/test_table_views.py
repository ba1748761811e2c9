"""Sortable, filterable plain tables (`web/static/tables.js`) in a real browser, on a home loaded
with generated in-bond movements and bonded facilities: a header sorts by keyboard, by value
(numbers, money, dates), a filter box hides rows, and the address fragment reopens the view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tradeguard.app import create_app
from tradeguard.generator.facilities import generate_facilities
from tradeguard.generator.inbond import generate_movements
from tradeguard.services.inbond_facilities_demo import load_facilities, load_movements
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ADMIN, PASSWORD = "admin-okafor", "a long table password"


@pytest.fixture(scope="module")
def tables_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("tables-e2e")
    db = Database(f"sqlite:///{home / 'tradeguard.db'}")
    today = date.today()
    load_movements(db, generate_movements(7, 40, today), today)
    load_facilities(db, generate_facilities(7, 14, today), today)
    add_user(db, username=ADMIN, role="admin", password=PASSWORD, actor="e2e")
    with serving(create_app(settings_for(home), database=db)) as url:
        yield url
    db.dispose()


def _column(page: Any, table: str, n: int) -> list[str]:
    """The text of column n (from 1) in the rows the user sees, top to bottom."""
    cells = page.locator(f"#{table} tbody tr:not([hidden]) td:nth-child({n})")
    return [t.strip() for t in cells.all_inner_texts()]


def _watch(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_values_sort_as_numbers_money_and_dates(tables_server, page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, tables_server, ADMIN, PASSWORD)
    page.goto(f"{tables_server}/inbond")
    page.evaluate(
        """() => {
        const t = document.createElement('table'); t.id = 'mixed';
        t.innerHTML = '<thead><tr><th>Amount</th><th>Count</th><th>Due</th></tr></thead><tbody>'
          + '<tr><td>$1,234.50</td><td>9</td><td>2026-01-05 (due)</td></tr>'
          + '<tr><td>$99.00</td><td>10</td><td>2025-12-31</td></tr>'
          + '<tr><td>-$5.00</td><td>100</td><td>never</td></tr>'
          + '<tr><td>$10,000.00</td><td>1.5</td><td>2026-11-02</td></tr></tbody>';
        document.querySelector('main').appendChild(t);
        t.dispatchEvent(new CustomEvent('htmx:load', {bubbles: true}));
    }"""
    )
    mixed = page.locator("#mixed")
    mixed.locator("th button", has_text="Amount").click()
    assert _column(page, "mixed", 1) == ["-$5.00", "$99.00", "$1,234.50", "$10,000.00"]
    mixed.locator("th button", has_text="Count").click()
    assert _column(page, "mixed", 2) == ["1.5", "9", "10", "100"]
    mixed.locator("th button", has_text="Due").click()
    mixed.locator("th button", has_text="Due").click()
    assert _column(page, "mixed", 3) == ["never", "2026-11-02", "2026-01-05 (due)", "2025-12-31"]
    assert mixed.locator("th").nth(2).get_attribute("aria-sort") == "descending"


def test_sort_and_filter_by_keyboard_survive_a_deep_link(tables_server, page) -> None:  # type: ignore[no-untyped-def]
    url = tables_server
    errors = _watch(page)
    sign_in(page, url, ADMIN, PASSWORD)
    page.goto(f"{url}/inbond")
    served = _column(page, "movements", 1)
    assert len(served) >= 10
    # keyboard only: Tab from the filter box to the first header, on to "Departed" (5th), Enter
    page.get_by_label("Filter “All movements”").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Departed")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    departed = page.locator("#movements th").nth(4)
    assert departed.get_attribute("aria-sort") == "descending"
    dates = _column(page, "movements", 5)
    assert dates == sorted(dates, reverse=True) and dates != sorted(_column(page, "movements", 5))
    carrier = _column(page, "movements", 4)[0]
    page.get_by_label("Filter “All movements”").fill(carrier)
    shown = _column(page, "movements", 1)
    assert 1 <= len(shown) < len(served)
    assert all(carrier in c for c in _column(page, "movements", 4))
    assert "rows shown" in page.locator(".table-filter-count").last.inner_text()
    deep = page.url
    assert "movements-sort=5-desc" in deep and f"movements-q={carrier}" in deep
    # the deep link, opened afresh, shows the same rows in the same order
    page.goto(f"{url}/")
    page.goto(deep)
    assert _column(page, "movements", 1) == shown
    assert page.locator("#movements th").nth(4).get_attribute("aria-sort") == "descending"
    assert page.get_by_label("Filter “All movements”").input_value() == carrier
    # clearing the filter shows every row again and drops it from the address
    page.get_by_label("Filter “All movements”").fill("")
    assert len(_column(page, "movements", 1)) == len(served)
    assert "movements-q" not in page.url
    assert errors == []


def test_facility_registry_sorts_filters_and_reopens(tables_server, page) -> None:  # type: ignore[no-untyped-def]
    url = tables_server
    errors = _watch(page)
    sign_in(page, url, ADMIN, PASSWORD)
    page.goto(f"{url}/facilities")
    registry = page.locator("#facilities")
    total = len(_column(page, "facilities", 1))
    assert total >= 10
    name = registry.locator("th button", has_text="Name")
    name.focus()
    page.keyboard.press("Space")
    names = _column(page, "facilities", 2)
    assert names == sorted(names, key=str.casefold)
    assert registry.locator("th").nth(1).get_attribute("aria-sort") == "ascending"
    kind = _column(page, "facilities", 3)[0]
    page.get_by_label("Filter “Registry”").fill(kind)
    kept = _column(page, "facilities", 2)
    assert kept and all(k == kind for k in _column(page, "facilities", 3))
    assert kept == sorted(kept, key=str.casefold)
    deep = page.url
    page.goto(f"{url}/inbond")
    page.goto(deep)
    assert _column(page, "facilities", 2) == kept
    # the server-sorted and unenhanced tables are left as served: no second header control
    page.goto(f"{url}/oversight")
    assert page.locator("#tracker th button").count() == 0
    assert errors == []
