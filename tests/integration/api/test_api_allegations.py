"""E-allegations through the API: public submission, receipts only, triage for triage roles."""

from __future__ import annotations

import warnings

from tradeguard.domain.allegation import RECEIPT_PATTERN
from tradeguard.domain.roles import Role

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

TIP = {
    "pti": "IPR",
    "description": "Counterfeit handbags declared as plastic toys at Long Beach.",
    "importer": "Acme Imports LLC",
    "contact": "tipster@example.org",
}


def _client(app, address: str) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, client=(address, 40000))


def test_submission_returns_only_a_receipt(app) -> None:  # type: ignore[no-untyped-def]
    response = _client(app, "10.0.0.1").post("/api/allegations", json=TIP)
    assert response.status_code == 201
    assert list(response.json()) == ["receipt"]
    assert RECEIPT_PATTERN.fullmatch(response.json()["receipt"])


def test_triage_roles_read_what_was_submitted_others_cannot(app, tokens) -> None:  # type: ignore[no-untyped-def]
    client = _client(app, "10.0.0.2")
    receipt = client.post("/api/allegations", json=TIP).json()["receipt"]
    triage = client.get(
        "/api/allegations", headers={"Authorization": f"Bearer {tokens[Role.IMPORT_SPECIALIST]}"}
    )
    found = [a for a in triage.json() if a["receipt"] == receipt]
    assert found and found[0]["pti"] == "Intellectual Property Rights"
    assert found[0]["contact"] == "tipster@example.org"
    officer = client.get(
        "/api/allegations", headers={"Authorization": f"Bearer {tokens[Role.CBP_OFFICER]}"}
    )
    assert officer.status_code == 403
    assert client.get("/api/allegations").status_code == 401


def test_bad_input_names_the_field_and_stores_nothing(app, tokens) -> None:  # type: ignore[no-untyped-def]
    client = _client(app, "10.0.0.3")
    admin = {"Authorization": f"Bearer {tokens[Role.ADMIN]}"}
    before = len(client.get("/api/allegations", headers=admin).json())
    bad_pti = client.post("/api/allegations", json={**TIP, "pti": "Bananas"})
    assert bad_pti.status_code == 422 and bad_pti.json()["field"] == "pti"
    short = client.post("/api/allegations", json={**TIP, "description": "bad"})
    assert short.status_code == 422 and short.json()["field"] == "description"
    assert len(client.get("/api/allegations", headers=admin).json()) == before


def test_submissions_are_rate_limited_per_address(app) -> None:  # type: ignore[no-untyped-def]
    flood = _client(app, "10.0.0.4")
    statuses = [flood.post("/api/allegations", json=TIP).status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    limited = flood.post("/api/allegations", json=TIP)
    assert 3500 < int(limited.headers["retry-after"]) <= 3600
    assert _client(app, "10.0.0.5").post("/api/allegations", json=TIP).status_code == 201


def test_triage_opens_the_case_once(app, tokens) -> None:  # type: ignore[no-untyped-def]
    client = _client(app, "10.0.0.9")
    receipt = client.post("/api/allegations", json=TIP).json()["receipt"]
    specialist = {"Authorization": f"Bearer {tokens[Role.IMPORT_SPECIALIST]}"}
    officer = {"Authorization": f"Bearer {tokens[Role.CBP_OFFICER]}"}
    path = f"/api/allegations/{receipt}/triage"
    assert client.post(path, json={"open_as": "referral"}, headers=officer).status_code == 403
    bad = client.post(path, json={"open_as": "bananas"}, headers=specialist)
    assert bad.status_code == 422 and bad.json()["field"] == "kind"
    first = client.post(path, json={"open_as": "referral"}, headers=specialist)
    assert first.status_code == 200, first.text
    assert first.json()["opened_case_id"] is not None
    again = client.post(path, json={"open_as": "referral"}, headers=specialist)
    assert again.status_code == 409
    listed = client.get("/api/allegations", headers=specialist).json()
    assert [a["status"] for a in listed if a["receipt"] == receipt] == ["case opened"]
