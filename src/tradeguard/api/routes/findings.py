"""POST /api/holds/{hold_id}/finding: the finding that closes a hold; a violation opens the
cases it calls for in the same transaction, so either all of it is written or nothing is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.api.routes.holds import HoldId
from tradeguard.services.auth import Principal
from tradeguard.services.findings import record_findings
from tradeguard.services.hold_queue import finding_row

router = APIRouter(tags=["holds"])


class FindingCreate(BaseModel):
    """What the exam found. A violation needs its PTI and type; corrections are optional."""

    result: str = Field(max_length=16, description="clean or violation")
    line_no: int = Field(default=1, ge=1, le=9999)
    pti: str | None = Field(default=None, max_length=64)
    violation_type: str | None = Field(default=None, max_length=32)
    hts10: str | None = Field(default=None, max_length=10)
    origin: str | None = Field(default=None, max_length=2)
    value_usd: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    domestic_value_usd: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    counterfeit: bool = False
    unsafe: bool = False
    duty_shortfall_usd: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    finding_date: date | None = None  # bounded by check_finding_date, naming finding_date


class FindingRecorded(BaseModel):
    recorded: int
    violations: int
    cases: list[int]
    exemptions: list[dict[str, str]]


@router.post("/api/holds/{hold_id}/finding", status_code=201)
def finding(
    hold_id: HoldId,
    body: FindingCreate,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("findings:write")],
) -> FindingRecorded:
    row = finding_row(hold_id, body.model_dump())
    result = record_findings(db, settings, [row], actor=user.username)
    return FindingRecorded.model_validate(result.as_json())
