"""Cases: the list (filter by PTI, kind, state; paged) and a case's page with its deadlines, history
and one form per allowed transition (carrying the version read, so a stale form gets 409)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import Form, Path, Query, Request
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
from tradeguard.domain.cases.base import CaseKind, parse_kind
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.paging import DEFAULT_PER_PAGE, Page
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.domain.roles import can
from tradeguard.services import paged_lists
from tradeguard.services.auth import Principal
from tradeguard.services.cases import move_case, show_case
from tradeguard.store.database import Database
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Cases", "/cases", "cases:read", "enforcement cases and their deadlines")]
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Filter = Annotated[str, Query(max_length=64)]
Short = Annotated[str, Form(max_length=64)]


@router.get("/cases")
def cases_page(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("cases:read")],
    pti: Filter = "",
    kind: Filter = "",
    state: Filter = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    """Filtered by PTI, kind and state, sorted by any column (`?sort=opened&dir=desc`); the
    page, sort and filter links keep each other."""
    filters = {"pti": pti, "kind": kind, "state": state}
    request_page = page_request(page, per_page)
    order = paged_lists.CASE_ORDER
    try:
        order = sort_order(sort, dir, paged_lists.CASE_SORTS, paged_lists.CASE_ORDER)
        found = paged_lists.cases_page(
            db,
            request_page,
            pti=parse_pti(pti) if pti else None,
            kind=parse_kind(kind) if kind else None,
            state=state or None,
            order=order,
        )
        error = None
    except InvalidInput as problem:
        found, error = Page([], page, per_page, 0), problem
    kept = sort_filters(sort, dir)
    return render(
        request,
        "cases_list.html",
        status_code=422 if error else 200,
        page=found,
        links=neighbour_links("/cases", {**filters, **kept}, found),
        sorting=sort_links("/cases", filters, order, paged_lists.CASE_SORTS, per_page),
        order=kept,
        filters=filters,
        error=error,
        ptis=list(PTI),
        kinds=list(CaseKind),
    )


def _case_page(
    request: Request, db: Database, user: Principal, case_id: int, error: InvalidInput | None
) -> Response:
    return render(
        request,
        "case.html",
        status_code=422 if error else 200,
        case=show_case(db, case_id),
        may_move=can(user.role, "cases:write"),
        error=error,
        today=date.today(),
    )


@router.get("/cases/{case_id}")
def case_page(
    request: Request,
    db: DbDep,
    case_id: CaseId,
    user: Annotated[Principal, page_permission("cases:read")],
) -> Response:
    return _case_page(request, db, user, case_id, None)


def _amount(text: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InvalidInput(f"amount must be a number of dollars, got {text!r}", "amount") from None
    if not value.is_finite() or value < 0:
        raise InvalidInput(f"amount must be zero or more dollars, got {text!r}", "amount")
    return value


def _version(text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInput("the form lost the case version; reload the page", "version")
    return int(text)


@router.post("/cases/{case_id}/move")
def move(
    request: Request,
    db: DbDep,
    case_id: CaseId,
    user: Annotated[Principal, page_permission("cases:write")],
    to: Short = "",
    version: Short = "",
    amount: Short = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        move_case(
            db, case_id, to, user.username,
            amount=_amount(amount), expected_version=_version(version), note=note,
        )  # fmt: skip
    except InvalidInput as error:
        return _case_page(request, db, user, case_id, error)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
