"""docs/security.md lists every route that needs no role, and only those (issue 22, item 12).

The routes come from the application itself: API and page routes the public role may call
(no permission check, or one the public passes, such as `allegations:submit`), plus
what FastAPI and Starlette add (the OpenAPI document, /docs, /redoc, static files).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.routing import APIRoute
from starlette.routing import Mount, Route

from tests.integration.api.test_api_role_matrix import ROUTES, _allowed
from tradeguard.domain.roles import Role

SECURITY_DOC = Path(__file__).resolve().parents[3] / "docs" / "security.md"
_ROW = re.compile(r"^\| `(GET|POST|PUT|PATCH|DELETE)` \| `([^`]+)` \|")


def documented_public_routes() -> set[tuple[str, str]]:
    text = SECURITY_DOC.read_text(encoding="utf-8")
    section = text.split("## Public routes", 1)[1].split("\n## ", 1)[0]
    return {
        (match.group(1), match.group(2))
        for line in section.splitlines()
        if (match := _ROW.match(line))
    }


def public_routes(app) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = {(method, path) for method, path, checks in ROUTES if _allowed(Role.PUBLIC, checks)}
    for route in app.routes:
        if isinstance(route, Mount):
            found.add(("GET", f"{route.path}/{{path}}"))
        elif isinstance(route, Route) and not isinstance(route, APIRoute):
            found |= {(method, route.path) for method in route.methods or () if method != "HEAD"}
    return found


def test_security_doc_lists_exactly_the_public_routes(app) -> None:  # type: ignore[no-untyped-def]
    actual = public_routes(app)
    assert {("GET", "/openapi.json"), ("GET", "/docs")} <= actual
    documented = documented_public_routes()
    assert actual - documented == set(), "public routes missing from docs/security.md"
    assert documented - actual == set(), "docs/security.md lists routes that are not public"


def test_the_public_routes_answer_without_credentials(client) -> None:  # type: ignore[no-untyped-def]
    for method, path in sorted(documented_public_routes()):
        if method == "GET":
            url = path.replace("{path}", "site.css")
            response = client.get(url)
            assert response.status_code not in (401, 403), (path, response.status_code)
