"""Drawback and single transaction bond routes: roles, 422 naming the field with nothing
written, 409 for a reused bond, and the monitoring report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import TEST_REFS, write_csv
from tests.integration.api.conftest import TestClient, settings_for
from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2, lake_rows
from tradeguard.app import create_app
from tradeguard.domain.roles import Role
from tradeguard.services.ingest import ingest
from tradeguard.store.database import Database


@pytest.fixture(scope="module")
def lake_client(api_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    home = tmp_path_factory.mktemp("drawback-home")
    settings = settings_for(home)
    csv = write_csv(home / "lines.csv", lake_rows())
    assert ingest([csv], settings, refs=TEST_REFS).accepted == 3
    with TestClient(create_app(settings, database=api_db)) as client:
        yield client


def _auth(tokens: dict[Role, str], role: Role) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[role]}"}


def claim(claim_no: str, **overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "claim_no": claim_no,
        "kind": "1313j1",
        "claimant_id": "EXP-1",
        "filed_on": "2026-06-01",
        "refund_requested_usd": "495.00",
        "accelerated": True,
        "exports": [
            {
                "kind": "export",
                "on": "2026-05-20",
                "hts10": "9503000073",
                "quantity": "10",
                "document": "BL-1",
            }
        ],
        "designations": [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "500.00"}],
    }
    document.update(overrides)
    return document


def test_a_drawback_specialist_files_and_a_bad_claim_names_its_field(
    lake_client: TestClient, tokens: dict[Role, str]
) -> None:
    specialist = _auth(tokens, Role.DRAWBACK_SPECIALIST)
    over = lake_client.post(
        "/api/drawback/claims",
        json=claim("API-0", refund_requested_usd="495.01"),
        headers=specialist,
    )
    assert over.status_code == 422 and "refund_requested" in over.text
    unknown = claim("API-0", designations=[{"entry_no": ENTRY_2, "line_no": 9, "duty_usd": "1"}])
    answer = lake_client.post("/api/drawback/claims", json=unknown, headers=specialist)
    assert answer.status_code == 422 and "designations[0]" in answer.text
    assert lake_client.get("/api/drawback/claims", headers=specialist).json() == []
    refused = lake_client.post(
        "/api/drawback/claims", json=claim("API-1"), headers=_auth(tokens, Role.CBP_OFFICER)
    )
    assert refused.status_code == 403
    filed = lake_client.post("/api/drawback/claims", json=claim("API-1"), headers=specialist)
    assert filed.status_code == 201, filed.text
    assert filed.json()["refund_limit_cents"] == 49_500
    held = lake_client.post("/api/drawback/claims/API-1/pay", json={}, headers=specialist)
    assert held.json()["bond_shortfall_cents"] == 49_500
    report = lake_client.get("/api/drawback/bond-sufficiency", headers=specialist).json()
    assert report[0]["shortfall_cents"] == 49_500


def test_the_bond_register_refuses_reuse_and_reports_it(
    lake_client: TestClient, tokens: dict[Role, str]
) -> None:
    specialist = _auth(tokens, Role.IMPORT_SPECIALIST)
    bond = {
        "bond_no": "API-STB-1",
        "surety_code": "S01",
        "importer_id": "IMP-0001",
        "amount_usd": "5250.00",
        "registered_on": "2026-03-01",
    }
    assert lake_client.post("/api/bonds", json=bond, headers=specialist).status_code == 201
    tied = lake_client.post(
        "/api/bonds/API-STB-1/present", json={"entry_no": ENTRY_2}, headers=specialist
    )
    assert tied.status_code == 200 and tied.json()["check"]["required_cents"] == 525_000
    again = lake_client.post(
        "/api/bonds/API-STB-1/present", json={"entry_no": ENTRY_1}, headers=specialist
    )
    assert again.status_code == 409
    report = lake_client.get("/api/bonds/monitoring", headers=_auth(tokens, Role.MANAGEMENT))
    assert report.json()["reused"][0]["entries"] == [ENTRY_2, ENTRY_1]
    assert lake_client.get("/api/bonds", headers=_auth(tokens, Role.CBP_OFFICER)).status_code == 403
