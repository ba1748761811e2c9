"""The demo's exams: what an officer would find on each planned hold, read from the generator's
truth with the exam type's chance of detecting a violation that is there.

Deterministic for a seed: holds are visited in id order and each draws once from one generator.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.exams import EXAM_COSTS, ExamType
from tradeguard.services.exams import plan_exams
from tradeguard.services.findings import record_findings
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow
from tradeguard.store.unit_of_work import UnitOfWork

# Days from a planned exam to its recorded finding: most the next working days, some later.
TURNAROUND_DAYS = (1, 1, 2, 2, 3, 4, 6)


@dataclass(frozen=True, slots=True)
class ViolationFound:
    """The entry's first violating line as the exam finds it, in the findings' vocabulary."""

    line_no: int
    pti: str
    violation_type: str
    hts10: str
    origin: str
    value_usd: str


@dataclass(frozen=True, slots=True)
class ExamResult:
    """What the officer found on one hold: a violation, or clean when `found` is None."""

    hold_id: int
    recorded_by: str
    finding_date: date
    found: ViolationFound | None

    def row(self) -> dict[str, Any]:
        """The `exams record` row that record_findings parses."""
        base = {"hold_id": self.hold_id, "recorded_by": self.recorded_by}
        base["finding_date"] = self.finding_date.isoformat()
        if self.found is None:
            return {**base, "result": "clean"}
        kind = self.found.violation_type
        return {
            **base, "result": "violation", **asdict(self.found),
            "counterfeit": kind == "counterfeit", "unsafe": kind == "unsafe",
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExamCycle:
    """The demo's exam cycle: what the plans examined and missed, and what was found."""

    ports: int
    mandatory: int
    discretionary_examined: int
    random_examined: int
    missed: int
    missed_expected_yield_usd: float
    backlog_hours: float
    findings: int
    violations: int
    duty_shortfall_usd: float
    cases_opened: int = 0  # by the violations found
    exemptions: int = 0  # importers removed from rules after clean streaks

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def simulate_results(
    holds: list[HoldRow], truth_path: Path, seed: int, *, today: date | None = None
) -> list[ExamResult]:
    """One result per hold (the `exams record` format): a violation on the entry's first
    violating line if the exam detects it, clean otherwise."""
    rng = random.Random(seed)
    entry_nos = sorted({h.entry_no for h in holds})
    truth = (
        pl.scan_parquet(truth_path)
        .filter(pl.col("entry_no").is_in(entry_nos) & pl.col("violation"))
        .sort("entry_no", "line_no")
        .collect()
    )
    first_violation = {
        r["entry_no"]: r for r in truth.unique("entry_no", keep="first").iter_rows(named=True)
    }
    rows: list[ExamResult] = []
    for hold in sorted(holds, key=lambda h: h.id):
        kind = ExamType(hold.exam_type or ExamType.PHYSICAL.value)
        detected = rng.random() < float(EXAM_COSTS[kind].detection)
        planned_on = hold.planned_on or today or date.today()
        found_on = planned_on + timedelta(days=rng.choice(TURNAROUND_DAYS))
        truth_row = first_violation.get(hold.entry_no)
        # The generator's truth speaks the findings' vocabulary (domain/finding.py).
        found = None if truth_row is None or not detected else ViolationFound(
            truth_row["line_no"], truth_row["pti"], truth_row["violation_type"],
            truth_row["true_hts10"], truth_row["true_origin"],
            str(Decimal(str(truth_row["true_value_usd"]))),
        )  # fmt: skip
        rows.append(ExamResult(hold.id, hold.officer or "demo", found_on, found))
    return rows


def run_exam_cycle(db: Database, settings: Settings, truth_path: Path, seed: int) -> ExamCycle:
    """The demo's loop: plan the latest run's holds, examine the planned ones from the
    generator's truth, record what was found."""
    plans = plan_exams(db, actor="demo", replay=True)
    with UnitOfWork(db) as uow:
        planned = uow.holds.planned()
    results = [r.row() for r in simulate_results(planned, truth_path, seed)]
    recorded = record_findings(db, settings, results, actor="demo") if results else None
    with UnitOfWork(db) as uow:
        findings = uow.findings.every()
    return ExamCycle(
        ports=len(plans),
        mandatory=sum(p.mandatory for p in plans),
        discretionary_examined=sum(p.discretionary_examined for p in plans),
        random_examined=sum(p.random_examined for p in plans),
        missed=sum(p.missed for p in plans),
        missed_expected_yield_usd=float(sum((p.missed_expected_yield for p in plans), Decimal(0))),
        backlog_hours=float(sum((p.backlog_hours for p in plans), Decimal(0))),
        findings=len(findings),
        violations=sum(1 for f in findings if f.result == "violation"),
        duty_shortfall_usd=float(sum((f.duty_shortfall_usd for f in findings), Decimal(0))),
        cases_opened=len(recorded.cases) if recorded else 0,
        exemptions=len(recorded.exemptions) if recorded else 0,
    )
