"""`/api/oversight` answers what `tradeguard oversight --json` prints, to the oversight roles
only; a GET records nothing, a POST keeps the changes. The in-bond purge is management's, and
the change log keeps who purged."""

from __future__ import annotations

from datetime import date

from tests.integration.api.conftest import settings_for
from tests.integration.api.targeted_home import bearer
from tradeguard.domain.roles import Role
from tradeguard.services.change_log import read_change_log
from tradeguard.services.oversight import track


def test_the_tracker_document_for_oversight_roles(client, tokens, api_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    manager = bearer(tokens, Role.PTI_MANAGER)
    assert client.get("/api/oversight").status_code == 401
    assert client.get("/api/oversight", headers=bearer(tokens, Role.CBP_OFFICER)).status_code == 403
    response = client.get("/api/oversight?fy=2026&as_of=2026-09-30", headers=manager)
    assert response.status_code == 200, response.text
    document = response.json()
    expected = track(api_db, settings_for(tmp_path), 2026, as_of=date(2026, 9, 30), record=False)
    assert document == expected.as_json()
    assert len(document["recommendations"]) == 29 and document["changes"] == []
    drawback = next(r for r in document["recommendations"] if r["id"] == "OIG-15-76-4")
    assert drawback["evidence"]["status"] == "no data"
    assert "accelerated" in drawback["evidence"]["figures"]["reason"]
    bad = client.get("/api/oversight?as_of=2026-02-30", headers=manager)
    assert bad.status_code == 422


def test_a_run_keeps_the_changes_once(client, tokens) -> None:  # type: ignore[no-untyped-def]
    admin = bearer(tokens, Role.ADMIN)
    first = client.post("/api/oversight/runs?fy=2026", headers=admin).json()
    again = client.post("/api/oversight/runs?fy=2026", headers=admin).json()
    assert len(first["changes"]) == 29 and again["changes"] == []
    kept = client.get("/api/oversight/history", headers=admin).json()["changes"]
    assert len(kept) >= 29


def test_the_inbond_purge_is_managements_and_logged(client, tokens, api_db) -> None:  # type: ignore[no-untyped-def]
    officer = bearer(tokens, Role.CBP_OFFICER)
    assert client.post("/api/inbond/retention/purge", headers=officer).status_code == 403
    response = client.post("/api/inbond/retention/purge", headers=bearer(tokens, Role.MANAGEMENT))
    assert response.status_code == 200, response.text
    assert {"as_of", "purged", "documents_deleted", "held_by_claims"} <= set(response.json())
    logged = [c for c in read_change_log(api_db, entity="inbond") if c.action == "inbond.purge"]
    assert logged and logged[0].actor == "management"
