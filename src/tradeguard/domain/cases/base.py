"""The case model shared by every case type: kinds, a state machine, and where money goes.

Each case type declares its states and allowed moves as data (a table of source -> targets), which
states end the case, and which money field an amount given on entering a state fills.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from tradeguard.domain.errors import Conflict, InvalidInput


class CaseKind(StrEnum):
    DUTY_DEMAND = "duty_demand"
    PENALTY = "penalty"
    SEIZURE = "seizure"
    BOND_DEMAND = "bond_demand"
    REFERRAL = "referral"
    EAPA = "eapa"
    AUDIT = "audit"
    ALLEGATION = "allegation"
    LIQUIDATED_DAMAGES = "liquidated_damages"
    DENIED_ENTRY = "denied_entry"


MONEY_FIELDS = ("demanded", "assessed", "mitigated", "collected", "identified")

# Case dates record what happened: nothing after tomorrow (a user's "today" may be a time zone
# ahead), nothing older than the 20 years of records a case can still be worked from (the
# penalty statute of limitations is 5 years), and no step before the case was opened.
FUTURE_TOLERANCE = timedelta(days=1)
OLDEST_YEARS = 20


def check_case_date(day: date, *, today: date, field: str, not_before: date | None = None) -> date:
    """The date if it is within the bounds above; else InvalidInput naming `field`."""
    if day > today + FUTURE_TOLERANCE:
        raise InvalidInput(f"{field} {day} is in the future (today is {today})", field)
    oldest = today.replace(year=today.year - OLDEST_YEARS, day=min(today.day, 28))
    if day < oldest:
        raise InvalidInput(f"{field} {day} is more than {OLDEST_YEARS} years ago", field)
    if not_before is not None and day < not_before:
        raise InvalidInput(f"{field} {day} is before the case was opened ({not_before})", field)
    return day


def parse_kind(text: str) -> CaseKind:
    cleaned = text.strip().lower().replace("-", "_")
    try:
        return CaseKind(cleaned)
    except ValueError:
        names = ", ".join(k.value for k in CaseKind)
        raise InvalidInput(
            f"unknown case kind {text!r}; expected one of: {names}", "kind"
        ) from None


@dataclass(frozen=True, slots=True)
class CaseMachine:
    """States and allowed moves of one case type."""

    kind: CaseKind
    initial: str
    moves: Mapping[str, frozenset[str]]
    # money field filled by the amount given when a case enters the state
    amount_on_entry: Mapping[str, str] = field(default_factory=dict)

    @property
    def states(self) -> frozenset[str]:
        targets = {t for ts in self.moves.values() for t in ts}
        return frozenset(self.moves) | targets

    @property
    def terminal(self) -> frozenset[str]:
        return frozenset(s for s in self.states if not self.moves.get(s))

    def allowed(self, state: str) -> frozenset[str]:
        return self.moves.get(state, frozenset())

    def check_move(self, source: str, target: str) -> None:
        """Refuse an unknown state as bad input and a known but illegal move as a conflict."""
        if target not in self.states:
            names = ", ".join(sorted(self.states))
            raise InvalidInput(
                f"{target!r} is not a state of a {self.kind.value} case; expected one of: {names}",
                "to",
            )
        if target not in self.allowed(source):
            allowed = ", ".join(sorted(self.allowed(source))) or "none (the case is closed)"
            raise Conflict(
                f"a {self.kind.value} case cannot move from {source!r} to {target!r}; "
                f"allowed: {allowed}"
            )


def table(rows: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    return {source: frozenset(targets) for source, targets in rows.items()}
