"""The `tradeguard cases` commands: one JSON document with --json, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tradeguard.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["cases", *args])
    return result.exit_code, result.stdout, result.stderr


def test_open_move_show_list_due_report(home: Path) -> None:
    code, out, _ = run(
        "open", "--kind", "penalty", "--pti", "revenue", "--amount", "1,000.00", "--maximum",
        "5000", "--violation-date", "2024-01-02", "--on", "2024-03-01", "--json",
    )  # fmt: skip
    assert code == 0
    case = json.loads(out)
    assert (case["id"], case["state"], case["demanded"]) == (1, "open", "1000.00")
    code, out, _ = run("move", "1", "--to", "prepenalty_notice", "--version", "1", "--json")
    assert code == 0 and json.loads(out)["version"] == 2
    code, out, err = run("move", "1", "--to", "penalty_notice", "--version", "1")
    assert code == 2 and out == "" and "version 2, not 1" in err
    code, out, err = run("move", "1", "--to", "penalty_notice", "--amount", "9000")
    assert code == 2 and "statutory maximum" in err
    code, out, _ = run("move", "1", "--to", "penalty_notice", "--amount", "4000", "--json")
    assert code == 0 and json.loads(out)["assessed"] == "4000.00"
    code, out, _ = run("list", "--pti", "REVENUE", "--json")
    assert [c["id"] for c in json.loads(out)] == [1]
    code, out, _ = run("due", "--today", "2029-02-01", "--json")
    rows = json.loads(out)
    assert rows[0]["status"] == "overdue" and {r["name"] for r in rows} == {
        "petition or payment", "statute of limitations",
    }  # fmt: skip
    code, out, _ = run("report", "--fy", "2024", "--json")
    assert json.loads(out)["totals"]["penalties"]["assessed"] == "4000.00"
    code, out, _ = run("move", "1", "--to", "paid", "--amount", "60", "--json")
    assert code == 0
    code, out, _ = run("report", "--json")  # the latest fiscal year with a case: FY2024
    report = json.loads(out)
    assert report["fiscal_year"] == 2024 and report["totals"]["closed_by_kind"] == {"penalty": 1}
    assert report["totals"]["ratios"]["penalties_collected_of_assessed"] == 0.015
    code, _, err = run("report")  # tables go to the terminal (stderr)
    assert code == 0 and "penalties collected 1.5% of assessed" in " ".join(err.split())
    code, out, _ = run("show", "1", "--json")
    assert [h["to"] for h in json.loads(out)["history"]][-2:] == ["penalty_notice", "paid"]


def test_bad_input_names_the_field(home: Path) -> None:
    code, out, err = run("open", "--kind", "parking", "--pti", "revenue")
    assert code == 2 and out == "" and "kind" in err
    code, _, err = run("open", "--kind", "penalty", "--pti", "revenue", "--amount", "1.005")
    assert code == 2 and "amount" in err
    code, _, err = run("show", "42")
    assert code == 2 and "does not exist" in err
    code, _, err = run("due", "--within", "-1")
    assert code == 2 and "within" in err


def test_bond_check_and_inventory(home: Path) -> None:
    code, out, _ = run(
        "bond-check", "--importer", "IMP-1", "--current", "50000", "--dtf", "1234567", "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["required"] == "130000.00" and result["case_id"] == 1
    code, out, _ = run("inventory", "--json")
    assert code == 0 and json.loads(out) == []
