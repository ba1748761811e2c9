"""The exam queue of a port, in the order the exam plan works it (mandatory, random sample,
then discretionary by expected yield)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.api.paging import PageNumber, PerPage, neighbour_links, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.hold_queue import check_port
from tradeguard.services.paged_lists import port_queue_page, ports_page
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
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    if port.strip():
        return RedirectResponse(f"/queue/{check_port(port)}", status_code=303)
    found = ports_page(db, page_request(page, per_page))
    links = neighbour_links("/queue", {}, found)
    return render(request, "queue_ports.html", page=found, links=links)


@router.get("/queue/{port}")
def queue(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("holds:read")],
    port: Annotated[str, Path(max_length=8)],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    found = port_queue_page(db, port, page_request(page, per_page))
    links = neighbour_links(f"/queue/{check_port(port)}", {}, found)
    return render(request, "queue.html", port=port, page=found, links=links)
