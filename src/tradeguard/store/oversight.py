"""The recommendation tracker's history, and the named queries its evidence checks read.

Every tracker run records the recommendations whose evidence status changed, so the history of
each is kept (never overwritten). `OversightRepository` is the unit of work's `oversight`: the
tracker and the checks read through it, never through a bare session. Checks over the custody
controls read those features' own repositories (claims, ledger, samples, stbs) instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Text,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.store.adcvd import BillRow, LiquidationRow
from tradeguard.store.base import Base
from tradeguard.store.cases import CaseDeadlineRow, CaseRow
from tradeguard.store.exams import FindingRow, HoldRow


class StatusChangeRow(Base):
    __tablename__ = "oversight_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recommendation_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    previous: Mapped[str | None] = mapped_column(String(16), nullable=True)
    figures: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


@dataclass(frozen=True, slots=True)
class LiquidationTally:
    liquidated: int
    late: int
    late_by_cause: dict[str, int]


@dataclass(frozen=True, slots=True)
class HoldOutcomes:
    """Holds on entries of a period, by lane, and what their findings found."""

    by_lane: dict[str, int]
    with_finding: int
    violations: int
    duty_shortfall_usd: Decimal


@dataclass(frozen=True, slots=True)
class DatedFinding:
    """A finding with its hold's rule versions and whether the hold was a random sample."""

    rule_versions: tuple[str, ...]
    sampled: bool
    finding_date: date
    violation: bool
    pti: str | None


class OversightRepository:
    """The named queries of the tracker and its checks, inside one unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def latest_statuses(self) -> dict[str, str]:
        """Each recommendation's most recently recorded status."""
        newest = (
            select(StatusChangeRow.recommendation_id, func.max(StatusChangeRow.id).label("id"))
            .group_by(StatusChangeRow.recommendation_id)
            .subquery()
        )
        rows = self._session.execute(
            select(StatusChangeRow.recommendation_id, StatusChangeRow.status).join(
                newest, newest.c.id == StatusChangeRow.id
            )
        )
        return {rec_id: status for rec_id, status in rows}

    def record_change(
        self,
        recommendation_id: str,
        status: str,
        previous: str | None,
        figures: dict[str, Any],
        at: datetime,
    ) -> None:
        self._session.add(
            StatusChangeRow(
                recommendation_id=recommendation_id,
                status=status,
                previous=previous,
                figures=json.dumps(figures, sort_keys=True, default=str),
                recorded_at=at,
            )
        )

    def status_history(self, recommendation_id: str | None = None) -> list[StatusChangeRow]:
        """Recorded changes, oldest first; of one recommendation when given."""
        query = select(StatusChangeRow).order_by(StatusChangeRow.id)
        if recommendation_id is not None:
            query = query.where(StatusChangeRow.recommendation_id == recommendation_id)
        return list(self._session.scalars(query))

    def liquidation_tally(self, first: date, last: date) -> LiquidationTally:
        """AD/CVD lines liquidated in a period and how many came after the 6-month deadline."""
        rows = self._session.execute(
            select(LiquidationRow.late, LiquidationRow.cause, func.count(LiquidationRow.id))
            .where(LiquidationRow.liquidated_on >= first, LiquidationRow.liquidated_on <= last)
            .group_by(LiquidationRow.late, LiquidationRow.cause)
        ).all()
        causes: dict[str, int] = {}
        for late, cause, n in rows:
            if late:
                causes[cause or "not recorded"] = causes.get(cause or "not recorded", 0) + int(n)
        return LiquidationTally(sum(int(n) for *_, n in rows), sum(causes.values()), causes)

    def adcvd_bill_count(self) -> int:
        return int(self._session.execute(select(func.count(BillRow.id))).scalar_one())

    def importers_with_unpaid_bills(self, on: date) -> dict[str, int]:
        """AD/CVD bills past due on `on` and not paid in full, in cents still owed per importer."""
        owed = (
            BillRow.principal_cents
            + BillRow.interest_cents
            - BillRow.paid_cents
            - BillRow.surety_paid_cents
            - BillRow.written_off_cents
        )
        rows = self._session.execute(
            select(BillRow.importer_id, func.sum(owed))
            .where(BillRow.due_on < on, owed > 0)
            .group_by(BillRow.importer_id)
        )
        return {importer: int(cents) for importer, cents in rows}

    def bond_demand_importers(self, pti: str | None = None) -> set[str]:
        query = select(CaseRow.importer_id).where(CaseRow.kind == "bond_demand")
        if pti is not None:
            query = query.where(CaseRow.pti == pti)
        return {i for i in self._session.scalars(query) if i}

    def bond_demands(self, first: date, last: date) -> list[CaseRow]:
        query = select(CaseRow).where(
            CaseRow.kind == "bond_demand", CaseRow.opened_on >= first, CaseRow.opened_on <= last
        )
        return list(self._session.scalars(query))

    def deadlines_due_by(self, on: date) -> tuple[int, int]:
        """Deadlines of open cases due by `on`: how many, and how many of those are still unmet."""
        due = (
            select(func.count(CaseDeadlineRow.id))
            .join(CaseRow, CaseRow.id == CaseDeadlineRow.case_id)
            .where(CaseDeadlineRow.due_on <= on, CaseRow.closed_on.is_(None))
        )
        unmet = due.where(CaseDeadlineRow.met_on.is_(None))
        run = self._session.execute
        return int(run(due).scalar_one()), int(run(unmet).scalar_one())

    def holds_created_by(self, on: date) -> tuple[int, int]:
        """Holds created by `on`, and how many of those still have no finding."""
        total = select(func.count(HoldRow.id)).where(HoldRow.created_on <= on)
        without = (
            select(func.count(HoldRow.id))
            .outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
            .where(HoldRow.created_on <= on, FindingRow.id.is_(None))
        )
        run = self._session.execute
        return int(run(total).scalar_one()), int(run(without).scalar_one())

    def latest_activity_day(self) -> date | None:
        """The latest day a hold's entry or a case carries: the year the stores have data for."""
        days = [
            self._session.execute(select(func.max(HoldRow.entry_date))).scalar_one(),
            self._session.execute(select(func.max(CaseRow.opened_on))).scalar_one(),
        ]
        known = [d for d in days if d is not None]
        return max(known) if known else None

    def hold_outcomes(self, first: date, last: date) -> HoldOutcomes:
        in_period = (HoldRow.entry_date >= first, HoldRow.entry_date <= last)
        lanes = self._session.execute(
            select(HoldRow.lane, func.count(HoldRow.id)).where(*in_period).group_by(HoldRow.lane)
        )
        found = self._session.execute(
            select(
                func.count(FindingRow.id),
                func.count(FindingRow.id).filter(FindingRow.result == "violation"),
                func.coalesce(func.sum(FindingRow.duty_shortfall_usd), 0),
            )
            .join(HoldRow, HoldRow.id == FindingRow.hold_id)
            .where(*in_period)
        ).one()
        return HoldOutcomes(
            by_lane={lane: int(n) for lane, n in lanes},
            with_finding=int(found[0]),
            violations=int(found[1]),
            duty_shortfall_usd=Decimal(str(found[2])),
        )

    def dated_findings(self) -> list[DatedFinding]:
        rows = self._session.execute(
            select(HoldRow, FindingRow).join(FindingRow, FindingRow.hold_id == HoldRow.id)
        )
        return [
            DatedFinding(
                tuple(hold.refs()),
                hold.sampled or hold.lane == "random",
                finding.finding_date,
                finding.result == "violation",
                finding.pti,
            )
            for hold, finding in rows
        ]

    def holds_waiting_for(self, officer: str) -> list[HoldRow]:
        """Holds planned for an officer and not yet closed by a finding, oldest first."""
        query = (
            select(HoldRow)
            .outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
            .where(HoldRow.officer == officer, FindingRow.id.is_(None))
            .order_by(HoldRow.planned_on, HoldRow.id)
        )
        return list(self._session.scalars(query))
