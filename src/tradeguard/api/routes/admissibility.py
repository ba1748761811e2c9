"""Admissibility: reference data (recordations, exclusion orders, withhold release orders), trade
alerts, the rescission review, detentions, denied entries and liquidated damages claims.

Reading needs `cases:read`. Reference data and trade alerts change what targeting holds, so
they need `rules:write` (the targeting analysts who keep the rules). Detentions, denials and
claims are enforcement work: `cases:write`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.domain.cases.money import parse_money
from tradeguard.domain.pti import parse_pti
from tradeguard.domain.redelivery import parse_breach
from tradeguard.domain.withhold_release import DetentionState
from tradeguard.services import admissibility as service
from tradeguard.services.admissibility_cases import claim_liquidated_damages, deny_entry
from tradeguard.services.admissibility_screening import screen_lake
from tradeguard.services.auth import Principal
from tradeguard.services.withhold_release import detain, list_detentions, move_detention

router = APIRouter(tags=["admissibility"])
Reader = Annotated[Principal, requires("cases:read")]
Keeper = Annotated[Principal, requires("rules:write")]
Writer = Annotated[Principal, requires("cases:write")]
Short = Annotated[str, Field(min_length=1, max_length=64)]
Money = Annotated[str, Field(max_length=32, description="dollars, e.g. 1234.50")]
KINDS = {
    "recordations": service.ReferenceKind.RECORDATIONS,
    "exclusion-orders": service.ReferenceKind.EXCLUSION_ORDERS,
    "withhold-orders": service.ReferenceKind.WITHHOLD_ORDERS,
}


class ReferenceRows(BaseModel):
    """Rows with the CSV's columns (docs/admissibility.md); lists are separated by ';'."""

    rows: Annotated[
        list[dict[str, Annotated[str | None, Field(max_length=2000)]]],
        Field(min_length=1, max_length=10_000),
    ]


class AlertCreate(BaseModel):
    alerted_on: EnteredDay


class DetentionCreate(BaseModel):
    entry_no: Annotated[str, Field(min_length=1, max_length=16)]
    wro_no: Short
    importer_id: Short
    value_usd: Money
    detained_on: EnteredDay


class DetentionMove(BaseModel):
    to: DetentionState
    on: EnteredDay


class DenialCreate(BaseModel):
    entry_no: Annotated[str, Field(min_length=1, max_length=16)]
    importer_id: Short
    pti: Annotated[str, Field(max_length=64)] = "IPR"
    reason: Annotated[str, Field(min_length=3, max_length=500)]
    on: EnteredDay


class ClaimCreate(BaseModel):
    entry_no: Annotated[str, Field(min_length=1, max_length=16)]
    importer_id: Short
    breach: Annotated[str, Field(max_length=32)]
    value_usd: Money
    restricted: bool = False
    on: EnteredDay


def _post_reference(db: Any, kind: str, body: ReferenceRows, user: Principal) -> dict[str, Any]:
    return service.store_reference(db, KINDS[kind], body.rows, "api", user.username).as_json()


@router.post("/api/admissibility/recordations", status_code=201)
def post_recordations(db: DbDep, user: Keeper, body: ReferenceRows) -> dict[str, Any]:
    return _post_reference(db, "recordations", body, user)


@router.post("/api/admissibility/exclusion-orders", status_code=201)
def post_exclusion_orders(db: DbDep, user: Keeper, body: ReferenceRows) -> dict[str, Any]:
    return _post_reference(db, "exclusion-orders", body, user)


@router.post("/api/admissibility/withhold-orders", status_code=201)
def post_withhold_orders(db: DbDep, user: Keeper, body: ReferenceRows) -> dict[str, Any]:
    return _post_reference(db, "withhold-orders", body, user)


@router.get("/api/admissibility/exclusion-orders")
def get_exclusion_orders(db: DbDep, _user: Reader) -> dict[str, Any]:
    return service.alert_report(db).as_json()


@router.post("/api/admissibility/exclusion-orders/{order_no}/alert", status_code=201)
def post_alert(
    db: DbDep,
    user: Keeper,
    order_no: Annotated[str, Path(max_length=40)],
    body: AlertCreate,
) -> dict[str, Any]:
    return service.record_alert(db, order_no, body.alerted_on, user.username).as_json()


@router.get("/api/admissibility/review")
def get_review(db: DbDep, settings: SettingsDep, _user: Reader) -> dict[str, Any]:
    covered = screen_lake(db, settings).entries_per_order()
    return {"orders": [c.as_json() for c in service.rescission_review(db, covered)]}


@router.get("/api/admissibility/detentions")
def get_detentions(db: DbDep, _user: Reader) -> dict[str, Any]:
    return {"detentions": [v.as_json() for v in list_detentions(db)]}


@router.post("/api/admissibility/detentions", status_code=201)
def post_detention(db: DbDep, user: Writer, body: DetentionCreate) -> dict[str, Any]:
    view = detain(
        db, entry_no=body.entry_no, wro_no=body.wro_no, importer_id=body.importer_id,
        value_usd=parse_money(body.value_usd, "value_usd"), detained_on=body.detained_on,
        actor=user.username,
    )  # fmt: skip
    return view.as_json()


@router.post("/api/admissibility/detentions/{detention_id}/moves")
def post_detention_move(
    db: DbDep,
    user: Writer,
    detention_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: DetentionMove,
) -> dict[str, Any]:
    return move_detention(db, detention_id, body.to, body.on, user.username).as_json()


@router.post("/api/admissibility/denied-entries", status_code=201)
def post_denied_entry(db: DbDep, user: Writer, body: DenialCreate) -> dict[str, Any]:
    opened = deny_entry(
        db, entry_no=body.entry_no, importer_id=body.importer_id, pti=parse_pti(body.pti),
        reason=body.reason, on=body.on, actor=user.username,
    )  # fmt: skip
    return opened.as_json()


@router.post("/api/admissibility/liquidated-damages", status_code=201)
def post_claim(db: DbDep, user: Writer, body: ClaimCreate) -> dict[str, Any]:
    opened = claim_liquidated_damages(
        db, entry_no=body.entry_no, importer_id=body.importer_id,
        breach=parse_breach(body.breach), value_usd=parse_money(body.value_usd, "value_usd"),
        restricted=body.restricted, on=body.on, actor=user.username,
    )  # fmt: skip
    return opened.as_json()
