"""E-allegations: anyone may submit (POST); triage roles read and triage them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.deps import ClientAddressDep, DbDep, SettingsDep, requires
from tradeguard.api.paging import (
    PageNumber,
    PerPage,
    SortColumn,
    SortDirection,
    add_page_headers,
    page_request,
    sort_filters,
    sort_order,
)
from tradeguard.domain.allegation import parse_status
from tradeguard.domain.cases.base import parse_kind
from tradeguard.domain.paging import DEFAULT_PER_PAGE, MAX_PER_PAGE
from tradeguard.domain.pti import parse_pti
from tradeguard.services.allegation_triage import triage_received
from tradeguard.services.allegations import submit_allegation
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import ALLEGATION_ORDER, ALLEGATION_SORTS, triage_page

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


Text = Annotated[str, Query(max_length=64)]


@router.get("/api/allegations")
def triage_list(
    db: DbDep,
    response: Response,
    _user: Annotated[Principal, requires("allegations:triage")],
    pti: Text = "",
    status: Text = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_PER_PAGE, description="older name for per_page")
    ] = None,
) -> list[AllegationPublic]:
    """One page of e-allegations, newest first unless `sort`/`dir` say otherwise (Link and
    X-Total-Count headers say where the rest are)."""
    found = triage_page(
        db,
        page_request(page, limit or per_page),
        pti=parse_pti(pti) if pti else None,
        status=parse_status(status) if status else None,
        order=sort_order(sort, dir, ALLEGATION_SORTS, ALLEGATION_ORDER),
    )
    filters = {"pti": pti, "status": status, **sort_filters(sort, dir)}
    add_page_headers(response, "/api/allegations", filters, found)
    return [AllegationPublic.model_validate(a) for a in found.items]


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
