"""GET /api/users: accounts and roles, for administrators (adding is `tradeguard users add`),
one bounded page at a time like every other list."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

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
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.roles import parse_role
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import USER_ORDER, USER_SORTS, users_page

router = APIRouter(tags=["users"])


class UserOut(BaseModel):
    username: str
    role: str
    disabled: bool
    created_at: datetime


@router.get("/api/users")
def users(
    db: DbDep,
    response: Response,
    _admin: Annotated[Principal, requires("users:admin")],
    role: Annotated[str, Query(max_length=32)] = "",
    disabled: bool | None = None,
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[UserOut]:
    """One page of accounts by username unless `sort`/`dir` say otherwise (Link and
    X-Total-Count headers say where the rest are)."""
    found = users_page(
        db,
        page_request(page, per_page),
        role=parse_role(role) if role else None,
        disabled=disabled,
        order=sort_order(sort, dir, USER_SORTS, USER_ORDER),
    )
    filters = {"role": role, "disabled": disabled, **sort_filters(sort, dir)}
    add_page_headers(response, "/api/users", filters, found)
    return [
        UserOut(
            username=u.username, role=u.role.value, disabled=u.disabled, created_at=u.created_at
        )
        for u in found.items
    ]
