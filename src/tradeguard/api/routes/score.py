"""POST /api/score: one declaration scored in real time, the document `tradeguard score` prints."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.scoring import live_scorer, score_with

router = APIRouter(tags=["targeting"])


class DeclarationScore(BaseModel):
    """Entry-level fields at the top (entry_no, entry_date, port_code, importer_id, ...) and
    the lines, each with its own fields (line_no, hts10, value_usd, ...)."""

    model_config = ConfigDict(extra="allow")

    lines: list[dict[str, Any]] = Field(min_length=1, max_length=999)


class ReasonPublic(BaseModel):
    rule_id: str
    version: int
    name: str
    rationale: str
    risk: str
    pti: str


class ScorePublic(BaseModel):
    entry_no: str
    lane: str
    reasons: list[ReasonPublic]
    sampled: bool
    unavailable_rules: list[str] = []  # rule versions real-time scoring could not evaluate
    risk_score: float | None = None
    expected_yield_usd: float | None = None
    model_reasons: list[str] = []
    ms: float


@router.post("/api/score")
# async, and nothing on the event loop waits: the live scorer is read without I/O and rebuilt in
# a background thread (services/scoring.py). Only a process's first score waits for a build, in
# the thread pool; the model's opinion (LightGBM, Polars) also runs there.
async def score(
    body: DeclarationScore,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("score")],
    stage: Annotated[Literal["pre-entry", "entry", "post-entry"], Query()] = "entry",
) -> ScorePublic:
    live = live_scorer(db, settings, stage)
    built = live.current(db)
    if built is None:
        built = await run_in_threadpool(live.refresh)
    if built.model is None:
        document = score_with(built, body.model_dump())
    else:
        document = await run_in_threadpool(score_with, built, body.model_dump())
    return ScorePublic.model_validate(document.as_json())
