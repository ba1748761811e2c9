"""People and FTE: a position's trade FTE is its people times the share of their time on trade.

GAO-17-618 counts the six nonmandated positions as "the full-time equivalent of ... staff [who]
spent time on trade activities" (22,000 CBP officers, 6,889 trade FTE in FY2014). A hiring plan
hires people, so the target FTE must be turned into people first. Shares are exact fractions so
that 6,889 FTE at 6,889/22,000 is 22,000 people again, not 21,999.

Money is whole cents (int) here, turned into a decimal string only at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tradeguard.domain.errors import InvalidInput

ONE_PLACE = Decimal("0.1")
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class TradeShare:
    """The share of a position's working time spent on trade, with where the figure comes from."""

    share: Fraction
    source: str

    def __post_init__(self) -> None:
        if not Fraction(0) < self.share <= Fraction(1):
            raise InvalidInput(
                f"trade share must be above 0 and at most 1, got {self.share}", "trade_share"
            )

    @classmethod
    def parse(cls, text: str, source: str, field: str = "trade_share") -> TradeShare:
        """A decimal ("0.5") or a ratio of two figures ("6889/22000"), read exactly."""
        try:
            share = Fraction(str(text).strip())
        except (ValueError, ZeroDivisionError) as error:
            raise InvalidInput(f"{field} is not a share: {text!r}", field) from error
        try:
            return cls(share, source)
        except InvalidInput as error:
            raise InvalidInput(str(error), field) from error

    def as_decimal(self, places: int = 4) -> Decimal:
        return _decimal(self.share, Decimal(1).scaleb(-places))


def _decimal(value: Fraction, quantum: Decimal) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_UP)


def _half_up(value: Fraction) -> int:
    whole = value.numerator // value.denominator
    return whole + 1 if value - whole >= Fraction(1, 2) else whole


def people_needed(fte: int, share: TradeShare) -> int:
    """The fewest people whose trade time covers `fte` full-time equivalents (rounded up)."""
    if fte < 0:
        raise InvalidInput(f"FTE must not be negative, got {fte}", "fte")
    people = Fraction(fte) / share.share
    return people.numerator // people.denominator + (1 if people.denominator != 1 else 0)


def people_behind(fte: int, share: TradeShare) -> int:
    """The people an observed trade FTE stands for (rounded half up): 6,889 -> 22,000 officers."""
    if fte < 0:
        raise InvalidInput(f"FTE must not be negative, got {fte}", "fte")
    return _half_up(Fraction(fte) / share.share)


def trade_fte(people: int, share: TradeShare) -> Decimal:
    """The trade FTE `people` give, to one decimal place."""
    return _decimal(people * share.share, ONE_PLACE)


# -- money ---------------------------------------------------------------------------------------
def to_cents(dollars: Decimal, field: str) -> int:
    """Whole cents of a dollar amount; refuse fractions of a cent rather than round them away."""
    if not dollars.is_finite() or dollars < 0 or dollars * 100 != (dollars * 100).to_integral():
        raise InvalidInput(
            f"{field} must be a non-negative amount in whole cents, got {dollars}", field
        )
    return int(dollars * 100)


def dollars(cents: int) -> str:
    """Cents as a dollar string with two places, for JSON ("1234.50")."""
    return str((Decimal(cents) / 100).quantize(CENT))


@dataclass(frozen=True, slots=True)
class PositionCosts:
    """What a hire and a person-year of the position cost, in whole cents."""

    per_hire_cents: int
    per_person_year_cents: int

    def __post_init__(self) -> None:
        if self.per_hire_cents < 0 or self.per_person_year_cents < 0:
            raise InvalidInput("costs must not be negative", "costs")

    def hiring_cents(self, hires: int) -> int:
        return hires * self.per_hire_cents

    def payroll_cents(self, people_start: int, people_end: int) -> int:
        """A year's pay for the average of the people on board at its start and end.

        (start + end) x cost / 2, rounded half up to the cent: integers throughout.
        """
        return ((people_start + people_end) * self.per_person_year_cents + 1) // 2
