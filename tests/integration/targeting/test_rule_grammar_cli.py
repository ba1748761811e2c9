"""Hostile and legacy predicates on the command line: `rules load` refuses deep nesting and
constructs outside the grammar with exit 2 naming the rule (never a traceback), and a published
version the grammar now refuses never stops `score`, while `target` refuses to run on it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.integration.targeting.test_target import _lake
from tests.unit.targeting.lake import entry_no
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.domain.rule import Rule
from tradeguard.services.rules import active_rules, load_rules, parse_rules
from tradeguard.store import rules as store
from tradeguard.store.database import Database

runner = CliRunner()

RULE = """
- id: R-REV-300
  name: Deep rule
  rationale: Written to test the nesting limit of the rule grammar.
  pti: REVENUE
  risk: high
  stages: [entry]
  where: "{where}"
  owner: Revenue NTAG
"""
GOOD = "hts4 = '8507'"
HOSTILE = [
    ("(" * 43 + "ctpat" + ")" * 43, "nested deeper than 16 levels"),
    ("(" * 1990 + "ctpat" + ")" * 1990, "nested deeper than 16 levels"),
    ("NOT " * 100 + "ctpat", "nested deeper than 16 levels"),
    ("if(value_usd > 1, true, false)", "if is not allowed"),
    ("CASE spi WHEN 'A' THEN TRUE END", "CASE WHEN column = value"),
]


@pytest.mark.parametrize(("where", "problem"), HOSTILE)
def test_rules_load_refuses_naming_the_rule(
    home: Path, tmp_path: Path, where: str, problem: str
) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULE.format(where=where))
    result = runner.invoke(app, ["rules", "load", str(path), "--json"])
    assert result.exit_code == 2, result.output
    assert "R-REV-300" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert active_rules(Database(load_settings().effective_database_url)) == []


def _publish_unchecked(db: Database, rule_id: str, where: str) -> None:
    """A version stored as an older, laxer validator let it through."""
    rule = Rule.model_validate(
        {
            "id": rule_id,
            "name": "Published before the grammar",
            "rationale": "Stands for a rule version stored under an older validator.",
            "pti": "REVENUE",
            "risk": "mandatory",
            "stages": ["entry"],
            "where": where,
            "owner": "Revenue NTAG",
        }
    )
    with db.session() as session:
        session.add(
            store.RuleVersion(
                rule_id=rule.id,
                version=1,
                status=store.ACTIVE,
                content=store.content_json(rule),
                content_sha256=store.content_sha(rule),
                created_at=datetime.now(UTC),
                created_by="legacy",
            )
        )


def test_a_rule_published_before_the_grammar_never_stops_score(home: Path, tmp_path: Path) -> None:
    _lake(home)
    db = Database(load_settings().effective_database_url)
    load_rules(db, parse_rules(RULE.replace("R-REV-300", "R-REV-301").format(where=GOOD)))
    _publish_unchecked(db, "R-REV-302", "if(value_usd > 1, true, false)")
    _publish_unchecked(db, "R-REV-303", "NOT " * 100 + "ctpat")
    declaration = {
        "entry_no": entry_no(77),
        "entry_date": "2026-03-02",
        "port_code": "2704",
        "mode": "air",
        "entry_type": "01",
        "filer_code": "ABC",
        "importer_id": "IMP-NEW",
        "ctpat": False,
        "isa": False,
        "bond_type": "continuous",
        "bond_amount_usd": "50000.00",
        "lines": [
            {
                "line_no": 1,
                "manufacturer_id": "CNX",
                "origin_country": "CN",
                "export_country": "CN",
                "hts10": "8507600020",
                "quantity": "10",
                "unit": "KG",
                "value_usd": "1000.00",
                "duty_rate": "0",
                "duty_usd": "0.00",
            },
        ],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(declaration))
    result = runner.invoke(app, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert [r["rule_id"] for r in scored["reasons"]] == ["R-REV-301"]
    assert scored["lane"] == "discretionary"
    assert scored["unavailable_rules"] == ["R-REV-302@1", "R-REV-303@1"]

    batch = runner.invoke(app, ["target", "--json"])
    assert batch.exit_code == 2 and "R-REV-302" in batch.stderr
