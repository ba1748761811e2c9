"""Staffing: gaps against the mandated minimums and the model, and the hiring plan."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from tradeguard.api.deps import requires
from tradeguard.services.auth import Principal
from tradeguard.services.staffing import gaps_document, hiring_plan, plan_document, staffing_gaps

router = APIRouter(tags=["staffing"])


class GapsPublic(BaseModel):
    positions: list[dict[str, Any]]


class HiringPlanPublic(BaseModel):
    target_fy: int
    positions: list[dict[str, Any]]


@router.get("/api/staffing/gaps")
def gaps(_user: Annotated[Principal, requires("staffing:read")]) -> GapsPublic:
    return GapsPublic.model_validate(gaps_document(staffing_gaps()))


@router.get("/api/staffing/plan")
def plan(
    _user: Annotated[Principal, requires("staffing:read")],
    target_fy: Annotated[int, Query(ge=2000, le=2100, description="reach the targets by")],
) -> HiringPlanPublic:
    return HiringPlanPublic.model_validate(plan_document(target_fy, hiring_plan(target_fy)))
