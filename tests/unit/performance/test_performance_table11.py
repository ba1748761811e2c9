"""GAO-17-618 Table 11 reproduced from plan files written from the report (tests/fixtures/table11):
as of February 2017, AD/CVD had current plans; IPR, Textiles, Trade Agreements and Revenue used
outdated ones; Import Safety and Agriculture had none; every PTI but AD/CVD had drafts in progress;
and the FY2017 AD/CVD plan's four measures had no target."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tradeguard.cli import app

TABLE11 = Path(__file__).resolve().parents[2] / "fixtures" / "table11"
runner = CliRunner()

EXPECTED = {
    "Antidumping and Countervailing Duties": (
        "current", ["adcvd-fy2013-2018", "adcvd-fy2017"], []
    ),
    "Intellectual Property Rights": ("outdated", ["ipr-fy2010-2014"], ["ipr-fy2017-2019"]),
    "Textiles and Wearing Apparel": (
        "outdated", ["textiles-fy2011"], ["textiles-fy2017", "textiles-fy2017-2021"]
    ),
    "Trade Agreements and Preference Programs": (
        "outdated",
        ["trade-agreements-fy2011"],
        ["trade-agreements-fy2017", "trade-agreements-fy2017-2021"],
    ),
    "Revenue": ("outdated", ["revenue-fy2009"], ["revenue-fy2017-2019"]),
    "Import Safety": ("none", [], ["import-safety-fy2017"]),
    "Agriculture Programs": ("none", [], ["agriculture-fy2017"]),
}  # fmt: skip


def test_the_february_2017_inventory_is_table_11() -> None:
    result = runner.invoke(
        app,
        ["performance", "lint", str(TABLE11), "--fy", "2017", "--as-of", "2017-02-28", "--json"],
    )
    assert result.exit_code == 1, result.output  # six PTIs are not current: the check fails
    document = json.loads(result.stdout)
    got = {p["pti"]: (p["status"], p["in_force"], p["drafts"]) for p in document["ptis"]}
    assert got == EXPECTED
    statuses = [p["status"] for p in document["ptis"]]
    assert (statuses.count("current"), statuses.count("outdated"), statuses.count("none")) == (
        1, 4, 2,
    )  # fmt: skip
    assert sum(bool(p["drafts"]) for p in document["ptis"]) == 6  # "most with drafts"
    problems = {(f["plan"], f["measure"], f["reason"], f["detail"]) for f in document["problems"]}
    assert problems == {
        ("adcvd-fy2017", m, "measure with no target", "FY2017")
        for m in ("audits", "nonaudit-services", "surveys", "importers-removed")
    }


def test_the_same_plans_when_the_drafts_are_adopted_leave_no_pti_outdated(tmp_path: Path) -> None:
    for plan in TABLE11.glob("*.yaml"):
        (tmp_path / plan.name).write_text(
            plan.read_text().replace("status: draft", "status: in force")
        )
    result = runner.invoke(
        app,
        ["performance", "lint", str(tmp_path), "--fy", "2017", "--as-of", "2017-10-01", "--json"],
    )
    statuses = {p["pti"]: p["status"] for p in json.loads(result.stdout)["ptis"]}
    assert set(statuses.values()) == {"current"}
    assert result.exit_code == 1  # the AD/CVD measures still have no target
