"""The application factory: one FastAPI app serving the API (/api/...) and the pages (/...).

It sits above `api/` and `web/`, which do not know of each other's routers: the routers come from
the two explicit lists `API_ROUTERS` and `PAGE_ROUTERS`, the navigation from `NAVIGATION`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradeguard.api.body_limit import BodyLimit
from tradeguard.api.errors import (
    domain_error_json,
    error_body,
    status_for,
    validation_error_json,
)
from tradeguard.api.routers import API_ROUTERS
from tradeguard.config import Settings, load_settings
from tradeguard.domain.errors import TradeguardError
from tradeguard.store.database import Database
from tradeguard.web.errors import page_for_error, page_for_status, wants_page
from tradeguard.web.security import STATIC_DIR, security_headers
from tradeguard.web.site import NAVIGATION, PAGE_ROUTERS


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TradeguardError)
    async def on_domain_error(request: Request, error: TradeguardError) -> Response:
        if wants_page(request):
            return page_for_error(request, error, status_for(error))
        return domain_error_json(error)

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> Response:
        if wants_page(request):
            return page_for_status(request, 422, "The form was not filled in correctly.")
        return validation_error_json(error)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
        if wants_page(request):
            return page_for_status(request, error.status_code, str(error.detail))
        return JSONResponse(
            error_body(str(error.detail)), status_code=error.status_code, headers=error.headers
        )


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    """Build the app over one operational database (migrated on open)."""
    settings = settings or load_settings()
    app = FastAPI(
        title="tradeguard",
        summary="Trade enforcement: targeting, exams, cases, plans and staffing",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.database = database or Database(settings.effective_database_url)
    _install_error_handlers(app)

    @app.middleware("http")
    async def add_security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in security_headers(request.url.path).items():
            response.headers.setdefault(name, value)
        return response

    app.state.navigation = NAVIGATION
    for router in (*API_ROUTERS, *PAGE_ROUTERS):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app
