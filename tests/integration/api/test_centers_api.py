"""The Centers through the API: import specialists plan and move reviews, national account
managers read accounts; bad input is a 422 naming the field; others are refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.api.targeted_home import bearer
from tests.integration.centers.centers_home import centers_home
from tradeguard.app import create_app
from tradeguard.config import Settings
from tradeguard.domain.roles import Role
from tradeguard.store.database import Database


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Database]:
    return centers_home(tmp_path_factory.mktemp("centers-api"))


@pytest.fixture(scope="module")
def api_db(worked: tuple[Settings, Database]) -> Iterator[Database]:
    yield worked[1]
    worked[1].dispose()


@pytest.fixture(scope="module")
def app(api_db: Database, worked: tuple[Settings, Database]) -> Any:
    return create_app(worked[0], database=api_db)


def test_specialists_plan_and_move_reviews_and_managers_read_accounts(client, tokens) -> None:  # type: ignore[no-untyped-def]
    specialist = bearer(tokens, Role.IMPORT_SPECIALIST)
    manager = bearer(tokens, Role.NATIONAL_ACCOUNT_MANAGER)
    assert client.post("/api/centers/plan", json={}, headers=manager).status_code == 403
    planned = client.post("/api/centers/plan", json={}, headers=specialist)
    assert planned.status_code == 200, planned.text
    body = planned.json()
    assert body["reviews"] > 0 and len(body["centers"]) == 10
    boards = client.get("/api/centers?as_of=2026-12-01", headers=manager).json()
    assert boards["totals"]["reviews"] == body["reviews"]
    queued = next(c for c in boards["centers"] if c["queue"] > 0)
    assert queued["capacity_hours"] > 0
    moved = client.post(
        "/api/reviews/1/moves", json={"move": "rfi", "on": "2026-03-01"}, headers=specialist
    )
    assert moved.status_code in (200, 409), moved.text
    accounts = client.get("/api/accounts?per_center=2", headers=manager).json()["accounts"]
    assert len(accounts) == 20
    view = client.get(f"/api/accounts/{accounts[0]['importer_id']}", headers=manager)
    assert view.status_code == 200 and view.json()["entries"] > 0
    assert client.get("/api/accounts", headers=bearer(tokens, Role.CBP_OFFICER)).status_code == 403


def test_bad_input_names_the_field(client, tokens) -> None:  # type: ignore[no-untyped-def]
    specialist = bearer(tokens, Role.IMPORT_SPECIALIST)
    bad_move = client.post(
        "/api/reviews/1/moves", json={"move": "wave", "on": "2026-03-01"}, headers=specialist
    )
    assert bad_move.status_code == 422 and bad_move.json()["field"] == "body.move"
    bad_plan = client.post(
        "/api/centers/plan", json={"specialists": {"Nowhere": 3}}, headers=specialist
    )
    assert bad_plan.status_code == 422 and bad_plan.json()["field"] == "specialists"
    negative = client.post(
        "/api/centers/plan", json={"specialists": {"Machinery": -1}}, headers=specialist
    )
    assert negative.status_code == 422 and "specialists" in negative.json()["field"]
    missing = client.get("/api/accounts/NOBODY", headers=specialist)
    assert missing.status_code == 404
    assert client.get("/api/centers?as_of=soon", headers=specialist).json()["field"] == (
        "query.as_of"
    )
