"""`tradeguard adcvd` on the command line: a generated history end to end with --json, and bad
input refused with exit 2 naming the field and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tradeguard.cli import app

runner = CliRunner()
HEADER = "message_no,case_no,kind,period_from,period_to,final_rate,issued_on\n"


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_history_from_generation_to_the_score(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "adcvd"
    generated = _json(["adcvd", "generate", "--out", str(out), "--lines", "400", "--seed", "4"])
    assert isinstance(generated, dict) and generated["as_of"] == "2026-09-30"
    run = _json(["adcvd", "replay", str(out), "--as-of", "2026-09-30"])
    assert isinstance(run, dict) and run["deposits"] == 400 and run["bills"] > 0
    measures = _json(["adcvd", "measures", "--on", "2026-09-30"])
    assert isinstance(measures, dict)
    assert measures["late"]["lines"] == run["lines_liquidated"]
    assert set(measures["unpaid"]) >= {"count", "uncollected_usd", "by_age"}
    bills = _json(["adcvd", "bills", "--on", "2026-09-30"])
    assert isinstance(bills, list) and len(bills) == run["bills"]
    risk = _json([
        "adcvd", "risk", "--on", "2026-09-30", "--truth", str(out / "adcvd_truth.parquet"),
        "--cutoff", "2025-10-01", "--top", "5",
    ])  # fmt: skip
    assert isinstance(risk, dict)
    evaluation = risk["evaluation"]
    assert evaluation["test_lines"] > 0 and 0 <= evaluation["precision_top_decile"] <= 1
    assert len(evaluation["top"]) == 5
    human = runner.invoke(app, ["adcvd", "measures", "--on", "2026-09-30"])
    assert human.exit_code == 0 and "late liquidations" in human.stderr


def test_bad_instructions_exit_2_naming_the_field(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "instructions.csv"
    good = "M1,A-570-967,no_review,2024-10-01,2025-09-30,,2025-12-01\n"
    for row, field in [
        ("M2,A-123-456,review,2024-10-01,2025-09-30,1.2,2025-12-01\n", "case_no"),
        ("M2,A-570-967,review,2024-10-01,2025-09-30,-1.2,2025-12-01\n", "final_rate"),
    ]:
        path.write_text(HEADER + good + row)
        result = runner.invoke(app, ["adcvd", "instructions", "import", str(path)])
        assert result.exit_code == 2 and field in result.stderr
    path.write_text(HEADER + good)
    loaded = runner.invoke(app, ["adcvd", "instructions", "import", str(path), "--json"])
    assert loaded.exit_code == 0 and json.loads(loaded.stdout)["message_numbers"] == ["M1"]
    assert runner.invoke(app, ["adcvd", "liquidate", "--instruction", "NONE"]).exit_code == 2
    late = runner.invoke(app, ["adcvd", "liquidate", "--instruction", "M1", "--cause", "x"])
    assert late.exit_code == 2 and "cause" in late.stderr
    missing = runner.invoke(app, ["adcvd", "pay", "--entry", "X", "--line", "1", "--amount", "5"])
    assert missing.exit_code == 2
