"""Single transaction bonds: the amount one entry requires, and a bond's life in the register.

A single transaction bond (STB) secures one entry. CBP Directive 099 3510-004 sets its amount:
the entered value plus the duties, taxes and fees; where another agency's admissibility rules
apply (FDA, USDA, CPSC, ...), three times the entered value. The multiples are data here
(`AGENCY_CHAPTERS`, `MULTIPLES`) so docs/drawback.md and the check read the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from tradeguard.domain.errors import Conflict


class StbStatus(StrEnum):
    REGISTERED = "registered"  # filed by the surety, no entry yet
    USED = "used"  # secures its one entry
    RELEASED = "released"  # the entry liquidated and was paid: the surety is discharged
    CLAIMED = "claimed"  # CBP demanded payment from the surety


MOVES: dict[StbStatus, frozenset[StbStatus]] = {
    StbStatus.REGISTERED: frozenset({StbStatus.USED, StbStatus.RELEASED}),
    StbStatus.USED: frozenset({StbStatus.RELEASED, StbStatus.CLAIMED}),
    StbStatus.RELEASED: frozenset(),
    StbStatus.CLAIMED: frozenset(),
}


def move(current: StbStatus, to: StbStatus, bond_no: str) -> StbStatus:
    if to not in MOVES[current]:
        raise Conflict(f"single transaction bond {bond_no} is {current.value}; not {to.value}")
    return to


class Requirement(StrEnum):
    STANDARD = "standard"  # value plus duties, taxes and fees
    OTHER_AGENCY = "other_agency"  # three times the entered value


# How many times the base each requirement asks for (the base: value plus DTF, or value).
MULTIPLES: dict[Requirement, int] = {Requirement.STANDARD: 1, Requirement.OTHER_AGENCY: 3}

# HTS chapters whose goods face another agency's admissibility rules, with the agency.
AGENCY_CHAPTERS: dict[str, str] = {
    **{f"{c:02d}": "USDA/FDA (food and agriculture)" for c in range(1, 25)},
    "30": "FDA (pharmaceuticals)",
    "33": "FDA (cosmetics)",
    "87": "NHTSA/EPA (motor vehicles)",
    "90": "FDA (medical devices)",
    "93": "ATF (arms and ammunition)",
    "95": "CPSC (toys)",
}


@dataclass(frozen=True, slots=True)
class EntryExposure:
    """What one entry puts at risk, in cents, and the HTS numbers on its lines."""

    entry_no: str
    value_cents: int
    duties_taxes_fees_cents: int
    hts10: tuple[str, ...]


def requirement_for(hts10: tuple[str, ...]) -> tuple[Requirement, tuple[str, ...]]:
    agencies = sorted({AGENCY_CHAPTERS[h[:2]] for h in hts10 if h[:2] in AGENCY_CHAPTERS})
    return (Requirement.OTHER_AGENCY if agencies else Requirement.STANDARD), tuple(agencies)


def required_cents(exposure: EntryExposure) -> int:
    """The least an STB for this entry may be: the larger of value plus duties, taxes and fees
    and, where another agency's rules apply, three times the value."""
    standard = exposure.value_cents + exposure.duties_taxes_fees_cents
    requirement, _ = requirement_for(exposure.hts10)
    if requirement is Requirement.STANDARD:
        return standard
    return max(standard, MULTIPLES[requirement] * exposure.value_cents)


@dataclass(frozen=True, slots=True)
class BondCheck:
    """A bond's amount against what its entry requires, and why it requires that much."""

    amount_cents: int
    required_cents: int
    requirement: Requirement
    agencies: tuple[str, ...]

    @property
    def shortfall_cents(self) -> int:
        return max(0, self.required_cents - self.amount_cents)


def check_bond(amount_cents: int, exposure: EntryExposure) -> BondCheck:
    requirement, agencies = requirement_for(exposure.hts10)
    return BondCheck(amount_cents, required_cents(exposure), requirement, agencies)


# A bond registered this many days ago and still tied to no entry is reported as unused.
UNUSED_AFTER_DAYS = 30


class StbFiling(BaseModel):
    """A surety's filing of one single transaction bond into the central register."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    bond_no: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")
    surety_code: str = Field(min_length=3, max_length=8, pattern=r"^[A-Z0-9]+$")
    importer_id: str = Field(min_length=1, max_length=32)
    amount_usd: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    registered_on: date

    @property
    def amount_cents(self) -> int:
        return int(self.amount_usd * 100)
