"""The bound on every date option: `callback=bounded_day` on a `typer.Option` refuses a day
outside the domain's bounds (domain/date_bounds.py) with exit 2 naming the option, while the
command line is parsed, before the command runs or anything is written; `bounded_as_of`, for
`--today` and `--as-of`, lets the look-ahead reach LOOK_AHEAD_YEARS.

A value that is not a date at all passes through unchanged, so that the command's own parser
refuses it in its own words; a day that is one is checked here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import typer

from tradeguard.domain.date_bounds import FUTURE_YEARS, LOOK_AHEAD_YEARS, check_entered_day
from tradeguard.domain.errors import InvalidInput


def _as_day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _bounded(param: typer.CallbackParam, value: Any, future_years: int) -> Any:
    if value is None or value == "":
        return value
    day = _as_day(value)
    if day is not None:
        try:
            check_entered_day(day, str(param.name), future_years=future_years)
        except InvalidInput as error:
            raise typer.BadParameter(str(error)) from None
    return value


def bounded_day(param: typer.CallbackParam, value: Any) -> Any:
    """Option callback: a day within the bounds, or exit 2 naming the option."""
    return _bounded(param, value, FUTURE_YEARS)


def bounded_as_of(param: typer.CallbackParam, value: Any) -> Any:
    """Option callback for a look-ahead (`--today`, `--as-of`): up to LOOK_AHEAD_YEARS ahead."""
    return _bounded(param, value, LOOK_AHEAD_YEARS)
