"""The demo's pre-entry step: the generated advance filings ingested, the rules on them run
before arrival, and the holds linked to their entries and scored against the generator's truth."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tradeguard.services.advance_ingest import ingest_advance
from tradeguard.services.demo_run import DemoRun, step_database
from tradeguard.services.pre_entry import pre_entry_holds, run_pre_entry

# The holds the demo summary lists by name (the rest are counted).
SHOWN = 5


@dataclass(frozen=True, slots=True)
class PreEntryDemo:
    filings: int
    rejected: int
    announced_entries: int
    held: int
    lanes: dict[str, int]
    rule_hits: dict[str, int]
    held_with_violation: int
    linked_to_entries: int
    mismatches: dict[str, int]
    first_holds: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "filings": self.filings,
            "rejected": self.rejected,
            "announced_entries": self.announced_entries,
            "held_before_arrival": self.held,
            "lanes": self.lanes,
            "rule_hits": self.rule_hits,
            "held_with_violation": self.held_with_violation,
            "precision": round(self.held_with_violation / self.held, 4) if self.held else None,
            "linked_to_entries": self.linked_to_entries,
            "mismatches_in_held": self.mismatches,
            "holds": self.first_holds,
        }


def _violating_entries(truth: Path) -> set[str]:
    frame = pl.read_parquet(truth, columns=["entry_no", "violation"])
    return set(frame.filter(pl.col("violation")).get_column("entry_no").unique().to_list())


def step_pre_entry(run: DemoRun) -> dict[str, object]:
    """Advance filings in, pre-entry holds out, each linked to the entry that followed."""
    report = ingest_advance([run.generated_dir / "advance.parquet"], run.settings)
    with step_database(run) as db:
        result = run_pre_entry(db, run.settings)
    holds = pre_entry_holds(run.settings)
    violating = _violating_entries(run.generated_dir / "truth.parquet")
    mismatches: Counter[str] = Counter()
    for h in holds:
        for name, flag in (
            ("origin", h.origin_mismatch),
            ("manufacturer", h.manufacturer_mismatch),
            ("hts6", h.hts6_mismatch),
        ):
            mismatches[name] += bool(flag)
    return PreEntryDemo(
        filings=report.rows,
        rejected=report.rejected,
        announced_entries=result.filed_entries,
        held=result.held,
        lanes=result.lanes,
        rule_hits=result.rule_hits,
        held_with_violation=sum(h.entry_no in violating for h in holds),
        linked_to_entries=sum(h.arrived for h in holds),
        mismatches=dict(mismatches),
        first_holds=[h.as_json() for h in holds[:SHOWN]],
    ).as_json()
