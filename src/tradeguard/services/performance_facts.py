"""Build the PerformanceFacts snapshot from the real stores.

Sources (a missing decisions or findings file leaves its facts empty):
- holds and findings: the `exam_holds` / `exam_findings` tables (store/exams.py); a hold released
  without an exam is not an exam and is left out. Without findings in the database, the findings
  Parquet export (settings.home/findings/findings.parquet) is read instead.
- decisions: every settings.decisions_dir/run-*/decisions.parquet, the latest run winning per
  entry, kept only for entries that a hold, finding or case refers to; holds fill the gaps.
- cases: the `cases`, `case_events` and `case_deadlines` tables (store/cases.py).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import polars as pl
from sqlalchemy import select

from tradeguard.config import Settings
from tradeguard.domain.measures import (
    AuditFact,
    BondDemandFact,
    CaseFact,
    DecisionFact,
    EapaFact,
    FindingFact,
    HoldFact,
    PenaltyFact,
    PerformanceFacts,
    SeizureFact,
)
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow
from tradeguard.store.database import Database
from tradeguard.store.exams import FindingRow, HoldRow


def _day(value: Any) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value  # type: ignore[no-any-return]


def _cents(value: Any) -> int:
    return int((Decimal(str(value or 0)) * 100).to_integral_value())


def _json_list(text: str | None) -> tuple[str, ...]:
    try:
        return tuple(str(x) for x in json.loads(text or "[]"))
    except ValueError:
        return ()


def read_exams(
    db: Database,
) -> tuple[list[HoldFact], list[FindingFact], list[DecisionFact]]:
    holds: list[HoldFact] = []
    findings: list[FindingFact] = []
    decisions: list[DecisionFact] = []
    query = select(HoldRow, FindingRow).outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
    with db.session() as session:
        for hold, finding in session.execute(query):
            if finding is None and hold.status == "released":
                continue
            ptis = _json_list(hold.pti_hits)
            source = "random" if hold.lane == "random" else "targeted"
            holds.append(
                HoldFact(
                    hold_id=str(hold.id),
                    entry_no=hold.entry_no,
                    lane=hold.lane,
                    held_on=hold.entry_date,
                    placed_on=hold.created_on,
                    finding_on=finding.finding_date if finding is not None else None,
                    pti=ptis[0] if ptis else None,
                    port_code=hold.port_code,
                    center=hold.center,
                )
            )
            decisions.append(
                DecisionFact(
                    entry_no=hold.entry_no,
                    lane=hold.lane,
                    entry_date=hold.entry_date,
                    pti_hits=ptis,
                    sampled=bool(hold.sampled),
                    port_code=hold.port_code,
                    center=hold.center,
                )
            )
            if finding is not None:
                findings.append(
                    FindingFact(
                        entry_no=hold.entry_no,
                        line_no=finding.line_no,
                        finding_date=finding.finding_date,
                        violation=finding.result == "violation",
                        source=source,
                        pti=finding.pti,
                        violation_type=finding.violation_type,
                    )
                )
    return holds, findings, decisions


def read_findings_export(settings: Settings) -> list[FindingFact]:
    path = settings.home / "findings" / "findings.parquet"
    if not path.exists():
        return []
    frame = pl.read_parquet(path)
    wanted = {"entry_no", "line_no", "finding_date", "violation", "pti", "violation_type", "source"}
    missing = [pl.lit(None).alias(c) for c in sorted(wanted - set(frame.columns))]
    frame = frame.with_columns(missing).select(sorted(wanted))
    return [
        FindingFact(
            entry_no=str(row["entry_no"]),
            line_no=int(row["line_no"] or 1),
            finding_date=_day(row["finding_date"]) or date.min,
            violation=bool(row["violation"]),
            source=str(row["source"] or "targeted"),
            pti=row["pti"],
            violation_type=row["violation_type"],
        )
        for row in frame.iter_rows(named=True)
        if row["finding_date"] is not None
    ]


def read_decisions(settings: Settings, entries: set[str]) -> list[DecisionFact]:
    """Decisions of the given entries from every run's Parquet; the latest run wins."""
    paths = sorted(settings.decisions_dir.glob("run-*/decisions.parquet"))
    if not paths or not entries:
        return []
    columns = ("entry_no", "lane", "pti_hits", "sampled", "entry_date", "port_code", "center")
    frames = []
    for order, path in enumerate(paths):
        frame = pl.read_parquet(path)
        present = [c for c in columns if c in frame.columns]
        frames.append(
            frame.select(present)
            .filter(pl.col("entry_no").is_in(sorted(entries)))
            .with_columns(pl.lit(order).alias("_run"))
        )
    merged = pl.concat(frames, how="diagonal_relaxed").sort("_run")
    merged = merged.unique(subset="entry_no", keep="last", maintain_order=True)
    out = []
    for row in merged.iter_rows(named=True):
        entry_date = _day(row.get("entry_date"))
        if entry_date is None:
            continue
        out.append(
            DecisionFact(
                entry_no=str(row["entry_no"]),
                lane=str(row.get("lane") or ""),
                entry_date=entry_date,
                pti_hits=tuple(row.get("pti_hits") or ()),
                sampled=bool(row.get("sampled")),
                port_code=row.get("port_code"),
                center=row.get("center"),
            )
        )
    return out


def _first_entered(events: list[Any], state: str) -> date | None:
    days = [e.occurred_on for e in events if e.to_state == state]
    return min(days) if days else None


def read_cases(db: Database) -> dict[str, list[Any]]:
    """Cases, and from them the seizure, penalty, audit, EAPA and bond demand facts."""
    out: dict[str, list[Any]] = {
        k: [] for k in ("cases", "seizures", "penalties", "audits", "eapa", "bond_demands")
    }
    with db.session() as session:
        rows = list(session.scalars(select(CaseRow)))
        events: dict[int, list[Any]] = {}
        for event in session.scalars(select(CaseEventRow)):
            events.setdefault(event.case_id, []).append(event)
        determination = {
            d.case_id: d
            for d in session.scalars(
                select(CaseDeadlineRow).where(CaseDeadlineRow.name == "determination")
            )
        }
    for r in rows:
        out["cases"].append(
            CaseFact(
                case_id=r.id, kind=r.kind, pti=r.pti, state=r.state, opened_on=r.opened_on,
                closed_on=r.closed_on, entry_no=r.entry_no, demanded_cents=r.demanded_cents,
                assessed_cents=r.assessed_cents, mitigated_cents=r.mitigated_cents,
                collected_cents=r.collected_cents, identified_cents=r.identified_cents,
            )
        )  # fmt: skip
        mine = events.get(r.id, [])
        if r.kind == "seizure":
            details = json.loads(r.details or "{}")
            out["seizures"].append(
                SeizureFact(
                    case_id=r.id, pti=r.pti, seized_on=r.opened_on, state=r.state,
                    domestic_value_cents=_cents(details.get("domestic_value_usd")),
                    entry_no=r.entry_no,
                )
            )  # fmt: skip
        elif r.kind == "penalty":
            out["penalties"].append(
                PenaltyFact(
                    case_id=r.id, pti=r.pti, opened_on=r.opened_on,
                    assessed_cents=r.assessed_cents, mitigated_cents=r.mitigated_cents,
                    collected_cents=r.collected_cents, entry_no=r.entry_no,
                )
            )  # fmt: skip
        elif r.kind == "audit":
            completed = _first_entered(mine, "report_issued")
            if completed is None and r.state == "closed":
                completed = r.closed_on
            out["audits"].append(
                AuditFact(
                    case_id=r.id, pti=r.pti, opened_on=r.opened_on, completed_on=completed,
                    identified_cents=r.identified_cents, collected_cents=r.collected_cents,
                    entry_no=r.entry_no,
                )
            )  # fmt: skip
        elif r.kind == "eapa" and r.id in determination:
            deadline = determination[r.id]
            out["eapa"].append(
                EapaFact(
                    case_id=r.id, pti=r.pti,
                    initiated_on=_first_entered(mine, "initiated") or r.opened_on,
                    due_on=deadline.due_on, determined_on=deadline.met_on,
                )
            )  # fmt: skip
        elif r.kind == "bond_demand":
            out["bond_demands"].append(
                BondDemandFact(
                    case_id=r.id, pti=r.pti, opened_on=r.opened_on,
                    demanded_cents=r.demanded_cents, entry_no=r.entry_no,
                )
            )  # fmt: skip
    return out


def build_facts(db: Database, settings: Settings, *, as_of: date | None = None) -> PerformanceFacts:
    """The snapshot every measure reads, as of `as_of` (today by default)."""
    holds, findings, hold_decisions = read_exams(db)
    if not findings:
        findings = read_findings_export(settings)
    cases = read_cases(db)
    entries = {h.entry_no for h in holds} | {f.entry_no for f in findings}
    entries |= {c.entry_no for c in cases["cases"] if c.entry_no}
    decisions = {d.entry_no: d for d in hold_decisions}
    for d in read_decisions(settings, entries):
        decisions[d.entry_no] = d
    return PerformanceFacts(
        as_of=as_of or date.today(),
        overdue_days=settings.overdue_days,
        holds=tuple(holds),
        findings=tuple(findings),
        decisions=tuple(decisions.values()),
        cases=tuple(cases["cases"]),
        seizures=tuple(cases["seizures"]),
        penalties=tuple(cases["penalties"]),
        audits=tuple(cases["audits"]),
        eapa=tuple(cases["eapa"]),
        bond_demands=tuple(cases["bond_demands"]),
    )
