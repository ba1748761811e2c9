"""The facility registry: register a bonded warehouse or zone, record its compliance reviews
(the only way it gets a risk level), suspend, reinstate or close it, and read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from tradeguard.domain.errors import Conflict
from tradeguard.domain.facilities import (
    ComplianceReview,
    Facility,
    FacilityKind,
    FacilityState,
    check_facility,
    check_facility_code,
)
from tradeguard.reference.facility_codes import FacilityCode, packaged_facility_codes
from tradeguard.services.facilities_views import FacilityView, facility_view
from tradeguard.services.inbond import known_ports
from tradeguard.store.database import Database
from tradeguard.store.facilities import FacilityRow, ReviewRow
from tradeguard.store.unit_of_work import UnitOfWork

ENTITY = "facility"


@cache
def reference_codes() -> dict[str, FacilityCode]:
    return packaged_facility_codes()


@dataclass(frozen=True, slots=True)
class FacilityInput:
    code: str
    name: str
    kind: FacilityKind
    class_code: str
    operator: str
    port_code: str
    bond_no: str
    bond_amount: Decimal
    registered_on: date

    def facility(self) -> Facility:
        return Facility(
            code=self.code,
            name=self.name,
            kind=self.kind,
            class_code=self.class_code.strip(),
            operator=self.operator,
            port_code=self.port_code.strip(),
            bond_no=self.bond_no,
            bond_amount=self.bond_amount,
            registered_on=self.registered_on,
        )


def _view(uow: UnitOfWork, row: FacilityRow, today: date) -> FacilityView:
    reviews = uow.facilities.reviews(row.id)
    return facility_view(row, reviews, row.code in reference_codes(), today)


def register_facility(
    db: Database, new: FacilityInput, actor: str, *, today: date | None = None
) -> FacilityView:
    """Add a facility to the registry, with no risk level until its first review."""
    today = today or date.today()
    facility = check_facility(new.facility(), known_ports(), today)
    with UnitOfWork(db) as uow:
        if uow.facilities.exists(facility.code):
            raise Conflict(f"facility {facility.code} is already registered")
        row = uow.facilities.add(FacilityRow.from_facility(facility, actor))
        view = _view(uow, row, today)
        uow.changes.record(
            actor=actor,
            action="facility.register",
            entity=ENTITY,
            entity_id=row.code,
            after=view.as_json(),
        )
        uow.commit()
    return view


def record_review(
    db: Database, code: str, review: ComplianceReview, actor: str, *, today: date | None = None
) -> FacilityView:
    """Store a dated review with its evidence; the latest review sets the risk level."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        row = uow.facilities.get(check_facility_code(code))
        facility = row.facility()
        sets_level = facility.record_review(review, today)
        checked = facility.reviews[-1]
        stored = uow.facilities.add_review(
            ReviewRow(
                facility_id=row.id,
                reviewed_on=checked.reviewed_on,
                reviewer=checked.reviewer,
                risk_level=checked.risk_level.value,
                findings=checked.findings,
                evidence=json.dumps(list(checked.evidence)),
                recorded_by=actor,
            )
        )
        if sets_level:
            row.apply(facility, review_id=stored.id)
        uow.facilities.flush()
        view = _view(uow, row, today)
        uow.changes.record(
            actor=actor,
            action="facility.review",
            entity=ENTITY,
            entity_id=row.code,
            after=view.as_json(),
        )
        uow.commit()
    return view


def move_facility(
    db: Database, code: str, to: FacilityState, actor: str, *, today: date | None = None
) -> FacilityView:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        row = uow.facilities.get(check_facility_code(code))
        before = row.state
        facility = row.facility()
        facility.move(to)
        row.apply(facility)
        view = _view(uow, row, today)
        uow.changes.record(
            actor=actor,
            action="facility.move",
            entity=ENTITY,
            entity_id=row.code,
            before={"state": before},
            after={"state": row.state},
        )
        uow.commit()
    return view


def show_facility(db: Database, code: str, *, today: date | None = None) -> FacilityView:
    with UnitOfWork(db) as uow:
        row = uow.facilities.get(check_facility_code(code))
        return _view(uow, row, today or date.today())


def list_facilities(db: Database, *, today: date | None = None) -> list[FacilityView]:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        rows = uow.facilities.every()
        reviews = uow.facilities.reviews_for([row.id for row in rows])
        codes = reference_codes()
        return [facility_view(row, reviews[row.id], row.code in codes, today) for row in rows]
