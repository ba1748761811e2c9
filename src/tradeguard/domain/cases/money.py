"""Money as Decimal dollars rounded to the cent, stored as integer cents.

Floats never enter: a penalty of $0.10 + $0.20 must be $0.30, and a report that sums a million
cases must agree to the cent with the cases it sums.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from tradeguard.domain.errors import InvalidInput

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal | int | str) -> Decimal:
    """Round to the cent, half up, the way a bill is written."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """Integer cents for storage; refuses fractions of a cent rather than losing them."""
    rounded = amount.quantize(CENT)
    if rounded != amount:
        raise InvalidInput(f"amount {amount} has fractions of a cent", "amount")
    return int(rounded * 100)


def from_cents(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(CENT)


def parse_money(text: str, field: str = "amount") -> Decimal:
    """A non-negative dollar amount with at most two decimals, e.g. `1234.50` or `1,234.50`."""
    cleaned = text.strip().replace(",", "").removeprefix("$")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput(f"{field} {text!r} is not an amount of money", field) from None
    if not amount.is_finite() or amount < 0:
        raise InvalidInput(f"{field} {text!r} must be a non-negative amount", field)
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{field} {text!r} has more than two decimals", field)
    return amount.quantize(CENT)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """Exact sum of amounts already rounded to the cent."""
    return sum((cents(a) for a in amounts), ZERO)


def round_up_to(amount: Decimal, step: Decimal) -> Decimal:
    """Smallest multiple of `step` that is at least `amount`."""
    return ((amount / step).to_integral_value(rounding=ROUND_CEILING) * step).quantize(CENT)
