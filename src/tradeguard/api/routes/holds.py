"""Holds: a port's exam queue and one hold with its lines and reasons (never a predicate unless
the role may read predicates). The finding that closes a hold is in findings.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.api.paging import PageNumber, PerPage, add_page_headers, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.roles import can
from tradeguard.services.auth import Principal
from tradeguard.services.hold_queue import hold_detail
from tradeguard.services.paged_lists import port_queue_page

router = APIRouter(tags=["holds"])
# Path and id bounds: an id past the database's integer range is simply not found.
HoldId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class HoldPublic(BaseModel):
    id: int
    entry_no: str
    port: str
    lane: str
    plan_lane: str
    stage: str
    status: str
    exam_type: str | None
    officer: str | None
    importer_id: str
    entry_date: date
    value_usd: Decimal
    expected_yield_usd: Decimal
    rule_ids: list[str]
    sampled: bool


class ReasonPublic(BaseModel):
    """Why the entry was held; `where` is null unless the role may read predicates."""

    rule_id: str
    version: int | None
    name: str
    rationale: str
    risk: str | None
    pti: str | None
    where: str | None = None


class ModelView(BaseModel):
    version: str | None
    risk_score: float
    expected_yield_usd: float
    contributions: list[str]


class CaseLink(BaseModel):
    id: int
    kind: str
    pti: str
    state: str


class HoldDetailPublic(HoldPublic):
    center: str | None
    ptis: list[str]
    reasons: list[ReasonPublic]
    lines: list[dict[str, Any]]
    model: ModelView | None
    finding: dict[str, Any] | None
    cases: list[CaseLink]
    closed: bool


@router.get("/api/holds")
def holds(
    db: DbDep,
    response: Response,
    _user: Annotated[Principal, requires("holds:read")],
    port: Annotated[str, Query(min_length=1, max_length=8, description="4-digit port code")],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[HoldPublic]:
    """One page of the port's queue in plan order (Link and X-Total-Count headers)."""
    found = port_queue_page(db, port, page_request(page, per_page))
    add_page_headers(response, "/api/holds", {"port": port}, found)
    return [HoldPublic.model_validate(h) for h in found.items]


@router.get("/api/holds/{hold_id}")
def hold(
    hold_id: HoldId,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("holds:read")],
) -> HoldDetailPublic:
    found = hold_detail(
        db, settings, hold_id, with_predicates=can(user.role, "rules:read_predicate")
    )
    return HoldDetailPublic.model_validate(found)
