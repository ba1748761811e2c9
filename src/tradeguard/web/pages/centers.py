"""The Centers' dashboards (queue, reviews against capacity, findings, duty, overdue requests,
what staffing leaves undone) and the national account managers' importer accounts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.domain.date_bounds import LOOK_AHEAD_YEARS, check_entered_day
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.services.accounts import AccountView, account_view, importer_accounts
from tradeguard.services.auth import Principal
from tradeguard.services.center_dashboards import center_dashboards
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [
    NavLink("Centers", "/centers", "reviews:read", "post-entry reviews by Center"),
    NavLink("Accounts", "/accounts", "accounts:read", "importer accounts and compliance"),
]


@router.get("/centers")
def centers(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("reviews:read")],
    as_of: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    error = None
    day = date.today()
    if as_of:
        try:
            day = check_entered_day(
                date.fromisoformat(as_of), "as_of", future_years=LOOK_AHEAD_YEARS
            )
        except ValueError:
            error = InvalidInput(f"as_of must be YYYY-MM-DD, got {as_of!r}", "as_of")
        except InvalidInput as problem:
            error = problem
    boards = None if error else center_dashboards(db, settings, as_of=day)
    return render(
        request, "centers.html", status_code=422 if error else 200,
        boards=boards, totals=boards.totals() if boards else None, error=error, as_of=day,
    )  # fmt: skip


@router.get("/accounts")
def accounts(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("accounts:read")],
    importer: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    view: AccountView | None = None
    error: InvalidInput | NotFound | None = None
    try:
        listed = importer_accounts(db)
    except NotFound as problem:
        listed, error = [], problem
    if importer is not None:
        try:
            view = account_view(db, settings, importer)
        except (InvalidInput, NotFound) as problem:
            error = problem
    status = 200 if error is None else (422 if isinstance(error, InvalidInput) else 404)
    return render(
        request, "accounts.html", status_code=status if importer is not None else 200,
        accounts=listed, view=view, error=error, field=getattr(error, "field", None),
    )  # fmt: skip
