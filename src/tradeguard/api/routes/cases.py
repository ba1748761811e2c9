"""Enforcement cases: list, show (deadlines, history, allowed moves) and move with the version
the caller last saw, so two people moving one case cannot overwrite each other (409)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay
from tradeguard.api.deps import DbDep, requires
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
from tradeguard.domain.cases.base import parse_kind
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.pti import parse_pti
from tradeguard.services.auth import Principal
from tradeguard.services.case_views import CaseDetail, CaseView
from tradeguard.services.cases import move_case, show_case
from tradeguard.services.paged_lists import CASE_ORDER, CASE_SORTS, cases_page

router = APIRouter(tags=["cases"])
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text = Annotated[str | None, Query(max_length=64)]


class CaseMove(BaseModel):
    to: str = Field(max_length=64, description="the state to move to (one of allowed_moves)")
    version: int = Field(ge=0, le=2**31 - 1, description="the case version you last read")
    on: EnteredDay | None = Field(default=None, description="when it happened (default today)")
    amount: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    note: str = Field(default="", max_length=2000)


@router.get("/api/cases")
def cases(
    db: DbDep,
    response: Response,
    _user: Annotated[Principal, requires("cases:read")],
    pti: Text = None,
    kind: Text = None,
    state: Text = None,
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[CaseView]:
    """One page of cases by id unless `sort`/`dir` say otherwise (Link and X-Total-Count
    headers say where the rest are)."""
    found = cases_page(
        db,
        page_request(page, per_page),
        pti=parse_pti(pti) if pti else None,
        kind=parse_kind(kind) if kind else None,
        state=state or None,
        order=sort_order(sort, dir, CASE_SORTS, CASE_ORDER),
    )
    filters = {"pti": pti, "kind": kind, "state": state, **sort_filters(sort, dir)}
    add_page_headers(response, "/api/cases", filters, found)
    return found.items


@router.get("/api/cases/{case_id}")
def case(
    case_id: CaseId, db: DbDep, _user: Annotated[Principal, requires("cases:read")]
) -> CaseDetail:
    """A case with its links, money (decimal USD), details, allowed moves, history, deadlines."""
    return show_case(db, case_id)


@router.post("/api/cases/{case_id}/move")
def move(
    case_id: CaseId,
    body: CaseMove,
    db: DbDep,
    user: Annotated[Principal, requires("cases:write")],
) -> CaseDetail:
    move_case(
        db,
        case_id,
        body.to,
        user.username,
        on=body.on,
        amount=body.amount,
        expected_version=body.version,
        note=body.note,
    )
    return show_case(db, case_id)
