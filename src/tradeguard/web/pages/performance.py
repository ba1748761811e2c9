"""The PTI performance dashboard: every plan's measures, actual against target, with a chart of
each measure over its plan years (inline SVG, drawn on the server)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.services.auth import Principal
from tradeguard.services.dashboards import current_fy, performance_dashboard
from tradeguard.web.pages import NavLink
from tradeguard.web.pages._charts import Series, line_chart, number
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Performance", "/performance", "plans:read", "PTI plans: actual against target")]


def _charts(history: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for pti, series in history.items():
        charts = []
        for s in series:
            unit = s["points"][0]["unit"] if s["points"] else ""
            actual = [(p["fy"], number(p["actual"])) for p in s["points"]]
            target = [(p["fy"], number(p["target"])) for p in s["points"]]
            charts.append(
                line_chart(
                    f"{s['measure']} ({s['direction']} is better)",
                    [Series("actual", actual), Series("target", target, dashed=True)],
                    unit=unit,
                )
            )
        out[pti] = charts
    return out


@router.get("/performance")
def dashboard(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("plans:read")],
    fy: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    document = performance_dashboard(db, settings, fy or current_fy())
    return render(request, "performance.html", report=document, charts=_charts(document["history"]))
