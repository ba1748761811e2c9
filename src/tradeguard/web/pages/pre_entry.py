"""The pre-entry holds page: shipments held on their advance filing before arrival, and the
entry each became, with what the entry declared differently from its advance filing."""

from __future__ import annotations

from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from tradeguard.api.deps import SettingsDep
from tradeguard.api.paging import PageNumber, PerPage, neighbour_links, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.pre_entry import pre_entry_holds
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Pre-entry holds", "/pre-entry", "holds:read", "held on advance data")]


@router.get("/pre-entry")
def pre_entry_page(
    request: Request,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("holds:read")],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    found = page_request(page, per_page).take(pre_entry_holds(settings))
    links = neighbour_links("/pre-entry", {}, found)
    return render(request, "pre_entry.html", page=found, links=links)
