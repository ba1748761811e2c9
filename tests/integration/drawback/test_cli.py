"""The drawback and bonds command groups: --json documents, exit 2 naming the field with
nothing written, exit 1 when a check finds a problem (a bond short)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2
from tests.integration.drawback.test_claims import filing
from tradeguard.cli import app

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _claim_file(tmp_path: Path, **overrides: Any) -> str:
    document = filing(**overrides).model_dump(mode="json")
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(document))
    return str(path)


def _claims() -> list[dict[str, Any]]:
    result = _run("drawback", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["claims"]


def test_bad_claims_exit_2_naming_the_field_and_write_nothing(lake: Path, tmp_path: Path) -> None:
    over = _run("drawback", "file", _claim_file(tmp_path, refund_requested_usd="495.01"))
    assert over.exit_code == 2 and "99%" in over.stderr
    unknown = {"entry_no": ENTRY_2, "line_no": 5, "duty_usd": "1.00"}
    result = _run("drawback", "file", _claim_file(tmp_path, designations=[unknown]))
    assert result.exit_code == 2 and "not among the entries ingested" in result.stderr
    path = tmp_path / "bad.json"
    document = filing().model_dump(mode="json")
    document["designations"][0]["entry_no"] = "ABC-0000001-0"
    path.write_text(json.dumps(document))
    result = _run("drawback", "file", str(path))
    assert result.exit_code == 2 and "designations[0].entry_no" in result.stderr
    assert _claims() == []


def test_a_claim_from_filing_to_the_loss_estimate(lake: Path, tmp_path: Path) -> None:
    filed = _run("drawback", "file", _claim_file(tmp_path, accelerated=True), "--json")
    assert filed.exit_code == 0, filed.output
    assert json.loads(filed.stdout)["filed"][0]["refund_limit_cents"] == 49_500
    held = _run("drawback", "pay", "DB-1", "--json")
    assert held.exit_code == 1 and json.loads(held.stdout)["bond_shortfall_cents"] == 49_500
    assert _run("drawback", "bond-sufficiency", "--json").exit_code == 1
    bond = _run("drawback", "bond", "EXP-1", "--bond-no", "B-1", "--amount", "600.00")
    assert bond.exit_code == 0
    paid = _run("drawback", "pay", "DB-1", "--on", "2026-06-02", "--json")
    assert paid.exit_code == 0 and json.loads(paid.stdout)["status"] == "paid"
    assert _run("drawback", "bond-sufficiency").exit_code == 0
    drawn = json.loads(_run("drawback", "sample", "--size", "4", "--json").stdout)
    assert drawn["sampled_claims"] == ["DB-1"]
    bad = _run("drawback", "review", "DB-1", "--overpaid", "1.234", "--finding", "x")
    assert bad.exit_code == 2 and "overpaid" in bad.stderr
    assert (
        _run("drawback", "review", "DB-1", "--overpaid", "495", "--finding", "no export").exit_code
        == 0
    )
    loss = json.loads(_run("drawback", "loss", "--json").stdout)["estimate"]
    assert (loss["estimate_cents"], loss["low_cents"], loss["high_cents"]) == (49_500,) * 3
    assert _run("drawback", "liquidate", "DB-1", "--json").exit_code == 0
    assert _run("drawback", "deny", "DB-1").exit_code == 2  # liquidated: no further move


def test_bonds_from_register_to_monitoring(lake: Path, tmp_path: Path) -> None:
    bonds = [
        {
            "bond_no": "STB-1",
            "surety_code": "S01",
            "importer_id": "IMP-0001",
            "amount_usd": "100.00",
            "registered_on": "2026-03-01",
        },
    ]
    path = tmp_path / "bonds.json"
    path.write_text(json.dumps(bonds))
    assert _run("bonds", "register", str(path), "--json").exit_code == 0
    assert _run("bonds", "register", str(path)).exit_code == 2  # already registered
    short = _run("bonds", "present", "STB-1", ENTRY_2, "--on", "2026-03-03", "--json")
    assert short.exit_code == 1 and json.loads(short.stdout)["shortfall_cents"] == 515_000
    assert _run("bonds", "present", "STB-1", ENTRY_1).exit_code == 2
    report = json.loads(_run("bonds", "monitor", "--as-of", "2026-06-01", "--json").stdout)
    assert [b["bond_no"] for b in report["insufficient"]] == ["STB-1"]
    assert report["reused"] == [{"bond_no": "STB-1", "entries": [ENTRY_2, ENTRY_1]}]
    assert _run("bonds", "claim", "STB-1", "--json").exit_code == 0
    assert _run("bonds", "release", "STB-1").exit_code == 2
    bad = _run("bonds", "monitor", "--as-of", "yesterday")
    assert bad.exit_code == 2 and "as_of" in bad.stderr
