"""Custody through the API: roles, 422 naming the field with nothing written (a movement to an
unknown port, a review without evidence), a breach becoming a liquidated damages case, and the
control reports."""

from __future__ import annotations

from datetime import date, timedelta

from tests.integration.api.targeted_home import bearer
from tradeguard.domain.roles import Role

TODAY = date.today()
MOVEMENT = {
    "inbond_no": "200000001",
    "movement_type": "it",
    "origin_port": "2704",
    "destination_port": "3901",
    "carrier_code": "SWFT",
    "bond_no": "SWFT-CB1",
    "value": "5000.00",
    "departed_on": (TODAY - timedelta(days=50)).isoformat(),
    "application": "edi:7512:200000001",
}
SITE = {
    "code": "N774",
    "name": "Harbor",
    "kind": "bonded_warehouse",
    "class_code": "8",
    "operator": "Harbor Logistics",
    "port_code": "1401",
    "bond_no": "WB1",
    "bond_amount": "50000.00",
    "registered_on": "2024-01-02",
}


def test_a_movement_to_an_unknown_port_is_422_and_nothing_is_written(client, tokens) -> None:  # type: ignore[no-untyped-def]
    officer = bearer(tokens, Role.CBP_OFFICER)
    response = client.post(
        "/api/inbond", json={**MOVEMENT, "destination_port": "0000"}, headers=officer
    )
    assert response.status_code == 422 and response.json()["field"] == "destination_port"
    assert client.get("/api/inbond/200000001", headers=officer).status_code == 404


def test_an_overdue_movement_defaults_into_a_liquidated_damages_case(client, tokens) -> None:  # type: ignore[no-untyped-def]
    officer, fpf = bearer(tokens, Role.CBP_OFFICER), bearer(tokens, Role.FPF_SPECIALIST)
    assert client.post("/api/inbond", json=MOVEMENT, headers=fpf).status_code == 403
    created = client.post("/api/inbond", json=MOVEMENT, headers=officer)
    assert created.status_code == 201, created.text
    overdue = client.get("/api/inbond/overdue", headers=fpf).json()
    assert [o["inbond_no"] for p in overdue["ports"] for o in p["movements"]] == ["200000001"]
    defaulted = client.post("/api/inbond/200000001/default", headers=officer)
    assert defaulted.status_code == 200, defaulted.text
    claim = defaulted.json()["claims"][0]
    assert claim["breach"] == "non_delivery" and claim["amount"] == "5000.00"
    case = client.get(f"/api/cases/{claim['case_id']}", headers=fpf).json()
    assert case["kind"] == "liquidated_damages" and "petitioned" in case["allowed_moves"]
    again = client.post(
        "/api/inbond/200000001/arrival", json={"on": TODAY.isoformat()}, headers=officer
    )
    assert again.status_code == 409
    retention = client.get("/api/inbond/retention", headers=fpf).json()
    assert retention["movements"] == 1 and retention["open"] == 0
    assert client.post("/api/inbond-claims", headers=officer).json()["opened"] == []


def test_a_review_without_evidence_is_422_naming_evidence(client, tokens) -> None:  # type: ignore[no-untyped-def]
    officer, auditor = bearer(tokens, Role.CBP_OFFICER), bearer(tokens, Role.CUSTOMS_AUDITOR)
    assert client.post("/api/facilities", json=SITE, headers=officer).status_code == 201
    review = {"reviewed_on": TODAY.isoformat(), "reviewer": "auditor", "risk_level": "high"}
    refused = client.post("/api/facilities/N774/reviews", json=review, headers=auditor)
    assert refused.status_code == 422 and refused.json()["field"] == "evidence"
    assert client.get("/api/facilities/N774", headers=auditor).json()["reviews"] == []
    with_evidence = {**review, "evidence": ["review:N774:1"], "findings": 1}
    assert (
        client.post("/api/facilities/N774/reviews", json=with_evidence, headers=officer).status_code
        == 403
    )  # officers do not review
    done = client.post("/api/facilities/N774/reviews", json=with_evidence, headers=auditor)
    assert done.status_code == 201 and done.json()["risk_level"] == "high"
    bad_level = {**with_evidence, "risk_level": "extreme"}
    response = client.post("/api/facilities/N774/reviews", json=bad_level, headers=auditor)
    assert response.status_code == 422 and response.json()["field"] == "risk_level"


def test_facility_goods_and_control_reports(client, tokens) -> None:  # type: ignore[no-untyped-def]
    officer, manager = bearer(tokens, Role.CBP_OFFICER), bearer(tokens, Role.MANAGEMENT)
    client.post("/api/facilities", json={**SITE, "code": "Q999"}, headers=officer)
    old = (TODAY - timedelta(days=2000)).isoformat()
    goods = {
        "entry_no": "ABC12345675",
        "description": "wine",
        "quantity": 5,
        "value": "100",
        "imported_on": old,
        "admitted_on": old,
    }
    admitted = client.post("/api/facilities/Q999/admissions", json=goods, headers=officer)
    assert admitted.status_code == 201, admitted.text
    over = client.get("/api/facilities/over-limit", headers=manager).json()
    assert [g["facility"] for g in over["goods"]] == ["Q999"]
    assert (
        "Q999"
        in client.get("/api/facilities/reconciliation", headers=manager).json()["not_on_list"]
    )
    withdrawal = {"quantity": 6, "purpose": "export"}
    path = f"/api/facility-admissions/{admitted.json()['id']}/withdrawals"
    assert client.post(path, json=withdrawal, headers=officer).status_code == 409
    assert (
        client.post(path, json={**withdrawal, "purpose": "lost"}, headers=officer).json()["field"]
        == "purpose"
    )
    due = client.get("/api/facilities/reviews-due", headers=manager).json()
    assert "Q999" in [d["code"] for d in due["overdue"]]
    assert (
        client.get("/api/facilities", headers=bearer(tokens, Role.PTI_MANAGER)).status_code == 403
    )
