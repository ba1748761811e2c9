"""The audit-recommendation tracker for oversight roles: every open recommendation with its
evidence, filterable and sortable by query parameters (so a link keeps its filters), and one
page per recommendation with its figures and the history of its status."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Path, Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.oversight import EvidenceStatus, Scope
from tradeguard.reference.recommendations import load_recommendations
from tradeguard.services.annual_report_html import figure_text
from tradeguard.services.auth import Principal
from tradeguard.services.oversight import SORTS, history, select_tracked, track
from tradeguard.web.pages import NavLink
from tradeguard.web.rendering import render, templates
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Oversight", "/oversight", "oversight:read", "open audit recommendations, evidence")]
Text = Annotated[str | None, Query(max_length=80)]
templates.env.filters["figure"] = figure_text


@router.get("/oversight")
def tracker(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, page_permission("oversight:read")],
    status: Text = None,
    report: Text = None,
    q: Text = None,
    sort: Text = "id",
    order: Text = "asc",
    fy: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    found = track(db, settings, fy, record=False)
    filters = {"status": status or "", "report": report or "", "q": q or "", "fy": fy or ""}
    try:
        rows = select_tracked(
            found.recommendations, status=status or None, report=report or None, text=q,
            sort=sort or "id", descending=order == "desc",
        )  # fmt: skip
        error = None
    except InvalidInput as problem:
        rows, error = [], problem

    def sort_link(key: str) -> str:
        flip = "desc" if sort == key and order != "desc" else "asc"
        kept = {k: v for k, v in filters.items() if v}
        return "/oversight?" + urlencode({**kept, "sort": key, "order": flip})

    return render(
        request, "oversight.html", status_code=422 if error else 200, report=found, rows=rows,
        filters=filters, sort=sort, order=order, sort_link=sort_link, sorts=SORTS, error=error,
        statuses=[s.value for s in EvidenceStatus] + [Scope.OUTSIDE.value],
        reports=sorted({r.report for r in load_recommendations()}),
    )  # fmt: skip


@router.get("/oversight/{rec_id}")
def recommendation(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    rec_id: Annotated[str, Path(max_length=32)],
    _user: Annotated[Principal, page_permission("oversight:read")],
) -> Response:
    found = track(db, settings, record=False)
    chosen = next((t for t in found.recommendations if t.recommendation.id == rec_id), None)
    if chosen is None:
        raise NotFound(f"no recommendation {rec_id!r}")
    return render(
        request, "oversight_item.html", item=chosen, fy=found.fy, history=history(db, rec_id)
    )
