"""Liquidated damages for a breach of the basic importation bond's conditions (19 CFR 113.62):
goods released under bond and then demanded back (they are excluded, or withheld) must be
redelivered; if they are not, the claim is the value of the goods, three times it for
restricted goods, mitigated on petition like a penalty (domain/cases/liquidated_damages.py)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tradeguard.domain.cases.money import cents
from tradeguard.domain.errors import InvalidInput

RESTRICTED_MULTIPLE = 3


class Breach(StrEnum):
    FAILURE_TO_REDELIVER = "failure_to_redeliver"
    LATE_EXPORT = "late_export"  # goods denied entry not exported within the time allowed


def parse_breach(text: str) -> Breach:
    try:
        return Breach(text.strip().lower())
    except ValueError:
        names = ", ".join(b.value for b in Breach)
        raise InvalidInput(f"unknown breach {text!r}; expected one of: {names}", "breach") from None


def claim_amount(breach: Breach, value: Decimal, *, restricted: bool) -> Decimal:
    """The amount the bond fixes for the breach."""
    if value < 0:
        raise InvalidInput("the value of the goods must not be negative", "value")
    multiple = RESTRICTED_MULTIPLE if restricted else 1
    return cents(value * multiple)


def mitigated_amount(claimed: Decimal, share_percent: int) -> Decimal:
    """The lesser amount on payment of which the claim is cancelled (mitigation guidelines
    give a share of the claim; 0-100 percent)."""
    if not 0 <= share_percent <= 100:
        raise InvalidInput("the mitigation share is a percentage from 0 to 100", "share")
    return cents(claimed * share_percent / 100)
