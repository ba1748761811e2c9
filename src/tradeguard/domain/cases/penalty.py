"""Penalties: 19 U.S.C. 1592 by culpability, 1584 manifest and 1641 broker penalties.

Assessed, mitigated and collected are kept apart because they differ enormously (GAO-17-618:
over $237M assessed, $3.5M collected in FY2015).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table
from tradeguard.domain.cases.money import ZERO, cents
from tradeguard.domain.errors import InvalidInput


class Culpability(StrEnum):
    NEGLIGENCE = "negligence"
    GROSS_NEGLIGENCE = "gross_negligence"
    FRAUD = "fraud"


class Statute(StrEnum):
    S1592 = "1592"  # fraud, gross negligence, negligence in entering merchandise
    S1584 = "1584"  # manifest discrepancies
    S1641 = "1641"  # customs broker violations
    S1526 = "1526"  # counterfeit trademarked goods: up to the value of genuine goods (1526(f))


MACHINE = CaseMachine(
    kind=CaseKind.PENALTY,
    initial="open",
    moves=table(
        {
            "open": ("prepenalty_notice", "cancelled"),
            "prepenalty_notice": ("penalty_notice", "cancelled"),
            "penalty_notice": ("petitioned", "paid", "referred_for_collection", "cancelled"),
            "petitioned": ("mitigated", "penalty_notice", "cancelled"),
            "mitigated": ("paid", "referred_for_collection"),
            "referred_for_collection": ("paid", "written_off"),
        }
    ),
    amount_on_entry={
        "penalty_notice": "assessed",
        "mitigated": "mitigated",
        "paid": "collected",
    },
)

# 1584(a)(1): $1,000 for each manifest discrepancy; 1641(d)(2)(A): at most $30,000 in total.
MANIFEST_PENALTY_PER_DISCREPANCY = Decimal("1000.00")
BROKER_PENALTY_CAP = Decimal("30000.00")


def parse_culpability(text: str) -> Culpability:
    try:
        return Culpability(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(c.value for c in Culpability)
        raise InvalidInput(
            f"unknown culpability {text!r}; expected one of: {names}", "culpability"
        ) from None


def maximum_1592(
    culpability: Culpability,
    domestic_value: Decimal,
    loss_of_duties: Decimal,
    dutiable_value: Decimal,
) -> Decimal:
    """The statutory maximum under 19 U.S.C. 1592(c).

    Fraud: the domestic value. Gross negligence: the lesser of the domestic value and four times
    the loss of duties, or 40% of the dutiable value when no duty was lost. Negligence: the lesser
    of the domestic value and twice the loss, or 20% of the dutiable value when no duty was lost.
    """
    if min(domestic_value, loss_of_duties, dutiable_value) < 0:
        raise InvalidInput("penalty inputs must not be negative", "amount")
    if culpability is Culpability.FRAUD:
        return cents(domestic_value)
    multiple, share = (
        (Decimal(4), Decimal("0.40"))
        if culpability is Culpability.GROSS_NEGLIGENCE
        else (Decimal(2), Decimal("0.20"))
    )
    if loss_of_duties > ZERO:
        return cents(min(domestic_value, multiple * loss_of_duties))
    return cents(min(domestic_value, share * dutiable_value))


def manifest_penalty(discrepancies: int) -> Decimal:
    if discrepancies < 0:
        raise InvalidInput("discrepancies must not be negative", "discrepancies")
    return cents(MANIFEST_PENALTY_PER_DISCREPANCY * discrepancies)


def broker_penalty(proposed: Decimal) -> Decimal:
    return cents(min(proposed, BROKER_PENALTY_CAP))


def check_amounts(
    state: str, amount: Decimal, *, assessed: Decimal | None, maximum: Decimal | None
) -> None:
    """Keep the money consistent: no assessment above the maximum, no mitigation above it."""
    if state == "penalty_notice" and maximum is not None and amount > maximum:
        raise InvalidInput(f"assessed {amount} exceeds the statutory maximum {maximum}", "amount")
    if state == "mitigated" and assessed is not None and amount > assessed:
        raise InvalidInput(f"mitigated {amount} exceeds the assessed {assessed}", "amount")
