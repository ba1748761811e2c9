"""Exams: holds from the latest targeting run, their allocation within each port's staffed
capacity (overdue holds and the Centers' review queues: services.exam_queues). The findings that
close holds are recorded by services.findings, re-exported here for callers that use `exams.`.

Capacity comes from the staffing model (docs/exams.md): the CBP officers' trade FTE spread over
ports by their share of national entries, times the share of trade time spent on exams.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.exams import (
    DISCRETIONARY,
    EXAM_COSTS,
    MODEL_EXPLORE_SHARE,
    RANDOM,
    ExamType,
    HoldToPlan,
    PortPlan,
    allocate,
    exam_type_for,
    fallback_yield,
)
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.reference.positions import load_staffing_parameters
from tradeguard.services import staffing
from tradeguard.services.findings import DEFAULT_EXEMPT_AFTER, record_findings
from tradeguard.store.database import Database
from tradeguard.store.exams import OPEN, HoldRow
from tradeguard.store.targeting_runs import TargetingRun
from tradeguard.store.unit_of_work import UnitOfWork

# Share of a CBP officer's trade time that goes to exams: the non-intrusive (0.35) and intensive
# (0.45) exam shares of the officer workload in reference/data/staffing_parameters.yaml.
EXAM_SHARE_OF_TRADE_TIME = Decimal("0.80")
# Entries a year nationally (staffing_parameters.yaml, drivers.entries): a port's share of them
# decides its share of the officers.
NATIONAL_ENTRIES_PER_YEAR = Decimal(30_000_000)
OFFICER_HOURS_PER_DAY = Decimal(8)

__all__ = [
    "DEFAULT_EXEMPT_AFTER",
    "HoldsCreated",
    "create_holds",
    "plan_exams",
    "record_findings",
]


def _decisions(run: TargetingRun) -> pl.DataFrame:
    path = Path(run.decisions_path)
    if not path.exists():
        raise NotFound(f"the decisions of targeting run {run.id} are missing: {path}")
    return pl.read_parquet(path)


def _money(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class HoldsCreated:
    run_id: int
    created: int


def create_holds(
    db: Database, *, actor: str = "system", today: date | None = None, replay: bool = False
) -> HoldsCreated:
    """A hold for every entry the latest run did not release (once per run and entry).

    `replay` dates each hold on its entry date, as if targeting had run the day the entry
    arrived: the demo replays a year of entries this way so that fiscal-year measures see
    holds, findings and cases in the year they belong to."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        run = uow.runs.latest()
        frame = _decisions(run).filter(pl.col("lane") != "release")
        known = uow.holds.entry_nos_in_run(run.id)
        risks = uow.rules.field_by_ref("risk")
        created = 0
        for d in frame.iter_rows(named=True):
            if d["entry_no"] in known:
                continue
            refs = list(d.get("rule_versions") or [])
            value = _money(d.get("value_usd"))
            if d.get("expected_yield_usd") is not None:
                expected = _money(d["expected_yield_usd"])
            elif d["lane"] == RANDOM:
                expected = Decimal(0)
            else:
                expected = fallback_yield(value, [risks.get(r, "medium") for r in refs])
            row = uow.holds.add(
                HoldRow(
                entry_no=d["entry_no"], run_id=run.id, lane=d["lane"],
                stage=d.get("stage") or "entry", port_code=d["port_code"],
                center=d.get("center"), importer_id=d["importer_id"], entry_date=d["entry_date"],
                rule_ids=json.dumps(list(d.get("rule_ids") or [])), rule_versions=json.dumps(refs),
                pti_hits=json.dumps(list(d.get("pti_hits") or [])), expected_yield_usd=expected,
                value_usd=value, sampled=bool(d.get("sampled")), status=OPEN,
                created_on=d["entry_date"] if replay else today,
                )
            )  # fmt: skip
            uow.changes.record(
                actor=actor, action="hold.create", entity="hold", entity_id=str(row.id),
                after=row.snapshot(),
            )  # fmt: skip
            created += 1
        uow.commit()
        return HoldsCreated(run_id=run.id, created=created)


@dataclass(frozen=True, slots=True)
class Window:
    start: date | None
    end: date | None

    def days(self, first: date, last: date) -> int:
        return ((self.end or last) - (self.start or first)).days + 1

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def window_of(day: date | None, date_from: date | None, date_to: date | None) -> Window:
    if day is not None and (date_from or date_to):
        raise InvalidInput("give either --date or --from/--to, not both", "date")
    if day is not None:
        return Window(day, day)
    if date_from and date_to and date_to < date_from:
        raise InvalidInput(f"--to {date_to} is before --from {date_from}", "to")
    return Window(date_from, date_to)


def _date_span(frame: pl.DataFrame) -> tuple[date, date]:
    days = frame["entry_date"].cast(pl.Date)
    first, last = days.min(), days.max()
    if not isinstance(first, date) or not isinstance(last, date):
        return date.today(), date.today()
    return first, last


def daily_capacity(frame: pl.DataFrame, scale: Decimal = Decimal(1)) -> dict[str, Decimal]:
    """Exam officer-hours per day of each port, from its entries per day in the decisions.

    The national figure (every trade FTE, share 1) is asked of the staffing model once and
    shared out by entries, so small ports are not rounded away to nothing."""
    if frame.is_empty():
        return {}
    first, last = _date_span(frame)
    span = Decimal((last - first).days + 1)
    operating_days = Decimal(load_staffing_parameters(None).operating_days_per_year)
    national = staffing.port_exam_officer_hours_per_day(Decimal(1)) * EXAM_SHARE_OF_TRADE_TIME
    out: dict[str, Decimal] = {}
    for port, entries in frame.group_by("port_code").agg(pl.len()).iter_rows():
        share = min(
            Decimal(1), Decimal(entries) / span * operating_days / NATIONAL_ENTRIES_PER_YEAR
        )
        out[port] = (national * share * scale).quantize(Decimal("0.01"))
    return out


@dataclass(frozen=True, slots=True)
class ExamCandidates:
    """The latest run's holds without a finding in a window, as allocation sees them."""

    holds: list[HoldRow]
    kinds: dict[int, ExamType]
    per_day: dict[str, Decimal]
    at_ports: list[HoldToPlan]  # the holds examined at a port (not document reviews)
    capacity: dict[str, Decimal]
    explore: Decimal  # MODEL_EXPLORE_SHARE when the risk model ranked the run, else 0


def exam_candidates(uow: UnitOfWork, window: Window, capacity_scale: Decimal) -> ExamCandidates:
    run = uow.runs.latest()
    frame = _decisions(run)
    per_day = daily_capacity(frame, capacity_scale)
    first, last = _date_span(frame)
    days = Decimal(window.days(first, last))
    holds = [h for h in uow.holds.without_finding_in_run(run.id) if window.holds(h.entry_date)]
    kinds = {h.id: exam_type_for(h.lane, h.stage, _ptis(h)) for h in holds}
    examined = uow.holds.importers_examined()
    at_ports = [
        HoldToPlan(
            h.id,
            h.port_code,
            _plan_lane(h),
            h.expected_yield_usd,
            EXAM_COSTS[kinds[h.id]].hours,
            unseen=h.importer_id not in examined,
        )
        for h in holds
        if kinds[h.id] is not ExamType.DOCUMENT_REVIEW
    ]
    capacity = {port: hours * days for port, hours in per_day.items()}
    # Only a model's ranking explores: the rules' fallback yields know nothing to explore.
    ranked_by_model = frame.height > 0 and bool(frame["risk_score"].is_not_null().any())
    explore = MODEL_EXPLORE_SHARE if ranked_by_model else Decimal(0)
    return ExamCandidates(holds, kinds, per_day, at_ports, capacity, explore)


def plan_exams(
    db: Database,
    *,
    day: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    capacity_scale: Decimal = Decimal(1),
    actor: str = "system",
    today: date | None = None,
    replay: bool = False,
) -> list[PortPlan]:
    """Plan the latest run's holds that have no finding: exams within each port's capacity,
    document reviews to the Center of the entry's HTS chapter."""
    if capacity_scale < 0:
        raise InvalidInput("capacity scale must not be negative", "capacity_scale")
    window = window_of(day, date_from, date_to)
    today = today or date.today()
    create_holds(db, actor=actor, today=today, replay=replay)
    with UnitOfWork(db) as uow:
        c = exam_candidates(uow, window, capacity_scale)
        holds, kinds, per_day = c.holds, c.kinds, c.per_day
        allocation = allocate(c.at_ports, c.capacity, c.explore)
        turn: Counter[str] = Counter()
        for h in sorted(holds, key=lambda h: (-h.expected_yield_usd, h.id)):
            before = h.snapshot()
            if kinds[h.id] is ExamType.DOCUMENT_REVIEW:
                kind, officer = kinds[h.id].value, _reviewer(h)
            elif h.id in allocation.examined:
                officers = max(1, math.ceil(per_day.get(h.port_code, 0) / OFFICER_HOURS_PER_DAY))
                officer = f"CBPO-{h.port_code}-{turn[h.port_code] % officers + 1}"
                turn[h.port_code] += 1
                kind = kinds[h.id].value
            else:
                kind, officer = None, None
            h.plan(kind, officer)
            h.planned_on = h.entry_date if replay else today
            if h.snapshot() != before:
                uow.changes.record(
                    actor=actor, action="hold.plan", entity="hold", entity_id=str(h.id),
                    before=before, after=h.snapshot(),
                )  # fmt: skip
        uow.commit()
        return [allocation.ports[p] for p in sorted(allocation.ports)]


def _plan_lane(hold: HoldRow) -> str:
    """A sampled entry is part of the measurement even when a discretionary rule also held it."""
    return RANDOM if hold.sampled and hold.lane == DISCRETIONARY else hold.lane


def _ptis(hold: HoldRow) -> list[PTI]:
    out = []
    for text in json.loads(hold.pti_hits):
        try:
            out.append(parse_pti(text))
        except InvalidInput:
            continue
    return out


def _reviewer(hold: HoldRow) -> str:
    return f"Import specialist, {hold.center or 'unassigned Center'}"
