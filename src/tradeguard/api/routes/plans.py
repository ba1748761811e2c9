"""PTI plans: each measure's actual against its target for a fiscal year, and the plan lint."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.dashboards import current_fy
from tradeguard.services.performance import performance_summary

router = APIRouter(tags=["plans"])


class PlanReportPublic(BaseModel):
    fy: int
    as_of: str
    plans: list[dict[str, Any]]
    lint: list[dict[str, Any]]
    statuses: dict[str, int]


@router.get("/api/plans/report")
def plans_report(
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("plans:read")],
    fy: Annotated[int | None, Query(ge=2000, le=2100, description="default: this FY")] = None,
    pti: Annotated[str | None, Query(max_length=64, description="one PTI only")] = None,
) -> PlanReportPublic:
    document = performance_summary(db, settings, fy or current_fy(), pti=pti or None)
    return PlanReportPublic.model_validate(document)
