"""The public e-allegation form (no login) and the triage list for triage roles."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import ClientAddressDep, DbDep, SettingsDep
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
from tradeguard.domain.allegation import AllegationStatus, parse_status
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.services.allegations import submit_allegation
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import ALLEGATION_ORDER, ALLEGATION_SORTS, triage_page
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [
    NavLink("Report a trade violation", "/allegations/new", None, "the public e-allegation form"),
    NavLink("E-allegations", "/allegations", "allegations:triage", "submitted tips to triage"),
]

FormText = Annotated[str, Form(max_length=10000)]


def _form(request: Request, *, values: dict[str, str], error: InvalidInput | None) -> Response:
    return render(
        request,
        "allegation_form.html",
        status_code=422 if error else 200,
        ptis=list(PTI),
        values=values,
        error=error,
    )


@router.get("/allegations/new")
def allegation_form(request: Request) -> Response:
    return _form(request, values={}, error=None)


@router.post("/allegations/new")
def submit(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    client: ClientAddressDep,
    _public: Annotated[Principal, page_permission("allegations:submit")],
    pti: FormText = "",
    description: FormText = "",
    importer: FormText = "",
    company: FormText = "",
    contact: FormText = "",
) -> Response:
    values = {
        "pti": pti,
        "description": description,
        "importer": importer,
        "company": company,
        "contact": contact,
    }
    try:
        receipt = submit_allegation(
            db,
            values,
            client_address=client,
            limit=settings.allegations_per_address,
            overall=settings.allegations_per_hour,
        )
    except InvalidInput as error:
        return _form(request, values=values, error=error)
    return render(request, "allegation_receipt.html", status_code=201, receipt=receipt)


@router.get("/allegations")
def triage(
    request: Request,
    db: DbDep,
    _user: Annotated[Principal, page_permission("allegations:triage")],
    pti: Annotated[str, Query(max_length=64)] = "",
    status: Annotated[str, Query(max_length=32)] = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    """Newest first unless a column header says otherwise, of one PTI or status if chosen."""
    order = sort_order(sort, dir, ALLEGATION_SORTS, ALLEGATION_ORDER)
    found = triage_page(
        db,
        page_request(page, per_page),
        pti=parse_pti(pti) if pti else None,
        status=parse_status(status) if status else None,
        order=order,
    )
    filters, kept = {"pti": pti, "status": status}, sort_filters(sort, dir)
    return render(
        request, "allegations.html", page=found, filters=filters, order=kept,
        ptis=list(PTI), statuses=list(AllegationStatus),
        links=neighbour_links("/allegations", {**filters, **kept}, found),
        sorting=sort_links("/allegations", filters, order, ALLEGATION_SORTS, per_page),
    )  # fmt: skip
