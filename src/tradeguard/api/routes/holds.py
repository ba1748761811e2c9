"""Holds: a port's exam queue and one hold with its lines and reasons (never a predicate unless
the role may read predicates). The finding that closes a hold is in findings.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.api.paging import PageNumber, PerPage, add_page_headers, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.roles import can
from tradeguard.services.auth import Principal
from tradeguard.services.hold_queue import hold_detail
from tradeguard.services.hold_views import HoldCard, HoldDetail
from tradeguard.services.paged_lists import port_queue_page

router = APIRouter(tags=["holds"])


@router.get("/api/holds")
def holds(
    db: DbDep,
    response: Response,
    _user: Annotated[Principal, requires("holds:read")],
    port: Annotated[str, Query(min_length=1, max_length=8, description="4-digit port code")],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[HoldCard]:
    """One page of the port's queue in plan order (Link and X-Total-Count headers)."""
    found = port_queue_page(db, port, page_request(page, per_page))
    add_page_headers(response, "/api/holds", {"port": port}, found)
    return found.items


# Path and id bounds: an id past the database's integer range is simply not found.
HoldId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/api/holds/{hold_id}")
def hold(
    hold_id: HoldId,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("holds:read")],
) -> HoldDetail:
    """A hold with its lines, reasons (a predicate only for roles that may read it), model
    score, finding and cases."""
    return hold_detail(
        db, settings, hold_id, with_predicates=can(user.role, "rules:read_predicate")
    )
