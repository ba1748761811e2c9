"""Each domain error answers with its own status and a {"error", "field"} body, API and pages.

Subclasses must inherit their parent's status rather than fall through to 500 (yente's bug).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tradeguard.api.errors import STATUS, status_for
from tradeguard.app import create_app
from tradeguard.config import Settings
from tradeguard.domain.allegation import SubmissionLimitReached
from tradeguard.domain.errors import (
    Collision,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
    TradeguardError,
    Unauthenticated,
    Unavailable,
)
from tradeguard.store.database import Database

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # Starlette's httpx deprecation notice
    from fastapi.testclient import TestClient

EXPECTED = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    RateLimited: 429,
    Forbidden: 403,
    Unauthenticated: 401,
    Unavailable: 503,
}


class StaleRule(Conflict):
    """A subclass defined elsewhere, later: it must answer as its parent does."""


INHERITED = {StaleRule: 409, Collision: 409, SubmissionLimitReached: 429}


def _raise(kind: type[TradeguardError]) -> None:
    if kind is InvalidInput:
        raise InvalidInput("quantity must be positive", "quantity")
    raise kind(f"{kind.__name__} happened")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("home")
    settings = Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)
    app = create_app(settings, database=Database(f"sqlite:///{Path(home) / 'op.db'}"))
    kinds = {k.__name__: k for k in [*EXPECTED, *INHERITED]}

    def boom(name: str) -> None:
        _raise(kinds[name])

    app.add_api_route("/api/boom/{name}", boom)
    app.add_api_route("/boom/{name}", boom)
    with TestClient(app) as test_client:
        yield test_client


def test_every_domain_error_has_a_status() -> None:
    assert {k: STATUS[k] for k in EXPECTED} == EXPECTED
    for kind, status in INHERITED.items():
        assert status_for(kind("x")) == status


@pytest.mark.parametrize("kind", [*EXPECTED, *INHERITED], ids=lambda k: k.__name__)
def test_api_answers_with_the_status_and_a_json_body(client, kind) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/boom/{kind.__name__}")
    assert response.status_code == status_for(kind("x"))
    body = response.json()
    assert set(body) == {"error", "field"}
    assert body["error"]
    if kind is InvalidInput:
        assert body["field"] == "quantity"
    if issubclass(kind, RateLimited | Unavailable):
        assert int(response.headers["retry-after"]) >= 1


@pytest.mark.parametrize("kind", [*EXPECTED, *INHERITED], ids=lambda k: k.__name__)
def test_pages_answer_with_the_same_status_as_html(client, kind) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/boom/{kind.__name__}")
    assert response.status_code == status_for(kind("x"))
    assert response.headers["content-type"].startswith("text/html")
    if kind is Unauthenticated:
        assert 'action="/login"' in response.text


def test_request_validation_is_422_naming_the_field(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/audit", params={"limit": "many"})
    # Authentication is checked first: without credentials the caller learns nothing more.
    assert response.status_code == 401
    response = client.post("/api/allegations", json={"pti": "IPR"})
    assert response.status_code == 422
    assert response.json()["field"] == "body.description"


def test_unknown_route_is_404_json(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "Not Found"
