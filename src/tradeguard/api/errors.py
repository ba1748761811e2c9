"""Domain errors to HTTP statuses, in one place (a test checks every mapping).

Looked up along the error's class hierarchy, most specific first, so a subclass such as
RateLimited (a Conflict) can have its own status and any other subclass inherits its
parent's instead of falling through to 500.
"""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from tradeguard.domain.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    TradeguardError,
    Unauthenticated,
    Unavailable,
    nearest,
)

STATUS: dict[type[TradeguardError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    RateLimited: 429,
    Forbidden: 403,
    Unauthenticated: 401,
    Unavailable: 503,
    TradeguardError: 400,
}


def status_for(error: TradeguardError) -> int:
    return nearest(error, STATUS, 400)


def headers_for(error: TradeguardError) -> dict[str, str]:
    if isinstance(error, Unauthenticated):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(error, RateLimited | Unavailable):
        return {"Retry-After": str(error.retry_after)}
    return {}


def error_body(message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": message, "field": field, **extra}


def domain_error_json(error: TradeguardError) -> JSONResponse:
    field = getattr(error, "field", None)
    return JSONResponse(
        error_body(str(error), field), status_code=status_for(error), headers=headers_for(error)
    )


def validation_error_json(error: RequestValidationError) -> JSONResponse:
    """FastAPI's own body/query validation, reshaped to the same {"error", "field"} body."""
    problems = [
        {"field": ".".join(str(p) for p in e.get("loc", ())), "message": str(e.get("msg", ""))}
        for e in error.errors()
    ]
    field = problems[0]["field"] if problems else None
    message = problems[0]["message"] if problems else "invalid request"
    return JSONResponse(error_body(message, field, problems=problems), status_code=422)
