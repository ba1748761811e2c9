"""The risk model page: drift by week, calibration by decile, held precision over time, the
alert state, challengers scoring in shadow with their promotion figures, and the model cards."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup

from tradeguard.api.deps import SettingsDep
from tradeguard.risk.monitoring import PSI_ALERT, PSI_WATCH
from tradeguard.services.auth import Principal
from tradeguard.services.model_monitor import MonitorReport
from tradeguard.services.model_overview import model_overview
from tradeguard.web.pages import NavLink
from tradeguard.web.pages._charts import Series, line_chart
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Risk model", "/model", "rules:read", "drift, calibration, challengers, cards")]


def _week(ordinal: int) -> str:
    return date.fromordinal(ordinal).strftime("%d %b")


def _charts(report: MonitorReport) -> list[Markup]:
    weeks = [d.week.toordinal() for d in report.drift]
    drift = line_chart(
        "Score drift (PSI by week)",
        [
            Series("PSI", [(w, d.psi) for w, d in zip(weeks, report.drift, strict=True)]),
            Series("watch", [(w, PSI_WATCH) for w in weeks], dashed=True),
            Series("alert", [(w, PSI_ALERT) for w in weeks], dashed=True),
        ],
        x_label=_week,
    )
    held = line_chart(
        "Precision of held entries",
        [Series("held", [(w.week.toordinal(), w.precision) for w in report.held_precision])],
        x_label=_week,
    )
    calibration = line_chart(
        "Calibration by score decile",
        [
            Series("predicted", [(d.decile, d.predicted) for d in report.calibration]),
            Series("observed", [(d.decile, d.observed) for d in report.calibration]),
        ],
        x_label=lambda decile: f"D{decile}",
    )
    return [drift, calibration, held]


@router.get("/model")
def model_page(
    request: Request,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("rules:read")],
) -> Response:
    overview = model_overview(settings)
    charts = _charts(overview.monitor) if overview.monitor else []
    return render(request, "model.html", overview=overview, charts=charts)
