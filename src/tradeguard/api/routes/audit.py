"""GET /api/audit: the audit log, newest first, for administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from tradeguard.api.deps import DbDep, requires
from tradeguard.services.audit_log import read_audit_log
from tradeguard.services.auth import Principal

router = APIRouter(tags=["audit"])


class AuditLinePublic(BaseModel):
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
) -> list[AuditLinePublic]:
    lines = read_audit_log(db, entity=entity, limit=limit)
    return [AuditLinePublic.model_validate(line) for line in lines]
