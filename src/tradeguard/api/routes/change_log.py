"""GET /api/audit: the change log, newest first and paged, for administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict

from tradeguard.api.deps import DbDep, requires
from tradeguard.api.paging import (
    PageNumber,
    PerPage,
    SortColumn,
    SortDirection,
    add_page_headers,
    page_request,
    sort_filters,
    sort_order,
)
from tradeguard.domain.paging import DEFAULT_PER_PAGE, MAX_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import AUDIT_ORDER, AUDIT_SORTS, audit_log_page

router = APIRouter(tags=["audit"])


class ChangeLinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


@router.get("/api/audit")
def audit_log(
    db: DbDep,
    response: Response,
    _user: Annotated[Principal, requires("audit:read")],
    entity: Annotated[str | None, Query(max_length=64)] = None,
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_PER_PAGE, description="older name for per_page")
    ] = None,
) -> list[ChangeLinePublic]:
    """One page of the log, newest first (Link and X-Total-Count headers say where the rest are)."""
    found = audit_log_page(
        db,
        page_request(page, limit or per_page),
        entity=entity or None,
        order=sort_order(sort, dir, AUDIT_SORTS, AUDIT_ORDER),
    )
    filters = {"entity": entity, **sort_filters(sort, dir)}
    add_page_headers(response, "/api/audit", filters, found)
    return [ChangeLinePublic.model_validate(line) for line in found.items]
