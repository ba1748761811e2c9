"""Quotas through the API and the page: the status by period after ingest charged the lines;
roles; a bad period or quota names the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import declaration_row, write_csv
from tests.integration.api.conftest import settings_for
from tests.integration.api.targeted_home import bearer
from tradeguard.app import create_app
from tradeguard.domain.roles import Role
from tradeguard.services.ingest import ingest
from tradeguard.store.database import Database
from tradeguard.web.security import SESSION_COOKIE


def beef(serial: int, day: str, kg: str) -> dict[str, str]:
    return declaration_row(
        serial, 1, entry_date=day, origin_country="BR", export_country="BR",
        manufacturer_id="BRBEEFPAC1SAO", hts10="0202201000", quantity=kg, unit="kg",
        description="frozen beef cuts",
    )  # fmt: skip


def quota_home(home: Path) -> Path:
    rows = [
        beef(1, "2026-01-02", "60000000"),
        beef(2, "2026-01-03", "6000000"),
        beef(3, "2026-01-04", "10"),
    ]
    ingest([write_csv(home / "beef.csv", rows)], settings_for(home))
    return home


@pytest.fixture(scope="module")
def app(api_db: Database, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = quota_home(tmp_path_factory.mktemp("quota-home"))
    return create_app(settings_for(home), database=api_db)


def test_status_by_period_for_the_roles_that_may_see_it(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/quotas/status", headers=bearer(tokens, Role.PTI_MANAGER))
    assert response.status_code == 200, response.text
    (period,) = response.json()["periods"]
    assert (period["quota_id"], period["period"], period["filled_on"]) == (
        "BEEF-OTHER", "2026", "2026-01-03",
    )  # fmt: skip
    assert period["over_quota"] == 66_000_010 - 65_005_000 and period["entries_over"] == 2
    one = client.get("/api/quotas/status?period=2025", headers=bearer(tokens, Role.ADMIN))
    assert one.json()["periods"] == []
    listed = client.get("/api/quotas", headers=bearer(tokens, Role.CBP_OFFICER)).json()
    assert "BEEF-OTHER" in {q["quota_id"] for q in listed["quotas"]}
    refused = client.get("/api/quotas/status", headers=bearer(tokens, Role.FPF_SPECIALIST))
    assert refused.status_code == 403


def test_a_bad_period_or_quota_names_the_field(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.MANAGEMENT)
    bad = client.get("/api/quotas/status?period=26", headers=headers)
    assert bad.status_code == 422 and bad.json()["field"] == "query.period"
    unknown = client.get("/api/quotas/status?quota=BEEF-XX", headers=headers)
    assert unknown.status_code == 422 and unknown.json()["field"] == "quota"


def test_the_page_shows_the_filled_period(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set(SESSION_COOKIE, web_sessions[Role.TARGETING_ANALYST].session_id)
    page = client.get("/quotas")
    assert page.status_code == 200
    assert 'data-quota="BEEF-OTHER" data-period="2026"' in page.text
    assert "2026-01-03" in page.text and "Proclamation 9758" in page.text
