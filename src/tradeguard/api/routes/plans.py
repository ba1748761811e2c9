"""PTI plans: each measure's actual against its target for a fiscal year, and the plan inventory."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.performance import performance_report

router = APIRouter(tags=["plans"])


class PlanReportPublic(BaseModel):
    """The document `tradeguard performance report --json` prints."""

    fy: int
    as_of: str
    plans: list[dict[str, Any]]
    statuses: dict[str, int]
    ptis: list[dict[str, Any]]
    problems: list[dict[str, Any]]


@router.get("/api/plans/report")
def plans_report(
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("plans:read")],
    fy: Annotated[
        int | None, Query(ge=2000, le=2100, description="default: the latest FY with data")
    ] = None,
    pti: Annotated[str | None, Query(max_length=64, description="one PTI only")] = None,
) -> PlanReportPublic:
    report = performance_report(db, settings, fy, pti=pti or None)
    return PlanReportPublic.model_validate(report.as_json())
