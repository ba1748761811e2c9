"""What a claimant files: the claim, its export or destruction records, its designations.

Parsed at the edge (CLI file, API body) into these models; the filing service then checks each
designation against the import line in the entry lake and the designation ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tradeguard.domain.drawback.claim import ClaimKind
from tradeguard.domain.entry_number import entry_no_problem
from tradeguard.domain.errors import InvalidInput

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
_HTS10 = re.compile(r"^[0-9]{10}$")


class ExportKind(StrEnum):
    EXPORT = "export"
    DESTRUCTION = "destruction"


class ExportRecord(BaseModel):
    """Proof that goods left the country or were destroyed under customs supervision."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    kind: ExportKind
    on: date
    hts10: str
    quantity: Decimal = Field(gt=0)
    document: str = Field(min_length=1, max_length=64)  # bill of lading, destruction certificate

    @field_validator("hts10")
    @classmethod
    def _hts(cls, v: str) -> str:
        if not _HTS10.match(v):
            raise ValueError("must be 10 digits")
        return v


class Designation(BaseModel):
    """One import entry line whose duty the claim draws back, and how much of it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    entry_no: str
    line_no: int = Field(ge=1, le=99_999)
    duty_usd: Money = Field(gt=0)

    @field_validator("entry_no")
    @classmethod
    def _entry_no(cls, v: str) -> str:
        problem = entry_no_problem(v)
        if problem:
            raise ValueError(problem)
        return v


class ClaimFiling(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    claim_no: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")
    kind: ClaimKind
    claimant_id: str = Field(min_length=1, max_length=32)
    filed_on: date
    refund_requested_usd: Money
    accelerated: bool = False
    exports: list[ExportRecord] = Field(min_length=1, max_length=500)
    designations: list[Designation] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _distinct_lines(self) -> ClaimFiling:
        seen = [(d.entry_no, d.line_no) for d in self.designations]
        if len(set(seen)) != len(seen):
            raise ValueError("designations: an entry line is designated twice in one claim")
        late = [e for e in self.exports if e.on > self.filed_on]
        if late:
            raise ValueError(f"exports: an export on {late[0].on} is after the claim's filing")
        return self


def cents_of(amount: Decimal) -> int:
    return int(amount.quantize(Decimal("0.01")) * 100)


@dataclass(frozen=True, slots=True)
class ImportLine:
    """An entry line as the lake holds it: what was paid on it and what it was."""

    entry_no: str
    line_no: int
    entry_date: date
    importer_id: str
    hts10: str
    paid_cents: int


def designate(
    paid_cents: int, designated_cents: int, more_cents: int, line: str, field: str
) -> int:
    """The line's designated total after `more_cents`, across all claims and claimants; never
    beyond what was paid on it (the revenue-loss risk OIG-15-76 names)."""
    if more_cents <= 0:
        raise ValueError("a designation draws back a positive amount")
    if designated_cents + more_cents > paid_cents:
        left = max(0, paid_cents - designated_cents)
        raise InvalidInput(
            f"import line {line} has {left / 100:,.2f} of its {paid_cents / 100:,.2f} paid left "
            f"to designate; {more_cents / 100:,.2f} asked",
            field,
        )
    return designated_cents + more_cents
