"""Sorted pages on SQLite and PostgreSQL alike: the chosen column orders the whole list, NULLs
come last either way, and ties break on the id so that paging never repeats or skips a row."""

from __future__ import annotations

import pytest

from tests.factories import seed_cases
from tradeguard.domain.paging import PageRequest, SortOrder
from tradeguard.domain.roles import Role
from tradeguard.services import paged_lists
from tradeguard.services.users import add_user
from tradeguard.store.database import Database


@pytest.mark.parametrize("descending", [False, True])
def test_paging_a_sorted_list_visits_every_case_once_in_order(
    database: Database, descending: bool
) -> None:
    seed_cases(database, 95)
    order = SortOrder("opened", descending)
    seen: list[dict[str, object]] = []
    for number in range(1, 5):
        page = paged_lists.cases_page(database, PageRequest(number, 25), order=order)
        seen += page.items
    assert len(seen) == 95 and len({c.id for c in seen}) == 95
    days = [c.opened_on for c in seen]
    assert days == sorted(days, reverse=descending)


def test_missing_values_sort_last_both_ways(database: Database) -> None:
    seed_cases(database, 10)
    for descending in (False, True):
        page = paged_lists.cases_page(
            database, PageRequest(1, 10), order=SortOrder("closed", descending)
        )
        assert all(c.closed_on is None for c in page.items)  # none is closed: all NULL, by id
        ids = [c.id for c in page.items]
        assert ids == sorted(ids, reverse=descending)


def test_accounts_page_by_role_and_name(database: Database) -> None:
    for name, role in (("zed", "admin"), ("amy", "cbp_officer"), ("bob", "admin")):
        add_user(database, username=name, role=role, password="a long test password 1", actor="t")
    by_role = paged_lists.users_page(database, PageRequest(1, 10), order=SortOrder("role"))
    assert [u.username for u in by_role.items] == ["zed", "bob", "amy"]  # admins by id, then
    admins = paged_lists.users_page(database, PageRequest(1, 10), role=Role.ADMIN)
    assert [u.username for u in admins.items] == ["bob", "zed"] and admins.total == 2
