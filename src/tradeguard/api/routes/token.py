"""POST /api/token: log in with a username and password (form or JSON), get a bearer token."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from tradeguard.api.deps import DbDep
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.auth import issue_token

router = APIRouter(tags=["auth"])

_CREDENTIALS_SCHEMA = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string", "maxLength": 64},
        "password": {"type": "string", "maxLength": 1024},
    },
}
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _CREDENTIALS_SCHEMA},
            "application/x-www-form-urlencoded": {"schema": _CREDENTIALS_SCHEMA},
        },
    }
}


class Credentials(BaseModel):
    username: str
    password: str


class TokenPublic(BaseModel):
    access_token: str
    token_type: str
    expires_at: datetime
    role: str


def _field(source: Any, name: str) -> str:
    value = source.get(name) if hasattr(source, "get") else None
    if not isinstance(value, str) or not value:
        raise InvalidInput(f"{name} is required", name)
    return value


async def credentials(request: Request) -> Credentials:
    """Read the OAuth2 password form or a JSON body, whichever the client sent."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    source: Any
    if kind == "application/json":
        try:
            source = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput("the body is not valid JSON", "body") from None
    elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        source = await request.form()
    else:
        raise InvalidInput("send username and password as a form or as JSON", "body")
    return Credentials(username=_field(source, "username"), password=_field(source, "password"))


@router.post("/api/token", openapi_extra=_BODY)
def token(db: DbDep, given: Annotated[Credentials, Depends(credentials)]) -> TokenPublic:
    issued = issue_token(db, given.username, given.password)
    return TokenPublic(
        access_token=issued.token,
        token_type="bearer",
        expires_at=issued.expires_at,
        role=issued.principal.role.value,
    )
