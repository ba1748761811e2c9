"""The custody generator is the same for the same seed, and the demo's custody step finds
every planted violation with no false alarm (a small run on SQLite)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.integration.api.targeted_home import settings_for
from tradeguard.cli.demo_report import print_summary
from tradeguard.generator.facilities import generate_facilities
from tradeguard.generator.inbond import SHARES, generate_movements
from tradeguard.services.demo import STEPS, step_inbond_facilities
from tradeguard.services.demo_run import DemoRun
from tradeguard.services.inbond_facilities_demo import inbond_and_facilities_demo
from tradeguard.store.database import Database

AS_OF = date(2026, 9, 30)


def test_the_same_seed_gives_the_same_movements_and_facilities() -> None:
    assert generate_movements(3, 80, AS_OF) == generate_movements(3, 80, AS_OF)
    assert generate_movements(3, 80, AS_OF) != generate_movements(4, 80, AS_OF)
    assert generate_facilities(3, 20, AS_OF) == generate_facilities(3, 20, AS_OF)
    planted = {m.violation for m in generate_movements(3, 80, AS_OF)}
    assert set(SHARES) <= planted
    assert all(
        (p.arrival_reported_on or AS_OF) <= AS_OF and (p.export_reported_on or AS_OF) <= AS_OF
        for p in generate_movements(3, 80, AS_OF)
    )


def test_the_custody_step_finds_what_was_planted(sqlite_database: Database) -> None:
    summary = inbond_and_facilities_demo(sqlite_database, 11, AS_OF, movements=80, sites=20)
    for section in ("inbond", "facilities"):
        lines = summary[section]["planted_vs_detected"]
        assert lines, section
        for name, line in lines.items():
            found, _, rest = line.partition(" of ")
            planted = rest.split(" ")[0]
            assert found == planted and int(planted) >= 2, (name, line)
            assert line.endswith(", 0 false alarms"), (name, line)
    inbond = summary["inbond"]
    assert inbond["liquidated_damages_claims"] >= inbond["defaults_declared"] > 0
    assert summary["facilities"]["codes_not_on_reference_list"]


def test_the_demo_step_reports_its_section_in_json_and_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = DemoRun(settings_for(tmp_path), entries=3000, seed=2, generated_dir=tmp_path / "g")
    names = [name for name, _ in STEPS]
    assert "in-bond and bonded facilities" in names
    section = step_inbond_facilities(run)
    assert section["as_of"] == min(AS_OF, date.today()).isoformat()
    assert section["inbond"]["movements"] == 60
    json.dumps(section)  # the summary is plain JSON
    print_summary({"in-bond and bonded facilities": section})
    shown = capsys.readouterr().out
    assert "in-bond and bonded facilities · inbond" in shown
    assert "planted_vs_detected.never_arrived" in shown
    assert "in-bond and bonded facilities · facilities" in shown
