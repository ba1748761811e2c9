"""What a measure returns: a value (None when nothing was measured) and, for a rate estimated
from a sample, its 95% interval."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Z95 = 1.959963984540054
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class MeasureValue:
    value: Decimal | None
    interval: tuple[Decimal, Decimal] | None = None


NOTHING = MeasureValue(None)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def count(n: int) -> MeasureValue:
    return MeasureValue(Decimal(n))


def dollars(cents: int) -> MeasureValue:
    return MeasureValue((Decimal(cents) / 100).quantize(HUNDREDTH))


def percent(part: int, whole: int) -> MeasureValue:
    """part/whole as a percentage to the hundredth; nothing measured when whole is zero."""
    if whole == 0:
        return NOTHING
    return MeasureValue(rounded(Decimal(100 * part) / Decimal(whole)))


def wilson_percent(successes: int, n: int) -> tuple[Decimal, Decimal]:
    """Wilson score 95% interval, in percent: honest at small samples and near 0% or 100%."""
    p = successes / n
    denominator = 1 + Z95**2 / n
    centre = (p + Z95**2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / denominator
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    return rounded(Decimal(repr(low * 100))), rounded(Decimal(repr(high * 100)))
