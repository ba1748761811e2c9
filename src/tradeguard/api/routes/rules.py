"""The rule library: read (predicates only for cleared roles), back-test drafts, publish."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field, TypeAdapter

from tradeguard.api.dates import LookAheadDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.api.paging import PageNumber, PerPage, add_page_headers, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.domain.roles import can
from tradeguard.services.admissibility import reference_in_force
from tradeguard.services.auth import Principal
from tradeguard.services.paged_lists import rule_library_page
from tradeguard.services.rule_library import (
    backtest_drafts,
    publish_drafts,
    rule_detail,
)
from tradeguard.services.rule_views import RuleFigures
from tradeguard.services.scoring import refresh_scorers

router = APIRouter(tags=["rules"])
PREDICATE = "rules:read_predicate"
RuleId = Annotated[str, Path(min_length=1, max_length=40)]


class RuleCreate(BaseModel):
    """A rule as an analyst writes it in a rules file; validated as strictly as one."""

    id: str = Field(max_length=40, description="like R-IPR-003")
    name: str = Field(max_length=120)
    rationale: str = Field(max_length=500, description="what the officer reads beside a hold")
    pti: str = Field(max_length=64, description="Priority Trade Issue: name or short code")
    risk: str = Field(max_length=16, description="mandatory, high, medium or low")
    stages: list[str] = Field(max_length=3, description="pre-entry, entry, post-entry")
    where: str = Field(max_length=4000, description="SQL predicate over the rule columns")
    owner: str = Field(max_length=64)
    effective_from: LookAheadDay | None = None
    effective_to: LookAheadDay | None = None
    exempt_importers: list[str] = Field(default_factory=list, max_length=1000)

    def draft(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


# The figures' fields are declared once, by services.rule_views.RuleFigures.
@pydantic.dataclasses.dataclass(frozen=True, kw_only=True)
class RulePublic(RuleFigures):
    """`where` is null unless the caller's role may read predicates."""

    id: str
    version: int
    status: str
    name: str
    pti: str
    risk: str
    stages: list[str]
    owner: str
    where: str | None = None


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True)
class RuleVersionPublic(RuleFigures):
    version: int
    status: str
    created_at: str
    created_by: str
    name: str
    rationale: str
    pti: str
    risk: str
    stages: list[str]
    owner: str
    effective_from: date | None = None
    effective_to: date | None = None
    exempt_importers: list[str] = field(default_factory=list)
    where: str | None = None


@pydantic.dataclasses.dataclass(frozen=True, kw_only=True)
class RuleDetailPublic(RuleVersionPublic):
    id: str
    versions: list[RuleVersionPublic]


LISTED = TypeAdapter(RulePublic)
DETAILED = TypeAdapter(RuleDetailPublic)


class BacktestRequest(BaseModel):
    rules: list[RuleCreate] = Field(min_length=1, max_length=50)


class BacktestRow(BaseModel):
    rule_id: str
    risk: str
    pti: str
    entries: int
    share: float
    examined: int | None
    hit_rate: float | None


class PublishReport(BaseModel):
    added: list[str]
    changed: list[str]
    unchanged: list[str]


@router.get("/api/rules")
def rules(
    db: DbDep,
    response: Response,
    user: Annotated[Principal, requires("rules:read")],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[RulePublic]:
    """One page of the library by rule id (Link and X-Total-Count headers)."""
    request = page_request(page, per_page)
    found = rule_library_page(db, request, with_predicates=can(user.role, PREDICATE))
    add_page_headers(response, "/api/rules", {}, found)
    return [LISTED.validate_python(r.as_json()) for r in found.items]


@router.get("/api/rules/{rule_id}")
def rule(
    rule_id: RuleId, db: DbDep, user: Annotated[Principal, requires("rules:read")]
) -> RuleDetailPublic:
    found = rule_detail(db, rule_id, with_predicates=can(user.role, PREDICATE))
    return DETAILED.validate_python(found.as_json())


@router.post("/api/rules/backtest")
def backtest(
    body: BacktestRequest,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("rules:write")],
) -> list[BacktestRow]:
    drafts = [r.draft() for r in body.rules]
    rows = backtest_drafts(settings, drafts, reference_in_force(db))
    return [BacktestRow.model_validate(r.as_json()) for r in rows]


@router.post("/api/rules", status_code=201)
def publish(
    body: RuleCreate,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("rules:write")],
) -> PublishReport:
    report = publish_drafts(db, [body.draft()], actor=user.username)
    # In the thread pool, before answering: the publisher's next score uses the new rule, while
    # every other score keeps using the last good scorer until the new one is swapped in.
    refresh_scorers(db, settings)
    return PublishReport.model_validate(report.as_dict())
