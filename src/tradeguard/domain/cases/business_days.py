"""Business days: weekdays that are not US federal holidays (5 U.S.C. 6103).

Holidays are computed by rule, so any year works. A holiday on a Saturday is observed on the
Friday before, one on a Sunday on the Monday after; New Year's Day on a Saturday is therefore
observed on December 31 of the year before. Juneteenth is a holiday from 2021.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _actual_holidays(year: int) -> dict[date, str]:
    mon, thu = 0, 3
    days = {
        date(year, 1, 1): "New Year's Day",
        _nth_weekday(year, 1, mon, 3): "Birthday of Martin Luther King, Jr.",
        _nth_weekday(year, 2, mon, 3): "Washington's Birthday",
        _last_weekday(year, 5, mon): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        _nth_weekday(year, 9, mon, 1): "Labor Day",
        _nth_weekday(year, 10, mon, 2): "Columbus Day",
        date(year, 11, 11): "Veterans Day",
        _nth_weekday(year, 11, thu, 4): "Thanksgiving Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 2021:
        days[date(year, 6, 19)] = "Juneteenth National Independence Day"
    return days


@lru_cache(maxsize=512)
def federal_holidays(year: int) -> dict[date, str]:
    """Observed federal holidays that fall in `year` (by observed date)."""
    observed: dict[date, str] = {}
    for y in (year, year + 1):
        for day, name in _actual_holidays(y).items():
            seen = _observed(day)
            if seen.year == year:
                observed[seen] = name
    return observed


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, count: int) -> date:
    """The day `count` business days after `start` (start itself not counted)."""
    if count < 0:
        raise ValueError("count must be non-negative")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days in (start, end]; zero when end is not after start."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_business_day(day)
    return count
