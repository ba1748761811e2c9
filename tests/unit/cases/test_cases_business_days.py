"""Business days skip weekends and US federal holidays, observed dates included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.cases.business_days import (
    add_business_days,
    business_days_between,
    federal_holidays,
    is_business_day,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2021, 12, 31), "New Year's Day"),  # Jan 1 2022 is a Saturday
        (date(2023, 1, 2), "New Year's Day"),  # Jan 1 2023 is a Sunday
        (date(2021, 6, 18), "Juneteenth National Independence Day"),  # June 19 2021 a Saturday
        (date(2023, 6, 19), "Juneteenth National Independence Day"),
        (date(2026, 7, 3), "Independence Day"),  # July 4 2026 a Saturday
        (date(2024, 1, 15), "Birthday of Martin Luther King, Jr."),
        (date(2024, 2, 19), "Washington's Birthday"),
        (date(2024, 5, 27), "Memorial Day"),
        (date(2024, 9, 2), "Labor Day"),
        (date(2024, 10, 14), "Columbus Day"),
        (date(2023, 11, 10), "Veterans Day"),  # Nov 11 2023 a Saturday
        (date(2024, 11, 28), "Thanksgiving Day"),
        (date(2022, 12, 26), "Christmas Day"),  # Dec 25 2022 a Sunday
    ],
)
def test_observed_holidays(day: date, name: str) -> None:
    assert federal_holidays(day.year)[day] == name
    assert not is_business_day(day)


def test_juneteenth_only_from_2021() -> None:
    assert date(2020, 6, 19) not in federal_holidays(2020)
    assert is_business_day(date(2020, 6, 19))


def test_each_year_has_eleven_holidays_after_2021_except_the_shifted_new_year() -> None:
    assert len(federal_holidays(2024)) == 11
    assert len(federal_holidays(2021)) == 12  # holds Dec 31 2021 for New Year 2022
    assert len(federal_holidays(2022)) == 10  # its New Year was observed in 2021


def test_fifteen_business_days_over_thanksgiving_and_christmas() -> None:
    # Wed 2024-11-20 + 15 business days skips Thanksgiving (11-28) and weekends.
    assert add_business_days(date(2024, 11, 20), 15) == date(2024, 12, 12)
    assert add_business_days(date(2024, 12, 20), 5) == date(2024, 12, 30)


@given(days, st.integers(min_value=0, max_value=400))
def test_adding_business_days_lands_on_one_and_counts_exactly(start: date, n: int) -> None:
    end = add_business_days(start, n)
    assert business_days_between(start, end) == n
    if n:
        assert is_business_day(end)
        assert (end - start).days >= n
        # never more than 7/5 of the span plus holidays: at most 2 holiday days per 5
        assert (end - start).days <= n * 2 + 4


@given(days, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_adding_business_days_composes(start: date, a: int, b: int) -> None:
    assert add_business_days(add_business_days(start, a), b) == add_business_days(start, a + b)


@given(st.integers(min_value=1990, max_value=2100))
def test_holidays_are_weekdays_in_their_year(year: int) -> None:
    for day in federal_holidays(year):
        assert day.year == year and day.weekday() < 5


@given(days)
def test_weekends_are_never_business_days(day: date) -> None:
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    assert not is_business_day(saturday)
    assert not is_business_day(saturday + timedelta(days=1))
