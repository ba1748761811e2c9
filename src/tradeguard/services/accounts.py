"""National account managers' importer accounts: the largest importers by value in each Center,
and one account's view (entries, holds, findings, cases, compliance with its interval, reviews,
trusted-trader status).

The report counts 27 national account managers at the Centers; accounts go to the largest
importers by entered value per Center (ACCOUNTS_PER_CENTER, an assumption in docs/centers.md),
each Center's accounts shared over its managers in turn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.effectiveness import wilson_interval
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.measures.facts import ReviewFact
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.store.unit_of_work import UnitOfWork

ACCOUNTS_PER_CENTER = 5
NATIONAL_ACCOUNT_MANAGERS = 27  # GAO-17-618, Centers footnote 27


@dataclass(frozen=True, slots=True)
class Account:
    importer_id: str
    center: str
    manager: str
    entries: int
    value_usd: float


def _decisions(db: Database) -> pl.DataFrame:
    with UnitOfWork(db) as uow:
        run = uow.center_reviews.latest_post_entry_run() or uow.runs.latest_or_none()
    if run is None or not Path(run.decisions_path).exists():
        raise NotFound("no targeting run yet: accounts are drawn from the latest run's entries")
    return pl.read_parquet(run.decisions_path, columns=["importer_id", "center", "value_usd"])


def importer_accounts(db: Database, *, per_center: int = ACCOUNTS_PER_CENTER) -> list[Account]:
    """The largest importers by value in each Center, with their national account manager."""
    if per_center < 1:
        raise InvalidInput("per_center must be at least 1", "per_center")
    totals = (
        _decisions(db)
        .filter(pl.col("center").is_not_null())
        .group_by("center", "importer_id")
        .agg(pl.len().alias("entries"), pl.col("value_usd").sum().alias("value"))
        .sort(["center", "value", "importer_id"], descending=[False, True, False])
    )
    centers = sorted(set(totals["center"].to_list()))
    managers = {c: max(1, NATIONAL_ACCOUNT_MANAGERS // max(len(centers), 1)) for c in centers}
    out: list[Account] = []
    for center in centers:
        top = totals.filter(pl.col("center") == center).head(per_center)
        for n, r in enumerate(top.iter_rows(named=True)):
            manager = f"NAM-{''.join(w[0] for w in center.split() if w[0].isupper())}-"
            out.append(
                Account(
                    r["importer_id"], center, manager + str(n % managers[center] + 1),
                    int(r["entries"]), round(float(r["value"] or 0), 2),
                )
            )  # fmt: skip
    return out


@dataclass(slots=True)
class AccountView:
    importer_id: str
    entries: int = 0
    value_usd: float = 0.0
    trusted_trader: list[str] = field(default_factory=list)
    holds: int = 0
    holds_open: int = 0
    findings: int = 0
    violations: int = 0
    compliance_rate: float | None = None
    compliance_ci: tuple[float, float] = (0.0, 1.0)
    duty_found_usd: float = 0.0
    reviews: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _lake_facts(settings: Settings, view: AccountView) -> None:
    lake = EntryLake(settings.lake_dir)
    if lake.is_empty():
        return
    lines = lake.scan().filter(pl.col("importer_id") == view.importer_id)
    facts = lines.select(
        pl.col("entry_no").n_unique().alias("entries"),
        pl.col("value_usd").cast(pl.Float64).sum().alias("value"),
        pl.col("ctpat").any().alias("ctpat"),
        pl.col("isa").any().alias("isa"),
    ).collect()
    row = facts.row(0, named=True)
    view.entries, view.value_usd = int(row["entries"] or 0), round(float(row["value"] or 0), 2)
    view.trusted_trader = [name for name in ("ctpat", "isa") if row[name]]


def account_view(db: Database, settings: Settings, importer_id: str) -> AccountView:
    """One importer's account; compliance is the clean share of its examined entries and
    reviews, with a 95% Wilson interval (a handful of findings gives a wide one)."""
    view = AccountView(importer_id.strip())
    if not view.importer_id:
        raise InvalidInput("importer_id must not be empty", "importer_id")
    _lake_facts(settings, view)
    with UnitOfWork(db) as uow:
        holds = uow.importers.holds_with_findings(view.importer_id)
        cases = uow.importers.cases(view.importer_id)
        reviews = uow.center_reviews.for_importer(view.importer_id)
    if not view.entries and not holds:
        raise NotFound(f"no importer {view.importer_id!r} in the loaded entries")
    found = [f for _, f in holds if f is not None]
    view.holds, view.holds_open = len(holds), len(holds) - len(found)
    view.findings = len(found)
    view.violations = sum(f.result == "violation" for f in found)
    view.duty_found_usd = float(sum((f.duty_shortfall_usd for f in found), Decimal(0)))
    if found:
        clean = view.findings - view.violations
        view.compliance_rate = clean / view.findings
        view.compliance_ci = wilson_interval(clean, view.findings)
    view.reviews = dict(Counter(r.state for r in reviews))
    view.cases = dict(Counter(c.kind for c in cases))
    return view


@dataclass(frozen=True, slots=True)
class AccountMeasures:
    """Account-level figures for the measures catalogue: how the managed accounts comply."""

    accounts: int
    examined: int
    violations: int
    compliance_rate: float | None
    compliance_ci: tuple[float, float]


def account_measures(db: Database, settings: Settings) -> AccountMeasures:
    accounts = importer_accounts(db)
    examined = violations = 0
    for account in {a.importer_id for a in accounts}:
        view = account_view(db, settings, account)
        examined += view.findings
        violations += view.violations
    clean = examined - violations
    return AccountMeasures(
        len(accounts), examined, violations,
        clean / examined if examined else None, wilson_interval(clean, examined),
    )  # fmt: skip


def review_facts(db: Database) -> tuple[ReviewFact, ...]:
    """The Centers' reviews for the measure catalogue, marked when the importer is an account."""
    try:
        managed = {a.importer_id for a in importer_accounts(db)}
    except NotFound:
        managed = set()
    with UnitOfWork(db) as uow:
        rows = uow.center_reviews.every()
    return tuple(
        ReviewFact(
            center=r.center, importer_id=r.importer_id, entry_date=r.entry_date, state=r.state,
            closed_on=r.closed_on, result=r.result,
            duty_found_cents=int(r.duty_found_usd * 100),
            foregone_cents=int(r.duty_foregone() * 100), account=r.importer_id in managed,
        )
        for r in rows
    )  # fmt: skip
