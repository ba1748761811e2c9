"""In-bond pages: the register with the ports' overdue follow-up list on top, and a movement's
record (deadlines, breaches, claims, documents) with the carrier's reports and the port's
default declaration as forms for those who may make them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.inbond import MovementState
from tradeguard.domain.roles import can
from tradeguard.services import inbond as service
from tradeguard.services.auth import Principal
from tradeguard.services.inbond_claims import declare_default, overdue_movements
from tradeguard.store.database import Database
from tradeguard.web.navigation import NavLink
from tradeguard.web.pages._custody_forms import form_day, optional_form_day
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("In-bond", "/inbond", "custody:read", "in-bond movements, overdue ones, claims")]
Number = Annotated[str, Path(max_length=16)]
Short = Annotated[str, Form(max_length=200)]


@router.get("/inbond")
def register(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("custody:read")],
    state: Annotated[str, Query(max_length=16)] = "",
    port: Annotated[str, Query(max_length=8)] = "",
) -> Response:
    error = None
    try:
        chosen = MovementState(state) if state else None
    except ValueError:
        chosen, error = None, InvalidInput(f"unknown state {state!r}", "state")
    try:
        found = service.list_movements(db, state=chosen, port=port or None)
    except InvalidInput as problem:
        found, error = [], problem
    return render(
        request,
        "inbond.html",
        status_code=422 if error else 200,
        movements=found,
        overdue=overdue_movements(db),
        states=list(MovementState),
        filters={"state": state, "port": port},
        error=error,
    )


def _page(
    request: Request,
    db: Database,
    user: Principal,
    number: str,
    error: InvalidInput | Conflict | None,
) -> Response:
    return render(
        request,
        "inbond_movement.html",
        status_code=422 if error else 200,
        m=service.show_movement(db, number),
        may_write=can(user.role, "inbond:write"),
        error=error,
        today=date.today(),
    )


@router.get("/inbond/{inbond_no}")
def movement(
    request: Request,
    db: DbDep,
    inbond_no: Number,
    user: Annotated[Principal, page_permission("custody:read")],
) -> Response:
    return _page(request, db, user, inbond_no, None)


@router.post("/inbond/{inbond_no}/report")
def report(
    request: Request,
    db: DbDep,
    inbond_no: Number,
    user: Annotated[Principal, page_permission("inbond:write")],
    event: Short = "",
    on: Short = "",
    reported_on: Short = "",
    proof: Short = "",
) -> Response:
    """The arrival or the export, as the carrier reported it."""
    try:
        if event not in ("arrival", "export"):
            raise InvalidInput("choose arrival or export", "event")
        day, field = (on, "arrived_on") if event == "arrival" else (on, "exported_on")
        move = service.report_arrival if event == "arrival" else service.report_export
        move(
            db,
            inbond_no,
            form_day(day, field),
            user.username,
            reported_on=optional_form_day(reported_on, "reported_on"),
            proof=proof,
        )
    except (InvalidInput, Conflict) as error:
        return _page(request, db, user, inbond_no, error)
    return RedirectResponse(f"/inbond/{inbond_no}", status_code=303)


@router.post("/inbond/{inbond_no}/default")
def default(
    request: Request,
    db: DbDep,
    inbond_no: Number,
    user: Annotated[Principal, page_permission("inbond:write")],
) -> Response:
    try:
        declare_default(db, inbond_no, user.username)
    except (InvalidInput, Conflict) as error:
        return _page(request, db, user, inbond_no, error)
    return RedirectResponse(f"/inbond/{inbond_no}", status_code=303)
