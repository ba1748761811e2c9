"""The Centers' post-entry work: dashboards, review queues and moves (import specialists), and
importer accounts (national account managers)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay, LookAheadDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.domain.reviews import NoticeKind
from tradeguard.services import accounts, center_dashboards, center_reviews, review_moves
from tradeguard.services.auth import Principal
from tradeguard.services.review_moves import ReviewMove

router = APIRouter(tags=["centers"])
ReviewId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/api/centers")
def dashboards(
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("reviews:read")],
    as_of: Annotated[LookAheadDay | None, Query(description="YYYY-MM-DD, default today")] = None,
) -> dict[str, Any]:
    boards = center_dashboards.center_dashboards(db, settings, as_of=as_of or date.today())
    return {**boards.as_json(), "totals": boards.totals()}


class PlanRequest(BaseModel):
    specialists: dict[str, Annotated[float, Field(ge=0)]] = {}


@router.post("/api/centers/plan")
def plan(
    body: PlanRequest,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("reviews:write")],
) -> dict[str, Any]:
    given = center_reviews.parse_specialists([f"{c}={v}" for c, v in body.specialists.items()])
    planned = center_reviews.plan_reviews(db, settings, specialists=given, actor=user.username)
    return {
        "run_id": planned.run_id,
        "reviews": planned.reviews,
        "missed": planned.missed,
        "centers": [
            {"center": p.center, "specialists": float(p.specialists), "reviews": p.reviews,
             **p.plan.document(), "by_kind": p.by_kind}
            for p in planned.centers
        ],
    }  # fmt: skip


class MoveRequest(BaseModel):
    move: ReviewMove
    on: EnteredDay
    notice: NoticeKind | None = None


@router.post("/api/reviews/{review_id}/moves")
def move(
    review_id: ReviewId,
    body: MoveRequest,
    db: DbDep,
    user: Annotated[Principal, requires("reviews:write")],
) -> dict[str, Any]:
    view = review_moves.move_review(
        db, review_id, body.move, on=body.on, actor=user.username, notice=body.notice
    )
    return view.as_json()


class CloseRequest(BaseModel):
    result: Literal["clean", "violation"]
    on: EnteredDay
    pti: str | None = None
    violation_type: str | None = None
    line_no: Annotated[int, Field(ge=1)] = 1
    value_usd: Annotated[Decimal, Field(ge=0)] | None = None


@router.post("/api/reviews/{review_id}/close")
def close(
    review_id: ReviewId,
    body: CloseRequest,
    db: DbDep,
    settings: SettingsDep,
    user: Annotated[Principal, requires("reviews:write")],
) -> dict[str, Any]:
    row = {**body.model_dump(exclude={"on", "value_usd"}), "finding_date": body.on.isoformat()}
    if body.value_usd is not None:
        row["value_usd"] = str(body.value_usd)
    closed = review_moves.close_reviews(
        db, settings, {review_id: row}, actor=user.username, today=max(body.on, date.today())
    )
    return closed.views[0].as_json()


@router.get("/api/accounts")
def account_list(
    db: DbDep,
    _user: Annotated[Principal, requires("accounts:read")],
    per_center: Annotated[int, Query(ge=1, le=100)] = accounts.ACCOUNTS_PER_CENTER,
) -> dict[str, Any]:
    return {"accounts": [asdict(a) for a in accounts.importer_accounts(db, per_center=per_center)]}


@router.get("/api/accounts/{importer_id}")
def account(
    importer_id: Annotated[str, Path(min_length=1, max_length=64)],
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("accounts:read")],
) -> dict[str, Any]:
    return accounts.account_view(db, settings, importer_id).as_json()
