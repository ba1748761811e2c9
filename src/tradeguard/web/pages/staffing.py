"""The staffing dashboard: the hiring plan in people and trade FTE (hires, cost, feasibility and
the first feasible year), a chart per position and the gaps against the mandated minimums.

The charts are in trade FTE, the unit of the report's actuals, so actual, projected and target
share one axis (inline SVG)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.domain.errors import InvalidInput
from tradeguard.services.auth import Principal
from tradeguard.services.dashboards import current_fy, staffing_dashboard
from tradeguard.web.pages import NavLink
from tradeguard.web.pages._charts import Series, line_chart
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Staffing", "/staffing", "staffing:read", "staffing gaps and the hiring plan")]
# The default horizon: the plan reaches its targets within five fiscal years from now.
HORIZON_YEARS = 5


def _chart(position: dict[str, Any]) -> Any:
    actual = [(int(fy), float(n)) for fy, n in position["actuals"].items()]
    projected = [(int(fy), float(y["fte"])) for fy, y in position["years"].items()]
    years = sorted({fy for fy, _ in actual + projected})
    target = [(fy, float(position["target_fte"])) for fy in years]
    return line_chart(
        position["position"],
        [
            Series("actual", actual),
            Series("projected", projected),
            Series("target FTE", target, dashed=True),
        ],
        from_zero=False,
    )


@router.get("/staffing")
def dashboard(
    request: Request,
    _user: Annotated[Principal, page_permission("staffing:read")],
    target_fy: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    chosen = target_fy or current_fy() + HORIZON_YEARS
    try:
        document, error = staffing_dashboard(chosen).as_json(), None
    except InvalidInput as problem:
        document, error = None, problem
    charts = [_chart(p) for p in document["plan"]["positions"]] if document else []
    return render(
        request,
        "staffing.html",
        status_code=422 if error else 200,
        target_fy=chosen,
        dashboard=document,
        charts=charts,
        error=error,
    )
