"""Holds through the API on a worked home: the queue order, reasons without predicates for an
officer, and the finding that closes a hold and opens its cases (all or nothing)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.integration.api.targeted_home import bearer, worked_home_fixtures
from tradeguard.domain.roles import Role
from tradeguard.services.rules import show_rule
from tradeguard.store.database import Database

LANE_RANK = {"mandatory": 0, "random": 1, "discretionary": 2}


worked, api_db, app = worked_home_fixtures("holds")


def _any_hold_with_rules(api_db: Database) -> int:
    from sqlalchemy import select

    from tradeguard.store.exams import HoldRow

    with api_db.session() as session:
        for hold in session.scalars(select(HoldRow).order_by(HoldRow.id)):
            if hold.refs() and hold.status != "closed":
                return hold.id
    raise AssertionError("the worked home has no hold held by a rule")


def test_the_queue_is_in_the_exam_plan_order(client, tokens, api_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from tradeguard.store.exams import HoldRow

    with api_db.session() as session:
        ports = list(session.scalars(select(HoldRow.port_code).distinct()))
    sizes = {}
    for port in ports:
        response = client.get(f"/api/holds?port={port}", headers=bearer(tokens, Role.CBP_OFFICER))
        assert response.status_code == 200
        holds = response.json()
        assert {h["port"] for h in holds} <= {port}
        keys = [
            (LANE_RANK[h["plan_lane"]], -Decimal(h["expected_yield_usd"]), h["id"]) for h in holds
        ]
        assert keys == sorted(keys)
        sizes[port] = len(holds)
    assert sum(sizes.values()) >= 5


def test_a_bad_port_names_the_field(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/holds?port=27A4", headers=bearer(tokens, Role.CBP_OFFICER))
    assert response.status_code == 422
    assert response.json()["field"] == "port"


def test_an_officer_sees_rule_names_and_rationale_never_the_predicate(
    client, tokens, api_db
) -> None:  # type: ignore[no-untyped-def]
    hold_id = _any_hold_with_rules(api_db)
    officer = client.get(f"/api/holds/{hold_id}", headers=bearer(tokens, Role.CBP_OFFICER))
    assert officer.status_code == 200
    body = officer.json()
    assert body["reasons"] and body["lines"]
    predicates = [show_rule(api_db, r["rule_id"]).latest.where for r in body["reasons"]]
    for reason in body["reasons"]:
        assert reason["name"] and reason["rationale"]
        assert reason["where"] is None
    for predicate in predicates:
        assert json.dumps(predicate)[1:-1] not in officer.text

    analyst = client.get(f"/api/holds/{hold_id}", headers=bearer(tokens, Role.TARGETING_ANALYST))
    assert [r["where"] for r in analyst.json()["reasons"]] == predicates


def test_a_violation_closes_the_hold_and_opens_its_cases(client, tokens, api_db) -> None:  # type: ignore[no-untyped-def]
    hold_id = _any_hold_with_rules(api_db)
    finding = {"result": "violation", "pti": "IPR", "violation_type": "counterfeit"}
    response = client.post(
        f"/api/holds/{hold_id}/finding", json=finding, headers=bearer(tokens, Role.CBP_OFFICER)
    )
    assert response.status_code == 201, response.text
    assert response.json()["violations"] == 1
    cases = response.json()["cases"]
    assert cases

    hold = client.get(f"/api/holds/{hold_id}", headers=bearer(tokens, Role.CBP_OFFICER)).json()
    assert hold["status"] == "closed" and hold["closed"]
    assert hold["finding"]["result"] == "violation"
    assert [c["id"] for c in hold["cases"]] == cases
    assert {c["kind"] for c in hold["cases"]} >= {"seizure"}

    again = client.post(
        f"/api/holds/{hold_id}/finding", json=finding, headers=bearer(tokens, Role.CBP_OFFICER)
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("finding", "field"),
    [
        ({"result": "maybe"}, "result"),
        ({"result": "violation", "pti": "IPR", "violation_type": "smuggling"}, "violation_type"),
        ({"result": "violation", "pti": "Piracy", "violation_type": "counterfeit"}, "pti"),
        ({"result": "clean", "hts10": "12"}, "hts10"),
        (
            {"result": "violation", "pti": "IPR", "violation_type": "counterfeit", "line_no": 99},
            "line_no",
        ),
    ],
)
def test_a_bad_finding_names_its_field_and_writes_nothing(
    client, tokens, api_db, finding: dict, field: str
) -> None:  # type: ignore[no-untyped-def]
    hold_id = _any_hold_with_rules(api_db)
    before = client.get("/api/cases", headers=bearer(tokens, Role.ADMIN)).json()
    response = client.post(
        f"/api/holds/{hold_id}/finding", json=finding, headers=bearer(tokens, Role.CBP_OFFICER)
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    hold = client.get(f"/api/holds/{hold_id}", headers=bearer(tokens, Role.CBP_OFFICER)).json()
    assert hold["status"] != "closed" and hold["finding"] is None
    assert client.get("/api/cases", headers=bearer(tokens, Role.ADMIN)).json() == before


def test_an_unknown_hold_is_404(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.CBP_OFFICER)
    assert client.get("/api/holds/999999", headers=headers).status_code == 404
    missing = client.post("/api/holds/999999/finding", json={"result": "clean"}, headers=headers)
    assert missing.status_code == 404


def test_a_role_without_holds_is_refused(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/holds?port=2704", headers=bearer(tokens, Role.MANAGEMENT))
    assert response.status_code == 403


def _page_as(client, web_sessions, role: Role) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from tradeguard.web.security import CSRF_HEADER, SESSION_COOKIE

    session = web_sessions[role]
    client.cookies.set(SESSION_COOKIE, session.session_id)
    return {CSRF_HEADER: session.csrf_token}


def test_the_hold_page_shows_reasons_but_no_predicate_to_an_officer(
    client, web_sessions, api_db
) -> None:  # type: ignore[no-untyped-def]
    hold_id = _any_hold_with_rules(api_db)
    _page_as(client, web_sessions, Role.CBP_OFFICER)
    page = client.get(f"/holds/{hold_id}")
    assert page.status_code == 200
    detail = client.get(f"/holds/{hold_id}").text
    from tradeguard.store.exams import HoldRow

    with api_db.session() as session:
        rule_ids = session.get(HoldRow, hold_id).ids()
    for rule_id in rule_ids:
        rule = show_rule(api_db, rule_id).latest.content
        assert rule["name"] in detail and rule["rationale"] in detail
        assert " ".join(rule["where"].split()) not in " ".join(detail.split())
    assert 'class="predicate"' not in detail and 'id="finding-form"' in detail

    _page_as(client, web_sessions, Role.TARGETING_ANALYST)
    analyst = client.get(f"/holds/{hold_id}").text
    assert 'class="predicate"' in analyst and 'id="finding-form"' not in analyst


def test_the_finding_form_needs_its_csrf_token(client, web_sessions, api_db) -> None:  # type: ignore[no-untyped-def]
    from tradeguard.web.security import SESSION_COOKIE

    hold_id = _any_hold_with_rules(api_db)
    client.cookies.set(SESSION_COOKIE, web_sessions[Role.CBP_OFFICER].session_id)
    forged = client.post(f"/holds/{hold_id}/finding", data={"result": "clean"})
    assert forged.status_code == 403
    headers = _page_as(client, web_sessions, Role.CBP_OFFICER)
    page = client.get(f"/holds/{hold_id}", headers=headers)
    assert "clean" in page.text
    recorded = client.post(f"/holds/{hold_id}/finding", data={"result": "clean"}, headers=headers)
    assert recorded.status_code == 303
    assert client.get(f"/holds/{hold_id}").text.count('id="finding-recorded"') == 1
