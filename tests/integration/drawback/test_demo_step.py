"""The demo's custody step on a small generated year: every planted violation the controls can
see is found, and the loss estimate's interval is reported beside the truth."""

from __future__ import annotations

from pathlib import Path

from tradeguard.cli.demo_report import print_summary
from tradeguard.config import load_settings
from tradeguard.generator import generate
from tradeguard.generator.bonds import generate_stbs
from tradeguard.generator.drawback import generate_drawback
from tradeguard.services.demo import step_generate, step_ingest
from tradeguard.services.demo_controls import step_custody
from tradeguard.services.demo_run import DemoRun


def test_the_custody_step_finds_what_was_planted(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run = DemoRun(load_settings(), 15000, 4, home / "generated")
    step_generate(run)
    step_ingest(run)
    found = step_custody(run)
    drawback = found["drawback"]
    assert drawback["planted_refusable"] > 0
    assert drawback["planted_refused"] == drawback["planted_refusable"]
    assert drawback["refused_at_filing"] == drawback["planted_refusable"]
    assert drawback["sample"]["sampled"] >= 2
    bonds = found["single_transaction_bonds"]
    for kind in ("insufficient_stb", "unused_stb", "reused_stb"):
        found_n, planted_n = bonds[kind].split(" found, ")[0], bonds[kind].split(" of ")[-1]
        assert found_n == planted_n.split(" ")[0], bonds[kind]
    print_summary({"drawback and bonds": found})
    assert "Drawback: estimated revenue loss $" in capsys.readouterr().out


def test_the_generators_are_deterministic(home: Path) -> None:
    table = generate(entries=800, seed=3).declarations
    assert len(generate_drawback(table, 3).claims) == 1  # 800 entries: 1 claim at 50,000 a year
    assert generate_drawback(table, 3, 40) == generate_drawback(table, 3, 40)
    assert generate_stbs(table, 3) == generate_stbs(table, 3)
    assert generate_drawback(table, 3, 40).claims != generate_drawback(table, 4, 40).claims
