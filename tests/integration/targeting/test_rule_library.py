"""The rule library on the command line: load, list, show, retire, refusal, versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rules import active_rules, load_rules_file
from tradeguard.store.database import Database

runner = CliRunner()

RULE = """
- id: R-SAFE-101
  name: Lithium batteries from China
  rationale: Lithium batteries are a fire risk in transit and often mislabelled.
  pti: SAFETY
  risk: high
  stages: [entry]
  where: "hts6 = '850760' AND origin_country = '{origin}'"
  owner: CTAC
"""


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_fresh_home_has_no_active_rules(home: Path) -> None:
    code, out = _cli("rules", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_load_list_show_and_versions(home: Path, tmp_path: Path) -> None:
    first = _write(tmp_path, RULE.format(origin="CN"))
    code, out = _cli("rules", "load", str(first), "--json")
    assert code == 0 and json.loads(out)["added"] == ["R-SAFE-101@1"]
    code, out = _cli("rules", "load", str(first), "--json")
    assert json.loads(out)["unchanged"] == ["R-SAFE-101@1"]

    edited = _write(tmp_path, RULE.format(origin="VN"), "edited.yaml")
    code, out = _cli("rules", "load", str(edited), "--json")
    assert json.loads(out)["changed"] == ["R-SAFE-101@2"]

    code, out = _cli("rules", "show", "R-SAFE-101", "--json")
    shown = json.loads(out)
    assert shown["version"] == 2 and shown["pti"] == "Import Safety"
    # the published version 1 never changed
    assert [v["status"] for v in shown["versions"]] == ["superseded", "active"]
    assert "'CN'" in shown["versions"][0]["where"] and "'VN'" in shown["where"]

    code, out = _cli("rules", "list", "--json")
    assert [(r["id"], r["version"]) for r in json.loads(out)] == [("R-SAFE-101", 2)]


def test_retire_removes_the_rule_from_targeting(home: Path, tmp_path: Path) -> None:
    _cli("rules", "load", str(_write(tmp_path, RULE.format(origin="CN"))))
    code, out = _cli("rules", "retire", "R-SAFE-101", "--json")
    assert code == 0 and json.loads(out)["status"] == "retired"
    assert json.loads(_cli("rules", "list", "--json")[1]) == []
    assert json.loads(_cli("rules", "list", "--all", "--json")[1])[0]["status"] == "retired"
    assert _cli("rules", "retire", "R-NOPE-1")[0] == 2


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("value_usd > (SELECT 1)", "SELECT"),
        ("value_usd > 1; DELETE FROM rule_versions", "DELETE"),
        ("value_usd > 1 -- sneaky", "sneaky"),
        ("shipper = 'X'", "shipper"),
        ("md5(hts10) = 'x'", "md5"),
    ],
)
def test_a_refused_file_loads_nothing(
    home: Path, tmp_path: Path, where: str, fragment: str
) -> None:
    good = RULE.format(origin="CN")
    bad = good.replace("R-SAFE-101", "R-BAD-007").replace(
        "\"hts6 = '850760' AND origin_country = 'CN'\"", json.dumps(where)
    )
    result = runner.invoke(app, ["rules", "load", str(_write(tmp_path, good + bad)), "--json"])
    assert result.exit_code == 2
    assert "R-BAD-007" in result.stderr and fragment.lower() in result.stderr.lower()
    assert result.stdout == ""
    assert json.loads(_cli("rules", "list", "--json")[1]) == []


def test_bad_fields_are_named(home: Path, tmp_path: Path) -> None:
    bad = RULE.format(origin="CN").replace("risk: high", "risk: urgent")
    result = runner.invoke(app, ["rules", "load", str(_write(tmp_path, bad))])
    assert result.exit_code == 2 and "R-SAFE-101" in result.stderr and "risk" in result.stderr


def test_starter_library_loads_for_all_seven_ptis(home: Path) -> None:
    db = Database(load_settings().effective_database_url)
    for path in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        load_rules_file(db, path)
    ptis = {p.rule.pti for p in active_rules(db)}
    assert len(ptis) == 7


def test_versions_and_audit_on_every_database(database: Database) -> None:
    from tradeguard.services.rules import load_rules, parse_rules, retire_rule
    from tradeguard.store.change_log import change_entries

    load_rules(database, parse_rules(RULE.format(origin="CN")), actor="analyst")
    report = load_rules(database, parse_rules(RULE.format(origin="TH")), actor="analyst")
    assert report.changed == ["R-SAFE-101@2"]
    assert [p.ref for p in active_rules(database)] == ["R-SAFE-101@2"]
    retire_rule(database, "R-SAFE-101", actor="analyst")
    assert active_rules(database) == []
    with database.session() as session:
        actions = [(a.action, a.entity_id) for a in change_entries(session, entity="rule")]
    assert actions == [
        ("retire", "R-SAFE-101@2"),
        ("publish", "R-SAFE-101@2"),
        ("publish", "R-SAFE-101@1"),
    ]
