"""The audit log page, newest first and paged, for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep
from tradeguard.api.paging import PageNumber, PerPage, neighbour_links, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import audit_log_page
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
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    found = audit_log_page(db, page_request(page, per_page), entity=entity or None)
    links = neighbour_links("/audit", {"entity": entity}, found)
    return render(request, "audit.html", page=found, links=links, entity=entity)
