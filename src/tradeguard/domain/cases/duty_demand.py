"""Duty demand: the duty recomputed with the corrected facts, minus what was paid.

Billed, then paid, protested (19 U.S.C. 1514; a denied protest is billed again) or cancelled.
"""

from __future__ import annotations

from decimal import Decimal

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table
from tradeguard.domain.cases.money import ZERO, cents

MACHINE = CaseMachine(
    kind=CaseKind.DUTY_DEMAND,
    initial="open",
    moves=table(
        {
            "open": ("billed", "cancelled"),
            "billed": ("paid", "protested", "cancelled"),
            "protested": ("billed", "cancelled"),
        }
    ),
    amount_on_entry={"billed": "demanded", "paid": "collected"},
)


def recomputed_duty(true_value: Decimal, true_rate: Decimal, adcvd_rate: Decimal | None) -> Decimal:
    """Duty the line should have paid: ordinary duty plus any AD/CVD cash deposit."""
    rate = true_rate + (adcvd_rate or ZERO)
    return cents(true_value * rate)


def duty_owed(
    true_value: Decimal, true_rate: Decimal, adcvd_rate: Decimal | None, duty_paid: Decimal
) -> Decimal:
    """The loss of duties: what should have been paid minus what was, never below zero."""
    return max(ZERO, recomputed_duty(true_value, true_rate, adcvd_rate) - cents(duty_paid))
