"""`EnteredDay`: the type of every date a caller sends (a body field or a query parameter);
`LookAheadDay` for a look-ahead (a rule's effective dates, the day a report is asked "as of"),
which may lie up to five years ahead.

It is a `date` bounded as domain/date_bounds.py says, so a day decades ago or years ahead is a
422 naming the field, before the route runs. Response models keep plain `date`: what the
platform reports is not checked against today.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator

from tradeguard.domain.date_bounds import LOOK_AHEAD_YEARS, check_entered_day
from tradeguard.domain.errors import InvalidInput


def _bounded(day: date, future_years: int = 1) -> date:
    try:
        return check_entered_day(day, "date", future_years=future_years)
    except InvalidInput as error:
        # pydantic turns a ValueError into a 422 whose location names the field
        raise ValueError(str(error).removeprefix("date ")) from None


EnteredDay = Annotated[date, AfterValidator(_bounded)]
LookAheadDay = Annotated[date, AfterValidator(lambda day: _bounded(day, LOOK_AHEAD_YEARS))]
