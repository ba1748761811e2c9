"""The bill for an AD/CVD underpayment, from issue to payment, bond claim or write-off.

    open ──pay in full──► paid
      │ ╲
      │  ╲──write off──► written_off
      ▼
    claimed (against the surety, up to what the bond still covers) ──► paid | written_off

A bill is due 30 days after it is issued; after that, late interest accrues on what is owed and
is added each time something happens to the bill. Every cent billed ends as paid by the importer,
paid by the surety or written off: `billed == paid + surety_paid + written_off + balance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tradeguard.domain.adcvd.interest import RateSchedule, interest_cents
from tradeguard.domain.errors import Conflict, InvalidInput

DUE_DAYS = 30
# nothing happens to a bill a century after it was issued: a date that far is a typing error
HORIZON_DAYS = 36_525
# a bill unpaid this long after its due date is claimed against the bond
CLAIM_AFTER_DAYS = 90


class BillState(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


MOVES: dict[BillState, frozenset[BillState]] = {
    BillState.OPEN: frozenset({BillState.PAID, BillState.CLAIMED, BillState.WRITTEN_OFF}),
    BillState.CLAIMED: frozenset({BillState.PAID, BillState.WRITTEN_OFF}),
    BillState.PAID: frozenset(),
    BillState.WRITTEN_OFF: frozenset(),
}


@dataclass(slots=True)
class Bill:
    entry_no: str
    line_no: int
    importer_id: str
    case_no: str
    issued_on: date
    principal_cents: int
    interest_cents: int
    state: BillState = BillState.OPEN
    accrued_to: date | None = None  # late interest added up to this day
    paid_cents: int = 0
    claim_cents: int = 0
    surety_paid_cents: int = 0
    written_off_cents: int = 0
    claimed_on: date | None = None
    closed_on: date | None = None

    @property
    def due_on(self) -> date:
        return self.issued_on + timedelta(days=DUE_DAYS)

    @property
    def billed_cents(self) -> int:
        return self.principal_cents + self.interest_cents

    @property
    def balance_cents(self) -> int:
        settled = self.paid_cents + self.surety_paid_cents + self.written_off_cents
        return self.billed_cents - settled

    @property
    def claim_outstanding_cents(self) -> int:
        """What the surety still owes: the claim less its payments, never more than the bill
        still owes (the importer may pay part after the claim)."""
        return max(0, min(self.claim_cents - self.surety_paid_cents, self.balance_cents))

    def days_past_due(self, on: date) -> int:
        return max(0, (on - self.due_on).days)

    def _move(self, target: BillState) -> None:
        if target not in MOVES[self.state]:
            raise Conflict(f"a {self.state.value} bill cannot become {target.value}")
        self.state = target

    def _accrue(self, on: date, schedule: RateSchedule) -> None:
        """Add late interest on the balance from the due date (or the last accrual) to `on`."""
        start = max(self.accrued_to or self.due_on, self.due_on)
        if on > start and self.balance_cents > 0:
            self.interest_cents += interest_cents(self.balance_cents, start, on, schedule)
        self.accrued_to = max(on, start)

    def amount_due(self, on: date, schedule: RateSchedule) -> int:
        start = max(self.accrued_to or self.due_on, self.due_on)
        late = interest_cents(self.balance_cents, start, on, schedule) if on > start else 0
        return self.balance_cents + late

    def pay(self, amount_cents: int, on: date, schedule: RateSchedule) -> None:
        """The importer pays; the bill is paid once nothing is owed."""
        self._check_open(on)
        if amount_cents <= 0:
            raise InvalidInput("a payment must be more than zero", "amount")
        self._accrue(on, schedule)
        if amount_cents > self.balance_cents:
            raise InvalidInput(
                f"payment {amount_cents / 100:.2f} exceeds the balance "
                f"{self.balance_cents / 100:.2f}",
                "amount",
            )
        self.paid_cents += amount_cents
        self._close_if_settled(on)

    def claim(self, on: date, bond_available_cents: int, schedule: RateSchedule) -> int:
        """Demand payment from the surety, up to what the bond still covers; returns the claim."""
        self._check_open(on)
        if bond_available_cents < 0:
            raise InvalidInput("bond coverage must not be negative", "bond")
        self._accrue(on, schedule)
        self._move(BillState.CLAIMED)
        self.claimed_on = on
        self.claim_cents = min(self.balance_cents, bond_available_cents)
        return self.claim_cents

    def surety_pays(self, amount_cents: int, on: date) -> None:
        self._check_open(on)
        if self.state is not BillState.CLAIMED:
            raise Conflict("the surety pays only on a claim")
        outstanding = self.claim_outstanding_cents
        if not 0 < amount_cents <= outstanding:
            raise InvalidInput(f"the surety owes {outstanding / 100:.2f} on this claim", "amount")
        self.surety_paid_cents += amount_cents
        self._close_if_settled(on)

    def write_off(self, on: date) -> int:
        """Give up on what is still owed; returns the amount written off."""
        self._check_open(on)
        self._move(BillState.WRITTEN_OFF)
        self.written_off_cents = self.balance_cents
        self.closed_on = on
        return self.written_off_cents

    def _check_open(self, on: date) -> None:
        if self.state in (BillState.PAID, BillState.WRITTEN_OFF):
            raise Conflict(f"the bill for {self.entry_no}-{self.line_no} is {self.state.value}")
        if on < self.issued_on:
            raise InvalidInput("nothing can happen to a bill before it is issued", "on")
        if (on - self.issued_on).days > HORIZON_DAYS:
            raise InvalidInput("a date a century after the bill was issued", "on")

    def _close_if_settled(self, on: date) -> None:
        if self.balance_cents == 0:
            self._move(BillState.PAID)
            self.closed_on = on
