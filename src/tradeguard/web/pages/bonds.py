"""The Bonds page: the single transaction bond register's monitoring report (insufficient,
unused and reused bonds), as of a day."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep
from tradeguard.services.auth import Principal
from tradeguard.services.bond_register import stb_monitoring
from tradeguard.web.navigation import NavLink
from tradeguard.web.pages._custody_forms import optional_form_day
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Bonds", "/bonds", "bonds:read", "single transaction bonds to follow up")]


@router.get("/bonds")
def bonds_page(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("bonds:read")],
    as_of: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """An out-of-bounds or malformed day is a 422 page naming as_of."""
    report = stb_monitoring(db, optional_form_day(as_of, "as_of") or date.today())
    return render(request, "bonds.html", report=report)
