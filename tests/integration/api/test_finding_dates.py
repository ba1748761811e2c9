"""A finding dated 0001-01-01 used to be accepted and open a seizure case with no deadlines
(issue 22, item 5): now a finding date before the entry date or in the future is a 422 naming
`finding_date`, and the hold stays open with no case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.integration.api.targeted_home import bearer, worked_home_fixtures
from tradeguard.domain.roles import Role
from tradeguard.store.exams import HoldRow

worked, api_db, app = worked_home_fixtures("finding-dates")
COUNTERFEIT = {"result": "violation", "pti": "IPR", "violation_type": "counterfeit"}


@pytest.mark.parametrize(
    "finding_date",
    ["0001-01-01", "1999-12-31", (date.today() + timedelta(days=30)).isoformat()],
)
def test_a_finding_outside_its_bounds_is_422_and_writes_nothing(
    client, tokens, api_db, finding_date: str
) -> None:  # type: ignore[no-untyped-def]
    with api_db.session() as session:
        hold_id = session.scalars(
            select(HoldRow.id).where(HoldRow.status != "closed").order_by(HoldRow.id)
        ).first()
    admin = bearer(tokens, Role.ADMIN)
    before = client.get("/api/cases", headers=admin).json()
    response = client.post(
        f"/api/holds/{hold_id}/finding",
        json={**COUNTERFEIT, "finding_date": finding_date},
        headers=bearer(tokens, Role.CBP_OFFICER),
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "finding_date"
    hold = client.get(f"/api/holds/{hold_id}", headers=admin).json()
    assert hold["status"] != "closed" and hold["finding"] is None
    assert client.get("/api/cases", headers=admin).json() == before
