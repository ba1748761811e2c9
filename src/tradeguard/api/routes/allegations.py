"""E-allegations: anyone may submit (POST); triage roles read and triage them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.deps import ClientAddressDep, DbDep, SettingsDep, requires
from tradeguard.domain.cases.base import parse_kind
from tradeguard.services.allegation_triage import triage_received
from tradeguard.services.allegations import allegations_for_triage, submit_allegation
from tradeguard.services.auth import Principal

router = APIRouter(tags=["allegations"])


class AllegationCreate(BaseModel):
    pti: str = Field(description="Priority Trade Issue: full name or short code (IPR, ADCVD...)")
    description: str = Field(description="what happened, at least 20 characters")
    importer: str | None = None
    company: str | None = None
    contact: str | None = None


class Receipt(BaseModel):
    receipt: str


class AllegationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    receipt: str
    submitted_at: datetime
    pti: str
    description: str
    importer: str | None
    company: str | None
    contact: str | None
    status: str


@router.post("/api/allegations", status_code=201)
def submit(
    body: AllegationCreate, db: DbDep, settings: SettingsDep, client: ClientAddressDep
) -> Receipt:
    receipt = submit_allegation(
        db,
        body.model_dump(),
        client_address=client,
        limit=settings.allegations_per_address,
        overall=settings.allegations_per_hour,
    )
    return Receipt(receipt=receipt)


@router.get("/api/allegations")
def triage_list(
    db: DbDep,
    _user: Annotated[Principal, requires("allegations:triage")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AllegationPublic]:
    return [AllegationPublic.model_validate(a) for a in allegations_for_triage(db, limit=limit)]


class AllegationTriage(BaseModel):
    open_as: str | None = Field(
        default=None,
        description="case to open (eapa, referral, audit, penalty, ...); omit to close",
    )
    reason: str = Field(default="", description="why; required when closing")


class TriageOutcome(BaseModel):
    receipt: str
    allegation_case_id: int | None
    opened_case_id: int | None


@router.post("/api/allegations/{receipt}/triage")
def triage(
    receipt: str,
    body: AllegationTriage,
    db: DbDep,
    user: Annotated[Principal, requires("allegations:triage")],
) -> TriageOutcome:
    kind = parse_kind(body.open_as) if body.open_as else None
    outcome = triage_received(db, receipt, actor=user.username, open_as=kind, reason=body.reason)
    return TriageOutcome.model_validate(outcome)
