"""The Quotas page: each import quota's standing by period (charged within it, over it, the day
it filled), optionally one period, and the packaged definitions with their sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import SettingsDep
from tradeguard.services.auth import Principal
from tradeguard.services.quota_status import quota_status
from tradeguard.web.navigation import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Quotas", "/quotas", "quotas:read", "import quotas: filled, over, by period")]
Period = Annotated[str | None, Query(pattern=r"^(|[0-9]{4}|FY[0-9]{4}|[0-9]{4}-Q[1-4])$")]


@router.get("/quotas")
def quotas_page(
    request: Request,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("quotas:read")],
    period: Period = None,
) -> Response:
    report = quota_status(settings.lake_dir, period=period or None)
    return render(request, "quotas.html", report=report, period=period or "")
