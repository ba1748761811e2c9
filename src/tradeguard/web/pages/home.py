"""The home page: the signed-in role's dashboard, then what the role may open."""

from __future__ import annotations

from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.domain.roles import PERMISSIONS, permissions_of
from tradeguard.services.auth import Principal
from tradeguard.services.role_dashboards import dashboard_for
from tradeguard.web.pages._dashboard_charts import hit_rate_chart
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])


@router.get("/")
def home(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, page_permission(None)],
) -> Response:
    granted = [(p, PERMISSIONS[p]) for p in permissions_of(user.role)]
    board = dashboard_for(db, settings, user.role, user.username)
    charts = (
        [hit_rate_chart(rule_id, months) for rule_id, months in board.analyst.months.items()]
        if board.analyst
        else []
    )
    return render(request, "home.html", granted=granted, board=board, hit_charts=charts)
