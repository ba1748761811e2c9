"""The rule library: each rule's hit rate, lift and version history; for analysts, a draft form
that back-tests a rule on the loaded declarations or publishes it as a new version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Form, Path, Query, Request
from fastapi.responses import Response

from tradeguard.api.deps import DbDep, SettingsDep
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
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.paging import DEFAULT_PER_PAGE, PageRequest
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.domain.roles import can
from tradeguard.domain.rule import Risk, Stage
from tradeguard.services.auth import Principal
from tradeguard.services.backtest import BacktestRow
from tradeguard.services.paged_lists import RULE_ORDER, RULE_SORTS, rule_library_page
from tradeguard.services.rule_history import pretty_predicate, rule_months
from tradeguard.services.rule_library import (
    backtest_drafts,
    draft_from_form,
    publish_drafts,
    rule_detail,
)
from tradeguard.services.rules import LoadReport, targeting_units
from tradeguard.services.scoring import refresh_scorers
from tradeguard.store.database import Database
from tradeguard.web.pages import NavLink
from tradeguard.web.pages._dashboard_charts import hit_rate_chart, lift_chart
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])
NAV = [NavLink("Rules", "/rules", "rules:read", "targeting rules, hit rates and versions")]
PREDICATE = "rules:read_predicate"
Short = Annotated[str, Form(max_length=200)]
Long = Annotated[str, Form(max_length=4000)]
Stages = Annotated[list[str], Form(max_length=3)]
STATUSES = ("active", "retired")


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """What the list shows: one page, of one PTI and status if chosen, in a chosen order."""

    page: PageRequest = field(default_factory=PageRequest)
    pti: str = ""
    status: str = ""
    sort: str = ""
    dir: str = ""

    def listed(self, db: Database, with_predicates: bool) -> dict[str, Any]:
        """The template's page, links, sort links and the filters and order to keep."""
        if self.status and self.status not in STATUSES:
            raise InvalidInput(f"status must be active or retired, got {self.status!r}", "status")
        order = sort_order(self.sort, self.dir, RULE_SORTS, RULE_ORDER)
        found = rule_library_page(
            db, self.page, with_predicates=with_predicates, order=order,
            pti=parse_pti(self.pti) if self.pti else None, status=self.status or None,
        )  # fmt: skip
        filters, kept = {"pti": self.pti, "status": self.status}, sort_filters(self.sort, self.dir)
        return {
            "page": found,
            "links": neighbour_links("/rules", {**filters, **kept}, found),
            "sorting": sort_links("/rules", filters, order, RULE_SORTS, self.page.size),
            "filters": filters,
            "order": kept,
        }


def _library(
    request: Request,
    db: Database,
    user: Principal,
    *,
    values: dict[str, Any] | None = None,
    error: InvalidInput | None = None,
    backtest: list[BacktestRow] | None = None,
    published: LoadReport | None = None,
    query: LibraryQuery | None = None,
) -> Response:
    listed = (query or LibraryQuery()).listed(db, can(user.role, PREDICATE))
    return render(
        request,
        "rules.html",
        status_code=422 if error else 200,
        **listed,
        statuses=STATUSES,
        may_write=can(user.role, "rules:write"),
        values=values or {"stages": [Stage.ENTRY.value]},
        error=error,
        backtest=backtest,
        published=published,
        ptis=list(PTI),
        owners=targeting_units(),
        risks=list(Risk),
        stages=list(Stage),
    )


@router.get("/rules")
def library(
    request: Request,
    db: DbDep,
    user: Annotated[Principal, page_permission("rules:read")],
    pti: Annotated[str, Query(max_length=64)] = "",
    status: Annotated[str, Query(max_length=16)] = "",
    sort: SortColumn = "",
    dir: SortDirection = "",
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> Response:
    query = LibraryQuery(page_request(page, per_page), pti, status, sort, dir)
    return _library(request, db, user, query=query)


@router.get("/rules/{rule_id}")
def rule_page(
    request: Request,
    db: DbDep,
    rule_id: Annotated[str, Path(max_length=40)],
    user: Annotated[Principal, page_permission("rules:read")],
) -> Response:
    found = rule_detail(db, rule_id, with_predicates=can(user.role, PREDICATE))
    months = rule_months(db, rule_id)
    return render(
        request, "rule.html", rule=found.as_json(),
        predicate=pretty_predicate(found.latest.where) if found.latest.where else None,
        charts=[hit_rate_chart(rule_id, months), lift_chart(rule_id, months)] if months else [],
    )  # fmt: skip


@router.post("/rules/draft")
def draft(
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, page_permission("rules:write")],
    action: Short = "backtest",
    id: Short = "",  # noqa: A002 - the rule's id, as the rules file names it
    name: Short = "",
    rationale: Long = "",
    pti: Short = "",
    risk: Short = "",
    where: Long = "",
    owner: Short = "",
    stages: Stages = [],  # noqa: B006 - FastAPI copies form defaults
) -> Response:
    fields = {
        "id": id, "name": name, "rationale": rationale, "pti": pti, "risk": risk,
        "where": where, "owner": owner,
    }  # fmt: skip
    values: dict[str, Any] = {**fields, "stages": stages}
    try:
        item = draft_from_form(fields, stages)
        if action == "publish":
            report = publish_drafts(db, [item], actor=user.username)
            refresh_scorers(db, settings)
            return _library(request, db, user, values=values, published=report)
        rows = backtest_drafts(settings, [item])
    except InvalidInput as error:
        return _library(request, db, user, values=values, error=error)
    return _library(request, db, user, values=values, backtest=rows)
