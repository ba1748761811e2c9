"""Admissibility through the API: reference rows checked whole (a bad row is 422 naming the
field and nothing is stored), trade alerts, detentions, denied entries and liquidated damages
claims, each behind its permission."""

from __future__ import annotations

from datetime import date, timedelta

from tests.integration.api.targeted_home import bearer
from tradeguard.domain.roles import Role

ORDER = {
    "order_no": "337-LEO-001", "investigation": "337-TA-1101", "kind": "limited",
    "product": "batteries", "hts_scope": "8507.60", "respondents": "MFR-BAD",
    "effective_on": "2025-01-10",
}  # fmt: skip
WRO = {"wro_no": "WRO-0001", "merchandise": "gloves", "producer": "MFR-GLOVE", "region": "",
       "hts_scope": "", "issued_on": "2025-01-01"}  # fmt: skip


def test_reference_rows_alerts_and_review(client, tokens) -> None:  # type: ignore[no-untyped-def]
    analyst = bearer(tokens, Role.TARGETING_ANALYST)
    bad = {**ORDER, "order_no": "337-GEO-009", "kind": "general", "hts_scope": ""}
    refused = client.post(
        "/api/admissibility/exclusion-orders", json={"rows": [ORDER, bad]}, headers=analyst
    )
    assert refused.status_code == 422 and refused.json()["field"] == "hts_scope"
    assert refused.json()["error"].startswith("api row 2: hts_scope")
    officer = bearer(tokens, Role.CBP_OFFICER)
    listed = client.get("/api/admissibility/exclusion-orders", headers=officer).json()
    assert listed["orders"] == []  # the good row before the bad one was not stored either
    forbidden = client.post(
        "/api/admissibility/exclusion-orders", json={"rows": [ORDER]}, headers=officer
    )
    assert forbidden.status_code == 403
    stored = client.post(
        "/api/admissibility/exclusion-orders", json={"rows": [ORDER]}, headers=analyst
    )
    assert stored.status_code == 201 and stored.json()["numbers"] == ["337-LEO-001"]
    alert = client.post(
        "/api/admissibility/exclusion-orders/337-LEO-001/alert",
        json={"alerted_on": "2025-02-10"}, headers=analyst,
    )  # fmt: skip
    assert alert.status_code == 201 and alert.json()["status"] == "late"
    report = client.get("/api/admissibility/exclusion-orders", headers=officer).json()
    assert (report["late"], report["orders"][0]["lag_days"]) == (1, 31)
    missing = client.post(
        "/api/admissibility/exclusion-orders/337-NONE/alert",
        json={"alerted_on": "2025-02-10"}, headers=analyst,
    )  # fmt: skip
    assert missing.status_code == 404
    review = client.get("/api/admissibility/review", headers=officer)
    assert review.status_code == 200


def test_detention_denial_and_claim(client, tokens) -> None:  # type: ignore[no-untyped-def]
    analyst, fpf = bearer(tokens, Role.TARGETING_ANALYST), bearer(tokens, Role.FPF_SPECIALIST)
    stored = client.post(
        "/api/admissibility/withhold-orders", json={"rows": [WRO]}, headers=analyst
    )
    assert stored.status_code == 201, stored.text
    old = (date.today() - timedelta(days=100)).isoformat()
    body = {"entry_no": "ABC00000019", "wro_no": "WRO-0001", "importer_id": "IMP-1",
            "value_usd": "1000.00", "detained_on": old}  # fmt: skip
    detained = client.post("/api/admissibility/detentions", json=body, headers=fpf)
    assert detained.status_code == 201, detained.text
    did = detained.json()["id"]
    late_proof = client.post(
        f"/api/admissibility/detentions/{did}/moves",
        json={"to": "proof_submitted", "on": date.today().isoformat()}, headers=fpf,
    )  # fmt: skip
    assert late_proof.status_code == 409
    seized = client.post(
        f"/api/admissibility/detentions/{did}/moves",
        json={"to": "seized", "on": date.today().isoformat()}, headers=fpf,
    )  # fmt: skip
    assert seized.status_code == 200 and seized.json()["case_id"] is not None
    denial = {"entry_no": "ABC00000027", "importer_id": "IMP-1", "reason": "exclusion order",
              "on": date.today().isoformat()}  # fmt: skip
    denied = client.post("/api/admissibility/denied-entries", json=denial, headers=fpf)
    assert denied.status_code == 201 and denied.json()["kind"] == "denied_entry"
    claim = {"entry_no": "ABC00000027", "importer_id": "IMP-1", "breach": "late_export",
             "value_usd": "100.10", "on": date.today().isoformat()}  # fmt: skip
    claimed = client.post("/api/admissibility/liquidated-damages", json=claim, headers=fpf)
    assert claimed.status_code == 201 and claimed.json()["demanded"] == "100.10"
    wrong = client.post(
        "/api/admissibility/liquidated-damages", json={**claim, "value_usd": "-1"}, headers=fpf
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "value_usd"
    listed = client.get("/api/admissibility/detentions", headers=fpf).json()["detentions"]
    assert [d["state"] for d in listed] == ["seized"]
