"""Import quotas: the packaged definitions and their status by period (docs/quotas.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tradeguard.api.deps import SettingsDep, requires
from tradeguard.reference.quotas import packaged_quotas
from tradeguard.services.auth import Principal
from tradeguard.services.quota_status import quota_status

router = APIRouter(tags=["quotas"])
Reader = Annotated[Principal, requires("quotas:read")]
Period = Annotated[str | None, Query(pattern=r"^([0-9]{4}|FY[0-9]{4}|[0-9]{4}-Q[1-4])$")]
QuotaId = Annotated[str | None, Query(pattern=r"^[A-Z0-9-]{1,32}$")]


@router.get("/api/quotas")
def quotas(_user: Reader) -> dict[str, Any]:
    return {"quotas": [q.as_json() for q in packaged_quotas()]}


@router.get("/api/quotas/status")
def status(
    settings: SettingsDep, _user: Reader, period: Period = None, quota: QuotaId = None
) -> dict[str, Any]:
    """Per quota and period: charged within and over the quota, and when it filled."""
    return quota_status(settings.lake_dir, period=period, quota_id=quota).as_json()
