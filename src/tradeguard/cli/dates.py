"""The bound on every date option: `callback=bounded_day` on a `typer.Option` refuses a day
outside the domain's bounds (domain/date_bounds.py) with exit 2 naming the option, while the
command line is parsed, before the command runs or anything is written.

A value that is not a date at all passes through unchanged, so that the command's own parser
refuses it in its own words; a day that is one is checked here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import typer

from tradeguard.domain.date_bounds import check_entered_day
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


def bounded_day(param: typer.CallbackParam, value: Any) -> Any:
    """Option callback: a day within the bounds, or exit 2 naming the option."""
    if value is None or value == "":
        return value
    day = _as_day(value)
    if day is not None:
        try:
            check_entered_day(day, str(param.name))
        except InvalidInput as error:
            raise typer.BadParameter(str(error)) from None
    return value
