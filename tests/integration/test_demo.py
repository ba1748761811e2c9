"""`tradeguard demo`: the main job end to end on a small year, and its refusal to wipe data."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_the_demo_runs_the_whole_loop(tmp_path: Path) -> None:
    workdir = tmp_path / "demo"
    result = runner.invoke(
        app, ["demo", "--entries", "3000", "--seed", "2", "--workdir", str(workdir), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    generated = summary["generate declarations"]
    ingested = summary["ingest and validate"]
    assert ingested["accepted"] == ingested["rows"] == generated["lines"]
    assert summary["load starter rules"]["active_rules"] >= 18
    pre_entry = summary["pre-entry: advance filings"]
    assert pre_entry["rejected"] == 0 and pre_entry["held_before_arrival"] > 0
    # Every entry is loaded by now, so every pre-entry hold is linked to its entry.
    assert pre_entry["linked_to_entries"] == pre_entry["held_before_arrival"]
    assert pre_entry["held_with_violation"] > 0 and pre_entry["holds"]
    lanes = summary["target"]["lanes"]
    assert lanes["discretionary"] > 0 and lanes["random"] > 0 and lanes["release"] > 0
    exams = summary["exams and findings"]
    assert (
        exams["findings"]
        == exams["mandatory"] + exams["discretionary_examined"] + exams["random_examined"]
    )
    assert exams["violations"] > 0 and exams["cases_opened"] > 0
    model = summary["risk model; last fortnight"]
    assert model["model_version"] == "v0001" and model["targeted"]["entries"] > 0
    admissibility = summary["admissibility"]
    centers = summary["Centers: post-entry reviews"]
    assert centers["post_entry_targeting"]["entries"] > 0
    assert centers["totals"]["reviews"] > 0 and centers["totals"]["missed"] > 0
    assert all(c["reviews"] > 0 for c in centers["centers"].values())
    assert admissibility["denied_entries"] > 0 and admissibility["alerts"]["late"] == 1
    assert all(" 0 false alarms" in v for v in admissibility["screening_against_truth"].values())
    assert [o["order_no"] for o in admissibility["rescission_review"]] == [
        "337-LEO-003",
        "337-GEO-004",
    ]
    loop = summary["risk model in shadow and monitored"]
    assert loop["shadow"]["champion"] == "v0001" and loop["shadow"]["challengers"] == ["v0002"]
    assert loop["monitor"]["state"] in ("ok", "alert") and loop["monitor"]["weeks"] > 40
    # Trained on every finding so far: nothing examined since, so no promotion yet.
    assert loop["promotion"]["promote"] is False
    # The model ranked the last fortnight, so exam planning explored; at this size mandatory
    # and sample exams may leave no discretionary hours (tests/integration/exams covers reach).
    reach = loop["exploration"]
    assert reach["explore_share"] == 0.1
    assert reach["never_examined_by_yield_alone"] <= reach["never_examined_importers"]
    assert reach["never_examined_importers"] <= reach["discretionary_exams"]
    lifecycle = summary["case lifecycle"]
    followed, tips = lifecycle["follow-up cases"], lifecycle["e-allegations"]
    cases = summary["enforcement cases"]["totals"]
    within_year = (
        exams["cases_opened"] + admissibility["cases_opened"]
        + sum(v for k, v in followed.items() if k != "cases_in_operations")
        + tips["submitted"] + sum(tips["opened"].values())
    )  # fmt: skip
    # The Centers' reviews open some cases after the year ends (the report covers the year).
    centers_opened = centers["totals"]["cases_opened"]
    assert within_year <= cases["cases_opened"] <= within_year + centers_opened
    assert cases["cases_closed"] > 0 and lifecycle["moves"] > 0
    penalties = {k: Decimal(v) for k, v in cases["penalties"].items()}
    assert penalties["assessed"] > penalties["collected"] > 0
    assert min(cases["audits_by_type"].values()) > 0 and len(cases["audits_by_type"]) == 4
    assert cases["by_kind"]["eapa"] > 0 and cases["by_kind"]["referral"] > 0
    performance = summary["PTI performance"]
    assert performance["lint"] == 0 and Path(performance["report"]).is_file()
    assert Path(summary["staffing and hiring plan"]["chart"]).is_file()
    tracker = summary["audit recommendations"]
    assert tracker["met"] + tracker["not met"] + tracker["no data"] == 29
    assert tracker["changes_recorded"] == 29  # the first run records every status
    annual = summary["annual report"]
    assert Path(annual["pdf"]).is_file() and Path(annual["html"]).is_file()
    assert annual["pages"] >= 8
    adcvd = summary["AD/CVD liquidation and collection"]
    assert adcvd["bills_issued"] > 0 and sum(adcvd["unpaid_bills"]["by_age"].values()) >= 0
    assert set(adcvd["nonpayment_score"]) >= {"precision_top_10%", "base_rate"}
    human = runner.invoke(app, ["demo", "--entries", "300", "--workdir", str(workdir)])
    said = " ".join(human.stdout.split())
    assert human.exit_code == 0 and "nonpayment score precision in the top 10%" in said
    assert "exclusion orders and their trade alerts" in said and "337-GEO-002" in said
    again = runner.invoke(app, ["demo", "--entries", "200", "--workdir", str(workdir), "--json"])
    assert again.exit_code == 0, again.output  # a demo home is replaced by the next demo


def test_the_demo_will_not_wipe_a_home_that_holds_other_data(tmp_path: Path) -> None:
    workdir = tmp_path / "mine"
    workdir.mkdir()
    (workdir / "precious.txt").write_text("not a demo")
    result = runner.invoke(app, ["demo", "--entries", "200", "--workdir", str(workdir)])
    assert result.exit_code == 2
    assert "workdir" in result.stderr
    assert (workdir / "precious.txt").exists()
