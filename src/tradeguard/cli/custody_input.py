"""Turning the custody commands' strings into dates and money, each error naming its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import typer

from tradeguard.cli.dates import bounded_as_of
from tradeguard.domain.cases.money import parse_money
from tradeguard.domain.errors import InvalidInput

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the log).")
AS_OF = typer.Option(
    None, "--as-of", help="The day to judge deadlines on (default today).", callback=bounded_as_of
)


def day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field} {text!r} is not a date (YYYY-MM-DD)", field) from None


def optional_day(text: str | None, field: str) -> date | None:
    return None if text is None else day(text, field)


def money(text: str, field: str) -> Decimal:
    return parse_money(text, field)
