"""Staffing through the API: gaps against the mandated minimums and the hiring plan."""

from __future__ import annotations

from tests.integration.api.targeted_home import bearer
from tradeguard.domain.roles import Role


def test_gaps_list_the_fifteen_trade_positions(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/staffing/gaps", headers=bearer(tokens, Role.MANAGEMENT))
    assert response.status_code == 200
    positions = response.json()["positions"]
    assert len(positions) == 15
    assert sum(1 for p in positions if p["mandated"] is not None) == 9


def test_the_hiring_plan_reaches_each_target_by_the_year_asked(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        "/api/staffing/plan?target_fy=2030", headers=bearer(tokens, Role.MANAGEMENT)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["target_fy"] == 2030 and len(body["positions"]) == 15
    for position in body["positions"]:
        final = position["years"]["2030"]["trained"]
        assert (final >= position["people_needed"]) == position["feasible"]
        assert position["people_needed"] >= position["target_fte"]


def test_a_target_year_already_past_names_the_field(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.PTI_MANAGER)
    past = client.get("/api/staffing/plan?target_fy=2010", headers=headers)
    assert past.status_code == 422 and past.json()["field"] == "target_fy"
    missing = client.get("/api/staffing/plan", headers=headers)
    assert missing.status_code == 422 and missing.json()["field"] == "query.target_fy"


def test_officers_do_not_see_staffing(client, tokens) -> None:  # type: ignore[no-untyped-def]
    assert (
        client.get("/api/staffing/gaps", headers=bearer(tokens, Role.CBP_OFFICER)).status_code
        == 403
    )


def test_a_hiring_capacity_applies_to_every_position(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.MANAGEMENT)
    tight = client.get("/api/staffing/plan?target_fy=2020&hiring_capacity=1", headers=headers)
    assert tight.status_code == 200, tight.text
    for position in tight.json()["positions"]:
        assert position["parameters"]["hiring_capacity"] == 1
        assert all(y["hires_started"] <= 1 for y in position["years"].values())
    negative = client.get("/api/staffing/plan?target_fy=2020&hiring_capacity=-1", headers=headers)
    assert negative.status_code == 422 and negative.json()["field"] == "query.hiring_capacity"
