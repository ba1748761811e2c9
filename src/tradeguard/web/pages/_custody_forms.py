"""Form fields of the custody pages turned into dates, each error naming its field."""

from __future__ import annotations

from datetime import date

from tradeguard.domain.date_bounds import check_entered_day
from tradeguard.domain.errors import InvalidInput


def form_day(text: str, field: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field} {text!r} is not a date (YYYY-MM-DD)", field) from None
    return check_entered_day(day, field)


def optional_form_day(text: str, field: str) -> date | None:
    return form_day(text, field) if text.strip() else None
