"""`tradeguard staffing gaps|model|plan` through the real command line."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.services.demo import step_generate, step_ingest
from tradeguard.services.demo_run import DemoRun
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake

runner = CliRunner()


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_gaps_json_reproduces_the_reports_four_positions(home: Path) -> None:
    document = _json(["staffing", "gaps", "--json"])
    below = [p["position"] for p in document["positions"] if p["generally_below_mandated"]]
    assert below == [
        "Import specialist",
        "Customs auditor",
        "National import specialist",
        "Drawback specialist",
    ]


def test_gaps_without_json_prints_a_table_and_nothing_on_stdout(home: Path) -> None:
    result = runner.invoke(app, ["staffing", "gaps"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Trade positions" in result.stderr
    assert "generally" in result.stderr


def test_model_json_shows_the_workload_behind_each_position(home: Path) -> None:
    document = _json(["staffing", "model", "--json"])
    officer = next(p for p in document["positions"] if p["position"] == "CBP officer")
    assert (officer["fte_low"], officer["fte_high"]) == (8658, 9682)
    assert {w["driver"] for w in officer["workload"]} == {
        "exams_nonintrusive",
        "exams_intensive",
        "entries",
    }
    assert all(w["source"] == "default" for w in officer["workload"])


def test_plan_json_keeps_the_recurrence_and_flags_infeasible_positions(
    home: Path, tmp_path: Path
) -> None:
    chart = tmp_path / "plan.html"
    document = _json(
        [
            "staffing",
            "plan",
            "--target-fy",
            "2020",
            "--attrition-rate",
            "0.05",
            "--lead-time-months",
            "12",
            "--hiring-capacity",
            "50",
            "--html",
            str(chart),
            "--json",
        ]
    )
    assert document["target_fy"] == 2020
    by_name = {p["position"]: p for p in document["positions"]}
    specialist = by_name["Import specialist"]
    assert list(specialist["years"]) == ["2017", "2018", "2019", "2020"]
    assert specialist["years"]["2017"]["people_start"] == 917
    assert specialist["years"]["2017"]["hires_on_board"] == 0  # a year's lead time
    previous_end = None
    for year in specialist["years"].values():
        assert year["people_end"] == (
            year["people_start"] - year["separations"] + year["hires_on_board"]
        )
        assert year["hires_started"] <= 50
        if previous_end is not None:
            assert year["people_start"] == previous_end
        previous_end = year["people_end"]
    officer = by_name["CBP officer"]
    assert list(officer["years"])[0] == "2015"  # after the October 2014 actual
    assert officer["parameters"]["lead_time_months"] == 12  # the flag is a what-if for all
    assert officer["feasible"] is False and officer["shortfall_people"] > 0
    assert by_name["Paralegal specialist"]["feasible"] is True
    html = chart.read_text()
    assert "<html>" in html and "Projected headcount against target" in html
    assert "<script src=" not in html and '<script type="text/javascript" src=' not in html
    assert len(html) > 1_000_000  # plotly.js itself is embedded


def test_plan_to_2020_hires_people_not_fte_within_a_finite_capacity(home: Path) -> None:
    document = _json(["staffing", "plan", "--target-fy", "2020", "--json"])
    by_name = {p["position"]: p for p in document["positions"]}
    officer = by_name["CBP officer"]
    assert officer["target_fte"] == 8658 and officer["people_needed"] == 27_650
    assert officer["people_needed"] > officer["target_fte"]
    assert officer["current_people"] == 22_000  # 6,889 trade FTE of 22,000 officers
    assert (
        officer["trade_share"] == "0.3131"
        and "22,000 CBP officers" in (officer["trade_share_source"])
    )
    for p in document["positions"]:
        capacity = p["parameters"]["hiring_capacity"]
        assert isinstance(capacity, int) and capacity >= 1
        assert all(y["hires_started"] <= capacity for y in p["years"].values())
        last = p["years"]["2020"]
        assert Decimal(last["fte"]) <= last["trained"] <= last["people_end"]
        assert Decimal(p["cost_usd"]) == sum(Decimal(y["cost_usd"]) for y in p["years"].values())
        for year in p["years"].values():
            assert Decimal(year["cost_usd"]) == Decimal(year["hiring_cost_usd"]) + Decimal(
                year["payroll_usd"]
            )
        if p["feasible"]:
            assert p["first_feasible_fy"] <= 2020
        else:
            assert p["first_feasible_fy"] is None or p["first_feasible_fy"] > 2020
    infeasible = [p["position"] for p in document["positions"] if not p["feasible"]]
    assert "CBP officer" in infeasible and officer["first_feasible_fy"] > 2020
    hard = [p["position"] for p in document["positions"] if p["hard_to_fill"]]
    assert hard == [
        "Import specialist",
        "Customs auditor",
        "National import specialist",
        "Drawback specialist",
    ]
    assert all(by_name[name]["recruitment_strategy"] for name in hard)
    # with room to hire every position reaches its target in time
    roomy = _json(
        ["staffing", "plan", "--target-fy", "2020", "--hiring-capacity", "100000", "--json"]
    )
    assert all(p["feasible"] for p in roomy["positions"])


def test_plan_without_json_prints_people_and_fte(home: Path) -> None:
    result = runner.invoke(app, ["staffing", "plan", "--target-fy", "2020"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    words = " ".join(result.stderr.split())
    assert "CBP officer: infeasible within a hiring capacity of 2,765 a year" in words
    assert "short of 27,650 people (8,658 trade FTE); first reachable in FY2022" in words


def test_plan_rejects_a_target_year_before_the_plan_can_start(home: Path) -> None:
    result = runner.invoke(app, ["staffing", "plan", "--target-fy", "2016", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "target fiscal year" in result.stderr


def test_plan_rejects_a_bad_attrition_rate(home: Path) -> None:
    result = runner.invoke(
        app, ["staffing", "plan", "--target-fy", "2020", "--attrition-rate", "1.5"]
    )
    assert result.exit_code == 2
    assert "attrition rate" in result.stderr


def _two_entries_in_the_lake() -> None:
    fields = [f for f in LAKE_SCHEMA if f.name in ("entry_no", "line_no", "entry_date")]
    rows = [
        {"entry_no": "ABC-1234567-1", "line_no": 1, "entry_date": date(2026, 3, 2)},
        {"entry_no": "ABC-1234567-1", "line_no": 2, "entry_date": date(2026, 3, 2)},
        {"entry_no": "ABC-1234568-9", "line_no": 1, "entry_date": date(2026, 3, 3)},
    ]
    table = pa.Table.from_pylist(rows, schema=pa.schema(fields))
    for field in LAKE_SCHEMA:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    EntryLake(load_settings().lake_dir).append(table, source="t", source_sha256="1" * 64)


def test_model_never_mixes_sample_counts_with_national_defaults(home: Path) -> None:
    _two_entries_in_the_lake()
    document = _json(["staffing", "model", "--json"])
    entry = next(p for p in document["positions"] if p["position"] == "Entry specialist")
    assert entry["workload"][0]["source"] == "default"  # no share recorded: not used
    assert (entry["fte_low"], entry["fte_high"]) == (433, 463)
    assert document["scope"]["lake_used"] is False
    assert "no national share" in document["scope"]["note"]
    # two entries over two days from a share of one in a million: 365 million entries a year
    scaled = _json(["staffing", "model", "--national-share", "0.000001", "--json"])
    entry = next(p for p in scaled["positions"] if p["position"] == "Entry specialist")
    assert (entry["workload"][0]["units"], entry["workload"][0]["source"]) == (
        365_000_000,
        "measured",
    )
    assert scaled["scope"]["days_covered"] == 2 and scaled["scope"]["lake_used"] is True


def test_scope_records_the_share_and_refuses_a_bad_one(home: Path) -> None:
    assert _json(["staffing", "scope", "--json"])["national_share"] is None
    recorded = _json(
        ["staffing", "scope", "--national-share", "0.05", "--source", "port of Savannah", "--json"]
    )
    assert (recorded["national_share"], recorded["source"]) == ("0.05", "port of Savannah")
    bad = runner.invoke(app, ["staffing", "scope", "--national-share", "2", "--json"])
    assert bad.exit_code == 2 and bad.stdout == "" and "national_share" in bad.stderr
    assert _json(["staffing", "scope", "--json"])["national_share"] == "0.05"
    _two_entries_in_the_lake()
    document = _json(["staffing", "model", "--json"])
    assert document["scope"]["national_share"] == "0.05"
    assert document["scope"]["national_share_source"] == "port of Savannah"


def test_after_the_demo_each_position_overlaps_its_optimal_range(
    home: Path, tmp_path: Path
) -> None:
    """The demo's generated year, ingested as the demo does it, is scaled to a national year;
    the generator is calibrated to national volumes, so the model lands on Tables 5 and 6."""
    run = DemoRun(load_settings(), entries=3_000, seed=3, generated_dir=tmp_path / "generated")
    step_generate(run)
    step_ingest(run)
    document = _json(["staffing", "model", "--json"])
    assert document["scope"]["lake_used"] is True
    assert document["scope"]["lake_entries"] == 3_000
    assert document["scope"]["days_covered"] >= 360  # a whole fiscal year
    for position in document["positions"]:
        low, high = position["optimal_low"], position["optimal_high"]
        assert position["overlaps_optimal"], position
        assert position["fte_low"] <= high and low <= position["fte_high"], position
        # near: no position is off by more than half its optimal range
        assert abs(position["fte_low"] - low) <= low / 2, position
    measured = {
        w["driver"]
        for p in document["positions"]
        for w in p["workload"]
        if w["source"] == "measured"
    }
    assert measured == {"entries", "lines"}
    entry = next(p for p in document["positions"] if p["position"] == "Entry specialist")
    assert 29_000_000 <= entry["workload"][0]["units"] <= 31_000_000


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--hiring-capacity", "-5", "hiring capacity"),
        ("--training-months", "500", "training_months"),
    ],
)
def test_plan_rejects_bad_hiring_flags_naming_them(
    home: Path, flag: str, value: str, message: str
) -> None:
    result = runner.invoke(app, ["staffing", "plan", "--target-fy", "2020", flag, value, "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_model_rejects_a_bad_national_share(home: Path) -> None:
    result = runner.invoke(app, ["staffing", "model", "--national-share", "0", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "national_share" in result.stderr
