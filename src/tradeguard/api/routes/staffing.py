"""Staffing: gaps against the mandated minimums and the model, and the hiring plan."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from tradeguard.api.deps import requires
from tradeguard.services.auth import Principal
from tradeguard.services.staffing import (
    GapsReport,
    HiringFlags,
    hiring_plan,
    plan_report,
    staffing_gaps,
)

router = APIRouter(tags=["staffing"])


class GapsPublic(BaseModel):
    positions: list[dict[str, Any]]


class HiringPlanPublic(BaseModel):
    target_fy: int
    positions: list[dict[str, Any]]


@router.get("/api/staffing/gaps")
def gaps(_user: Annotated[Principal, requires("staffing:read")]) -> GapsPublic:
    return GapsPublic.model_validate(GapsReport(staffing_gaps()).as_json())


@router.get("/api/staffing/plan")
def plan(
    _user: Annotated[Principal, requires("staffing:read")],
    target_fy: Annotated[int, Query(ge=2000, le=2100, description="reach the targets by")],
    hiring_capacity: Annotated[
        int | None,
        Query(ge=0, le=1_000_000, description="hires a year per position, for every position"),
    ] = None,
) -> HiringPlanPublic:
    """The plan in people and trade FTE per position and year, with hires, cost and feasibility."""
    plans = hiring_plan(target_fy, flags=HiringFlags(hiring_capacity=hiring_capacity))
    return HiringPlanPublic.model_validate(plan_report(target_fy, plans).as_json())
