"""In-bond movements (19 U.S.C. 1551-1553; 19 CFR part 18): goods that cross the country under
a carrier's bond without being entered, and the deadlines that keep them from vanishing.

A movement is authorized at its port of origin (the port of unlading) and must reach its
destination, or its port of exportation, within 30 days (19 CFR 18.1(i)). The carrier reports
arrival within two business days (18.1(j)); goods moving for export leave within 15 days of
arrival (18.7(a)(2)) and the export is reported within two business days (18.7(a)(3)). Any
breach is a default on the carrier's custodial bond: a liquidated damages claim (18.8, 113.63).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from tradeguard.domain.cases.business_days import add_business_days
from tradeguard.domain.cases.deadlines import add_years
from tradeguard.domain.cases.money import cents
from tradeguard.domain.errors import Conflict, InvalidInput

DELIVERY_DAYS = 30
REPORT_BUSINESS_DAYS = 2
EXPORT_DAYS = 15
# 19 CFR 163.4(a): records are kept five years; an in-bond's from the day it was closed.
RECORD_YEARS = 5
# 19 CFR 113.63: a default that involves no merchandise (a late report, a late but complete
# delivery) costs $1,000; one that loses the goods costs their value, three times it when the
# goods are restricted or prohibited.
DEFAULT_WITHOUT_MERCHANDISE = Decimal("1000.00")
RESTRICTED_MULTIPLE = 3


class MovementType(StrEnum):
    IMMEDIATE_TRANSPORTATION = "immediate_transportation"  # IT, type 61
    TRANSPORTATION_AND_EXPORTATION = "transportation_and_exportation"  # T&E, type 62
    IMMEDIATE_EXPORTATION = "immediate_exportation"  # IE, type 63

    @property
    def exports(self) -> bool:
        return self is not MovementType.IMMEDIATE_TRANSPORTATION


class MovementState(StrEnum):
    IN_TRANSIT = "in_transit"
    ARRIVED = "arrived"
    EXPORTED = "exported"
    DEFAULTED = "defaulted"


class Breach(StrEnum):
    LATE_DELIVERY = "late_delivery"
    LATE_ARRIVAL_REPORT = "late_arrival_report"
    NON_DELIVERY = "non_delivery"
    LATE_EXPORT = "late_export"
    LATE_EXPORT_REPORT = "late_export_report"
    FAILURE_TO_EXPORT = "failure_to_export"


LOSES_GOODS = frozenset({Breach.NON_DELIVERY, Breach.FAILURE_TO_EXPORT})
SHORT_CODES = {
    "it": "immediate_transportation",
    "te": "transportation_and_exportation",
    "ie": "immediate_exportation",
}


def parse_movement_type(text: str) -> MovementType:
    cleaned = text.strip().lower().replace("-", "_").replace("&", "")
    try:
        return MovementType(SHORT_CODES.get(cleaned, cleaned))
    except ValueError:
        names = ", ".join(t.value for t in MovementType)
        raise InvalidInput(
            f"unknown in-bond type {text!r}; expected one of: {names}", "type"
        ) from None


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str
    due_on: date
    met_on: date | None

    def status(self, today: date) -> str:
        if self.met_on is not None:
            return "late" if self.met_on > self.due_on else "met"
        return "overdue" if today > self.due_on else "open"


@dataclass(slots=True)
class Movement:
    """One in-bond movement; its moves refuse what the regulations do not allow."""

    inbond_no: str
    movement_type: MovementType
    origin_port: str
    destination_port: str
    carrier_code: str
    bond_no: str
    value: Decimal
    departed_on: date
    restricted: bool = False
    state: MovementState = MovementState.IN_TRANSIT
    arrived_on: date | None = None
    arrival_reported_on: date | None = None
    exported_on: date | None = None
    export_reported_on: date | None = None
    defaulted_on: date | None = None
    documents: list[str] = field(default_factory=list)

    @property
    def delivery_due(self) -> date:
        return self.departed_on + timedelta(days=DELIVERY_DAYS)

    def report_arrival(self, arrived_on: date, reported_on: date) -> None:
        self._expect(MovementState.IN_TRANSIT, "report its arrival")
        _ordered(self.departed_on, arrived_on, "arrived_on", "the departure")
        _ordered(arrived_on, reported_on, "reported_on", "the arrival")
        self.state, self.arrived_on, self.arrival_reported_on = (
            MovementState.ARRIVED,
            arrived_on,
            reported_on,
        )

    def report_export(self, exported_on: date, reported_on: date) -> None:
        if not self.movement_type.exports:
            raise Conflict(f"in-bond {self.inbond_no} is an immediate transportation: not exported")
        self._expect(MovementState.ARRIVED, "report its export")
        assert self.arrived_on is not None
        _ordered(self.arrived_on, exported_on, "exported_on", "the arrival")
        _ordered(exported_on, reported_on, "reported_on", "the export")
        self.state, self.exported_on, self.export_reported_on = (
            MovementState.EXPORTED,
            exported_on,
            reported_on,
        )

    def declare_default(self, on: date) -> Breach:
        """Non-delivery (never arrived) or failure to export, once its deadline has passed."""
        due = self.export_due if self.state is MovementState.ARRIVED else self.delivery_due
        if self.state is MovementState.ARRIVED and not self.movement_type.exports:
            raise Conflict(f"in-bond {self.inbond_no} arrived: it is complete")
        if self.state not in (MovementState.IN_TRANSIT, MovementState.ARRIVED):
            raise Conflict(f"in-bond {self.inbond_no} is {self.state.value}: nothing to default")
        if due is None or on <= due:
            raise Conflict(f"in-bond {self.inbond_no} is not overdue until after {due}")
        breach = (
            Breach.FAILURE_TO_EXPORT if self.state is MovementState.ARRIVED else Breach.NON_DELIVERY
        )
        self.state, self.defaulted_on = MovementState.DEFAULTED, on
        return breach

    @property
    def export_due(self) -> date | None:
        if not self.movement_type.exports or self.arrived_on is None:
            return None
        return self.arrived_on + timedelta(days=EXPORT_DAYS)

    @property
    def closed_on(self) -> date | None:
        """When the movement ended: arrival (IT), export (T&E, IE) or the declared default."""
        if self.state is MovementState.DEFAULTED:
            return self.defaulted_on
        if self.state is MovementState.EXPORTED:
            return self.exported_on
        if self.state is MovementState.ARRIVED and not self.movement_type.exports:
            return self.arrived_on
        return None

    @property
    def retain_until(self) -> date | None:
        """Documents are kept the record period after the movement closed; open ones are kept."""
        closed = self.closed_on
        return None if closed is None else add_years(closed, RECORD_YEARS)

    def _expect(self, state: MovementState, action: str) -> None:
        if self.state is not state:
            raise Conflict(
                f"in-bond {self.inbond_no} is {self.state.value}; cannot {action} "
                f"(needs {state.value})"
            )


def _ordered(before: date, after: date, field: str, what: str) -> None:
    if after < before:
        raise InvalidInput(f"{field} {after} is before {what} ({before})", field)


def deadlines(m: Movement) -> list[Deadline]:
    """The movement's deadlines so far, each with the day it was met (None while open)."""
    out = [Deadline("delivery", m.delivery_due, m.arrived_on)]
    if m.arrived_on is not None:
        due = add_business_days(m.arrived_on, REPORT_BUSINESS_DAYS)
        out.append(Deadline("arrival report", due, m.arrival_reported_on))
    if m.export_due is not None:
        out.append(Deadline("export", m.export_due, m.exported_on))
    if m.exported_on is not None:
        due = add_business_days(m.exported_on, REPORT_BUSINESS_DAYS)
        out.append(Deadline("export report", due, m.export_reported_on))
    return out


BREACH_OF_DEADLINE = {
    "delivery": Breach.LATE_DELIVERY,
    "arrival report": Breach.LATE_ARRIVAL_REPORT,
    "export": Breach.LATE_EXPORT,
    "export report": Breach.LATE_EXPORT_REPORT,
}


def breaches(m: Movement) -> list[Breach]:
    """Defaults on the bond so far: deadlines met late, and a declared default."""
    found = [BREACH_OF_DEADLINE[d.name] for d in deadlines(m) if d.status(date.max) == "late"]
    if m.state is MovementState.DEFAULTED:
        found.append(Breach.FAILURE_TO_EXPORT if m.arrived_on else Breach.NON_DELIVERY)
    return found


def overdue(m: Movement, today: date) -> list[Deadline]:
    """Deadlines passed with nothing reported: the port's follow-up list."""
    if m.state is MovementState.DEFAULTED:
        return []
    return [d for d in deadlines(m) if d.status(today) == "overdue"]


def liquidated_damages(breach: Breach, value: Decimal, restricted: bool) -> Decimal:
    """The claim a breach costs under the custodial bond (19 CFR 113.63)."""
    if breach not in LOSES_GOODS:
        return DEFAULT_WITHOUT_MERCHANDISE
    return cents(value * (RESTRICTED_MULTIPLE if restricted else 1))


def check_inbond_no(text: str) -> str:
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) == 9):
        raise InvalidInput(f"in-bond number must be 9 digits, got {text!r}", "inbond_no")
    return cleaned


def check_party_code(text: str, field: str) -> str:
    """A carrier code or bond number: letters, digits and dashes, 2 to 20 of them."""
    cleaned = text.strip().upper()
    if not (2 <= len(cleaned) <= 20 and cleaned.replace("-", "").isalnum() and cleaned.isascii()):
        raise InvalidInput(f"{field} must be 2-20 letters or digits, got {text!r}", field)
    return cleaned


def authorize(m: Movement, *, known_ports: frozenset[str] | set[str], today: date) -> Movement:
    """Check a new movement before it is stored: known ports, a route its type allows, goods
    with a value, a departure that has happened."""
    m.inbond_no = check_inbond_no(m.inbond_no)
    m.carrier_code = check_party_code(m.carrier_code, "carrier_code")
    m.bond_no = check_party_code(m.bond_no, "bond_no")
    for name in ("origin_port", "destination_port"):
        port = getattr(m, name).strip()
        if port not in known_ports:
            raise InvalidInput(f"{name} {port!r} is not a known port (Schedule D code)", name)
        setattr(m, name, port)
    same = m.origin_port == m.destination_port
    if m.movement_type is MovementType.IMMEDIATE_EXPORTATION and not same:
        raise InvalidInput(
            "an immediate exportation leaves from its port of unlading: destination_port must "
            f"equal origin_port {m.origin_port}",
            "destination_port",
        )
    if m.movement_type is not MovementType.IMMEDIATE_EXPORTATION and same:
        raise InvalidInput(
            f"a {m.movement_type.value} moves the goods: destination_port must differ from "
            f"origin_port {m.origin_port}",
            "destination_port",
        )
    if not m.value.is_finite() or m.value <= 0:
        raise InvalidInput(f"value must be more than zero dollars, got {m.value}", "value")
    m.value = cents(m.value)
    if m.departed_on > today + timedelta(days=1):
        raise InvalidInput(f"departed_on {m.departed_on} is in the future", "departed_on")
    return m
