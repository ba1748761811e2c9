"""Bonded warehouses and zones: the registry, compliance reviews (the only way a facility gets a
risk level: a review without evidence is refused, 422 naming `evidence`), goods in and out, and
the control reports (codes reconciled, reviews due, goods past the five-year limit)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.dates import EnteredDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.facilities import (
    Admission,
    ComplianceReview,
    parse_kind,
    parse_risk,
    parse_state,
)
from tradeguard.services import facilities as service
from tradeguard.services import facilities_goods as goods
from tradeguard.services.auth import Principal
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.facilities_reports import reconcile_codes, reviews_due

router = APIRouter(tags=["facilities"])
Code = Annotated[str, Path(max_length=8, description="the facility (FIRMS) code")]
Reader = Annotated[Principal, requires("custody:read")]
Writer = Annotated[Principal, requires("facilities:write")]
Reviewer = Annotated[Principal, requires("facilities:review")]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ReviewPublic(_Public):
    id: int
    reviewed_on: date
    reviewer: str
    risk_level: str
    findings: int
    evidence: list[str]


class FacilityPublic(_Public):
    code: str
    name: str
    kind: str
    class_code: str
    operator: str
    port_code: str
    bond_no: str
    bond_amount: Decimal
    registered_on: date
    state: str
    risk_level: str | None
    reviewed_on: date | None
    review_due: date
    review_status: str
    on_reference_list: bool
    reviews: list[ReviewPublic]


class AdmissionPublic(_Public):
    id: int
    facility: str
    entry_no: str
    description: str
    quantity: int
    remaining: int
    value: Decimal
    imported_on: date
    admitted_on: date
    limit_on: date | None
    duty: Decimal | None


class MismatchPublic(_Public):
    code: str
    field: str
    registry: str
    reference: str


class ReconciliationPublic(_Public):
    facilities: int
    reference_codes: int
    reconciled: int
    not_on_list: list[str]
    no_facility: list[str]
    mismatched: list[MismatchPublic]


class ReviewDuePublic(_Public):
    code: str
    name: str
    risk_level: str | None
    reviewed_on: date | None
    review_due: date
    days_overdue: int


class ReviewsDuePublic(_Public):
    as_of: date
    by_risk_level: dict[str, int]
    never_reviewed: int
    overdue: list[ReviewDuePublic]
    due_within_90_days: list[ReviewDuePublic]


class OverLimitPublic(_Public):
    as_of: date
    goods: list[AdmissionPublic]
    value: Decimal


class FacilityCreate(BaseModel):
    code: str = Field(max_length=8)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32, description="bonded_warehouse or foreign_trade_zone")
    class_code: str = Field(max_length=32)
    operator: str = Field(max_length=200)
    port_code: str = Field(max_length=8)
    bond_no: str = Field(max_length=20)
    bond_amount: Money
    registered_on: EnteredDay


class ReviewCreate(BaseModel):
    reviewed_on: EnteredDay
    reviewer: str = Field(max_length=64)
    risk_level: str = Field(max_length=8, description="high, medium or low")
    evidence: list[Annotated[str, Field(max_length=200)]] = Field(default=[], max_length=50)
    findings: int = Field(default=0, ge=0, le=100_000)


class FacilityMove(BaseModel):
    to: str = Field(max_length=16, description="active, suspended or closed")


class AdmissionCreate(BaseModel):
    entry_no: str = Field(max_length=16)
    description: str = Field(max_length=200)
    quantity: int = Field(ge=1, le=10**9)
    value: Money
    imported_on: EnteredDay
    admitted_on: EnteredDay
    duty: Money | None = Field(default=None, description="estimated duties, taxes and fees")


class WithdrawalCreate(BaseModel):
    quantity: int = Field(ge=1, le=10**9)
    purpose: str = Field(max_length=16)
    on: EnteredDay | None = None


@router.get("/api/facilities")
def facilities(db: DbDep, _user: Reader) -> list[FacilityPublic]:
    return [FacilityPublic.model_validate(f) for f in service.list_facilities(db)]


@router.get("/api/facilities/reconciliation")
def reconciliation(db: DbDep, _user: Reader) -> ReconciliationPublic:
    """Codes not on the reference list, list entries with no facility, disagreements."""
    return ReconciliationPublic.model_validate(reconcile_codes(db))


@router.get("/api/facilities/reviews-due")
def reviews(db: DbDep, _user: Reader) -> ReviewsDuePublic:
    return ReviewsDuePublic.model_validate(reviews_due(db))


@router.get("/api/facilities/over-limit")
def over_limit(db: DbDep, _user: Reader) -> OverLimitPublic:
    return OverLimitPublic.model_validate(goods.goods_over_limit(db))


class FacilityBondPublic(_Public):
    code: str
    name: str
    bond_no: str
    bond: Decimal
    goods_value: Decimal
    duties: Decimal
    unpriced_value: Decimal
    shortfall: Decimal


class FacilityBondsPublic(_Public):
    as_of: date
    facilities: list[FacilityBondPublic]
    insufficient: list[str]


@router.get("/api/facilities/bonds")
def bonds(db: DbDep, settings: SettingsDep, _user: Reader) -> FacilityBondsPublic:
    """Each facility's bond against the duties on the goods it holds; the short ones named."""
    report = facility_bonds(db, settings.lake_dir)
    return FacilityBondsPublic(
        as_of=report.as_of,
        facilities=[
            FacilityBondPublic(
                code=f.code,
                name=f.name,
                bond_no=f.bond_no,
                bond=from_cents(f.bond_cents),
                goods_value=from_cents(f.goods_value_cents),
                duties=from_cents(f.duties_cents),
                unpriced_value=from_cents(f.unpriced_value_cents),
                shortfall=from_cents(f.shortfall_cents),
            )  # fmt: skip
            for f in report.facilities
        ],
        insufficient=[f.code for f in report.insufficient],
    )


@router.get("/api/facilities/{code}")
def facility(code: Code, db: DbDep, _user: Reader) -> FacilityPublic:
    return FacilityPublic.model_validate(service.show_facility(db, code))


@router.get("/api/facilities/{code}/goods")
def goods_in(code: Code, db: DbDep, _user: Reader) -> list[AdmissionPublic]:
    return [AdmissionPublic.model_validate(a) for a in goods.goods_in(db, code)]


@router.post("/api/facilities", status_code=201)
def register(body: FacilityCreate, db: DbDep, user: Writer) -> FacilityPublic:
    new = service.FacilityInput(
        body.code,
        body.name,
        parse_kind(body.kind),
        body.class_code,
        body.operator,
        body.port_code,
        body.bond_no,
        body.bond_amount,
        body.registered_on,
    )
    return FacilityPublic.model_validate(service.register_facility(db, new, user.username))


@router.post("/api/facilities/{code}/reviews", status_code=201)
def review(code: Code, body: ReviewCreate, db: DbDep, user: Reviewer) -> FacilityPublic:
    found = ComplianceReview(
        body.reviewed_on,
        body.reviewer,
        parse_risk(body.risk_level),
        tuple(body.evidence),
        body.findings,
    )
    return FacilityPublic.model_validate(service.record_review(db, code, found, user.username))


@router.post("/api/facilities/{code}/move")
def move(code: Code, body: FacilityMove, db: DbDep, user: Writer) -> FacilityPublic:
    view = service.move_facility(db, code, parse_state(body.to), user.username)
    return FacilityPublic.model_validate(view)


@router.post("/api/facilities/{code}/admissions", status_code=201)
def admit(code: Code, body: AdmissionCreate, db: DbDep, user: Writer) -> AdmissionPublic:
    admitted = Admission(
        body.entry_no,
        body.description,
        body.quantity,
        body.value,
        body.imported_on,
        body.admitted_on,
        duty=body.duty,
    )
    return AdmissionPublic.model_validate(goods.admit_goods(db, code, admitted, user.username))


@router.post("/api/facility-admissions/{admission_id}/withdrawals")
def withdraw(
    admission_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: WithdrawalCreate,
    db: DbDep,
    user: Writer,
) -> AdmissionPublic:
    view = goods.withdraw_goods(
        db,
        admission_id,
        body.quantity,
        goods.parse_purpose(body.purpose),
        user.username,
        on=body.on,
    )
    return AdmissionPublic.model_validate(view)
