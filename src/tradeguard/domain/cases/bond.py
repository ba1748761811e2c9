"""Continuous bond sufficiency and the bond demand that follows an insufficient bond.

The bond must be at least 10% of the duties, taxes and fees paid over the prior 12 months, never
below $50,000, rounded up to the next $10,000 (to the next $100,000 above $1,000,000). AD/CVD
exposure (the estimated AD/CVD duties the importer could leave unpaid) is added before rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table
from tradeguard.domain.cases.money import ZERO, cents, round_up_to
from tradeguard.domain.errors import InvalidInput

MACHINE = CaseMachine(
    kind=CaseKind.BOND_DEMAND,
    initial="open",
    moves=table(
        {
            "open": ("demanded", "cancelled"),
            "demanded": ("posted", "cancelled", "escalated"),
        }
    ),
    amount_on_entry={"demanded": "demanded"},
)

MINIMUM = Decimal("50000.00")
MILLION = Decimal("1000000.00")
SMALL_STEP = Decimal("10000")
LARGE_STEP = Decimal("100000")
SHARE = Decimal("0.10")
POST_DAYS = 30


def round_bond(amount: Decimal) -> Decimal:
    """Round up to the next $10,000, or the next $100,000 once above $1,000,000."""
    step = LARGE_STEP if amount > MILLION else SMALL_STEP
    return round_up_to(amount, step)


def additional_coverage(adcvd_exposure: Decimal) -> Decimal:
    """Extra coverage demanded for AD/CVD exposure found on an entry, rounded like a bond."""
    if adcvd_exposure <= 0:
        return ZERO
    return round_bond(cents(adcvd_exposure))


def required_bond(prior_12_month_dtf: Decimal, adcvd_exposure: Decimal = ZERO) -> Decimal:
    """The continuous bond amount an importer needs."""
    if prior_12_month_dtf < 0 or adcvd_exposure < 0:
        raise InvalidInput("duties, taxes, fees and exposure must not be negative", "amount")
    base = max(MINIMUM, cents(SHARE * prior_12_month_dtf) + cents(adcvd_exposure))
    return round_bond(base)


@dataclass(frozen=True, slots=True)
class BondCheck:
    current: Decimal
    required: Decimal

    @property
    def sufficient(self) -> bool:
        return self.current >= self.required

    @property
    def shortfall(self) -> Decimal:
        return max(ZERO, self.required - self.current)


def check_bond(
    current: Decimal, prior_12_month_dtf: Decimal, adcvd_exposure: Decimal = ZERO
) -> BondCheck:
    return BondCheck(cents(current), required_bond(prior_12_month_dtf, adcvd_exposure))
