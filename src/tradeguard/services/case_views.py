"""What the case use cases return: a case, its history and deadlines, and the due list.

The API answers with these types as they are (its schema is theirs); the command line prints
`as_json()`, the same document the case's change log entry holds (store.cases.CaseRow.snapshot).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field

from tradeguard.domain.cases import deadlines as rules
from tradeguard.domain.cases.money import from_cents
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow

__all__ = ["CaseDeadline", "CaseDetail", "CaseEvent", "CaseView", "DeterminationExtended"]


def _document(item: Any, kind: Any = None) -> dict[str, Any]:
    """The item's fields (those of `kind`, a base class, when given) in their declared order."""
    return {f.name: getattr(item, f.name) for f in fields(kind or item)}


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case with its links, money (decimal USD) and details, as its change log records it."""

    id: int
    kind: str
    pti: str
    state: str
    version: int
    opened_on: date
    closed_on: date | None
    opened_by: str
    subtype: str | None
    importer_id: str | None
    manufacturer_id: str | None
    entry_no: str | None
    line_no: int | None
    hold_id: str | None
    finding_id: str | None
    rule_id: str | None
    rule_version: int | None
    allegation_id: str | None
    violation_type: str | None
    culpability: str | None
    violation_date: date | None
    maximum: Decimal | None
    demanded: Decimal
    assessed: Decimal
    mitigated: Decimal
    collected: Decimal
    identified: Decimal
    details: dict[str, Any]

    @classmethod
    def of(cls, row: CaseRow) -> CaseView:
        return cls(**row.snapshot())

    def as_json(self) -> dict[str, Any]:
        return _document(self, CaseView)


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One move in a case's history; `from` and `to` in its document (Python reserves `from`)."""

    at: datetime
    on: date
    actor: str
    from_state: Annotated[str | None, Field(serialization_alias="from")]
    to_state: Annotated[str, Field(serialization_alias="to")]
    note: str
    amount: Decimal | None

    @classmethod
    def of(cls, row: CaseEventRow) -> CaseEvent:
        amount = None if row.amount_cents is None else from_cents(row.amount_cents)
        return cls(
            row.at, row.occurred_on, row.actor, row.from_state, row.to_state, row.note, amount
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at, "on": self.on, "actor": self.actor, "from": self.from_state,
            "to": self.to_state, "note": self.note, "amount": self.amount,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class CaseDeadline:
    case_id: int
    name: str
    due_on: date
    alert_on: date
    met_on: date | None
    status: str  # met, open, alert or overdue on the day asked about
    days_left: int

    @classmethod
    def of(cls, row: CaseDeadlineRow, today: date) -> CaseDeadline:
        status = "met" if row.met_on else rules.status(row.due_on, row.alert_on, today)
        days_left = (row.due_on - today).days
        return cls(row.case_id, row.name, row.due_on, row.alert_on, row.met_on, status, days_left)

    def as_json(self) -> dict[str, Any]:
        return _document(self)


@dataclass(frozen=True, slots=True)
class DueDeadline(CaseDeadline):
    """A deadline on the due list, with what its case is and where it stands."""

    kind: str = ""
    pti: str = ""
    state: str = ""


@dataclass(frozen=True, slots=True)
class CaseDetail(CaseView):
    """A case with the moves its machine allows next, its history and its deadlines."""

    allowed_moves: tuple[str, ...] = ()
    history: tuple[CaseEvent, ...] = ()
    deadlines: tuple[CaseDeadline, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            **CaseView.as_json(self),
            "allowed_moves": list(self.allowed_moves),
            "history": [e.as_json() for e in self.history],
            "deadlines": [d.as_json() for d in self.deadlines],
        }


@dataclass(frozen=True, slots=True)
class DeterminationExtended:
    """An EAPA determination moved from 300 to 360 days after initiation."""

    determination_due: date

    def as_json(self) -> dict[str, Any]:
        return {"determination_due": self.determination_due}
