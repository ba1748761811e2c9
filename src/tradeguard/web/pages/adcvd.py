"""The AD/CVD collection page: late liquidations and their causes, unpaid bills by age, bond
coverage, the nonpayment risk factors, the riskiest open entries with reasons, the overdue
bills, and (for roles that may) a form to liquidate an instruction."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.domain.adcvd.liquidation import LateCause, parse_cause
from tradeguard.domain.date_bounds import check_entered_day
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.roles import can
from tradeguard.services import adcvd, adcvd_bills, adcvd_measures, adcvd_risk
from tradeguard.services.adcvd_files import parse_day
from tradeguard.services.auth import Principal
from tradeguard.store.database import Database
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("AD/CVD", "/adcvd", "cases:read", "liquidation, unpaid bills, nonpayment risk")]
Short = Annotated[str, Form(max_length=32)]
TOP = 15


def _page(
    request: Request, db: Database, user: Principal, on: date, error: InvalidInput | None = None
) -> Response:
    return render(
        request,
        "adcvd.html",
        status_code=422 if error else 200,
        on=on,
        measures=adcvd_measures.collection_measures(db, on).as_json(),
        analysis=adcvd_risk.risk_analysis(db, on).as_json(),
        risky=[s.as_json() for s in adcvd_risk.entry_scores(db, on)[:TOP]],
        overdue=adcvd_bills.overdue_bills(db, on)[:50],
        may_liquidate=can(user.role, "cases:write"),
        causes=list(LateCause),
        error=error,
    )


@router.get("/adcvd")
def adcvd_page(
    request: Request,
    db: DbDep,
    user: Annotated[Principal, page_permission("cases:read")],
    on: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    try:
        day = check_entered_day(parse_day(on, "on"), "on") if on else date.today()
    except InvalidInput as problem:
        return _page(request, db, user, date.today(), problem)
    return _page(request, db, user, day)


@router.post("/adcvd/liquidate")
def liquidate_form(
    request: Request,
    db: DbDep,
    user: Annotated[Principal, page_permission("cases:write")],
    message_no: Short = "",
    on: Short = "",
    cause: Short = "",
) -> Response:
    try:
        day = check_entered_day(parse_day(on, "on"), "on")
        adcvd.liquidate_instruction(
            db, message_no.strip(), day, user.username, parse_cause(cause) if cause else None
        )
    except NotFound as missing:
        return _page(request, db, user, date.today(), InvalidInput(str(missing), "message_no"))
    except InvalidInput as error:
        return _page(request, db, user, date.today(), error)
    return RedirectResponse(f"/adcvd?on={day.isoformat()}", status_code=303)
