"""What an officer's queue and a hold's page are made of; the API answers with these types as
they are (its schema is theirs), so a field is declared once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

__all__ = ["CaseLink", "HoldCard", "HoldDetail", "HoldReason", "ModelView", "PortWaiting"]


@dataclass(frozen=True, slots=True)
class PortWaiting:
    port: str
    waiting: int  # holds waiting for an exam in the latest targeting run


@dataclass(frozen=True, slots=True)
class HoldCard:
    """A hold as the queue lists it; `plan_lane` is the lane the exam plan counted it in."""

    id: int
    entry_no: str
    port: str
    lane: str
    plan_lane: str
    stage: str
    status: str
    exam_type: str | None
    officer: str | None
    importer_id: str
    entry_date: date
    value_usd: Decimal
    expected_yield_usd: Decimal
    rule_ids: list[str]
    sampled: bool


@dataclass(frozen=True, slots=True)
class HoldReason:
    """Why the entry was held; `where` is None unless the role may read predicates."""

    rule_id: str
    version: int | None
    name: str
    rationale: str
    risk: str | None
    pti: str | None
    where: str | None = None


@dataclass(frozen=True, slots=True)
class ModelView:
    """The active risk model's score of the entry and its largest contributions, in words."""

    version: str | None
    risk_score: float
    expected_yield_usd: float
    contributions: list[str]


@dataclass(frozen=True, slots=True)
class CaseLink:
    id: int
    kind: str
    pti: str
    state: str


@dataclass(frozen=True, slots=True)
class HoldDetail(HoldCard):
    """A hold with its declaration lines, its reasons, and its finding and cases once recorded."""

    center: str | None = None
    ptis: list[str] = field(default_factory=list)
    reasons: list[HoldReason] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)  # as the entry lake holds them
    model: ModelView | None = None
    finding: dict[str, Any] | None = None  # the finding's record (store.exams.FindingRow)
    cases: list[CaseLink] = field(default_factory=list)
    closed: bool = False
