"""GET /api/audit: the change log, newest first, for administrators (the path predates the name)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from tradeguard.api.deps import DbDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.change_log import read_change_log

router = APIRouter(tags=["audit"])


class ChangeLinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


@router.get("/api/audit")
def audit_log(
    db: DbDep,
    _user: Annotated[Principal, requires("audit:read")],
    entity: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ChangeLinePublic]:
    lines = read_change_log(db, entity=entity, limit=limit)
    return [ChangeLinePublic.model_validate(line) for line in lines]
