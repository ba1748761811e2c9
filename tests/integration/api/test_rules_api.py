"""The rule library through the API: predicates only for analysts and admins, back-tests that
publish nothing, and publishing that adds a version (all or nothing, audited)."""

from __future__ import annotations

import pytest

from tests.integration.api.targeted_home import bearer, worked_home_fixtures
from tradeguard.domain.roles import Role
from tradeguard.services.change_log import read_change_log

DRAFT = {
    "id": "R-IPR-900",
    "name": "Toys from a known counterfeit hub",
    "rationale": "Counterfeit toys from this origin were seized repeatedly in the last year.",
    "pti": "IPR",
    "risk": "high",
    "stages": ["entry"],
    "where": "origin_country = 'CN' AND value_usd > 500",
    "owner": "IPR NTAG",
}


worked, api_db, app = worked_home_fixtures("rules")


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.TARGETING_ANALYST, True),
        (Role.ADMIN, True),
        (Role.CBP_OFFICER, False),
        (Role.IMPORT_SPECIALIST, False),
        (Role.MANAGEMENT, False),
    ],
)
def test_predicates_only_for_cleared_roles(client, tokens, role: Role, sees: bool) -> None:  # type: ignore[no-untyped-def]
    analyst = client.get("/api/rules", headers=bearer(tokens, Role.TARGETING_ANALYST)).json()
    predicates = [r["where"] for r in analyst]
    assert len(predicates) >= 10 and all(predicates)

    listing = client.get("/api/rules", headers=bearer(tokens, role))
    one = client.get(f"/api/rules/{analyst[0]['id']}", headers=bearer(tokens, role))
    assert listing.status_code == one.status_code == 200
    assert bool(listing.json()[0]["where"]) is sees
    assert bool(one.json()["where"]) is sees
    assert all(bool(v["where"]) is sees for v in one.json()["versions"])
    if not sees:
        assert not any(p in listing.text or p in one.text for p in predicates)


def test_the_library_carries_hit_rate_and_lift_fields(client, tokens) -> None:  # type: ignore[no-untyped-def]
    rules = client.get("/api/rules", headers=bearer(tokens, Role.CBP_OFFICER)).json()
    held = [r for r in rules if r["holds"]]
    assert held, "the worked home's targeting run held entries by rule"
    assert all({"hit_rate", "lift", "hit_rate_ci", "name"} <= set(r) for r in rules)


def test_backtest_counts_entries_and_publishes_nothing(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.TARGETING_ANALYST)
    response = client.post("/api/rules/backtest", json={"rules": [DRAFT]}, headers=headers)
    assert response.status_code == 200, response.text
    (row,) = response.json()
    assert row["rule_id"] == "R-IPR-900" and row["entries"] > 0
    assert 0 < row["share"] <= 1
    assert client.get("/api/rules/R-IPR-900", headers=headers).status_code == 404


def test_publish_adds_a_version_and_audits_it(client, tokens, api_db) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.TARGETING_ANALYST)
    first = client.post("/api/rules", json=DRAFT, headers=headers)
    assert first.status_code == 201, first.text
    assert first.json()["added"] == ["R-IPR-900@1"]
    same = client.post("/api/rules", json=DRAFT, headers=headers)
    assert same.json()["unchanged"] == ["R-IPR-900@1"]
    changed = client.post("/api/rules", json={**DRAFT, "risk": "medium"}, headers=headers)
    assert changed.json()["changed"] == ["R-IPR-900@2"]

    shown = client.get("/api/rules/R-IPR-900", headers=headers).json()
    assert [(v["version"], v["status"]) for v in shown["versions"]] == [
        (1, "superseded"),
        (2, "active"),
    ]
    audited = read_change_log(api_db, entity="rule", limit=50)
    assert any(
        line.entity_id == "R-IPR-900@2" and line.actor == "targeting-analyst" for line in audited
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "ipr-1"}, "id"),
        ({"risk": "extreme"}, "risk"),
        ({"pti": "Piracy"}, "pti"),
        ({"stages": []}, "stages"),
        ({"where": "DROP TABLE entries"}, "where"),
        ({"where": "no_such_column = 1"}, "where"),
        ({"owner": "Import Safety NTAG"}, "owner"),
    ],
)
def test_a_bad_draft_names_its_field_and_publishes_nothing(
    client, tokens, change: dict, field: str
) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.TARGETING_ANALYST)
    before = client.get("/api/rules", headers=headers).json()
    for path, body in (
        ("/api/rules", {**DRAFT, **change}),
        ("/api/rules/backtest", {"rules": [{**DRAFT, **change}]}),
    ):
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field, response.json()
    assert client.get("/api/rules", headers=headers).json() == before


def test_officers_may_not_publish_or_backtest(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.CBP_OFFICER)
    assert client.post("/api/rules", json=DRAFT, headers=headers).status_code == 403
    assert (
        client.post("/api/rules/backtest", json={"rules": [DRAFT]}, headers=headers).status_code
        == 403
    )
