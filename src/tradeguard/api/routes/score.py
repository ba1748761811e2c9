"""POST /api/score: one declaration scored in real time, the document `tradeguard score` prints."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from tradeguard.api.deps import DbDep, SettingsDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.scoring import score_declaration

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
# async: the scorer answers in well under a millisecond, so it runs on the event loop rather
# than paying a hop to the thread pool on every request (bench/api.py, docs/api.md).
async def score(
    body: DeclarationScore,
    db: DbDep,
    settings: SettingsDep,
    _user: Annotated[Principal, requires("score")],
    stage: Annotated[Literal["pre-entry", "entry", "post-entry"], Query()] = "entry",
) -> ScorePublic:
    document = score_declaration(db, settings, body.model_dump(), stage=stage)
    return ScorePublic.model_validate(document)
