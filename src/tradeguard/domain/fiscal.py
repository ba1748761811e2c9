"""The US federal fiscal year: FY2016 runs 2015-10-01 to 2016-09-30."""

from __future__ import annotations

from datetime import date


def fiscal_year(day: date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day (both inclusive) of fiscal year `fy`."""
    return date(fy - 1, 10, 1), date(fy, 9, 30)
