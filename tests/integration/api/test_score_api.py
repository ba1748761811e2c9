"""POST /api/score: one declaration, the same lane and reasons as `tradeguard score --json`,
no predicate in the answer, and bad declarations refused with the field named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.integration.api.targeted_home import bearer, declaration_of, worked_home_fixtures
from tradeguard.cli import app as cli
from tradeguard.domain.roles import Role
from tradeguard.services.rules import show_rule
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow

worked, api_db, app = worked_home_fixtures("score")


def _held_entry(db: Database) -> str:
    with db.session() as session:
        for hold in session.scalars(select(HoldRow).order_by(HoldRow.id)):
            if hold.refs():
                return hold.entry_no
    raise AssertionError("no entry held by a rule")


def test_the_api_scores_as_the_command_line_does(
    client, tokens, worked, api_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    settings, _ = worked
    declaration = declaration_of(settings, _held_entry(api_db))
    response = client.post("/api/score", json=declaration, headers=bearer(tokens, Role.CBP_OFFICER))
    assert response.status_code == 200, response.text
    api = response.json()
    assert api["lane"] in ("mandatory", "discretionary") and api["reasons"]

    path = tmp_path / "declaration.json"
    path.write_text(json.dumps(declaration))
    monkeypatch.setenv("TRADEGUARD_HOME", str(settings.home))
    monkeypatch.delenv("TRADEGUARD_DATABASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert {k: v for k, v in api.items() if k != "ms"} == {
        k: v for k, v in printed.items() if k != "ms"
    }

    for reason in api["reasons"]:
        assert show_rule(api_db, reason["rule_id"]).latest.where not in response.text


def test_a_newly_published_rule_is_used_at_once(client, tokens, worked, api_db) -> None:  # type: ignore[no-untyped-def]
    settings, _ = worked
    declaration = declaration_of(settings, _held_entry(api_db))
    entry_no = declaration["lines"][0]["entry_no"]
    rule = {
        "id": "R-REV-900",
        "name": "This one entry, for the test",
        "rationale": "Published during the test to prove the scorer reloads new rules.",
        "pti": "Revenue",
        "risk": "mandatory",
        "stages": ["entry"],
        "where": f"entry_no = '{entry_no}'",
        "owner": "Revenue NTAG",
    }
    published = client.post("/api/rules", json=rule, headers=bearer(tokens, Role.TARGETING_ANALYST))
    assert published.status_code == 201
    scored = client.post("/api/score", json=declaration, headers=bearer(tokens, Role.CBP_OFFICER))
    assert scored.json()["lane"] == "mandatory"
    assert "R-REV-900" in [r["rule_id"] for r in scored.json()["reasons"]]


@pytest.mark.parametrize(
    ("mangle", "field"),
    [
        (lambda d: {**d, "lines": []}, "body.lines"),
        (lambda d: {"lines": [{**d["lines"][0], "hts10": "12"}]}, "hts10"),
        (lambda d: {"lines": [{**d["lines"][0], "value_usd": "-5"}]}, "value_usd"),
        (
            lambda d: {"lines": [d["lines"][0], {**d["lines"][0], "entry_no": "XYZ-0000001-1"}]},
            "entry_no",
        ),
    ],
)
def test_a_bad_declaration_names_the_field(
    client, tokens, worked, api_db, mangle, field: str
) -> None:  # type: ignore[no-untyped-def]
    declaration = declaration_of(worked[0], _held_entry(api_db))
    response = client.post(
        "/api/score", json=mangle(declaration), headers=bearer(tokens, Role.CBP_OFFICER)
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


def test_roles_without_score_are_refused(client, tokens, worked, api_db) -> None:  # type: ignore[no-untyped-def]
    declaration = declaration_of(worked[0], _held_entry(api_db))
    response = client.post("/api/score", json=declaration, headers=bearer(tokens, Role.MANAGEMENT))
    assert response.status_code == 403
