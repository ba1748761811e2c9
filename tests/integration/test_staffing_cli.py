"""`tradeguard staffing gaps|model|plan` through the real command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
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
    assert specialist["years"]["2017"]["start"] == 917
    assert specialist["years"]["2017"]["hires_on_board"] == 0  # a year's lead time
    previous_end = None
    for year in specialist["years"].values():
        assert year["end"] == year["start"] - year["separations"] + year["hires_on_board"]
        assert year["hires_started"] <= 50
        if previous_end is not None:
            assert year["start"] == previous_end
        previous_end = year["end"]
    officer = by_name["CBP officer"]
    assert list(officer["years"])[0] == "2015"  # after the October 2014 actual
    assert officer["feasible"] is False and officer["shortfall"] > 0
    assert by_name["Paralegal specialist"]["feasible"] is True
    html = chart.read_text()
    assert "<html>" in html and "Projected headcount against target" in html
    assert "<script src=" not in html and '<script type="text/javascript" src=' not in html
    assert len(html) > 1_000_000  # plotly.js itself is embedded


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


def test_model_counts_entries_and_lines_from_the_lake_under_home(home: Path) -> None:
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
    document = _json(["staffing", "model", "--json"])
    entry = next(p for p in document["positions"] if p["position"] == "Entry specialist")
    assert entry["workload"][0]["driver"] == "entries"
    assert (entry["workload"][0]["units"], entry["workload"][0]["source"]) == (2, "measured")
    assert (entry["fte_low"], entry["fte_high"]) == (0, 0)  # two entries need no one full time
