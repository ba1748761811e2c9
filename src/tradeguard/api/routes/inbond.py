"""In-bond movements: the register, a movement's record, the ports' overdue list, retention, and
the moves a carrier's reports and a port's default declaration make."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.dates import EnteredDay
from tradeguard.api.deps import DbDep, requires
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.inbond import MovementState, parse_movement_type
from tradeguard.domain.inbond_documents import parse_document_kind
from tradeguard.services import inbond as service
from tradeguard.services.auth import Principal
from tradeguard.services.inbond_claims import declare_default, open_claims, overdue_movements
from tradeguard.services.inbond_records import purge_records, retention_report
from tradeguard.services.inbond_views import ClaimView, DeadlineView, DocumentView

router = APIRouter(tags=["inbond"])
Number = Annotated[str, Path(max_length=16, description="the 9-digit in-bond number")]
Reader = Annotated[Principal, requires("custody:read")]
Writer = Annotated[Principal, requires("inbond:write")]
Purger = Annotated[Principal, requires("inbond:purge")]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MovementPublic(_Public):
    """A movement as the API answers it: services.inbond_views.MovementView without its
    missing-documents list (the retention route lists missing documents)."""

    inbond_no: str
    movement_type: str
    origin_port: str
    destination_port: str
    carrier_code: str
    bond_no: str
    value: Decimal
    restricted: bool
    departed_on: date
    state: str
    arrived_on: date | None
    arrival_reported_on: date | None
    exported_on: date | None
    export_reported_on: date | None
    defaulted_on: date | None
    retain_until: date | None
    documents_purged_on: date | None
    deadlines: list[DeadlineView]
    breaches: list[str]
    claims: list[ClaimView]
    documents: list[DocumentView]
    missing_documents: list[str]


class OverduePublic(_Public):
    inbond_no: str
    movement_type: str
    origin_port: str
    destination_port: str
    carrier_code: str
    deadline: str
    due_on: date
    days_overdue: int


class PortFollowUpPublic(_Public):
    port: str
    movements: list[OverduePublic]


class OverdueReportPublic(_Public):
    as_of: date
    total: int
    ports: list[PortFollowUpPublic]


class MissingPublic(_Public):
    inbond_no: str
    state: str
    missing: list[str]


class RetentionPublic(_Public):
    as_of: date
    movements: int
    open: int
    retained: int
    purge_eligible: list[str]
    held_by_claims: list[str]
    purged: int
    missing_documents: list[MissingPublic]
    retained_until_by_year: dict[str, int]


class PurgePublic(_Public):
    as_of: date
    purged: list[str]
    documents_deleted: int
    held_by_claims: list[str]


class ClaimOpenedPublic(_Public):
    inbond_no: str
    breach: str
    case_id: int
    amount: Decimal


class ClaimsOpenedPublic(_Public):
    opened: list[ClaimOpenedPublic]
    already_claimed: int


class MovementCreate(BaseModel):
    inbond_no: str = Field(max_length=16)
    movement_type: str = Field(max_length=40, description="it, te, ie or the full name")
    origin_port: str = Field(max_length=8)
    destination_port: str = Field(max_length=8)
    carrier_code: str = Field(max_length=32)
    bond_no: str = Field(max_length=32)
    value: Money
    departed_on: EnteredDay
    restricted: bool = False
    application: str = Field(default="", max_length=200)


class Report(BaseModel):
    on: EnteredDay = Field(description="the day the goods arrived or left")
    reported_on: EnteredDay | None = Field(default=None, description="default today")
    proof: str = Field(default="", max_length=200)


class DocumentCreate(BaseModel):
    kind: str = Field(max_length=32)
    reference: str = Field(max_length=200)


def _public(view: service.MovementView) -> MovementPublic:
    return MovementPublic.model_validate(view)


def _state(text: str | None) -> MovementState | None:
    if not text:
        return None
    try:
        return MovementState(text)
    except ValueError:
        raise InvalidInput(f"unknown state {text!r}", "state") from None


@router.get("/api/inbond")
def movements(
    db: DbDep,
    _user: Reader,
    state: Annotated[str | None, Query(max_length=16)] = None,
    port: Annotated[str | None, Query(max_length=8)] = None,
) -> list[MovementPublic]:
    return [_public(v) for v in service.list_movements(db, state=_state(state), port=port)]


@router.get("/api/inbond/overdue")
def overdue(db: DbDep, _user: Reader) -> OverdueReportPublic:
    """Movements past a deadline with nothing reported, by destination port."""
    return OverdueReportPublic.model_validate(overdue_movements(db))


@router.get("/api/inbond/retention")
def retention(db: DbDep, _user: Reader) -> RetentionPublic:
    return RetentionPublic.model_validate(retention_report(db))


@router.post("/api/inbond/retention/purge")
def purge(db: DbDep, user: Purger) -> PurgePublic:
    """Delete the documents of movements past their record period that no open claim holds;
    the change log records who purged what."""
    return PurgePublic.model_validate(purge_records(db, user.username))


@router.get("/api/inbond/{inbond_no}")
def movement(inbond_no: Number, db: DbDep, _user: Reader) -> MovementPublic:
    return _public(service.show_movement(db, inbond_no))


@router.post("/api/inbond", status_code=201)
def authorize(body: MovementCreate, db: DbDep, user: Writer) -> MovementPublic:
    new = service.MovementInput(
        body.inbond_no,
        parse_movement_type(body.movement_type),
        body.origin_port,
        body.destination_port,
        body.carrier_code,
        body.bond_no,
        body.value,
        body.departed_on,
        body.restricted,
        body.application,
    )
    return _public(service.authorize_movement(db, new, user.username))


@router.post("/api/inbond/{inbond_no}/arrival")
def arrival(inbond_no: Number, body: Report, db: DbDep, user: Writer) -> MovementPublic:
    view = service.report_arrival(
        db, inbond_no, body.on, user.username, reported_on=body.reported_on, proof=body.proof
    )
    return _public(view)


@router.post("/api/inbond/{inbond_no}/export")
def export(inbond_no: Number, body: Report, db: DbDep, user: Writer) -> MovementPublic:
    view = service.report_export(
        db, inbond_no, body.on, user.username, reported_on=body.reported_on, proof=body.proof
    )
    return _public(view)


@router.post("/api/inbond/{inbond_no}/documents")
def document(inbond_no: Number, body: DocumentCreate, db: DbDep, user: Writer) -> MovementPublic:
    kind = parse_document_kind(body.kind)
    return _public(service.add_document(db, inbond_no, kind, body.reference, user.username))


@router.post("/api/inbond/{inbond_no}/default")
def default(inbond_no: Number, db: DbDep, user: Writer) -> MovementPublic:
    """Declare an overdue movement in default: its liquidated damages claim opens with it."""
    return _public(declare_default(db, inbond_no, user.username))


@router.post("/api/inbond-claims")
def claims(db: DbDep, user: Writer) -> ClaimsOpenedPublic:
    """Open a liquidated damages claim for every breach without one."""
    return ClaimsOpenedPublic.model_validate(open_claims(db, user.username))
