"""The demo's quota step, the last: the beef quota race (generator/quota_race.py) arrives as a
file of its own, dated January, after the year is loaded; ingest charges it in presentation order
with the year's own beef. Then the quota status by period, and the quota rule's holds set against
the over-quota lines the generator planted. Run last so that the race's bulk cargoes change no
earlier step's figures."""

from __future__ import annotations

from typing import Any

import polars as pl
import pyarrow.parquet as pq

from tradeguard.generator.output import write_tables
from tradeguard.generator.quota_race import race_tables
from tradeguard.services.demo_run import DemoRun, step_database
from tradeguard.services.ingest import ingest
from tradeguard.services.quota_charging import quota_fills
from tradeguard.services.quota_status import quota_status
from tradeguard.services.rule_hits import entry_hits_frame
from tradeguard.services.targeting import rules_in_force
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import hit_matrix

QUOTA_RULE = "R-AG-003"


def _held_by_quota_rule(run: DemoRun) -> set[str]:
    """Entries the quota rule in force holds anywhere in the year (every stage)."""
    with step_database(run) as db:
        published = [p for p in rules_in_force(db) if p.rule.id == QUOTA_RULE]
    if not published:
        return set()
    rules = compile_rules(published, None, quotas=quota_fills(run.settings.lake_dir))
    hits = entry_hits_frame(run.settings, rules, seed=run.seed, sample_rate=0.0)
    if hits.is_empty():
        return set()
    held = hit_matrix(hits, rules)[:, 0]
    return set(hits.get_column("entry_no").filter(pl.Series(held)).to_list())


def _load_race(run: DemoRun) -> pl.DataFrame:
    """Ingest the race as its own file; the truth of the year with the race."""
    declarations = pq.read_table(run.generated_dir / "declarations.parquet")
    year_truth = pq.read_table(run.generated_dir / "truth.parquet")
    race, truth = race_tables(declarations, year_truth, seed=run.seed, fy=run.fy)
    paths = write_tables(race, truth, run.generated_dir / "quota_race", "parquet")
    ingest([paths["declarations"]], run.settings)
    frame = pl.from_arrow(truth)
    assert isinstance(frame, pl.DataFrame)
    return frame


def step_quotas(run: DemoRun) -> dict[str, Any]:
    truth = _load_race(run)
    report = quota_status(run.settings.lake_dir)
    planted = set(truth.filter(pl.col("scheme") == "quota_overfill")["entry_no"].to_list())
    held = _held_by_quota_rule(run)
    return {
        "periods": [p.as_json() for p in report.periods],
        "filled": report.filled,
        "entries_over": report.entries_over,
        "planted_vs_detected": {
            "planted_entries_over_quota": len(planted),
            f"held_by_{QUOTA_RULE}": len(held),
            "planted_and_held": len(planted & held),
        },
    }
