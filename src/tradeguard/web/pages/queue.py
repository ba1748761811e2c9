"""The exam queue of a port, in the order the exam plan works it (mandatory, random sample,
then discretionary by expected yield)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.api.deps import DbDep
from tradeguard.services.auth import Principal
from tradeguard.services.hold_queue import check_port, port_queue, ports_with_holds
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
) -> Response:
    if port.strip():
        return RedirectResponse(f"/queue/{check_port(port)}", status_code=303)
    return render(request, "queue_ports.html", ports=ports_with_holds(db))


@router.get("/queue/{port}")
def queue(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("holds:read")],
    port: Annotated[str, Path(max_length=8)],
) -> Response:
    return render(request, "queue.html", port=port, holds=port_queue(db, port))
