"""Drawback: claims filed against the import lines they designate, payment, the review sample
and the revenue-loss estimate. Bodies are validated at the edge (422 naming the field)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.domain.drawback.claim import ClaimStatus
from tradeguard.domain.drawback.filing import ClaimFiling, ExportRecord, Money, cents_of
from tradeguard.services.auth import Principal
from tradeguard.services.drawback import (
    ClaimFiled,
    ClaimPayment,
    deny_claim,
    file_claim,
    liquidate_claim,
    pay_claim,
    register_drawback_bond,
)
from tradeguard.services.drawback_reports import (
    BondSufficiency,
    ClaimLine,
    bond_sufficiency,
    list_claims,
    show_claim,
)
from tradeguard.services.drawback_review import (
    RevenueLoss,
    SampleDrawn,
    draw_review_sample,
    record_review,
    revenue_loss,
)

router = APIRouter(tags=["drawback"])
ClaimNo = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]
Reader = Annotated[Principal, requires("drawback:read")]
Writer = Annotated[Principal, requires("drawback:write")]
Reviewer = Annotated[Principal, requires("drawback:review")]


class OnDay(BaseModel):
    on: EnteredDay | None = None


class DrawbackBondCreate(BaseModel):
    bond_no: str = Field(min_length=1, max_length=32)
    amount_usd: Money = Field(gt=0)
    on: EnteredDay | None = None


class SampleCreate(BaseModel):
    size: int = Field(60, ge=2, le=10_000)
    seed: int = Field(1, ge=0, le=2**31 - 1)


class ReviewCreate(BaseModel):
    overpaid_usd: Money
    finding: str = Field(min_length=1, max_length=500)


@router.get("/api/drawback/claims")
def claims(
    db: DbDep, _user: Reader, status: Annotated[ClaimStatus | None, Query()] = None
) -> list[ClaimLine]:
    return list_claims(db, status)


@router.get("/api/drawback/claims/{claim_no}")
def claim(claim_no: ClaimNo, db: DbDep, _user: Reader) -> ClaimLine:
    return show_claim(db, claim_no)


class ExportRecordIn(ExportRecord):
    on: EnteredDay


class ClaimFilingIn(ClaimFiling):
    """The claim as a caller sends it: its filing and export days are bounded like every date."""

    filed_on: EnteredDay
    exports: list[ExportRecordIn] = Field(min_length=1, max_length=500)  # type: ignore[assignment]


@router.post("/api/drawback/claims", status_code=201)
def file(body: ClaimFilingIn, db: DbDep, settings: SettingsDep, user: Writer) -> ClaimFiled:
    """File a claim; an unknown line, a refund over 99% or an over-designation is 422."""
    return file_claim(db, settings.lake_dir, body, actor=user.username)


@router.post("/api/drawback/claims/{claim_no}/pay")
def pay(claim_no: ClaimNo, body: OnDay, db: DbDep, user: Writer) -> ClaimPayment:
    """Accelerated payment if the bond suffices; otherwise the claim is flagged, nothing paid."""
    return pay_claim(db, claim_no, body.on or date.today(), actor=user.username)


@router.post("/api/drawback/claims/{claim_no}/liquidate")
def liquidate(claim_no: ClaimNo, body: OnDay, db: DbDep, user: Writer) -> ClaimPayment:
    return liquidate_claim(db, claim_no, body.on or date.today(), actor=user.username)


@router.post("/api/drawback/claims/{claim_no}/deny")
def deny(claim_no: ClaimNo, body: OnDay, db: DbDep, user: Writer) -> ClaimPayment:
    return deny_claim(db, claim_no, body.on or date.today(), actor=user.username)


@router.put("/api/drawback/bonds/{claimant_id}", status_code=204)
def put_bond(claimant_id: ClaimNo, body: DrawbackBondCreate, db: DbDep, user: Writer) -> None:
    register_drawback_bond(
        db,
        claimant_id,
        body.bond_no,
        cents_of(body.amount_usd),
        body.on or date.today(),
        actor=user.username,
    )


@router.get("/api/drawback/bond-sufficiency")
def sufficiency(db: DbDep, _user: Reader) -> list[BondSufficiency]:
    return bond_sufficiency(db)


@router.post("/api/drawback/samples", status_code=201)
def sample(body: SampleCreate, db: DbDep, user: Reviewer) -> SampleDrawn:
    return draw_review_sample(
        db, size=body.size, seed=body.seed, on=date.today(), actor=user.username
    )


@router.post("/api/drawback/claims/{claim_no}/review", status_code=201)
def review(claim_no: ClaimNo, body: ReviewCreate, db: DbDep, user: Reviewer) -> dict[str, int]:
    review_id = record_review(
        db,
        claim_no,
        overpaid_cents=cents_of(body.overpaid_usd),
        finding=body.finding,
        on=date.today(),
        actor=user.username,
    )
    return {"review_id": review_id}


@router.get("/api/drawback/loss")
def loss(
    db: DbDep, _user: Reader, sample_id: Annotated[int | None, Query(ge=1)] = None
) -> RevenueLoss:
    """The revenue-loss estimate over all paid claims, with its 95% interval."""
    return revenue_loss(db, sample_id)
