"""Holds, the findings that close them, and importers removed from rules after clean findings.

A hold is created for every entry a targeting run did not release; it is closed only by a
finding. Exemptions are never deleted: reversing one marks it inactive, so the history remains.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tradeguard.domain.hold import HoldStatus
from tradeguard.domain.hold import close as close_hold
from tradeguard.domain.hold import plan as plan_hold
from tradeguard.store.base import Base

MONEY = Numeric(16, 2)
# The hold's states live in the domain; these plain strings are what the status column stores.
OPEN, PLANNED, RELEASED, CLOSED = (str(s.value) for s in HoldStatus)


class HoldRow(Base):
    __tablename__ = "exam_holds"
    __table_args__ = (UniqueConstraint("run_id", "entry_no", name="uq_exam_holds_run_entry"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_no: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    run_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    lane: Mapped[str] = mapped_column(String(16), nullable=False)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    port_code: Mapped[str] = mapped_column(String(8), nullable=False)
    center: Mapped[str | None] = mapped_column(String(80), nullable=True)
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    rule_ids: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    rule_versions: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    pti_hits: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    expected_yield_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    value_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    sampled: Mapped[bool] = mapped_column(Boolean, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=OPEN)
    exam_type: Mapped[str | None] = mapped_column(String(24), nullable=True)
    officer: Mapped[str | None] = mapped_column(String(80), nullable=True)
    planned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_on: Mapped[date] = mapped_column(Date, nullable=False)

    def refs(self) -> list[str]:
        return list(json.loads(self.rule_versions))

    def plan(self, exam_type: str | None, officer: str | None) -> None:
        """Schedule an exam (PLANNED) or, with no exam type, release the hold (RELEASED)."""
        self.status = plan_hold(self.status, self.id, examined=exam_type is not None).value
        self.exam_type, self.officer = exam_type, officer

    def close(self) -> None:
        """A finding closes the hold (once: the domain refuses a second finding)."""
        self.status = close_hold(self.status, self.id).value

    def ids(self) -> list[str]:
        return list(json.loads(self.rule_ids))

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entry_no": self.entry_no,
            "run_id": self.run_id,
            "lane": self.lane,
            "stage": self.stage,
            "port": self.port_code,
            "center": self.center,
            "importer_id": self.importer_id,
            "entry_date": self.entry_date,
            "rule_versions": self.refs(),
            "expected_yield_usd": self.expected_yield_usd,
            "sampled": self.sampled,
            "status": self.status,
            "exam_type": self.exam_type,
            "officer": self.officer,
            "planned_on": self.planned_on,
            "created_on": self.created_on,
        }


class FindingRow(Base):
    __tablename__ = "exam_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hold_id: Mapped[int] = mapped_column(
        ForeignKey("exam_holds.id"), nullable=False, unique=True, index=True
    )
    result: Mapped[str] = mapped_column(String(16), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    pti: Mapped[str | None] = mapped_column(String(64), nullable=True)
    violation_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    corrected_hts10: Mapped[str | None] = mapped_column(String(10), nullable=True)
    corrected_origin: Mapped[str | None] = mapped_column(String(2), nullable=True)
    corrected_value_usd: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    counterfeit: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    unsafe: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    duty_shortfall_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)
    finding_date: Mapped[date] = mapped_column(Date, nullable=False)

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hold_id": self.hold_id,
            "result": self.result,
            "line_no": self.line_no,
            "pti": self.pti,
            "violation_type": self.violation_type,
            "corrected_hts10": self.corrected_hts10,
            "corrected_origin": self.corrected_origin,
            "corrected_value_usd": self.corrected_value_usd,
            "counterfeit": self.counterfeit,
            "unsafe": self.unsafe,
            "duty_shortfall_usd": self.duty_shortfall_usd,
            "recorded_by": self.recorded_by,
            "finding_date": self.finding_date,
        }


class RuleExemptionRow(Base):
    __tablename__ = "rule_exemptions"
    __table_args__ = (
        UniqueConstraint("rule_id", "importer_id", name="uq_rule_exemptions_rule_importer"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule_id: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    created_on: Mapped[date] = mapped_column(Date, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    reversed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reversed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)

    def snapshot(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "importer_id": self.importer_id,
            "active": self.active,
            "reason": self.reason,
            "created_on": self.created_on,
            "created_by": self.created_by,
            "reversed_on": self.reversed_on,
            "reversed_by": self.reversed_by,
        }
