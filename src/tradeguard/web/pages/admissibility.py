"""The admissibility page: exclusion orders with their trade alert against the time frame, the
orders to ask the ITC to rescind, detentions under withhold release orders with the days left
in each importer's window, and (for roles that may) forms to record an alert and move a
detention."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.config import Settings
from tradeguard.domain.date_bounds import check_entered_day
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.roles import can
from tradeguard.domain.withhold_release import DetentionState, parse_state
from tradeguard.services import admissibility as service
from tradeguard.services.adcvd_files import parse_day
from tradeguard.services.admissibility_screening import screen_lake
from tradeguard.services.auth import Principal
from tradeguard.services.withhold_release import list_detentions, move_detention
from tradeguard.store.database import Database
from tradeguard.web.navigation import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [
    NavLink(
        "Admissibility", "/admissibility", "cases:read",
        "exclusion orders and alerts, withhold release orders, detentions",
    )
]  # fmt: skip
Short = Annotated[str, Form(max_length=40)]


def _page(
    request: Request,
    db: Database,
    settings: Settings,
    user: Principal,
    error: InvalidInput | Conflict | None = None,
) -> Response:
    covered = screen_lake(db, settings).entries_per_order()
    return render(
        request,
        "admissibility.html",
        status_code=(422 if isinstance(error, InvalidInput) else 409) if error else 200,
        alerts=service.alert_report(db),
        review=service.rescission_review(db, covered),
        detentions=list_detentions(db),
        states=[s.value for s in DetentionState if s is not DetentionState.DETAINED],
        may_alert=can(user.role, "rules:write"),
        may_move=can(user.role, "cases:write"),
        error=error,
    )


@router.get("/admissibility")
def admissibility_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, page_permission("cases:read")],
) -> Response:
    return _page(request, db, settings, user)


@router.post("/admissibility/alert")
def alert_form(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, page_permission("rules:write")],
    order_no: Short = "",
    alerted_on: Short = "",
) -> Response:
    try:
        service.record_alert(
            db,
            order_no.strip(),
            check_entered_day(parse_day(alerted_on, "alerted_on"), "alerted_on"),
            user.username,
        )
    except NotFound as missing:
        return _page(request, db, settings, user, InvalidInput(str(missing), "order_no"))
    except InvalidInput as error:
        return _page(request, db, settings, user, error)
    return RedirectResponse("/admissibility", status_code=303)


@router.post("/admissibility/detentions/move")
def move_form(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, page_permission("cases:write")],
    detention_id: Short = "",
    to: Short = "",
    on: Short = "",
) -> Response:
    try:
        if not detention_id.strip().isdigit():
            raise InvalidInput(f"detention {detention_id!r} is not a number", "detention_id")
        move_detention(
            db,
            int(detention_id),
            parse_state(to),
            check_entered_day(parse_day(on, "on"), "on"),
            user.username,
        )
    except NotFound as missing:
        return _page(request, db, settings, user, InvalidInput(str(missing), "detention_id"))
    except (InvalidInput, Conflict) as error:
        return _page(request, db, settings, user, error)
    return RedirectResponse("/admissibility", status_code=303)
