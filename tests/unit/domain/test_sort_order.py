"""A list's order comes from a whitelist: only its own column names, asc or desc."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.paging import SortOrder, parse_sort

ALLOWED = ("id", "opened", "state")
DEFAULT = SortOrder("id", descending=True)


def test_no_sort_is_the_lists_default_and_dir_alone_turns_it() -> None:
    assert parse_sort(None, None, ALLOWED, DEFAULT) == DEFAULT
    assert parse_sort("", "asc", ALLOWED, DEFAULT) == SortOrder("id")


@pytest.mark.parametrize("direction", [None, "", "asc", "desc"])
def test_a_whitelisted_column_in_either_direction(direction: str | None) -> None:
    order = parse_sort("opened", direction, ALLOWED, DEFAULT)
    assert order == SortOrder("opened", direction == "desc")
    assert order.direction == ("desc" if direction == "desc" else "asc")


@given(st.text(max_size=40))
def test_anything_else_is_refused_naming_the_parameter(column: str) -> None:
    if not column or column in ALLOWED:
        return
    with pytest.raises(InvalidInput) as refused:
        parse_sort(column, "asc", ALLOWED, DEFAULT)
    assert refused.value.field == "sort"


@pytest.mark.parametrize("column", [None, "state"])
def test_a_direction_other_than_asc_or_desc_is_refused(column: str | None) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_sort(column, "sideways", ALLOWED, DEFAULT)
    assert refused.value.field == "dir"
