"""PTI plans through the API: the same report `tradeguard performance report --json` gives."""

from __future__ import annotations

from datetime import date

from tests.integration.api.targeted_home import bearer
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.pti import PTI
from tradeguard.domain.roles import Role
from tradeguard.web.security import SESSION_COOKIE


def test_the_report_has_every_pti_with_actual_and_target(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/plans/report?fy=2026", headers=bearer(tokens, Role.PTI_MANAGER))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["fy"] == 2026
    assert {p["pti"] for p in body["plans"]} == {p.value for p in PTI}
    measures = [m for p in body["plans"] for m in p["measures"]]
    assert measures and all({"actual", "target", "status"} <= set(m) for m in measures)
    assert sum(body["statuses"].values()) == len(measures)


def test_one_pti_only(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        "/api/plans/report?fy=2026&pti=IPR", headers=bearer(tokens, Role.MANAGEMENT)
    )
    assert {p["pti"] for p in response.json()["plans"]} == {"Intellectual Property Rights"}


def test_bad_input_names_the_field(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.PTI_MANAGER)
    year = client.get("/api/plans/report?fy=1700", headers=headers)
    assert year.status_code == 422 and year.json()["field"] == "query.fy"
    pti = client.get("/api/plans/report?fy=2026&pti=Piracy", headers=headers)
    assert pti.status_code == 422 and pti.json()["field"] == "pti"


def test_officers_do_not_see_plans(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/plans/report", headers=bearer(tokens, Role.CBP_OFFICER))
    assert response.status_code == 403


def test_the_report_carries_the_plan_inventory(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.PTI_MANAGER)
    body = client.get("/api/plans/report?fy=2026", headers=headers).json()
    assert {p["status"] for p in body["ptis"]} == {"current"} and body["problems"] == []
    assert all(m["target"] is not None for p in body["plans"] for m in p["measures"])
    # with no data at all, the report opens on this fiscal year
    today = fiscal_year(date.today())
    assert client.get("/api/plans/report", headers=headers).json()["fy"] == today


def test_the_performance_page_shows_table_11_and_each_target_with_its_reason(
    client, web_sessions
) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set(SESSION_COOKIE, web_sessions[Role.PTI_MANAGER].session_id)
    page = client.get("/performance?fy=2026")
    assert page.status_code == 200, page.text
    assert "Table 11" in page.text and 'id="plan-inventory"' in page.text
    assert "FY2026" in page.text and "importers with clean findings leave a rule" in page.text
