"""Bonded warehouses and foreign trade zones: the registry, goods in and out, and risk levels
that only a dated compliance review with its evidence can set.

OIG-16-54 found risk levels recorded with no review behind them, and facility codes that did not
reconcile; here a facility's risk level is a field of its latest review, never typed in, and
every facility code is checked against the reference list. Goods may stay in a bonded warehouse
five years from importation (19 U.S.C. 1557(a)); a zone has no such limit (19 U.S.C. 81c).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from tradeguard.domain.cases.deadlines import add_years
from tradeguard.domain.errors import Conflict, InvalidInput

WAREHOUSE_YEARS = 5
# The first review falls due this long after registration.
FIRST_REVIEW_DAYS = 90


class FacilityKind(StrEnum):
    BONDED_WAREHOUSE = "bonded_warehouse"
    FOREIGN_TRADE_ZONE = "foreign_trade_zone"


# 19 CFR 19.1 classes 1-11 for warehouses; a zone is a general-purpose site or a subzone.
CLASSES: dict[FacilityKind, frozenset[str]] = {
    FacilityKind.BONDED_WAREHOUSE: frozenset(str(n) for n in range(1, 12)),
    FacilityKind.FOREIGN_TRADE_ZONE: frozenset({"general_purpose", "subzone"}),
}


class FacilityState(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


MOVES: dict[FacilityState, frozenset[FacilityState]] = {
    FacilityState.ACTIVE: frozenset({FacilityState.SUSPENDED, FacilityState.CLOSED}),
    FacilityState.SUSPENDED: frozenset({FacilityState.ACTIVE, FacilityState.CLOSED}),
    FacilityState.CLOSED: frozenset(),
}


class RiskLevel(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# How soon the next compliance review is due after one that set each level.
REVIEW_INTERVAL_YEARS = {RiskLevel.HIGH: 1, RiskLevel.MEDIUM: 2, RiskLevel.LOW: 3}


E = TypeVar("E", bound=StrEnum)


def _parse(kind: type[E], text: str, field: str) -> E:
    try:
        return kind(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        names = ", ".join(v.value for v in kind)
        raise InvalidInput(f"unknown {field} {text!r}; expected one of: {names}", field) from None


def parse_kind(text: str) -> FacilityKind:
    short = {"bw": "bonded_warehouse", "ftz": "foreign_trade_zone", "warehouse": "bonded_warehouse"}
    return _parse(FacilityKind, short.get(text.strip().lower(), text), "kind")


def parse_state(text: str) -> FacilityState:
    return _parse(FacilityState, text, "state")


def parse_risk(text: str) -> RiskLevel:
    return _parse(RiskLevel, text, "risk_level")


def check_facility_code(text: str) -> str:
    """A FIRMS code: one letter then three letters or digits."""
    code = text.strip().upper()
    if not (len(code) == 4 and code.isascii() and code[0].isalpha() and code.isalnum()):
        raise InvalidInput(
            f"facility code must be a letter and 3 letters or digits, got {text!r}", "code"
        )
    return code


@dataclass(frozen=True, slots=True)
class ComplianceReview:
    """What a risk level rests on: who reviewed, when, what was found, and the evidence."""

    reviewed_on: date
    reviewer: str
    risk_level: RiskLevel
    evidence: tuple[str, ...]
    findings: int = 0

    def check(self, *, today: date, registered_on: date) -> ComplianceReview:
        evidence = tuple(e.strip() for e in self.evidence if e.strip())
        if not evidence:
            raise InvalidInput(
                "a compliance review needs its evidence (document references)", "evidence"
            )
        if not self.reviewer.strip():
            raise InvalidInput("a compliance review names its reviewer", "reviewer")
        if self.reviewed_on > today + timedelta(days=1):
            raise InvalidInput(f"reviewed_on {self.reviewed_on} is in the future", "reviewed_on")
        if self.reviewed_on < registered_on - timedelta(days=365):
            raise InvalidInput(
                f"reviewed_on {self.reviewed_on} is over a year before the facility was "
                f"registered ({registered_on})",
                "reviewed_on",
            )
        if self.findings < 0:
            raise InvalidInput("findings must be zero or more", "findings")
        return ComplianceReview(
            self.reviewed_on, self.reviewer.strip(), self.risk_level, evidence, self.findings
        )


@dataclass(slots=True)
class Facility:
    code: str
    name: str
    kind: FacilityKind
    class_code: str
    operator: str
    port_code: str
    bond_no: str
    bond_amount: Decimal
    registered_on: date
    state: FacilityState = FacilityState.ACTIVE
    # Set only by `record_review`: the level and the date of the review it came from.
    risk_level: RiskLevel | None = None
    reviewed_on: date | None = None
    reviews: list[ComplianceReview] = field(default_factory=list)

    def record_review(self, review: ComplianceReview, today: date) -> bool:
        """Add a review; it sets the risk level when it is the latest. True if it did."""
        checked = review.check(today=today, registered_on=self.registered_on)
        self.reviews.append(checked)
        if self.reviewed_on is None or checked.reviewed_on >= self.reviewed_on:
            self.risk_level, self.reviewed_on = checked.risk_level, checked.reviewed_on
            return True
        return False

    def move(self, to: FacilityState) -> None:
        if to not in MOVES[self.state]:
            allowed = ", ".join(sorted(MOVES[self.state])) or "none (closed)"
            raise Conflict(
                f"facility {self.code} cannot move from {self.state} to {to}; allowed: {allowed}"
            )
        self.state = to

    def check_admits(self) -> None:
        if self.state is not FacilityState.ACTIVE:
            raise Conflict(f"facility {self.code} is {self.state.value}: it admits no goods")

    @property
    def review_due(self) -> date:
        if self.risk_level is None or self.reviewed_on is None:
            return self.registered_on + timedelta(days=FIRST_REVIEW_DAYS)
        return add_years(self.reviewed_on, REVIEW_INTERVAL_YEARS[self.risk_level])


def check_facility(f: Facility, known_ports: frozenset[str] | set[str], today: date) -> Facility:
    """Check a facility before it joins the registry: it comes without a risk level, which only
    a compliance review can give it."""
    if f.risk_level is not None or f.reviewed_on is not None or f.reviews:
        raise InvalidInput(
            "a facility is registered without a risk level: record a dated compliance review "
            "with its evidence to give it one",
            "risk_level",
        )
    f.code = check_facility_code(f.code)
    if f.class_code not in CLASSES[f.kind]:
        names = ", ".join(sorted(CLASSES[f.kind]))
        raise InvalidInput(
            f"class {f.class_code!r} is not a {f.kind.value} class; expected one of: {names}",
            "class_code",
        )
    if f.port_code not in known_ports:
        raise InvalidInput(f"port_code {f.port_code!r} is not a known port", "port_code")
    for name in ("name", "operator", "bond_no"):
        if not getattr(f, name).strip():
            raise InvalidInput(f"{name} must not be empty", name)
    if not f.bond_amount.is_finite() or f.bond_amount <= 0:
        raise InvalidInput("bond_amount must be more than zero dollars", "bond_amount")
    if f.registered_on > today + timedelta(days=1):
        raise InvalidInput(f"registered_on {f.registered_on} is in the future", "registered_on")
    return f


def warehouse_limit(kind: FacilityKind, imported_on: date) -> date | None:
    """The last day goods may stay: five years from importation in a warehouse; none in a zone."""
    if kind is FacilityKind.FOREIGN_TRADE_ZONE:
        return None
    return add_years(imported_on, WAREHOUSE_YEARS)


@dataclass(slots=True)
class Admission:
    """Goods admitted to a facility and what is left of them after withdrawals."""

    entry_no: str
    description: str
    quantity: int
    value: Decimal
    imported_on: date
    admitted_on: date
    withdrawn: int = 0
    # estimated duties, taxes and fees on the whole admission, as its entry declared them
    duty: Decimal | None = None

    @property
    def remaining(self) -> int:
        return self.quantity - self.withdrawn

    def withdraw(self, quantity: int, on: date) -> None:
        if quantity <= 0:
            raise InvalidInput("quantity must be at least 1", "quantity")
        if quantity > self.remaining:
            raise Conflict(
                f"only {self.remaining} of {self.quantity} remain; cannot withdraw {quantity}"
            )
        if on < self.admitted_on:
            raise InvalidInput(
                f"withdrawn_on {on} is before the admission ({self.admitted_on})", "withdrawn_on"
            )
        self.withdrawn += quantity


def check_admission(a: Admission, today: date) -> Admission:
    if a.quantity <= 0:
        raise InvalidInput("quantity must be at least 1", "quantity")
    if not a.value.is_finite() or a.value < 0:
        raise InvalidInput("value must be zero or more dollars", "value")
    if a.duty is not None and (not a.duty.is_finite() or a.duty < 0):
        raise InvalidInput("duty must be zero or more dollars", "duty")
    if a.imported_on > a.admitted_on:
        raise InvalidInput(
            f"imported_on {a.imported_on} is after admitted_on {a.admitted_on}", "imported_on"
        )
    if a.admitted_on > today + timedelta(days=1):
        raise InvalidInput(f"admitted_on {a.admitted_on} is in the future", "admitted_on")
    if not a.description.strip():
        raise InvalidInput("description must not be empty", "description")
    return a
