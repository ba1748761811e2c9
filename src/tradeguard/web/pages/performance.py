"""The PTI performance dashboard: every plan's measures, actual against target, the Table 11
inventory of the plans, and a chart of each measure over its plan years (inline SVG, drawn on the
server). It opens on the latest fiscal year with data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.services.auth import Principal
from tradeguard.services.performance import MeasureHistory, performance_report
from tradeguard.web.pages import NavLink
from tradeguard.web.pages._charts import Series, line_chart, number
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Performance", "/performance", "plans:read", "PTI plans: actual against target")]


def _charts(history: dict[str, tuple[MeasureHistory, ...]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for pti, series in history.items():
        charts = []
        for s in series:
            actual = [(p.fy, number(p.actual)) for p in s.points]
            target = [(p.fy, number(p.target)) for p in s.points]
            charts.append(
                line_chart(
                    f"{s.measure} ({s.direction} is better)",
                    [Series("actual", actual), Series("target", target, dashed=True)],
                    unit=s.unit,
                )
            )
        if charts:
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
    report = performance_report(db, settings, fy, with_history=True)
    return render(
        request,
        "performance.html",
        document=report.as_json(),
        charts=_charts(report.history),
    )
