"""POST /api/token: log in with a username and password (form or JSON), get a bearer token.
POST /api/logout: revoke the bearer token the request carries."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from tradeguard.api.deps import BearerDep, ClientAddressDep, DbDep, LoginThrottleDep, requires
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.auth import Principal, issue_token, revoke_token

router = APIRouter(tags=["auth"])

_MAX_LENGTH = {"username": 64, "password": 1024}
_CREDENTIALS_SCHEMA = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        name: {"type": "string", "minLength": 1, "maxLength": longest}
        for name, longest in _MAX_LENGTH.items()
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
    if len(value) > _MAX_LENGTH[name]:
        raise InvalidInput(f"{name} must be at most {_MAX_LENGTH[name]} characters", name)
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
def token(
    db: DbDep,
    given: Annotated[Credentials, Depends(credentials)],
    client: ClientAddressDep,
    throttle: LoginThrottleDep,
) -> TokenPublic:
    """Failed logins are throttled per username and per client address (429, Retry-After)."""
    issued = issue_token(
        db, given.username, given.password, client_address=client, throttle=throttle
    )
    return TokenPublic(
        access_token=issued.token,
        token_type="bearer",
        expires_at=issued.expires_at,
        role=issued.principal.role.value,
    )


@router.post("/api/logout", status_code=204)
def logout(
    db: DbDep, credentials: BearerDep, _user: Annotated[Principal, requires(None)]
) -> Response:
    """Revoke the token this request carries; it stops working at once."""
    if credentials is not None:
        revoke_token(db, credentials.credentials)
    return Response(status_code=204)
