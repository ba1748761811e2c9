"""Interest on AD/CVD duty differences, in integer cents.

19 U.S.C. 1677g charges interest on the difference between the cash deposit and the duty
finally assessed, from the day the deposit was made to the day of liquidation; a bill paid after
its due date carries late interest on what is still owed. CBP publishes the rate each quarter
(the IRS rate under 26 U.S.C. 6621) and compounds it daily, so interest is computed day by day
with the rate of each day's quarter, at high precision, and rounded to the cent once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from tradeguard.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class QuarterRate:
    """Annual rates in force from `starts` until the next quarter listed."""

    starts: date
    underpayment: Decimal
    overpayment: Decimal


@dataclass(frozen=True, slots=True)
class RateSchedule:
    """Quarterly rates in date order; a day after the last quarter keeps the last rate."""

    quarters: tuple[QuarterRate, ...]

    def __post_init__(self) -> None:
        if not self.quarters:
            raise InvalidInput("an interest schedule needs at least one quarter", "quarters")
        starts = [q.starts for q in self.quarters]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise InvalidInput("interest quarters must be in date order, once each", "starts")
        for q in self.quarters:
            if q.underpayment < 0 or q.overpayment < 0:
                raise InvalidInput("an interest rate must not be negative", "rate")

    def rate_on(self, day: date, *, overpayment: bool = False) -> Decimal:
        starts = [q.starts for q in self.quarters]
        index = max(0, bisect_right(starts, day) - 1)
        quarter = self.quarters[index]
        return quarter.overpayment if overpayment else quarter.underpayment


def _segments(schedule: RateSchedule, start: date, end: date) -> list[tuple[int, date]]:
    """(days, first day) of each stretch of [start, end) with one rate and one year length."""
    cuts = {q.starts for q in schedule.quarters if start < q.starts < end}
    cuts |= {date(y, 1, 1) for y in range(start.year + 1, end.year + 1)}
    edges = [start, *sorted(cuts), end]
    return [((b - a).days, a) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def interest_cents(
    principal_cents: int,
    start: date,
    end: date,
    schedule: RateSchedule,
    *,
    overpayment: bool = False,
) -> int:
    """Daily-compounded interest on `principal_cents` for the days from `start` to `end`.

    A day's interest is rate / days-in-that-year; the result is rounded half up to the cent
    once, so splitting a period never creates or loses more than a cent per split.
    """
    if principal_cents < 0:
        raise InvalidInput("interest is charged on a non-negative amount", "principal")
    if end <= start or principal_cents == 0:
        return 0
    with localcontext() as ctx:
        ctx.prec = 50
        factor = Decimal(1)
        for days, first in _segments(schedule, start, end):
            year_days = 366 if _leap(first.year) else 365
            rate = schedule.rate_on(first, overpayment=overpayment)
            factor *= (1 + rate / year_days) ** days
        accrued = Decimal(principal_cents) * (factor - 1)
        return int(accrued.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
