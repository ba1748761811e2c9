"""The change log page (who changed what, when), newest first and paged, for administrators.

It was once called the audit log and served at /audit; that address still answers, with a
permanent redirect, so bookmarks keep working while "audit" means the Regulatory Audit only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.api.paging import (
    PageNumber,
    PerPage,
    SortColumn,
    SortDirection,
    neighbour_links,
    page_request,
    sort_filters,
    sort_links,
    sort_order,
)
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import AUDIT_ORDER, AUDIT_SORTS, audit_log_page
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Change log", "/changes", "audit:read", "who changed what, when")]


@router.get("/changes")
def change_log_page(
    request: Request,
    db: DbDep,
    _admin: Annotated[Principal, page_permission("audit:read")],
    entity: Annotated[str, Query(max_length=64)] = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    """Newest first unless a column header says otherwise; links keep the entity and order."""
    order = sort_order(sort, dir, AUDIT_SORTS, AUDIT_ORDER)
    found = audit_log_page(db, page_request(page, per_page), entity=entity or None, order=order)
    kept = sort_filters(sort, dir)
    return render(
        request, "change_log.html", page=found, entity=entity, order=kept,
        links=neighbour_links("/changes", {"entity": entity, **kept}, found),
        sorting=sort_links("/changes", {"entity": entity}, order, AUDIT_SORTS, per_page),
    )  # fmt: skip


@router.get("/audit", include_in_schema=False)
def former_address(
    request: Request, _admin: Annotated[Principal, page_permission("audit:read")]
) -> Response:
    """The page's former address: same query, new path (for those who may read it)."""
    query = request.url.query
    return RedirectResponse("/changes" + (f"?{query}" if query else ""), status_code=308)
