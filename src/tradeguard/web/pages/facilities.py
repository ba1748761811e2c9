"""Facility pages: the registry with the three control reports (codes reconciled, reviews due,
goods past the five-year limit), and a facility's page with its reviews, its goods and, for the
Regulatory Audit, the compliance review form: the only way a risk level is set."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.facilities import ComplianceReview, RiskLevel, parse_risk
from tradeguard.domain.roles import can
from tradeguard.services import facilities as service
from tradeguard.services.auth import Principal
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.facilities_goods import goods_in, goods_over_limit
from tradeguard.services.facilities_reports import reconcile_codes, reviews_due
from tradeguard.store.database import Database
from tradeguard.web.navigation import NavLink
from tradeguard.web.pages._custody_forms import form_day
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Facilities", "/facilities", "custody:read", "bonded warehouses and FTZs, reviews")]
Code = Annotated[str, Path(max_length=8)]
Short = Annotated[str, Form(max_length=200)]


@router.get("/facilities")
def registry(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("custody:read")],
) -> Response:
    return render(
        request,
        "facilities.html",
        facilities=service.list_facilities(db),
        reconciliation=reconcile_codes(db),
        reviews=reviews_due(db),
        over_limit=goods_over_limit(db),
        bonds=facility_bonds(db, settings.lake_dir),
    )


def _page(
    request: Request,
    db: Database,
    user: Principal,
    code: str,
    error: Exception | None,
    form: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "facility.html",
        status_code=422 if error else 200,
        f=service.show_facility(db, code),
        goods=goods_in(db, code),
        may_review=can(user.role, "facilities:review"),
        levels=list(RiskLevel),
        error=error,
        form=form or {},
    )


@router.get("/facilities/{code}")
def facility(
    request: Request,
    db: DbDep,
    code: Code,
    user: Annotated[Principal, page_permission("custody:read")],
) -> Response:
    return _page(request, db, user, code, None)


@router.post("/facilities/{code}/reviews")
def review(
    request: Request,
    db: DbDep,
    code: Code,
    user: Annotated[Principal, page_permission("facilities:review")],
    reviewed_on: Short = "",
    reviewer: Short = "",
    risk_level: Short = "",
    findings: Short = "0",
    evidence: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """One line of the evidence box per document; an empty box is refused, naming `evidence`."""
    form = {
        "reviewed_on": reviewed_on,
        "reviewer": reviewer,
        "risk_level": risk_level,
        "findings": findings,
        "evidence": evidence,
    }
    try:
        if not findings.strip().isdigit():
            raise InvalidInput("findings must be a whole number", "findings")
        found = ComplianceReview(
            form_day(reviewed_on, "reviewed_on"),
            reviewer,
            parse_risk(risk_level),
            tuple(line for line in evidence.splitlines() if line.strip()),
            int(findings),
        )
        service.record_review(db, code, found, user.username)
    except (InvalidInput, Conflict) as error:
        return _page(request, db, user, code, error, form)
    return RedirectResponse(f"/facilities/{code}", status_code=303)
