"""The exam queue of a port, in the order the exam plan works it (mandatory, random sample,
then discretionary by expected yield)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
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
from tradeguard.services.hold_queue import check_port
from tradeguard.services.paged_lists import (
    PORT_ORDER,
    PORT_SORTS,
    QUEUE_ORDER,
    QUEUE_SORTS,
    port_queue_page,
    ports_page,
)
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Exam queue", "/queue", "holds:read", "holds waiting for an exam, by port")]


@router.get("/queue")
def ports(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("holds:read")],
    port: Annotated[str, Query(max_length=8)] = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    if port.strip():
        return RedirectResponse(f"/queue/{check_port(port)}", status_code=303)
    order = sort_order(sort, dir, PORT_SORTS, PORT_ORDER)
    found = ports_page(db, page_request(page, per_page), order=order)
    return render(
        request, "queue_ports.html", page=found,
        links=neighbour_links("/queue", sort_filters(sort, dir), found),
        sorting=sort_links("/queue", {}, order, PORT_SORTS, per_page),
    )  # fmt: skip


@router.get("/queue/{port}")
def queue(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("holds:read")],
    port: Annotated[str, Path(max_length=8)],
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    """In the exam plan's order unless a column header says otherwise."""
    order = sort_order(sort, dir, QUEUE_SORTS, QUEUE_ORDER)
    found = port_queue_page(db, port, page_request(page, per_page), order=order)
    path = f"/queue/{check_port(port)}"
    return render(
        request, "queue.html", port=port, page=found, planned=order == QUEUE_ORDER,
        links=neighbour_links(path, sort_filters(sort, dir), found),
        sorting=sort_links(path, {}, order, QUEUE_SORTS, per_page),
    )  # fmt: skip
