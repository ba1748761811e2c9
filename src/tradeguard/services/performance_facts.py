"""Build the PerformanceFacts snapshot from the real stores.

Sources (a missing decisions or findings file leaves its facts empty):
- holds, findings, cases and importers removed from rules: the operational database, through the
  named finders of store/measures.py. Without findings in the database, the findings Parquet
  export (settings.home/findings/findings.parquet) is read instead.
- decisions: every settings.decisions_dir/run-*/decisions.parquet, the latest run winning per
  entry, kept only for entries that a hold, finding or case refers to; holds fill the gaps.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.measures import DecisionFact, FindingFact, PerformanceFacts
from tradeguard.services.accounts import review_facts
from tradeguard.store.database import Database
from tradeguard.store.measures import case_facts, exam_facts, removal_facts


def _day(value: Any) -> date | None:
    """A date from a date or datetime cell (Parquet files hold either)."""
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value  # type: ignore[no-any-return]


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


def build_facts(db: Database, settings: Settings, *, as_of: date | None = None) -> PerformanceFacts:
    """The snapshot every measure reads, as of `as_of` (today by default)."""
    with db.session() as session:
        exams = exam_facts(session)
        cases = case_facts(session)
        removals = removal_facts(session)
    findings = list(exams.findings) or read_findings_export(settings)
    entries = {h.entry_no for h in exams.holds} | {f.entry_no for f in findings}
    entries |= {c.entry_no for c in cases.cases if c.entry_no}
    decisions = {d.entry_no: d for d in exams.decisions}
    for d in read_decisions(settings, entries):
        decisions[d.entry_no] = d
    return PerformanceFacts(
        as_of=as_of or date.today(),
        overdue_days=settings.overdue_days,
        holds=exams.holds,
        findings=tuple(findings),
        decisions=tuple(decisions.values()),
        cases=cases.cases,
        seizures=cases.seizures,
        penalties=cases.penalties,
        audits=cases.audits,
        eapa=cases.eapa,
        bond_demands=cases.bond_demands,
        removals=removals,
        reviews=review_facts(db),
    )
