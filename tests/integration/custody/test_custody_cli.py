"""The `tradeguard inbond` and `tradeguard facilities` commands: one JSON document with --json,
exit 2 naming the field on bad input, and nothing written then."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner

from tradeguard.cli import app

runner = CliRunner()
TODAY = date.today()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def authorize(number: str, *extra: str) -> tuple[int, str, str]:
    departed = (TODAY - timedelta(days=45)).isoformat()
    return run(
        "inbond",
        "authorize",
        "--inbond-no",
        number,
        "--type",
        "te",
        "--origin",
        "2704",
        "--destination",
        "3901",
        "--carrier",
        "SWFT",
        "--bond",
        "SWFT-CB1",
        "--value",
        "12,500.00",
        "--departed",
        departed,
        *extra,
    )


def test_an_in_bond_movement_from_the_command_line(home: Path) -> None:
    code, out, _ = authorize("100000001", "--application", "edi:7512:1", "--json")
    assert code == 0 and json.loads(out)["state"] == "in_transit"
    code, out, _ = run("inbond", "overdue", "--json")
    assert code == 0 and json.loads(out)["ports"][0]["movements"][0]["inbond_no"] == "100000001"
    arrived = (TODAY - timedelta(days=40)).isoformat()
    code, out, _ = run(
        "inbond",
        "arrive",
        "100000001",
        "--on",
        arrived,
        "--reported-on",
        arrived,
        "--proof",
        "edi:a",
        "--json",
    )
    assert code == 0 and json.loads(out)["state"] == "arrived"
    code, out, _ = run("inbond", "default", "100000001", "--json")
    claims = json.loads(out)["claims"]
    assert [c["breach"] for c in claims] == ["failure_to_export"] and claims[0][
        "amount"
    ] == "12500.00"
    code, out, _ = run("inbond", "retention", "--json")
    assert code == 0 and json.loads(out)["missing_documents"] == []
    code, out, _ = run("cases", "list", "--kind", "liquidated_damages", "--json")
    assert [c["subtype"] for c in json.loads(out)] == ["failure_to_export"]
    for command in (["list"], ["show", "100000001"], ["claims"], ["purge"]):
        code, out, _ = run("inbond", *command, "--json")
        assert code == 0 and json.loads(out) is not None


def test_bad_in_bond_input_exits_2_naming_the_field_and_writes_nothing(home: Path) -> None:
    code, out, err = run(
        "inbond",
        "authorize",
        "--inbond-no",
        "100000001",
        "--type",
        "it",
        "--origin",
        "2704",
        "--destination",
        "0000",
        "--carrier",
        "SWFT",
        "--bond",
        "B1",
        "--value",
        "10",
        "--departed",
        TODAY.isoformat(),
    )
    assert code == 2 and out == "" and "destination_port" in err
    for args, field in [
        (("--value", "ten"), "value"),
        (("--departed", "yesterday"), "departed_on"),
        (("--type", "teleport"), "type"),
    ]:
        code, _, err = run(
            "inbond",
            "authorize",
            "--inbond-no",
            "100000002",
            "--type",
            "it",
            "--origin",
            "2704",
            "--destination",
            "3901",
            "--carrier",
            "SWFT",
            "--bond",
            "B1",
            "--value",
            "10",
            "--departed",
            TODAY.isoformat(),
            *args,
        )
        assert code == 2 and field in err, (field, err)
    code, out, _ = run("inbond", "list", "--json")
    assert json.loads(out) == []
    code, _, err = run("inbond", "show", "999999999")
    assert code == 2 and "999999999" in err


def test_a_facility_gets_a_risk_level_only_from_a_review_with_evidence(home: Path) -> None:
    code, out, _ = run(
        "facilities",
        "register",
        "--code",
        "N774",
        "--name",
        "Harbor",
        "--kind",
        "bw",
        "--class",
        "8",
        "--operator",
        "Harbor Logistics",
        "--port",
        "1401",
        "--bond",
        "WB1",
        "--bond-amount",
        "50000",
        "--registered",
        "2024-01-02",
        "--json",
    )
    assert code == 0 and json.loads(out)["risk_level"] is None
    code, out, err = run(
        "facilities",
        "review",
        "N774",
        "--on",
        TODAY.isoformat(),
        "--reviewer",
        "auditor",
        "--risk",
        "high",
    )
    assert code == 2 and out == "" and "evidence" in err
    code, out, _ = run("facilities", "show", "N774", "--json")
    assert json.loads(out)["reviews"] == []
    code, out, _ = run(
        "facilities",
        "review",
        "N774",
        "--on",
        TODAY.isoformat(),
        "--reviewer",
        "auditor",
        "--risk",
        "high",
        "--evidence",
        "r:1",
        "--evidence",
        "c:2",
        "--json",
    )
    assert code == 0 and json.loads(out)["risk_level"] == "high"
    imported = (TODAY - timedelta(days=2000)).isoformat()
    code, out, _ = run(
        "facilities",
        "admit",
        "N774",
        "--entry",
        "ABC12345675",
        "--description",
        "wine",
        "--quantity",
        "10",
        "--value",
        "900",
        "--imported",
        imported,
        "--json",
    )
    assert code == 0
    code, out, _ = run("facilities", "over-limit", "--json")
    assert [g["facility"] for g in json.loads(out)["goods"]] == ["N774"]
    code, out, err = run("facilities", "withdraw", "1", "--quantity", "11", "--purpose", "export")
    assert code == 2 and "remain" in err
    for command in (["list"], ["goods", "N774"], ["reconcile"], ["reviews-due"]):
        code, out, _ = run("facilities", *command, "--json")
        assert code == 0 and json.loads(out) is not None
    code, _, err = run(
        "facilities",
        "register",
        "--code",
        "N775",
        "--name",
        "x",
        "--kind",
        "ftz",
        "--class",
        "3",
        "--operator",
        "o",
        "--port",
        "1401",
        "--bond",
        "b",
        "--bond-amount",
        "1",
        "--registered",
        "2024-01-02",
    )
    assert code == 2 and "class" in err
