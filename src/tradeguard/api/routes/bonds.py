"""Single transaction bonds: the central register and its monitoring report."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay, LookAheadDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.services.auth import Principal
from tradeguard.services.bond_register import (
    StbLine,
    StbMonitoring,
    StbPresented,
    close_stb,
    list_stbs,
    present_stb,
    register_stb,
    stb_monitoring,
)

router = APIRouter(tags=["bonds"])
BondNo = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]
Reader = Annotated[Principal, requires("bonds:read")]
Writer = Annotated[Principal, requires("bonds:write")]


class Presentation(BaseModel):
    entry_no: str = Field(min_length=1, max_length=16)
    on: EnteredDay | None = None


class OnDay(BaseModel):
    on: EnteredDay | None = None


@router.get("/api/bonds")
def bonds(db: DbDep, _user: Reader) -> list[StbLine]:
    return list_stbs(db)


class StbFilingIn(StbFiling):
    """The filing as a caller sends it: its registration day is bounded like every date."""

    registered_on: EnteredDay


@router.post("/api/bonds", status_code=201)
def register(body: StbFilingIn, db: DbDep, user: Writer) -> StbLine:
    return register_stb(db, body, actor=user.username)


@router.post("/api/bonds/{bond_no}/present")
def present(
    bond_no: BondNo, body: Presentation, db: DbDep, settings: SettingsDep, user: Writer
) -> StbPresented:
    """Tie the bond to its entry (409 when used already) and check its amount."""
    on = body.on or date.today()
    return present_stb(db, settings.lake_dir, bond_no, body.entry_no, on, actor=user.username)


@router.post("/api/bonds/{bond_no}/release")
def release(bond_no: BondNo, body: OnDay, db: DbDep, user: Writer) -> StbLine:
    on = body.on or date.today()
    return close_stb(db, bond_no, StbStatus.RELEASED, on, actor=user.username)


@router.post("/api/bonds/{bond_no}/claim")
def claim(bond_no: BondNo, body: OnDay, db: DbDep, user: Writer) -> StbLine:
    on = body.on or date.today()
    return close_stb(db, bond_no, StbStatus.CLAIMED, on, actor=user.username)


@router.get("/api/bonds/monitoring")
def monitoring(
    db: DbDep, _user: Reader, as_of: Annotated[LookAheadDay | None, Query()] = None
) -> StbMonitoring:
    """Insufficient, unused and reused bonds."""
    return stb_monitoring(db, as_of or date.today())
