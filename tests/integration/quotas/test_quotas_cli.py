"""`tradeguard quotas`: the status by period after ingest charges the lines, exit 2 on bad input,
and a rule on `quota_filled` holds exactly the entries over the filled quota."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.factories import declaration_row, write_csv
from tradeguard.cli import app

runner = CliRunner()

QUOTA_RULE = """
- id: R-Q-001
  name: In-quota beef after the quota filled
  rationale: The quota was filled before this line was presented.
  pti: Agriculture Programs
  risk: mandatory
  stages: [entry]
  where: "quota_filled"
  owner: Agriculture and Prepared Products
"""


def beef(serial: int, day: str, kg: str, origin: str = "BR") -> dict[str, str]:
    return declaration_row(
        serial, 1, entry_date=day, origin_country=origin, export_country=origin,
        manufacturer_id=f"{origin}BEEFPAC1SAO", hts10="0202201000", quantity=kg, unit="kg",
        description="frozen beef cuts",
    )  # fmt: skip


def test_status_after_ingest_and_a_rule_on_quota_filled(home: Path, tmp_path: Path) -> None:
    rows = [
        beef(1, "2026-01-02", "40000000"),
        beef(2, "2026-01-05", "25000000"),  # fills to 65,000,000: 5,000 kg left
        beef(3, "2026-01-05", "12000.5"),  # 5,000 within, 7,001 over: the fill point
        beef(4, "2026-01-20", "300"),  # over
        beef(5, "2026-01-20", "9000", origin="AU"),  # Australia's own quota, far from full
        beef(6, "2025-12-30", "70000000"),  # last calendar year: its own period, over
    ]
    path = write_csv(tmp_path / "beef.csv", rows)
    assert runner.invoke(app, ["ingest", str(path), "--json"]).exit_code == 0
    result = runner.invoke(app, ["quotas", "status", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    by_key = {(p["quota_id"], p["period"]): p for p in report["periods"]}
    other = by_key[("BEEF-OTHER", "2026")]
    assert (other["in_quota"], other["over_quota"], other["remaining"]) == (65_005_000, 7_301, 0)
    assert (other["filled_on"], other["entries_over"], other["lines"]) == ("2026-01-05", 2, 4)
    assert by_key[("BEEF-OTHER", "2025")]["over_quota"] == 70_000_000 - 65_005_000
    assert by_key[("BEEF-AU", "2026")]["filled"] is False
    assert report["entries_over"] == 3
    one = json.loads(runner.invoke(app, ["quotas", "status", "--period", "2025", "--json"]).stdout)
    assert [p["period"] for p in one["periods"]] == ["2025"]

    bad = runner.invoke(app, ["quotas", "status", "--quota", "BEEF-XX", "--json"])
    assert bad.exit_code == 2 and "quota" in bad.stderr and bad.stdout == ""
    listed = json.loads(runner.invoke(app, ["quotas", "list", "--json"]).stdout)
    assert {"BEEF-OTHER", "SCP-CA", "AL232-AR"} <= {q["quota_id"] for q in listed["quotas"]}

    rules = tmp_path / "quota.yaml"
    rules.write_text(QUOTA_RULE)
    assert runner.invoke(app, ["rules", "load", str(rules)]).exit_code == 0
    target = runner.invoke(app, ["target", "--json"])
    assert target.exit_code == 0, target.stderr
    assert json.loads(target.stdout)["rule_hits"]["R-Q-001"] == 3
