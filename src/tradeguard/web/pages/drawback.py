"""The Drawback page: claims, accelerated payments held for an insufficient bond, each
claimant's bond sufficiency, and the review sample's revenue-loss estimate, with the forms a
drawback specialist acts through (pay a claim, record a review)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.roles import can
from tradeguard.services.auth import Principal
from tradeguard.services.drawback import pay_claim
from tradeguard.services.drawback_reports import drawback_overview
from tradeguard.services.drawback_review import record_review
from tradeguard.store.database import Database
from tradeguard.web.navigation import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Drawback", "/drawback", "drawback:read", "claims, bond sufficiency, revenue loss")]
ClaimNo = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]


def _page(
    request: Request, db: Database, user: Principal, error: InvalidInput | None = None
) -> Response:
    return render(
        request,
        "drawback.html",
        status_code=422 if error else 200,
        overview=drawback_overview(db),
        may_pay=can(user.role, "drawback:write"),
        may_review=can(user.role, "drawback:review"),
        error=error,
    )


@router.get("/drawback")
def drawback_page(
    request: Request, db: DbDep, user: Annotated[Principal, page_permission("drawback:read")]
) -> Response:
    return _page(request, db, user)


@router.post("/drawback/claims/{claim_no}/pay")
def pay(
    claim_no: ClaimNo, db: DbDep, user: Annotated[Principal, page_permission("drawback:write")]
) -> Response:
    pay_claim(db, claim_no, date.today(), actor=user.username)
    return RedirectResponse("/drawback", status_code=303)


def _cents(text: str) -> int:
    try:
        amount = Decimal(text.strip().replace(",", "") or "x")
    except InvalidOperation:
        raise InvalidInput(f"overpaid {text!r} is not an amount in dollars", "overpaid") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("overpaid must be dollars with at most two decimals", "overpaid")
    return int(amount * 100)


@router.post("/drawback/claims/{claim_no}/review")
def review(
    request: Request,
    claim_no: ClaimNo,
    db: DbDep,
    user: Annotated[Principal, page_permission("drawback:review")],
    overpaid: Annotated[str, Form(max_length=32)] = "",
    finding: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        record_review(
            db,
            claim_no,
            overpaid_cents=_cents(overpaid),
            finding=finding,
            on=date.today(),
            actor=user.username,
        )
    except InvalidInput as error:
        return _page(request, db, user, error)
    return RedirectResponse("/drawback", status_code=303)
