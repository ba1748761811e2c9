"""The audit-recommendation tracker over HTTP: the same document as `tradeguard oversight --json`.

Reading the tracker records nothing (a GET is safe); a POST runs it and keeps the status changes,
as the CLI does by default, so the history can be kept from a scheduler without a shell.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tradeguard.api.dates import LookAheadDay
from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.oversight import change_json, history, track

router = APIRouter(tags=["oversight"])
Reader = Annotated[Principal, requires("oversight:read")]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="default: latest with data")]
Day = Annotated[
    LookAheadDay | None, Query(description="the day the checks look from; default today")
]


@router.get("/api/oversight")
def tracker(
    db: DbDep, settings: SettingsDep, _user: Reader, fy: Year = None, as_of: Day = None
) -> dict[str, Any]:
    """Each recommendation with its features and evidence (met, not met, no data, figures)."""
    return track(db, settings, fy, as_of=as_of, record=False).as_json()


@router.post("/api/oversight/runs")
def run(
    db: DbDep, settings: SettingsDep, _user: Reader, fy: Year = None, as_of: Day = None
) -> dict[str, Any]:
    """Evaluate and keep the status changes since the last recorded run (under `changes`)."""
    return track(db, settings, fy, as_of=as_of, record=True).as_json()


@router.get("/api/oversight/history")
def changes(db: DbDep, _user: Reader) -> dict[str, Any]:
    """Every recorded status change, oldest first."""
    return {"changes": [change_json(c) for c in history(db)]}
