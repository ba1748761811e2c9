"""Exams: holds from the latest targeting run, their allocation within each port's staffed
capacity, the findings that close them, overdue holds, and the Centers' review queues.

Capacity comes from the staffing model (docs/exams.md): the CBP officers' trade FTE spread over
ports by their share of national entries, times the share of trade time spent on exams.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.config import Settings
from tradeguard.domain.cases.duty_demand import duty_owed
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.exams import (
    DISCRETIONARY,
    EXAM_COSTS,
    RANDOM,
    ExamType,
    FindingInput,
    HoldToPlan,
    PortPlan,
    allocate,
    exam_type_for,
    fallback_yield,
    parse_finding,
)
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.reference.catalog import load_reference
from tradeguard.reference.positions import load_staffing_parameters
from tradeguard.services import staffing
from tradeguard.services.effectiveness import exempt_after_clean_in
from tradeguard.services.findings_export import write_findings
from tradeguard.store.audit import record_change
from tradeguard.store.database import Database
from tradeguard.store.exams import CLOSED, OPEN, PLANNED, RELEASED, FindingRow, HoldRow
from tradeguard.store.lake import EntryLake
from tradeguard.store.rules import RuleVersion
from tradeguard.store.targeting_runs import TargetingRun, latest

try:  # the cases engine opens the cases a violation calls for, in the same transaction
    from tradeguard.services.cases import open_for_finding_in
except ImportError:  # pragma: no cover - only while the cases family is being built
    open_for_finding_in = None  # type: ignore[assignment]

# Share of a CBP officer's trade time that goes to exams: the non-intrusive (0.35) and intensive
# (0.45) exam shares of the officer workload in reference/data/staffing_parameters.yaml.
EXAM_SHARE_OF_TRADE_TIME = Decimal("0.80")
# Entries a year nationally (staffing_parameters.yaml, drivers.entries): a port's share of them
# decides its share of the officers.
NATIONAL_ENTRIES_PER_YEAR = Decimal(30_000_000)
OFFICER_HOURS_PER_DAY = Decimal(8)

__all__ = [
    "center_queues",
    "create_holds",
    "overdue",
    "plan_exams",
    "record_findings",
    "run_exam_cycle",
]


def _latest_run(session: Session) -> TargetingRun:
    run = latest(session)
    if run is None:
        raise NotFound("no targeting run yet: run `tradeguard target` first")
    return run


def _decisions(run: TargetingRun) -> pl.DataFrame:
    path = Path(run.decisions_path)
    if not path.exists():
        raise NotFound(f"the decisions of targeting run {run.id} are missing: {path}")
    return pl.read_parquet(path)


def rule_facts(session: Session, key: str) -> dict[str, str]:
    """One field (risk, pti) of every rule version, by its `R-ID@N` reference."""
    out: dict[str, str] = {}
    for row in session.scalars(select(RuleVersion)):
        out[f"{row.rule_id}@{row.version}"] = str(json.loads(row.content).get(key, ""))
    return out


def _money(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def create_holds(
    db: Database, *, actor: str = "system", today: date | None = None, replay: bool = False
) -> dict[str, int]:
    """A hold for every entry the latest run did not release (once per run and entry).

    `replay` dates each hold on its entry date, as if targeting had run the day the entry
    arrived: the demo replays a year of entries this way so that fiscal-year measures see
    holds, findings and cases in the year they belong to."""
    today = today or date.today()
    with db.session() as session:
        run = _latest_run(session)
        frame = _decisions(run).filter(pl.col("lane") != "release")
        known = set(session.scalars(select(HoldRow.entry_no).where(HoldRow.run_id == run.id)))
        risks = rule_facts(session, "risk")
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
            row = HoldRow(
                entry_no=d["entry_no"], run_id=run.id, lane=d["lane"],
                stage=d.get("stage") or "entry", port_code=d["port_code"],
                center=d.get("center"), importer_id=d["importer_id"], entry_date=d["entry_date"],
                rule_ids=json.dumps(list(d.get("rule_ids") or [])), rule_versions=json.dumps(refs),
                pti_hits=json.dumps(list(d.get("pti_hits") or [])), expected_yield_usd=expected,
                value_usd=value, sampled=bool(d.get("sampled")), status=OPEN,
                created_on=d["entry_date"] if replay else today,
            )  # fmt: skip
            session.add(row)
            session.flush()
            record_change(
                session, actor=actor, action="hold.create", entity="hold",
                entity_id=str(row.id), after=row.snapshot(),
            )  # fmt: skip
            created += 1
        return {"run_id": run.id, "created": created}


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
    with db.session() as session:
        run = _latest_run(session)
        frame = _decisions(run)
        per_day = daily_capacity(frame, capacity_scale)
        first, last = _date_span(frame)
        days = Decimal(window.days(first, last))
        holds = [
            h
            for h in session.scalars(
                select(HoldRow).where(HoldRow.run_id == run.id, HoldRow.status != CLOSED)
            )
            if window.holds(h.entry_date)
        ]
        kinds = {h.id: exam_type_for(h.lane, h.stage, _ptis(h)) for h in holds}
        at_ports = [
            HoldToPlan(
                h.id,
                h.port_code,
                _plan_lane(h),
                h.expected_yield_usd,
                EXAM_COSTS[kinds[h.id]].hours,
            )
            for h in holds
            if kinds[h.id] is not ExamType.DOCUMENT_REVIEW
        ]
        capacity = {port: hours * days for port, hours in per_day.items()}
        allocation = allocate(at_ports, capacity)
        turn: Counter[str] = Counter()
        for h in sorted(holds, key=lambda h: (-h.expected_yield_usd, h.id)):
            before = h.snapshot()
            if kinds[h.id] is ExamType.DOCUMENT_REVIEW:
                status, kind, officer = PLANNED, kinds[h.id].value, _reviewer(h)
            elif h.id in allocation.examined:
                officers = max(1, math.ceil(per_day.get(h.port_code, 0) / OFFICER_HOURS_PER_DAY))
                officer = f"CBPO-{h.port_code}-{turn[h.port_code] % officers + 1}"
                turn[h.port_code] += 1
                status, kind = PLANNED, kinds[h.id].value
            else:
                status, kind, officer = RELEASED, None, None
            h.status, h.exam_type, h.officer = status, kind, officer
            h.planned_on = h.entry_date if replay else today
            if h.snapshot() != before:
                record_change(
                    session, actor=actor, action="hold.plan", entity="hold",
                    entity_id=str(h.id), before=before, after=h.snapshot(),
                )  # fmt: skip
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


def overdue(db: Database, *, overdue_days: int, today: date | None = None) -> dict[str, Any]:
    """Holds with no finding more than `overdue_days` after planning, by officer and port."""
    today = today or date.today()
    cutoff = today - timedelta(days=overdue_days)
    with db.session() as session:
        rows = session.scalars(
            select(HoldRow).where(HoldRow.status.in_([OPEN, PLANNED])).order_by(HoldRow.id)
        )
        late = [h for h in rows if (h.planned_on or h.created_on) < cutoff]
    holds = [
        {
            "hold_id": h.id, "entry_no": h.entry_no, "port": h.port_code, "officer": h.officer,
            "lane": h.lane, "exam_type": h.exam_type,
            "days_open": (today - (h.planned_on or h.created_on)).days,
        }
        for h in late
    ]  # fmt: skip
    by_officer = Counter((h["officer"] or "unassigned", h["port"]) for h in holds)
    by_port = Counter(h["port"] for h in holds)
    return {
        "overdue_days": overdue_days,
        "holds": holds,
        "by_officer": [
            {"officer": o, "port": p, "holds": n} for (o, p), n in sorted(by_officer.items())
        ],
        "by_port": [{"port": p, "holds": n} for p, n in sorted(by_port.items())],
    }


def center_queues(db: Database) -> dict[str, Any]:
    """Each Center's post-entry document reviews: waiting, done, and the hours still queued."""
    hours = EXAM_COSTS[ExamType.DOCUMENT_REVIEW].hours
    queue: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    with db.session() as session:
        reviews = session.scalars(
            select(HoldRow).where(HoldRow.exam_type == ExamType.DOCUMENT_REVIEW.value)
        )
        for h in reviews:
            center = h.center or "unassigned"
            if h.status == CLOSED:
                done[center] += 1
            else:
                queue[center] += 1
    return {
        "centers": [
            {
                "center": c,
                "queue": queue[c],
                "reviewed": done[c],
                "workload_hours": float(queue[c] * hours),
            }
            for c in sorted(set(queue) | set(done))
        ]
    }


# -- findings ------------------------------------------------------------------------------------
# Clean findings in a row after which an importer is removed from a rule (docs/exams.md).
DEFAULT_EXEMPT_AFTER = 5


def _lines(lake_dir: Path, entry_nos: set[str]) -> dict[tuple[str, int], dict[str, Any]]:
    lake = EntryLake(lake_dir)
    if not entry_nos or lake.is_empty():
        return {}
    frame = lake.scan().filter(pl.col("entry_no").is_in(sorted(entry_nos))).collect()
    return {(r["entry_no"], int(r["line_no"])): r for r in frame.iter_rows(named=True)}


def _violation(
    hold: HoldRow,
    row: FindingRow,
    given: FindingInput,
    line: dict[str, Any],
    home: Path,
    rule_ptis: dict[str, str],
) -> ViolationFinding:
    """The finding the cases engine opens cases from, with the declared and corrected facts."""
    assert given.pti is not None and given.violation_type is not None
    reference = load_reference(home)
    true_hts = given.hts10 or line["hts10"]
    true_origin = given.origin or line["origin_country"]
    tariff = reference.hts.get(true_hts)
    true_rate = Decimal(str(line["duty_rate"]))
    # a new classification, or a preference claim refused, brings the general rate back
    rate_changes = (given.hts10 and given.hts10 != line["hts10"]) or (
        given.violation_type == "false_preference"
    )
    if rate_changes and tariff is not None and tariff.general_rate is not None:
        true_rate = tariff.general_rate
    order = reference.adcvd_for(true_hts, true_origin)
    adcvd = (
        order.rate
        if order
        else (None if line["adcvd_rate"] is None else Decimal(str(line["adcvd_rate"])))
    )
    rule_id, version = _rule_for(hold, given.pti, rule_ptis)
    true_value = given.value_usd or Decimal(str(line["value_usd"]))
    return ViolationFinding(
        finding_id=f"F-{row.id}", hold_id=str(hold.id), entry_no=hold.entry_no,
        line_no=given.line_no, rule_id=rule_id, rule_version=version, pti=given.pti,
        violation_type=given.violation_type, finding_date=given.finding_date,
        importer_id=hold.importer_id, manufacturer_id=line["manufacturer_id"],
        declared_hts10=line["hts10"], true_hts10=true_hts, declared_origin=line["origin_country"],
        true_origin=true_origin, declared_value_usd=Decimal(str(line["value_usd"])),
        true_value_usd=true_value, duty_paid_usd=Decimal(str(line["duty_usd"])),
        true_duty_rate=true_rate, adcvd_rate=adcvd,
        domestic_value_usd=given.domestic_value_usd or true_value, violation_date=hold.entry_date,
    )  # fmt: skip


def _rule_for(hold: HoldRow, pti: PTI, rule_ptis: dict[str, str]) -> tuple[str, int]:
    """The rule the finding is credited to: the first of the hold's rules for the same PTI."""
    refs = hold.refs()
    if not refs:
        return ("RANDOM-SAMPLE", 0)
    same = [r for r in refs if rule_ptis.get(r) == pti.value]
    return _split_ref((same or refs)[0])


def _split_ref(ref: str) -> tuple[str, int]:
    rule_id, _, version = ref.partition("@")
    return rule_id, int(version) if version.isdigit() else 0


def record_findings(
    db: Database,
    settings: Settings,
    rows: list[dict[str, Any]],
    *,
    actor: str,
    exempt_after: int = DEFAULT_EXEMPT_AFTER,
    today: date | None = None,
) -> dict[str, Any]:
    """Close holds with findings, all rows or none; violations open their cases, clean streaks
    remove importers from rules; then the findings file is rewritten."""
    today = today or date.today()
    given: list[FindingInput] = []
    for number, raw in enumerate(rows, start=1):
        try:
            given.append(parse_finding(raw, actor=actor, today=today))
        except InvalidInput as error:
            raise InvalidInput(f"result {number}: {error}", error.field) from error
    cases: list[int] = []
    exemptions: list[dict[str, str]] = []
    with db.session() as session:
        holds = {g.hold_id: session.get(HoldRow, g.hold_id) for g in given}
        missing = sorted(h for h, row in holds.items() if row is None)
        if missing:
            raise NotFound(
                f"no hold {missing[0]}"
                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
            )
        rule_ptis = rule_facts(session, "pti")
        lines = _lines(settings.lake_dir, {h.entry_no for h in holds.values() if h is not None})
        for g in given:
            hold = holds[g.hold_id]
            assert hold is not None
            if hold.status == CLOSED:
                raise Conflict(f"hold {hold.id} already has a finding")
            line = lines.get((hold.entry_no, g.line_no))
            if g.result == "violation" and line is None:
                raise InvalidInput(
                    f"entry {hold.entry_no} has no line {g.line_no} in the entry lake", "line_no"
                )
            row = FindingRow(
                hold_id=hold.id, result=g.result, line_no=g.line_no,
                pti=g.pti.value if g.pti else None, violation_type=g.violation_type,
                corrected_hts10=g.hts10, corrected_origin=g.origin, corrected_value_usd=g.value_usd,
                counterfeit=g.counterfeit, unsafe=g.unsafe, duty_shortfall_usd=Decimal(0),
                recorded_by=g.recorded_by, finding_date=g.finding_date,
            )  # fmt: skip
            session.add(row)
            session.flush()
            before = hold.snapshot()
            hold.status = CLOSED
            if g.result == "violation":
                assert line is not None
                found = _violation(hold, row, g, line, settings.home, rule_ptis)
                row.duty_shortfall_usd = (
                    g.duty_shortfall_usd
                    if g.duty_shortfall_usd is not None
                    else duty_owed(
                        found.true_value_usd,
                        found.true_duty_rate,
                        found.adcvd_rate,
                        found.duty_paid_usd,
                    )
                )
                if open_for_finding_in is not None:
                    cases += open_for_finding_in(session, found, actor)
            else:
                exemptions += exempt_after_clean_in(session, hold, exempt_after, actor, today)
            record_change(
                session,
                actor=actor,
                action="finding.record",
                entity="finding",
                entity_id=str(row.id),
                after=row.snapshot(),
            )
            record_change(
                session,
                actor=actor,
                action="hold.close",
                entity="hold",
                entity_id=str(hold.id),
                before=before,
                after=hold.snapshot(),
            )
    write_findings(db, settings.home)
    return {
        "recorded": len(given),
        "violations": sum(1 for g in given if g.result == "violation"),
        "cases": cases,
        "exemptions": exemptions,
    }


def run_exam_cycle(db: Database, settings: Settings, truth_path: Path, seed: int) -> dict[str, Any]:
    """The demo's loop: plan, simulate exams from the generator's truth, record findings."""
    from tradeguard.services.exam_simulation import exam_cycle

    return exam_cycle(db, settings, truth_path, seed)
