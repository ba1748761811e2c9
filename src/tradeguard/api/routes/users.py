"""GET /api/users: accounts and roles, for administrators (adding is `tradeguard users add`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel

from tradeguard.api.deps import DbDep, requires
from tradeguard.services.auth import Principal
from tradeguard.services.users import list_users

router = APIRouter(tags=["users"])


class UserOut(BaseModel):
    username: str
    role: str
    disabled: bool
    created_at: datetime


@router.get("/api/users")
def users(db: DbDep, _admin: Annotated[Principal, requires("users:admin")]) -> list[UserOut]:
    return [
        UserOut(
            username=u.username, role=u.role.value, disabled=u.disabled, created_at=u.created_at
        )
        for u in list_users(db)
    ]
