"""Bounds on every date a user enters: a command-line option, an API field, a form field.

A date outside them is a typing slip (`0001-01-01`, `2206-03-01`), not a record: nothing the
platform tracks is older than the 20 years of records a case can still be worked from, and a
user's date of something done or seen ("on", "from/to") is at most a year ahead (the dates of
what happened are bounded tighter by their own checks, e.g. `finding.check_finding_date`,
`cases.base.check_case_date`). A look-ahead — "pretend today is", "as of", a rule's schedule —
may reach five years, the longest deadline a case runs to (the penalty statute of limitations).
"""

from __future__ import annotations

from datetime import date

from tradeguard.domain.errors import InvalidInput

PAST_YEARS = 20
FUTURE_YEARS = 1
LOOK_AHEAD_YEARS = 5


def _years_from(today: date, years: int) -> date:
    return today.replace(year=today.year + years, day=min(today.day, 28))


def check_entered_day(
    day: date, field: str, *, today: date | None = None, future_years: int = FUTURE_YEARS
) -> date:
    """The day if it lies within the bounds above; else InvalidInput naming `field`."""
    today = today or date.today()
    oldest, latest = _years_from(today, -PAST_YEARS), _years_from(today, future_years)
    if day < oldest:
        raise InvalidInput(
            f"{field} {day} is more than {PAST_YEARS} years ago (earliest {oldest})", field
        )
    if day > latest:
        raise InvalidInput(
            f"{field} {day} is more than {future_years} year(s) ahead (latest {latest})", field
        )
    return day
