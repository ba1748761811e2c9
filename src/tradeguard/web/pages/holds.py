"""A hold's page: the declaration lines, why it was held (rule names and rationales, model
contributions when a model scored it) and the finding form; after the finding, its cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput, TradeguardError
from tradeguard.domain.finding import VIOLATION_TYPES
from tradeguard.domain.pti import PTI
from tradeguard.domain.roles import can
from tradeguard.services.auth import Principal
from tradeguard.services.findings import record_findings
from tradeguard.services.hold_queue import finding_row, hold_detail
from tradeguard.store.database import Database
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
HoldId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Field = Annotated[str, Form(max_length=200)]


def _page(
    request: Request,
    db: Database,
    settings: Settings,
    user: Principal,
    hold_id: int,
    *,
    values: dict[str, str] | None = None,
    error: TradeguardError | None = None,
) -> Response:
    hold = hold_detail(
        db, settings, hold_id, with_predicates=can(user.role, "rules:read_predicate")
    )
    return render(
        request,
        "hold.html",
        status_code=422 if error else 200,
        hold=hold,
        values=values or {},
        error=error,
        may_record=can(user.role, "findings:write"),
        ptis=list(PTI),
        violation_types=sorted(VIOLATION_TYPES),
    )


@router.get("/holds/{hold_id}")
def hold_page(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    hold_id: HoldId,
    user: Annotated[Principal, page_permission("holds:read")],
) -> Response:
    return _page(request, db, settings, user, hold_id)


@router.post("/holds/{hold_id}/finding")
def record(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    hold_id: HoldId,
    user: Annotated[Principal, page_permission("findings:write")],
    result: Field = "",
    line_no: Field = "",
    pti: Field = "",
    violation_type: Field = "",
    hts10: Field = "",
    origin: Field = "",
    value_usd: Field = "",
    duty_shortfall_usd: Field = "",
    counterfeit: Field = "",
    unsafe: Field = "",
) -> Response:
    values = {
        "result": result, "line_no": line_no, "pti": pti, "violation_type": violation_type,
        "hts10": hts10, "origin": origin, "value_usd": value_usd,
        "duty_shortfall_usd": duty_shortfall_usd, "counterfeit": counterfeit, "unsafe": unsafe,
    }  # fmt: skip
    try:
        record_findings(db, settings, [finding_row(hold_id, values)], actor=user.username)
    except InvalidInput as error:
        return _page(request, db, settings, user, hold_id, values=values, error=error)
    return RedirectResponse(f"/holds/{hold_id}#finding", status_code=303)
