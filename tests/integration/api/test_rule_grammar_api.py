"""Hostile predicates through the API and the rules page: deep nesting and constructs outside
the grammar answer 422 naming the rule (never a 500 or a reset connection), and a published
version the grammar now refuses never stops POST /api/score."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select

from tests.integration.api.targeted_home import bearer, declaration_of, worked_home_fixtures
from tests.integration.targeting.test_rule_grammar_cli import _publish_unchecked
from tradeguard.domain.roles import Role
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow
from tradeguard.web.security import CSRF_HEADER, SESSION_COOKIE

worked, api_db, app = worked_home_fixtures("grammar")

DRAFT = {
    "id": "R-REV-310",
    "name": "Deep rule",
    "rationale": "Written to test the nesting limit of the rule grammar.",
    "pti": "REVENUE",
    "risk": "high",
    "stages": ["entry"],
    "owner": "Revenue NTAG",
}
HOSTILE = [
    ("(" * 43 + "ctpat" + ")" * 43, "nested deeper than 16 levels"),
    ("(" * 1990 + "ctpat" + ")" * 1990, "nested deeper than 16 levels"),
    ("NOT " * 100 + "ctpat", "nested deeper than 16 levels"),
    ("if(value_usd > 1, true, false)", "if is not allowed"),
]


def _refused(response: Any, problem: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == "where"
    assert "R-REV-310" in body["error"] and problem in body["error"]


@pytest.mark.parametrize(("where", "problem"), HOSTILE)
def test_publish_and_backtest_refuse_naming_the_rule(
    client, tokens, where: str, problem: str
) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.TARGETING_ANALYST)
    draft = {**DRAFT, "where": where}
    _refused(client.post("/api/rules", json=draft, headers=headers), problem)
    _refused(client.post("/api/rules/backtest", json={"rules": [draft]}, headers=headers), problem)
    assert client.get("/api/rules/R-REV-310", headers=headers).status_code == 404


@pytest.mark.parametrize(("where", "problem"), HOSTILE[:3])
def test_the_rules_page_refuses_with_422(client, web_sessions, where: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    session = web_sessions[Role.TARGETING_ANALYST]
    client.cookies.set(SESSION_COOKIE, session.session_id)
    form = {**DRAFT, "where": where, "action": "publish"}
    page = client.post("/rules/draft", data=form, headers={CSRF_HEADER: session.csrf_token})
    assert page.status_code == 422
    assert "R-REV-310" in page.text and problem in page.text


def _held_entry(db: Database) -> str:
    with db.session() as session:
        for hold in session.scalars(select(HoldRow).order_by(HoldRow.id)):
            if hold.refs():
                return hold.entry_no
    raise AssertionError("no entry held by a rule")


def test_a_rule_published_before_the_grammar_never_stops_score(
    client, tokens, worked, api_db
) -> None:  # type: ignore[no-untyped-def]
    declaration = declaration_of(worked[0], _held_entry(api_db))
    headers = bearer(tokens, Role.CBP_OFFICER)
    before = client.post("/api/score", json=declaration, headers=headers)
    assert before.status_code == 200 and before.json()["unavailable_rules"] == []
    _publish_unchecked(api_db, "R-REV-311", "if(value_usd > 1, true, false)")
    _publish_unchecked(api_db, "R-REV-312", "(" * 43 + "ctpat" + ")" * 43)
    # Published by another writer: the live scorer picks the versions up in the background
    # (about a second); every score meanwhile is answered, none fails.
    deadline = time.monotonic() + 30
    while True:
        after = client.post("/api/score", json=declaration, headers=headers)
        assert after.status_code == 200, after.text
        if after.json()["unavailable_rules"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert after.json()["unavailable_rules"] == ["R-REV-311@1", "R-REV-312@1"]
    assert after.json()["reasons"] == before.json()["reasons"]
    assert after.json()["lane"] == before.json()["lane"]
