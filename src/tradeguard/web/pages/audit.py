"""The audit log page, for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep
from tradeguard.services.auth import Principal
from tradeguard.services.change_log import read_change_log
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Audit log", "/audit", "audit:read", "who changed what, when")]


@router.get("/audit")
def audit_page(
    request: Request,
    db: DbDep,
    _admin: Annotated[Principal, page_permission("audit:read")],
    entity: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    lines = read_change_log(db, entity=entity or None, limit=500)
    return render(request, "audit.html", lines=lines, entity=entity)
