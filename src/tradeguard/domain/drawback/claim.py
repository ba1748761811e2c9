"""A drawback claim: its kind, its life, and the limits the law puts on its refund.

Drawback returns duties, taxes and fees paid on imports when the goods (or, under substitution,
goods of the same 8-digit HTS subheading) are exported or destroyed. Money is integer cents.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tradeguard.domain.errors import Conflict, InvalidInput

# 19 U.S.C. 1313(l)(2)(A) as amended by TFTEA: at most 99 percent of what was paid.
REFUND_SHARE_NUMERATOR = 99
REFUND_SHARE_DENOMINATOR = 100
# 19 U.S.C. 1313(r)(1): a claim is filed within 5 years of the import it designates.
WINDOW_YEARS = 5
# 19 U.S.C. 1313(j)(5)(A): substitute goods share the 8-digit HTS subheading.
SUBSTITUTION_DIGITS = 8


class ClaimKind(StrEnum):
    MANUFACTURING_DIRECT = "1313a"  # imported goods used in manufacture, the product exported
    MANUFACTURING_SUBSTITUTION = "1313b"  # same kind and quality goods used instead
    REJECTED = "1313c"  # goods not conforming to sample or specification, returned
    UNUSED_DIRECT = "1313j1"  # the imported goods exported unused
    UNUSED_SUBSTITUTION = "1313j2"  # commercially interchangeable goods exported unused

    @property
    def substitution(self) -> bool:
        return self in (ClaimKind.MANUFACTURING_SUBSTITUTION, ClaimKind.UNUSED_SUBSTITUTION)


class ClaimStatus(StrEnum):
    FILED = "filed"
    PAID = "paid"  # accelerated payment, before liquidation
    LIQUIDATED = "liquidated"  # refund final (paid now, or the accelerated payment confirmed)
    DENIED = "denied"


MOVES: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.FILED: frozenset({ClaimStatus.PAID, ClaimStatus.LIQUIDATED, ClaimStatus.DENIED}),
    ClaimStatus.PAID: frozenset({ClaimStatus.LIQUIDATED}),
    ClaimStatus.LIQUIDATED: frozenset(),
    ClaimStatus.DENIED: frozenset(),
}
# A claim whose refund has left the Treasury: the review sample draws from these.
PAID_OUT = frozenset({ClaimStatus.PAID, ClaimStatus.LIQUIDATED})


def move(current: ClaimStatus, to: ClaimStatus, claim_no: str) -> ClaimStatus:
    """The next status, or Conflict when the law's order forbids the move."""
    if to not in MOVES[current]:
        raise Conflict(f"drawback claim {claim_no} is {current.value}; it cannot become {to.value}")
    return to


def parse_kind(text: str) -> ClaimKind:
    cleaned = text.strip().lower().replace("(", "").replace(")", "").replace(" ", "")
    try:
        return ClaimKind(cleaned)
    except ValueError:
        names = ", ".join(k.value for k in ClaimKind)
        raise InvalidInput(
            f"unknown claim kind {text!r}; expected one of {names}", "kind"
        ) from None


def refund_limit_cents(designated_cents: int) -> int:
    """99 percent of the designated duties, taxes and fees, rounded down to the cent."""
    if designated_cents < 0:
        raise InvalidInput("designated duty cannot be negative", "designated")
    return designated_cents * REFUND_SHARE_NUMERATOR // REFUND_SHARE_DENOMINATOR


def check_refund(requested_cents: int, designated_cents: int) -> None:
    """Refuse a refund above 99% of what the claim designates."""
    limit = refund_limit_cents(designated_cents)
    if requested_cents < 0:
        raise InvalidInput("the refund requested cannot be negative", "refund_requested")
    if requested_cents > limit:
        raise InvalidInput(
            f"the refund requested ({requested_cents / 100:,.2f}) is over 99% of the duties, "
            f"taxes and fees designated ({limit / 100:,.2f} at most)",
            "refund_requested",
        )


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def check_window(imported_on: date, filed_on: date, field: str) -> None:
    """A designated import must be no older than five years when the claim is filed."""
    if filed_on < imported_on:
        raise InvalidInput(
            f"the claim is filed before the import it designates ({imported_on})", field
        )
    if filed_on > add_years(imported_on, WINDOW_YEARS):
        raise InvalidInput(
            f"the import of {imported_on} is more than {WINDOW_YEARS} years before the claim "
            f"({filed_on})",
            field,
        )


def check_goods(kind: ClaimKind, imported_hts: str, exported_hts: set[str], field: str) -> None:
    """Direct identification exports the imported goods (the same HTS number); substitution
    allows other goods only within the same 8-digit subheading."""
    digits = SUBSTITUTION_DIGITS if kind.substitution else len(imported_hts)
    if not any(h[:digits] == imported_hts[:digits] for h in exported_hts):
        rule = (
            f"substitution stays within the 8-digit subheading {imported_hts[:8]}"
            if kind.substitution
            else f"direct identification exports the imported goods ({imported_hts})"
        )
        raise InvalidInput(f"no exported goods match the designated import: {rule}", field)


def bond_shortfall_cents(
    bond_cents: int | None, outstanding_cents: int, requested_cents: int
) -> int:
    """How far a claimant's drawback bond falls short of securing every accelerated refund it
    would have outstanding after this one (19 CFR 190.92): 0 when the bond suffices."""
    return max(0, outstanding_cents + requested_cents - (bond_cents or 0))
