"""The demo's loop on the hand-made run, and the command line's JSON contract."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl
from sqlalchemy import select
from typer.testing import CliRunner

from tests.integration.exams.conftest import World, entry
from tradeguard.cli import app
from tradeguard.services import exam_simulation, exams
from tradeguard.services.exam_simulation import simulate_results
from tradeguard.store.exams import HoldRow

runner = CliRunner()


def _truth(tmp_path: Path) -> Path:
    """Entry #1 (mandatory) and #5 (random) are undervalued; the rest are clean."""
    rows = []
    for serial in range(1, 10):
        bad = serial in (1, 5)
        rows.append(
            {
                "entry_no": entry(serial), "line_no": 1, "violation": bad,
                "pti": "Revenue" if bad else None,
                "violation_type": "undervaluation" if bad else "",
                "true_hts10": "9503000073", "true_origin": "CN",
                "true_value_usd": Decimal("30000.00") if bad else Decimal("10000.00"),
            }
        )  # fmt: skip
    path = tmp_path / "truth.parquet"
    pl.DataFrame(rows).write_parquet(path)
    return path


def test_simulated_exams_are_deterministic_for_a_seed(world: World, tmp_path: Path) -> None:
    exams.plan_exams(world.db, capacity_scale=Decimal(20))
    with world.db.session() as session:
        holds = list(session.scalars(select(HoldRow).where(HoldRow.status == "planned")))
    truth = _truth(tmp_path)
    first = simulate_results(holds, truth, seed=3)
    assert first == simulate_results(holds, truth, seed=3)
    assert len(first) == len(holds)
    found = {r.hold_id for r in first if r.found is not None}
    bad_holds = {h.id for h in holds if h.entry_no in (entry(1), entry(5))}
    assert found <= bad_holds  # exams never find what is not there


def test_the_exam_cycle_closes_every_planned_hold(world: World, tmp_path: Path) -> None:
    summary = exam_simulation.run_exam_cycle(world.db, world.settings, _truth(tmp_path), seed=11)
    assert summary.mandatory == 1 and summary.random_examined == 4
    # the mandatory, four random exams and the Center review
    assert summary.findings == 6
    assert 0 <= summary.violations <= 2
    assert (world.settings.home / "findings" / "findings.parquet").exists()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_exams_plan_json_has_exactly_the_documented_keys(world: World) -> None:
    code, out = _run("exams", "plan", "--json", "--capacity-scale", "2")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["ports"]
    assert set(document["ports"][0]) == {
        "port", "capacity_hours", "hours_used", "mandatory", "discretionary_examined",
        "random_examined", "missed", "missed_expected_yield", "backlog_hours", "explored",
    }  # fmt: skip


def test_bad_input_exits_2_and_names_the_field(world: World, tmp_path: Path) -> None:
    code, _ = _run("exams", "plan", "--capacity-scale", "lots")
    assert code == 2
    code, _ = _run("exams", "plan", "--date", "2026-03-02", "--from", "2026-03-01")
    assert code == 2
    results = tmp_path / "results.csv"
    results.write_text("hold_id,result\n999,clean\n")
    assert _run("exams", "record", str(results))[0] == 2


def test_record_from_csv_then_reports_as_json(world: World, tmp_path: Path) -> None:
    _run("exams", "plan", "--json")
    with world.db.session() as session:
        hold_id = session.scalars(select(HoldRow.id).where(HoldRow.entry_no == entry(4))).one()
    results = tmp_path / "results.csv"
    results.write_text(f"hold_id,result\n{hold_id},clean\n")
    code, out = _run("exams", "record", str(results), "--json")
    assert code == 0 and json.loads(out)["recorded"] == 1
    for command in (["exams", "overdue"], ["exams", "centers"], ["exams", "compliance"]):
        code, out = _run(*command, "--json")
        assert code == 0, command
        json.loads(out)
    code, out = _run("rules", "effectiveness", "--json")
    assert code == 0
    assert {r["rule_id"] for r in json.loads(out)["rules"]} == {"R-ADCVD-001", "R-REV-001"}
