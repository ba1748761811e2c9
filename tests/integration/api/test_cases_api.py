"""Cases through the API: a finding opens them; list, show and move them with the version read;
a stale version is refused with 409 and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.api.targeted_home import bearer, worked_home_fixtures
from tradeguard.domain.roles import Role
from tradeguard.store.exams import HoldRow

worked, api_db, app = worked_home_fixtures("cases")


@pytest.fixture(scope="module")
def seizure_id(app, api_db, tokens) -> int:  # type: ignore[no-untyped-def]
    from tests.integration.api.conftest import TestClient

    with api_db.session() as session:
        hold_id = session.scalars(select(HoldRow.id).order_by(HoldRow.id)).first()
    with TestClient(app) as client:
        recorded = client.post(
            f"/api/holds/{hold_id}/finding",
            json={"result": "violation", "pti": "IPR", "violation_type": "counterfeit"},
            headers=bearer(tokens, Role.CBP_OFFICER),
        )
        assert recorded.status_code == 201, recorded.text
        cases = client.get("/api/cases?kind=seizure", headers=bearer(tokens, Role.ADMIN)).json()
    assert len(cases) == 1
    return int(cases[0]["id"])


def test_cases_are_listed_with_filters(client, tokens, seizure_id: int) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.FPF_SPECIALIST)
    everything = client.get("/api/cases", headers=headers).json()
    assert seizure_id in [c["id"] for c in everything]
    ipr = client.get("/api/cases?pti=IPR", headers=headers).json()
    assert ipr and all(c["pti"] == "Intellectual Property Rights" for c in ipr)
    assert client.get("/api/cases?pti=Revenue", headers=headers).json() == []
    bad = client.get("/api/cases?kind=parking", headers=headers)
    assert bad.status_code == 422 and bad.json()["field"] == "kind"


def test_a_case_shows_deadlines_history_and_allowed_moves(client, tokens, seizure_id: int) -> None:  # type: ignore[no-untyped-def]
    case = client.get(f"/api/cases/{seizure_id}", headers=bearer(tokens, Role.CBP_OFFICER))
    assert case.status_code == 200
    body = case.json()
    assert body["kind"] == "seizure" and body["hold_id"]
    assert body["allowed_moves"] == ["noticed"] and body["history"][0]["actor"] == "cbp-officer"
    assert client.get("/api/cases/999999", headers=bearer(tokens, Role.ADMIN)).status_code == 404


def test_move_with_the_version_read_and_refuse_a_stale_one(client, tokens, seizure_id: int) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.SEIZED_PROPERTY_SPECIALIST)
    case = client.get(f"/api/cases/{seizure_id}", headers=headers).json()
    to = case["allowed_moves"][0]
    moved = client.post(
        f"/api/cases/{seizure_id}/move",
        json={"to": to, "version": case["version"]},
        headers=headers,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["state"] == to and moved.json()["version"] == case["version"] + 1
    assert moved.json()["history"][-1]["actor"] == "seized-property-specialist"
    petition = [d for d in moved.json()["deadlines"] if d["status"] != "met"]
    assert petition, "a notice of seizure starts the 30-day petition deadline"

    later = moved.json()
    stale = client.post(
        f"/api/cases/{seizure_id}/move",
        json={"to": later["allowed_moves"][0], "version": case["version"]},
        headers=headers,
    )
    assert stale.status_code == 409
    assert "version" in stale.json()["error"]
    assert client.get(f"/api/cases/{seizure_id}", headers=headers).json() == later


def test_a_move_the_machine_forbids_is_refused(client, tokens, seizure_id: int) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.SEIZED_PROPERTY_SPECIALIST)
    case = client.get(f"/api/cases/{seizure_id}", headers=headers).json()
    response = client.post(
        f"/api/cases/{seizure_id}/move",
        json={"to": "teleported", "version": case["version"]},
        headers=headers,
    )
    assert 400 <= response.status_code < 500 and response.status_code != 409
    assert client.get(f"/api/cases/{seizure_id}", headers=headers).json() == case


def test_officers_read_cases_but_do_not_move_them(client, tokens, seizure_id: int) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        f"/api/cases/{seizure_id}/move",
        json={"to": "anything", "version": 1},
        headers=bearer(tokens, Role.CBP_OFFICER),
    )
    assert response.status_code == 403
